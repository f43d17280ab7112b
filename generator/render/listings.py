"""Listing pages: home, tags, dates, years, undated papers and organisations,
paginated where they grow with the archive. Records in, Markdown out."""

import calendar

from generator.render.groups import group_by_month
from generator.render.markup import Page, block, date_text, escape, link, page, plural, teaser
from generator.model.paper import Paper
from generator.render.paper_page import SiteContext
from generator.model.urls import (ABOUT_URL, DATES_URL, FEED_FILE, HOME_URL, MISSING_URL, ORGS_URL, PAPERS_CSV_FILE,
                            PAPERS_JSON_FILE, TAGS_URL, UNDATED_URL, paged_url, relative, tag_downloads,
                            url_for_org, url_for_paper, url_for_tag, url_for_year)

NEWEST_ON_HOME = 10
TAGS_ON_HOME = 12
PAGE_SIZE = 100  # papers per listing page: pages stay light at any archive size


def paginate(papers: list[Paper], size: int = PAGE_SIZE) -> list[list[Paper]]:
    """Consecutive pages of `size` papers; one empty page for no papers."""
    return [papers[start:start + size] for start in range(0, len(papers), size)] or [[]]


def pager(base_url: str, number: int, count: int) -> str:
    """Links to the neighbouring pages of a paginated listing."""
    if count == 1:
        return ""
    here = paged_url(base_url, number)
    parts = []
    if number > 1:
        parts.append(f'<a href="{escape(relative(here, paged_url(base_url, number - 1)))}" rel="prev">← Previous page</a>')
    parts.append(f"<span>Page {number} of {count}</span>")
    if number < count:
        parts.append(f'<a href="{escape(relative(here, paged_url(base_url, number + 1)))}" rel="next">Next page →</a>')
    return block('<nav class="pager" data-pagefind-ignore>' + " ".join(parts) + "</nav>")


def paper_list(papers: list[Paper], here: str, context: SiteContext, edit_links: bool = False) -> str:
    """A list of papers with date and one-line teaser."""
    items = []
    for paper in papers:
        edit = context.edit_url(paper.slug) if edit_links else None
        extra = f" · {link(edit, 'edit', external=True)}" if edit else ""
        items.append(
            f'<li>{link(relative(here, url_for_paper(paper.slug)), paper.title)}'
            f' <span class="paper-date">{escape(date_text(paper.published))}</span>{extra}'
            f'<br><span class="paper-teaser">{escape(teaser(paper.abstract))}</span></li>'
        )
    return block('<ul class="paper-list">\n' + "\n".join(items) + "\n</ul>")


def downloads(here: str, files: list[tuple[str, str]]) -> str:
    """A line of download links: (label, site-root relative file)."""
    links = " · ".join(f'<a href="{escape(relative(here, path))}" download>{escape(label)}</a>' for label, path in files)
    return block(f'<p class="downloads" data-pagefind-ignore>Download: {links}</p>')


ARCHIVE_DOWNLOADS = [("Atom feed", FEED_FILE), ("JSON", PAPERS_JSON_FILE), ("CSV", PAPERS_CSV_FILE)]


def _tag_table(by_tag: dict[str, list[Paper]], here: str, context: SiteContext, slugs: list[str]) -> str:
    rows = [f"<tr><td>{link(relative(here, url_for_tag(slug)), context.tags[slug].name)}</td>"
            f"<td>{len(by_tag.get(slug, []))}</td><td>{escape(context.tags[slug].description)}</td></tr>"
            for slug in slugs]
    return block('<table class="tag-table">\n<thead><tr><th>Tag</th><th>Papers</th><th>Description</th></tr></thead>\n'
                 "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")


def render_tags_overview(by_tag: dict[str, list[Paper]], context: SiteContext) -> Page:
    slugs = sorted(context.tags, key=lambda slug: context.tags[slug].name.casefold())
    return page("Tags", f"The archive's {len(slugs)} topics, with the number of papers in each.\n\n"
                + _tag_table(by_tag, TAGS_URL, context, slugs) + downloads(TAGS_URL, ARCHIVE_DOWNLOADS))


def render_tag(slug: str, papers: list[Paper], number: int, count: int, total: int, context: SiteContext) -> Page:
    """Page `number` of `count` of a tag's listing (`total` papers in all)."""
    tag = context.tags[slug]
    here = paged_url(url_for_tag(slug), number)
    intro = block(f'<p class="tag-description">{escape(tag.description)}</p>'
                  f'<p>{plural(total, "paper")}, newest first. '
                  f'{link(relative(here, TAGS_URL), "All tags")}</p>')
    feed, data, bib = tag_downloads(slug)
    files = [("Atom feed", feed), ("JSON", data), ("BibTeX", bib)]
    navigation = pager(url_for_tag(slug), number, count)
    return page(tag.name, intro + downloads(here, files) + navigation + paper_list(papers, here, context) + navigation,
                feed=feed, feed_title=f"{tag.name} — {context.site_name}")


def render_dates_overview(by_year: dict[int, list[Paper]], undated_count: int) -> Page:
    rows = [f"<li>{link(relative(DATES_URL, url_for_year(year)), str(year))} — {plural(len(papers), 'paper')}</li>"
            for year, papers in by_year.items()]
    rows.append(f"<li>{link(relative(DATES_URL, UNDATED_URL), 'Undated')} — {plural(undated_count, 'paper')}"
                " that still need a date</li>")
    return page("Papers by date", "Papers by year of publication, newest first.\n\n"
                + block('<ul class="year-list">\n' + "\n".join(rows) + "\n</ul>") + downloads(DATES_URL, ARCHIVE_DOWNLOADS))


def render_year(year: int, papers: list[Paper], number: int, count: int, total: int, context: SiteContext) -> Page:
    """Page `number` of `count` of a year's papers, grouped by month."""
    here = paged_url(url_for_year(year), number)
    navigation = pager(url_for_year(year), number, count)
    parts = [block(f"<p>{plural(total, 'paper')} published in {year}, newest first, by month. "
                   f"{link(relative(here, DATES_URL), 'All years')}</p>"), navigation]
    for month, members in group_by_month(papers).items():
        parts.append(f"## {calendar.month_name[month]} {year}\n\n" + paper_list(members, here, context))
    return page(f"Papers of {year}", "".join(parts) + navigation)


def render_undated(papers: list[Paper], number: int, count: int, total: int, context: SiteContext) -> Page:
    here = paged_url(UNDATED_URL, number)
    navigation = pager(UNDATED_URL, number, count)
    intro = block(f"<p>{plural(total, 'paper')} with no publication date yet. "
                  "If you know one, open the paper's YAML file with its edit link, add "
                  "<code>published: YYYY-MM-DD</code> and send a pull request.</p>")
    return page("Undated papers", intro + navigation + paper_list(papers, here, context, edit_links=True) + navigation)


def render_home(papers: tuple[Paper, ...], newest: list[Paper], by_tag: dict[str, list[Paper]],
                undated_count: int, context: SiteContext) -> Page:
    largest = sorted(by_tag, key=lambda slug: (-len(by_tag[slug]), slug))[:TAGS_ON_HOME]
    return page("Daily Papers Archive", "".join([
        block(f"<p>A browsable archive of {plural(len(papers), 'machine-learning paper')} from Hugging Face "
              f"Daily Papers, in {plural(len(context.tags), 'topic')}. Browse by "
              f"{link(relative(HOME_URL, TAGS_URL), 'topic')} or by "
              f"{link(relative(HOME_URL, DATES_URL), 'date')}, or use the search box.</p>"),
        "## Newest papers\n\n", paper_list(newest[:NEWEST_ON_HOME], HOME_URL, context),
        "## Largest topics\n\n", _tag_table(by_tag, HOME_URL, context, largest),
        "## Contribute\n\n",
        block(f"<p>Every page is built from one YAML file per paper. {plural(undated_count, 'paper')} "
              f"still {'needs' if undated_count == 1 else 'need'} a date: start at "
              f"{link(relative(HOME_URL, UNDATED_URL), 'Undated papers')} or "
              f"{link(relative(HOME_URL, MISSING_URL), 'Missing metadata')}, or read "
              f"{link(relative(HOME_URL, ABOUT_URL), 'how to contribute')}.</p>"),
        downloads(HOME_URL, ARCHIVE_DOWNLOADS),
    ]))


def render_orgs_overview(by_org: dict[str, list[Paper]]) -> Page:
    rows = [f"<li>{link(relative(ORGS_URL, url_for_org(slug)), papers[0].organization)} — {plural(len(papers), 'paper')}</li>"
            for slug, papers in by_org.items()]
    intro = "Organisations that published papers in the archive, as the dumps name them.\n\n"
    return page("Organisations", intro + block('<ul class="org-list">\n' + "\n".join(rows) + "\n</ul>"))


def render_org(slug: str, name: str, papers: list[Paper], number: int, count: int, total: int,
               context: SiteContext) -> Page:
    here = paged_url(url_for_org(slug), number)
    navigation = pager(url_for_org(slug), number, count)
    intro = block(f"<p>{plural(total, 'paper')} by {escape(name)}, newest first. "
                  f"{link(relative(here, ORGS_URL), 'All organisations')}</p>")
    return page(name, intro + navigation + paper_list(papers, here, context) + navigation)
