"""check-site's reading of the renamed papers' old URLs: each alias has its
page, leading to the paper's page, and is not counted as a paper's page."""

from collections.abc import Iterable
from pathlib import Path

from generator.content.store import display_path
from generator.model.paper import Paper
from generator.model.problems import Problem
from generator.model.urls import redirect_file, relative, url_for_paper


def paper_page_files(site: Path, papers: Iterable[Paper]) -> list[Path]:
    """The built pages under papers/ that are papers' pages (not an alias's)."""
    aliases = {alias for paper in papers for alias in paper.aliases}
    return sorted(page for page in site.glob("papers/*/index.html") if page.parent.name not in aliases)


def redirect_problems(site: Path, papers: Iterable[Paper]) -> list[Problem]:
    """An alias whose page is missing or does not lead to its paper's page."""
    problems = []
    for paper in papers:
        for alias in paper.aliases:
            page = site / redirect_file(alias)
            target = relative(url_for_paper(alias), url_for_paper(paper.slug))
            if not page.is_file():
                problems.append(Problem(display_path(page), 1, "-", f"the old URL of {paper.slug!r} has no page"))
            elif f'<meta http-equiv="refresh" content="0; url={target}">' not in page.read_text("utf-8"):
                problems.append(Problem(display_path(page), 1, "-", f"the old URL does not lead to {target!r}"))
    return problems
