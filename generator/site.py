"""The whole generated part of the site: archive in, {page path: Markdown} out."""

from generator.indexes import group_by_month, group_by_tag, group_by_year, newest_first, related_papers, undated
from generator.render_indexes import (render_dates_overview, render_home, render_tag, render_tags_overview,
                                      render_undated, render_year)
from generator.render_paper import SiteContext, render_paper
from generator.urls import DATES_PAGE, HOME_PAGE, TAGS_PAGE, UNDATED_PAGE, page_for_paper, page_for_tag, page_for_year
from generator.validate import Archive


class OutputClash(ValueError):
    """Two things would be written to the same page."""


def _add(pages: dict[str, str], path: str, text: str) -> None:
    if path in pages:
        raise OutputClash(f"two generated pages map to {path}")
    pages[path] = text


def generate_pages(archive: Archive, edit_base: str | None) -> dict[str, str]:
    """Every generated page: one per paper, tag and year, plus overviews."""
    context = SiteContext({tag.slug: tag for tag in archive.vocabulary},
                          {source.file: source for source in archive.sources}, edit_base)
    papers = archive.papers
    by_tag = group_by_tag(papers)
    by_year = group_by_year(papers)
    no_date = undated(papers)
    related = related_papers(papers)
    pages: dict[str, str] = {}
    for paper in papers:
        _add(pages, page_for_paper(paper.slug), render_paper(paper, related[paper.slug], context))
    _add(pages, TAGS_PAGE, render_tags_overview(by_tag, context))
    for slug in context.tags:
        _add(pages, page_for_tag(slug), render_tag(slug, by_tag.get(slug, []), context))
    _add(pages, DATES_PAGE, render_dates_overview(by_year, len(no_date)))
    for year, year_papers in by_year.items():
        _add(pages, page_for_year(year), render_year(year, group_by_month(year_papers), context))
    _add(pages, UNDATED_PAGE, render_undated(no_date, context))
    _add(pages, HOME_PAGE, render_home(papers, newest_first(papers), by_tag, len(no_date), context))
    return pages
