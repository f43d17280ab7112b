"""A record's claims checked against the dumps: each dump its `sources` names
must hold an entry with the record's title or abstract, by the importer's
identity (`importer.identity`), or the title with punctuation set aside
(`title_key`). Each dump is read and parsed once; the check is pure."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from generator.content.store import ContentDir, display_path, read_dump
from generator.ingest.dumps import decode, parse_dump
from generator.ingest.importer import identity
from generator.model.likeness import title_key
from generator.model.paper import Paper
from generator.model.problems import ContentError, Problem
from generator.model.sources import Source
from generator.model.urls import PAPER_SOURCE


@dataclass(frozen=True)
class DumpPapers:
    """What identifies the papers of one dump."""
    texts: frozenset[str]   # `identity` of every entry's title and abstract
    titles: frozenset[str]  # `title_key` of every entry's title


def dump_papers(text: str, captured=None) -> DumpPapers:
    entries = parse_dump(text, captured).entries
    return DumpPapers(frozenset(identity(text) for entry in entries for text in (entry.title, entry.abstract)),
                      frozenset(title_key(entry.title) for entry in entries))


def read_dumps(content: ContentDir, sources: Iterable[Source]) -> tuple[dict[str, DumpPapers], list[Problem]]:
    """Each listed dump read and parsed once; one that cannot be read is a
    problem, and the claims naming it are not checked."""
    found, problems = {}, []
    for source in sources:
        try:
            raw = read_dump(content, source.file)
            found[source.file] = dump_papers(decode(raw), source.captured)
        except ContentError as error:
            problems += error.problems
        except UnicodeDecodeError as error:
            problems.append(Problem(display_path(content.dump_path(source.file)),
                                    raw[:error.start].count(b"\n") + 1, "-", "not UTF-8 text"))
    return found, problems


def claim_problems(papers: Iterable[Paper], dumps: Mapping[str, DumpPapers],
                   lines: Callable[[str], Mapping[str, int] | None] = lambda slug: None,
                   shown: Callable[[str], str] = lambda slug: PAPER_SOURCE.format(slug=slug)) -> list[Problem]:
    """A problem at `sources[i]` for each dump named that holds no entry with
    the record's title or abstract (dumps not in `dumps` are not checked).
    `lines(slug)`: the record's field lines, asked only of records with a problem."""
    problems = []
    for paper in papers:
        for index, source in enumerate(paper.sources):
            dump = dumps.get(source)
            if dump is None or identity(paper.title) in dump.texts or identity(paper.abstract) in dump.texts \
                    or title_key(paper.title) in dump.titles:
                continue
            where = lines(paper.slug) or {}
            problems.append(Problem(shown(paper.slug), where.get(f"sources[{index}]", where.get("sources", 1)),
                                    "sources", f"{source!r} has no entry with this paper's title or abstract; "
                                               "list only the dumps the paper was seen in (a paper added by hand "
                                               "has no sources)"))
    return problems
