"""Renamed papers keep their URLs: a record lists its earlier slugs under
`aliases`, and each becomes a page leading to the record's page. Pure: the
rules an alias keeps, and the published slugs that no record keeps."""

from collections.abc import Callable, Iterable, Mapping

from generator.model.paper import Paper
from generator.model.problems import Problem
from generator.model.slugs import is_valid_slug
from generator.model.urls import PAPER_SOURCE, RESERVED_PAPER_SLUGS


def _source(slug: str) -> str:
    return PAPER_SOURCE.format(slug=slug)


def alias_problems(papers: Iterable[Paper], file_slugs: Iterable[str] = (),
                   lines: Callable[[str], Mapping[str, int] | None] = lambda slug: None,
                   shown: Callable[[str], str] = _source) -> list[Problem]:
    """An alias must be a slug, not reserved, not the slug of any file in
    content/papers/ (`file_slugs`, valid or not, and the records'), and not
    another record's alias (reported at the later slug). `lines(slug)`: the
    record's field lines, asked only of records with a problem."""
    papers = sorted(papers, key=lambda paper: paper.slug)
    taken = {paper.slug for paper in papers} | set(file_slugs)
    owner: dict[str, str] = {}
    problems = []
    for paper in papers:
        for index, alias in enumerate(paper.aliases):
            def refuse(message: str) -> None:
                where = lines(paper.slug) or {}
                line = where.get(f"aliases[{index}]", where.get("aliases", 1))
                problems.append(Problem(shown(paper.slug), line, f"aliases[{index}]", message))
            if not is_valid_slug(alias):
                refuse(f"{alias!r} is not a slug: lowercase letters, digits and single hyphens")
            elif alias in RESERVED_PAPER_SLUGS:
                refuse(f"{alias!r} is reserved for a generated page")
            elif alias == paper.slug:
                refuse(f"{alias!r} is this file's own name; an alias is a name the file had before")
            elif alias in taken:
                refuse(f"{alias!r} is the name of {shown(alias)}; an alias is a name no file has now")
            elif alias in owner:
                refuse(f"{alias!r} is already an alias of {shown(owner[alias])}; one old name leads to one paper")
            else:
                owner[alias] = paper.slug
    return problems


def unkept_slugs(published: Iterable[str], papers: Iterable[Paper], file_slugs: Iterable[str] = ()) -> list[str]:
    """The published slugs that are neither a record's slug, nor an alias, nor
    the name of a file in content/papers/ (`file_slugs`: valid or not), sorted."""
    kept = {name for paper in papers for name in (paper.slug, *paper.aliases)} | set(file_slugs)
    return sorted(set(published) - kept)
