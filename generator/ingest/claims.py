"""A record's claims checked against the dumps: each dump its `sources` names
must hold an entry that is the same paper, as the importer judges it
(`same_paper.SamePapers`: the same title or abstract, the same `title_key`,
or abstracts that agree). Each dump is read, parsed and indexed once; the
check is pure."""

from collections.abc import Callable, Iterable, Mapping

from generator.content.store import ContentDir, display_path, read_dump
from generator.ingest.dumps import decode, parse_dump
from generator.ingest.same_paper import SamePapers
from generator.model.paper import Paper
from generator.model.problems import ContentError, Problem
from generator.model.sources import Source
from generator.model.urls import PAPER_SOURCE


def dump_papers(text: str, captured=None) -> SamePapers:
    """The papers of one dump, indexed by their entries' lines."""
    papers = SamePapers()
    for entry in parse_dump(text, captured).entries:
        papers.add(entry.line, entry.title, entry.abstract)
    return papers


def read_dumps(content: ContentDir, sources: Iterable[Source]) -> tuple[dict[str, SamePapers], list[Problem]]:
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


def claim_problems(papers: Iterable[Paper], dumps: Mapping[str, SamePapers],
                   lines: Callable[[str], Mapping[str, int] | None] = lambda slug: None,
                   shown: Callable[[str], str] = lambda slug: PAPER_SOURCE.format(slug=slug)) -> list[Problem]:
    """A problem at `sources[i]` for each dump named that holds no entry of the
    same paper (dumps not in `dumps` are not checked).
    `lines(slug)`: the record's field lines, asked only of records with a problem."""
    problems = []
    for paper in papers:
        for index, source in enumerate(paper.sources):
            dump = dumps.get(source)
            if dump is None or dump.best(paper.title, paper.abstract) is not None:
                continue
            where = lines(paper.slug) or {}
            problems.append(Problem(shown(paper.slug), where.get(f"sources[{index}]", where.get("sources", 1)),
                                    "sources", f"{source!r} has no entry with this paper's title or abstract, nor one "
                                               "like them; list only the dumps the paper was seen in (a paper added "
                                               "by hand has none); if this file held the dump's paper and now holds "
                                               "another, restore it and add the other paper as a new file"))
    return problems
