"""Command line: python -m generator import|check|fmt|enrich|embeddings|retag|tags-report|related-report|check-site|check-renames|search."""

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator.model.problems import ContentError, errors, printable

EPILOG = """examples:
  python -m generator import                      # re-import every dump in content/sources.yaml
  python -m generator import new.txt --captured 2026-11-20
  python -m generator check                       # validate content/, exit 1 on any error
  python -m generator check --format github       # the same, as GitHub annotations
  python -m generator fmt                         # rewrite papers into canonical form
  python -m generator enrich --dry-run            # what Hugging Face Papers would fill in, as a diff
  python -m generator embeddings                  # SPECTER2 vectors from Semantic Scholar (S2_API_KEY honoured)
  python -m generator retag                       # the tags read for a paper (eval/tags.yaml), else the
                                                  # current rules', on every record no person re-tagged
  python -m generator tags-report                 # tagging precision and recall against eval/tags.yaml
  python -m generator related-report --details    # related papers against eval/related.yaml
  python -m generator check-site --site site       # after mkdocs build: links, anchors, no active content
  python -m generator check-renames --base origin/main  # every paper published there still has its URL
  python -m generator search "model merging"      # rank papers in the built site's index
"""

ENRICH_EPILOG = """A result is accepted only when its title equals the paper's (ignoring case, spacing and
punctuation) and its abstract agrees; only empty fields are filled. HF_ENDPOINT is honoured.

examples:
  python -m generator enrich --dry-run                     # every paper without an arxiv_id, as a diff
  python -m generator enrich adamerging-adaptive-model-merging-for-multi-task-learning
  python -m generator enrich content/papers/some-paper.yaml
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=Path("content"), help="content directory (default: content)")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("import", help="parse dumps into content/papers/*.yaml")
    run.add_argument("dumps", nargs="*", type=Path, help="dump files (default: every dump in content/sources.yaml)")
    run.add_argument("--captured", type=dt.date.fromisoformat, help="capture date of new dumps (YYYY-MM-DD)")

    check = commands.add_parser("check", help="validate every content file")
    check.add_argument("--format", choices=("text", "github"), default="text")

    commands.add_parser("fmt", help="rewrite paper files into canonical form")

    enrich = commands.add_parser(
        "enrich", help="fill empty arxiv_id, authors, published, code_url, project_url from Hugging Face Papers",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=ENRICH_EPILOG)
    enrich.add_argument("papers", nargs="*", metavar="PAPER",
                        help="slug or path of a paper file (default: every paper without an arxiv_id)")
    enrich.add_argument("--dry-run", action="store_true", help="print the changes as a diff and write nothing")
    enrich.add_argument("--cache", type=Path, default=Path(".cache/enrich"),
                        help="where answers are kept, so a rerun asks nothing again (default: .cache/enrich)")
    enrich.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for an answer (default: 30)")

    vectors = commands.add_parser(
        "embeddings", help="fetch the SPECTER2 vectors of papers with an arxiv_id from Semantic Scholar "
                           "into content/embeddings/ (related papers by meaning)")
    vectors.add_argument("--dry-run", action="store_true", help="fetch and count, write nothing")
    vectors.add_argument("--cache", type=Path, default=Path(".cache/embeddings"),
                         help="where answers are kept, so a rerun asks nothing again (default: .cache/embeddings)")
    vectors.add_argument("--timeout", type=float, default=60.0,
                         help="seconds for one request in all (default: 60)")

    retag = commands.add_parser("retag", help="give every record whose tags no person edited the tags read for it, "
                                              "or else the current rules' tags")
    retag.add_argument("--reviewed", type=Path, metavar="LABELS",
                       help="the tags read for papers (default: eval/tags.yaml beside the content folder, if there)")

    report = commands.add_parser("tags-report", help="tagging precision and recall against a labelled set")
    report.add_argument("--labels", type=Path,
                        help="papers labelled with their tags by reading "
                             "(default: eval/tags.yaml beside the content folder)")

    related = commands.add_parser("related-report", help="related papers measured against a labelled set")
    related.add_argument("--labels", type=Path, help="papers labelled with the papers a reader would want "
                                                      "(default: eval/related.yaml beside the content folder)")
    related.add_argument("--details", action="store_true", help="every labelled paper's list, judged")

    renames = commands.add_parser("check-renames", help="fail when a paper published at a git ref has no page now "
                                                       "(neither its file nor an alias)")
    renames.add_argument("--base", required=True, metavar="REF",
                         help="the git ref the site was published from (in CI, the pull request's base branch)")
    renames.add_argument("--format", choices=("text", "github"), default="text")

    site = commands.add_parser("check-site", help="check a built site: links, anchors, no active content from data")
    site.add_argument("--site", type=Path, default=Path("site"), help="built site (default: site)")
    site.add_argument("--format", choices=("text", "github"), default="text")

    search = commands.add_parser("search", help="query the built site's search index with lunr")
    search.add_argument("query")
    search.add_argument("--site", type=Path, default=Path("site"), help="built site (default: site)")
    search.add_argument("--limit", type=int, default=10)
    return parser


def _import(args) -> int:
    from generator.ingest.importer import run_import
    from generator.content.store import ContentDir

    report = run_import(ContentDir(args.content), args.dumps, args.captured)
    for problem in report.problems:
        print(problem.text(), file=sys.stderr)
    print(report.summary())
    return 1 if report.problems else 0


def _report(problems, output_format: str, where: str, success: str) -> int:
    """Every problem on stdout (text or GitHub annotations), a count on stderr;
    exit 1 only for errors (warnings are advice)."""
    for problem in problems:
        print(problem.github() if output_format == "github" else problem.text())
    failing = errors(problems)
    if len(problems) > len(failing):
        count = len(problems) - len(failing)
        print(f"{count} warning{'s' if count != 1 else ''} (advice only; "
              "`python -m generator fmt` rewrites the formatting ones)", file=sys.stderr)
    if failing:
        print(printable(f"{len(failing)} problem{'s' if len(failing) != 1 else ''} found{where}"), file=sys.stderr)
        return 1
    print(printable(success))
    return 0


def _check(args) -> int:
    from generator.content.aliases import alias_problems
    from generator.content.duplicates import duplicate_problems
    from generator.content.eval_sets import stale_slugs
    from generator.content.load import load_archive, load_yaml_file, symlink_problems
    from generator.content.store import ContentDir, display_path
    from generator.content.tags_ledger import ledger_problems
    from generator.ingest.claims import claim_problems, read_dumps

    content = ContentDir(args.content)
    archive, problems = load_archive(content, advice=True)
    problems += symlink_problems(args.content.resolve().parent, ("docs", "overrides"))

    # Checks across records: asked for the field lines of a record only when it has a problem.
    def shown(slug: str) -> str:
        return display_path(content.paper_path(slug))

    def lines(slug: str) -> dict[str, int]:
        return load_yaml_file(content.paper_path(slug)).lines

    files = [path.stem for path in content.paper_entries() if path.suffix == ".yaml"]
    # a file that fails its own checks still names a paper: data keyed by its slug is not stale
    known = set(files) | {alias for paper in archive.papers for alias in paper.aliases}
    dumps, found = read_dumps(content, archive.sources)
    problems += (duplicate_problems(list(archive.papers), lines, shown) + alias_problems(archive.papers, files, lines, shown)
                 + found + claim_problems(archive.papers, dumps, lines, shown)
                 + stale_slugs(args.content.parent / "eval", known) + ledger_problems(content, known))
    return _report(problems, args.format, "", f"{len(archive.papers)} papers, {len(archive.vocabulary)} tags, "
                                              f"{len(archive.sources)} dumps: all valid")


def _check_renames(args) -> int:
    from generator.content.aliases import unkept_slugs
    from generator.content.history import published_slugs
    from generator.content.load import load_archive
    from generator.content.store import ContentDir, display_path
    from generator.model.problems import Problem

    content = ContentDir(args.content)
    archive, _ = load_archive(content)  # `check` reports its problems; a file that fails them still exists
    files = [path.stem for path in content.paper_entries() if path.suffix == ".yaml"]
    lost = unkept_slugs(published_slugs(content.papers, args.base), archive.papers, files)
    problems = [Problem(display_path(content.paper_path(slug)), 1, "-",
                        f"published at {args.base} (papers/{slug}/) and now neither a file nor an alias: if the paper "
                        f"was renamed or merged into another file, add `aliases: [{slug}]` to that file")
                for slug in lost]
    return _report(problems, args.format, f" against {args.base}",
                   f"every paper published at {args.base} still has its page")


def _check_site(args) -> int:
    from generator.verify.site_checks import check_site
    from generator.content.store import ContentDir
    from generator.render.plain_text import plain_text

    problems = check_site(args.site, ContentDir(args.content), plain_text)
    return _report(problems, args.format, f" in {args.site}", f"{args.site}: all links, anchors and pages check out")


def _fmt(args) -> int:
    from generator.content.formatter import format_papers
    from generator.content.store import ContentDir

    rewritten, problems = format_papers(ContentDir(args.content))
    for problem in problems:
        print(problem.text(), file=sys.stderr)
    print(f"{len(rewritten)} file{'s' if len(rewritten) != 1 else ''} rewritten")
    return 1 if problems else 0


def _enrich(args) -> int:
    from generator.content.store import CacheDir, ContentDir
    from generator.ingest.enrich import AMBIGUOUS, FAILED, MATCHED, NOT_FOUND, run_enrich
    from generator.ingest.hf_papers import PapersClient

    client = PapersClient(timeout=args.timeout)
    report = run_enrich(ContentDir(args.content), args.papers, client, CacheDir(args.cache), dry_run=args.dry_run)
    if args.dry_run:
        print("".join(report.diffs), end="")
    for outcome in (MATCHED, AMBIGUOUS, NOT_FOUND):
        for line in report.lines(outcome):
            print(line)
    for line in report.refused + report.lines(FAILED):
        print(line, file=sys.stderr)
    print(report.summary() + (" (dry run: nothing written)" if args.dry_run else ""))
    return 1 if report.found[FAILED] else 0


def _embeddings(args) -> int:
    from generator.content.store import CacheDir, ContentDir
    from generator.ingest.fetch_embeddings import run_embeddings
    from generator.ingest.semantic_scholar import EmbeddingsClient

    client = EmbeddingsClient(timeout=args.timeout)
    try:
        report = run_embeddings(ContentDir(args.content), client, CacheDir(args.cache), dry_run=args.dry_run)
    finally:
        client.close()
    for line in report.refused + report.failed:
        print(line, file=sys.stderr)
    for shown in report.written:
        print(printable(f"{'would write' if args.dry_run else 'wrote'} {shown}"))
    print(report.summary() + (" (dry run: nothing written)" if args.dry_run else ""))
    return 1 if report.failed else 0


def _retag(args) -> int:
    from generator.content.store import ContentDir
    from generator.ingest.retag import read_tags, retag

    content = ContentDir(args.content)
    labels = args.reviewed or _eval_set(args.content, "tags.yaml")
    print(retag(content, read_tags(content, labels) if args.reviewed or labels.is_file() else None).summary())
    return 0


def _eval_set(content: Path, name: str) -> Path:
    """A labelled set beside a content folder (content/ -> eval/NAME)."""
    return content.parent / "eval" / name


def _tags_report(args) -> int:
    from generator.content.store import ContentDir
    from generator.ingest.tags_report import tags_report

    print(tags_report(ContentDir(args.content), args.labels or _eval_set(args.content, "tags.yaml")), end="")
    return 0


def _related_report(args) -> int:
    from generator.content.embeddings import load_embeddings, vectors_by_slug
    from generator.content.load import load_archive
    from generator.content.store import ContentDir
    from generator.model.tags import topic_tags
    from generator.render.related_report import load_labels, related_report

    archive, problems = load_archive(ContentDir(args.content))
    if errors(problems):
        raise ContentError(errors(problems))
    labels = args.labels or _eval_set(args.content, "related.yaml")
    labelled = load_labels(labels, {paper.slug for paper in archive.papers})
    embeddings, problems = load_embeddings(ContentDir(args.content))
    if errors(problems):
        raise ContentError(errors(problems))
    print(related_report(archive.papers, labelled, topic_tags(archive.vocabulary), details=args.details,
                         vectors=vectors_by_slug(embeddings, archive.papers)))
    return 0


def _search(args) -> int:
    from generator.verify.search import load_index, search

    index = load_index(args.site)
    results = search(index, args.query, args.limit)
    for rank, result in enumerate(results, 1):
        print(f"{rank:2}. {result.title}  ({result.location}, score {result.score:.2f})")
    if not results:
        print("no results")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"import": _import, "check": _check, "fmt": _fmt, "enrich": _enrich, "embeddings": _embeddings, "retag": _retag,
               "tags-report": _tags_report, "related-report": _related_report, "check-site": _check_site,
               "check-renames": _check_renames, "search": _search}[args.command]
    from generator.ingest.bounded_http import LookupFailed

    try:
        return handler(args)
    except LookupFailed as error:  # a remote service gave no usable answer: one line
        print(printable(f"error: {error}"), file=sys.stderr)
        return 1
    except ContentError as error:
        for problem in error.problems:
            print(problem.text(), file=sys.stderr)
        return 1
    except FileNotFoundError as error:
        print(printable(f"error: {error.filename}: no such file"), file=sys.stderr)
        return 1
    except OSError as error:  # a file that cannot be read or written: one line, no traceback
        print(printable(f"error: {error.filename or ''}: {error.strerror or error}"), file=sys.stderr)
        return 1
