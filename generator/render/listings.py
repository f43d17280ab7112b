"""Listing pages: home, tags, dates, years, undated papers and organisations,
paginated where they grow with the archive. Records in, Markdown out."""

from generator.model.paper import Paper
from generator.model.urls import (ABOUT_URL, DATES_URL, FEED_FILE, HOME_URL, MISSING_URL, ORGS_URL, PAPERS_CSV_FILE,
                                  PAPERS_JSON_FILE, TAGS_URL, UNDATED_URL, paged_url, relative, tag_downloads,
                                  url_for_org, url_for_paper, url_for_tag, url_for_year)
from generator.render.context import SiteContext
from generator.render.full_text import pdf_url
from generator.render.groups import group_by_month
from generator.render.markup import (EMPTY, MONTHS, NEWLINE, Markup, Page, block, date_text, heading, html, join, link,
                                     math_text, page, plural, teaser)

NEWEST_ON_HOME = 10
TAGS_ON_HOME = 12
PAGE_SIZE = 100  # papers per listing page: pages stay light at any archive size


def paginate(papers: list[Paper], size: int = PAGE_SIZE) -> list[list[Paper]]:
    """Consecutive pages of `size` papers; one empty page for no papers."""
    return [papers[start:start + size] for start in range(0, len(papers), size)] or [[]]


def pager(base_url: str, number: int, count: int) -> Markup:
    """Links to the neighbouring pages of a paginated listing."""
    if count == 1:
        return EMPTY
    here = paged_url(base_url, number)
    parts = []
    if number > 1:
        parts.append(html('<a href="{}" rel="prev">← Previous page</a>', relative(here, paged_url(base_url, number - 1))))
    parts.append(html("<span>Page {} of {}</span>", number, count))
    if number < count:
        parts.append(html('<a href="{}" rel="next">Next page →</a>', relative(here, paged_url(base_url, number + 1))))
    return block(html('<nav class="pager" data-pagefind-ignore>{}</nav>', join(parts, " ")))


def _list(css: str, items: list[Markup]) -> Markup:
    return block(html('<ul class="{}">\n{}\n</ul>', css, join(items, NEWLINE)))


def _tags(paper: Paper, here: str, context: SiteContext, listed_tag: str | None) -> Markup:
    """The paper's tags as links, less the tag the listing is of."""
    links = [html('<a href="{}" class="md-tag">{}</a>', relative(here, url_for_tag(slug)), context.tags[slug].name)
             for slug in paper.tags if slug != listed_tag and slug in context.tags]
    return html('<p class="paper-tags">{}</p>', join(links, " ")) if links else EMPTY


def paper_list(papers: list[Paper], here: str, context: SiteContext, edit_links: bool = False,
               listed_tag: str | None = None) -> Markup:
    """A list of papers: the title and one-line teaser (math as MathML), date and
    tags (the teaser's <p>: no class, as each paper is listed about four times
    across the site). `listed_tag`: the tag the listing is of, not repeated."""
    items = []
    for paper in papers:
        edit = context.edit_url(paper.slug) if edit_links else None
        extra = html(" · {}", link(pdf_url(paper), "PDF", external=True)) if paper.arxiv_id else EMPTY
        if edit:
            extra += html(" · {}", link(edit, "edit", external=True))
        items.append(html('<li>{} <span class="paper-date">{}</span>{}<p>{}</p>{}</li>',
                          link(relative(here, url_for_paper(paper.slug)), math_text(paper.title)),
                          date_text(paper.published), extra, math_text(teaser(paper.abstract)),
                          _tags(paper, here, context, listed_tag)))
    return _list("paper-list", items)


def downloads(here: str, files: list[tuple[str, str]]) -> Markup:
    """A line of download links: (label, site-root relative file)."""
    links = join((html('<a href="{}" download>{}</a>', relative(here, path), label) for label, path in files), " · ")
    return block(html('<p class="downloads" data-pagefind-ignore>Download: {}</p>', links))


ARCHIVE_DOWNLOADS = [("Atom feed", FEED_FILE), ("JSON (gzip)", PAPERS_JSON_FILE), ("CSV (gzip)", PAPERS_CSV_FILE)]


def _tag_table(by_tag: dict[str, list[Paper]], here: str, context: SiteContext, slugs: list[str]) -> Markup:
    rows = [html("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", link(relative(here, url_for_tag(slug)),
                 context.tags[slug].name), len(by_tag.get(slug, [])), context.tags[slug].description)
            for slug in slugs]
    return block(html('<table class="tag-table">\n<thead><tr><th>Tag</th><th>Papers</th><th>Description</th></tr>'
                      "</thead>\n<tbody>\n{}\n</tbody>\n</table>", join(rows, NEWLINE)))


def render_tags_overview(by_tag: dict[str, list[Paper]], context: SiteContext) -> Page:
    slugs = sorted(context.tags, key=lambda slug: context.tags[slug].name.casefold())
    return page("Tags", html("The archive's {} topics, with the number of papers in each.\n\n", len(slugs))
                + _tag_table(by_tag, TAGS_URL, context, slugs) + downloads(TAGS_URL, ARCHIVE_DOWNLOADS))


def render_tag(slug: str, papers: list[Paper], number: int, count: int, total: int, context: SiteContext) -> Page:
    """Page `number` of `count` of a tag's listing (`total` papers in all)."""
    tag = context.tags[slug]
    here = paged_url(url_for_tag(slug), number)
    intro = block(html('<p class="tag-description">{}</p>\n<p>{}, newest first. {}</p>', tag.description,
                       plural(total, "paper"), link(relative(here, TAGS_URL), "All tags")))
    feed, bib = tag_downloads(slug)
    files = [("Atom feed", feed), ("BibTeX", bib)]
    navigation = pager(url_for_tag(slug), number, count)
    return page(tag.name, intro + downloads(here, files) + navigation + paper_list(papers, here, context, listed_tag=slug) + navigation,
                markdown=False, feed=feed, feed_title=f"{tag.name} — {context.site_name}")


def render_dates_overview(by_year: dict[int, list[Paper]], undated_count: int) -> Page:
    rows = [html("<li>{} — {}</li>", link(relative(DATES_URL, url_for_year(year)), str(year)),
                 plural(len(papers), "paper")) for year, papers in by_year.items()]
    rows.append(html("<li>{} — {} that still need a date</li>", link(relative(DATES_URL, UNDATED_URL), "Undated"),
                     plural(undated_count, "paper")))
    return page("Papers by date", Markup("Papers by year of publication, newest first.\n\n")
                + _list("year-list", rows) + downloads(DATES_URL, ARCHIVE_DOWNLOADS))


def render_year(year: int, papers: list[Paper], number: int, count: int, total: int, context: SiteContext) -> Page:
    """Page `number` of `count` of a year's papers, grouped by month."""
    here = paged_url(url_for_year(year), number)
    navigation = pager(url_for_year(year), number, count)
    parts = [block(html("<p>{} published in {}, newest first, by month. {}</p>", plural(total, "paper"), year,
                        link(relative(here, DATES_URL), "All years"))), navigation]
    for month, members in group_by_month(papers).items():
        parts.append(heading(2, f"{MONTHS[month - 1]} {year}") + paper_list(members, here, context))
    return page(f"Papers of {year}", join(parts) + navigation)


def render_undated(papers: list[Paper], number: int, count: int, total: int, context: SiteContext) -> Page:
    here = paged_url(UNDATED_URL, number)
    navigation = pager(UNDATED_URL, number, count)
    intro = block(html("<p>{} with no publication date yet. If you know one, open the paper's YAML file with its "
                       "edit link, add <code>published: YYYY-MM-DD</code> and send a pull request.</p>",
                       plural(total, "paper")))
    return page("Undated papers", intro + navigation + paper_list(papers, here, context, edit_links=True) + navigation,
                markdown=False)


def render_home(papers: tuple[Paper, ...], newest: list[Paper], by_tag: dict[str, list[Paper]],
                undated_count: int, context: SiteContext) -> Page:
    largest = sorted(by_tag, key=lambda slug: (-len(by_tag[slug]), slug))[:TAGS_ON_HOME]
    return page(context.site_name, join([
        block(html("<p>A browsable archive of {} from Hugging Face Daily Papers, in {}. Browse by {} or by {}, "
                   "or use the search box.</p>", plural(len(papers), "machine-learning paper"),
                   plural(len(context.tags), "topic"), link(relative(HOME_URL, TAGS_URL), "topic"),
                   link(relative(HOME_URL, DATES_URL), "date"))),
        heading(2, "Newest papers"), paper_list(newest[:NEWEST_ON_HOME], HOME_URL, context),
        heading(2, "Largest topics"), _tag_table(by_tag, HOME_URL, context, largest),
        heading(2, "Contribute"),
        block(html("<p>Every page is built from one YAML file per paper. {} still {} a date: start at {} or {}, "
                   "or read {}.</p>", plural(undated_count, "paper"), "needs" if undated_count == 1 else "need",
                   link(relative(HOME_URL, UNDATED_URL), "Undated papers"),
                   link(relative(HOME_URL, MISSING_URL), "Missing metadata"),
                   link(relative(HOME_URL, ABOUT_URL), "how to contribute"))),
        downloads(HOME_URL, ARCHIVE_DOWNLOADS),
    ]))


def render_orgs_overview(by_org: dict[str, list[Paper]]) -> Page:
    rows = [html("<li>{} — {}</li>", link(relative(ORGS_URL, url_for_org(slug)), papers[0].organization),
                 plural(len(papers), "paper")) for slug, papers in by_org.items()]
    intro = Markup("Organisations that published papers in the archive, as the dumps name them.\n\n")
    return page("Organisations", intro + _list("org-list", rows))


def render_org(slug: str, name: str, papers: list[Paper], number: int, count: int, total: int,
               context: SiteContext) -> Page:
    here = paged_url(url_for_org(slug), number)
    navigation = pager(url_for_org(slug), number, count)
    intro = block(html("<p>{} by {}, newest first. {}</p>", plural(total, "paper"), name,
                       link(relative(here, ORGS_URL), "All organisations")))
    return page(name, intro + navigation + paper_list(papers, here, context) + navigation, markdown=False)
