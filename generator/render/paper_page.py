"""A paper's page: record in, HTML out (raw blocks the Markdown pass skips)."""

from generator.render.citation import bibtex_entry_text, citation_meta, json_ld
from generator.render.context import Neighbours, SiteContext
from generator.render.full_text import paper_links, record_links, title_searches
from generator.render.markup import (EMPTY, NEWLINE, Markup, Page, block, date_text, html, join, link, math_text, page,
                                     plural, teaser)
from generator.render.plain_text import plain_text
from generator.model.paper import Paper
from generator.model.sources import Source
from generator.model.text import normalise_whitespace
from generator.model.slugs import organisation_slug
from generator.model.urls import PAPER_SOURCE, relative, url_for_org, url_for_paper, url_for_tag

PAPER_TEMPLATE = "paper.html"  # overrides/paper.html: no sidebars


def _unnamed_authors(paper: Paper, edit: str | None) -> Markup:
    """The authors of a record without their names: how many, when known, and
    that the names can be added (a link to the record's edit page)."""
    known = f"{plural(paper.authors_count, 'author')}, names" if paper.authors_count else "Author names"
    if edit is None:
        return html("{} not yet recorded", known)
    return html("{} not yet recorded — {}", known, link(edit, "add them", external=True))


def metadata_line(paper: Paper, here: str = "", edit: str | None = None) -> Markup:
    """Date, authors, organisation, venue, upvotes and the arXiv id. Only the
    paper's own names and ids go into the search index: the date and the counts
    are left out (data-pagefind-ignore), so no excerpt reads "Date unknown".
    `edit`: the record's edit page, linked when the authors' names are missing."""
    ignored = '<span data-pagefind-ignore>{}</span>'
    parts = [html(ignored, f"Published {date_text(paper.published)}" if paper.published else "Date unknown")]
    if paper.authors:
        parts.append(", ".join(paper.authors))
    else:
        parts.append(html(ignored, _unnamed_authors(paper, edit)))
    if paper.organization:
        parts.append(link(relative(here, url_for_org(organisation_slug(paper.organization))), paper.organization))
    if paper.venue:
        parts.append(html(ignored, paper.venue))
    if paper.upvotes is not None:
        parts.append(html(ignored, plural(paper.upvotes, "upvote")))
    if paper.arxiv_id:
        parts.append(html('<span class="paper-id">arXiv:{}</span>', paper.arxiv_id))
    return join(parts, " · ")


def tag_links(paper: Paper, context: SiteContext, from_url: str) -> Markup:
    """The tags as links; each is a value of the search's "tag" filter."""
    return join((html('<a href="{}" class="md-tag" data-pagefind-filter="tag">{}</a>',
                      relative(from_url, url_for_tag(slug)), context.tags[slug].name) for slug in paper.tags), " ")


UNDATED_YEAR = "Undated"  # the year filter's value for papers without a date


def search_fields(paper: Paper, tag_names: list[str]) -> Markup:
    """What the search shows and sorts by, kept out of the indexed text: the title
    in its plain form (render/plain_text: Pagefind's titles are text), the date, the tags, the year filter and two sort keys
    (undated papers last both ways)."""
    iso = paper.published.isoformat() if paper.published else None
    fields = [html('<span data-pagefind-meta="title">{}</span>', plain_text(paper.title))]
    if paper.published:
        fields.append(html('<span data-pagefind-meta="date">{}</span>', date_text(paper.published)))
    if tag_names:
        fields.append(html('<span data-pagefind-meta="tags">{}</span>', ", ".join(tag_names)))
    fields += [html('<span data-pagefind-filter="year">{}</span>', paper.published.year if paper.published else UNDATED_YEAR),
               html('<span data-pagefind-sort="newest">{}</span>', iso or "0000-00-00"),
               html('<span data-pagefind-sort="oldest">{}</span>', iso or "9999-99-99")]
    return html('<div class="paper-search-fields" data-pagefind-ignore hidden>{}</div>', join(fields))


def _neighbour_nav(neighbours: Neighbours, here: str, context: SiteContext) -> Markup:
    if neighbours.tag is None or (neighbours.previous is None and neighbours.next is None):
        return EMPTY
    name = context.tags[neighbours.tag].name
    items = []
    for rel, paper, label, key in (("prev", neighbours.previous, f"← Previous in {name}", "k"),
                                   ("next", neighbours.next, f"Next in {name} →", "j")):
        if paper is not None:
            items.append(html('<a href="{}" rel="{}" title="Key: {}">{} <span class="paper-nav__title">{}</span></a>',
                              relative(here, url_for_paper(paper.slug)), rel, key, label, math_text(paper.title)))
    return block(html('<nav class="paper-nav" aria-label="Neighbouring papers">{}</nav>', join(items, " ")))


def _links(label: str, links: list[tuple[str, str]], css: str) -> Markup:
    items = join((link(url, text, external=True) for text, url in links), " · ")
    return html('<p class="{}"><span class="paper-read-label">{}</span> {}</p>', css, label, items)


def _read_the_paper(paper: Paper) -> Markup:
    """Before the abstract: the full text (arXiv, PDF, Hugging Face) and the
    record's links by kind; without an arXiv id, searches for the exact title."""
    lines = []
    if paper.arxiv_id:
        lines.append(_links("Read the paper:", paper_links(paper), "paper-read"))
    if record_links(paper):
        lines.append(_links("Links:", record_links(paper), "paper-read"))
    if not paper.arxiv_id:
        lines.append(_links("Find this paper:", title_searches(paper), "paper-read paper-find"))
    return block(html('<nav class="paper-full-text" aria-label="The paper" data-pagefind-ignore>\n{}\n</nav>',
                      join(lines, NEWLINE)))


def _list(css: str, items: list[Markup]) -> Markup:
    """A list the search leaves out, as its heading (the dumps, related papers)."""
    return html('<ul class="{}" data-pagefind-ignore>\n{}\n</ul>', css, join(items, NEWLINE))


def _saved_page(source: Source | None) -> str:
    """One saved page of search results, by the date it was saved or shows."""
    if source is not None and source.captured:
        return f"the page saved on {date_text(source.captured)}"
    if source is not None and source.page_date:
        return f"a page dated {source.page_date} (the page shows no year)"
    return "a page of unknown date"


def _provenance(paper: Paper, context: SiteContext) -> Markup:
    """Where the record comes from, collapsed at the end, in a reader's words:
    the saved pages of Hugging Face Daily Papers it was read from, by date (the
    manifest's labels describe page layouts for the importer)."""
    if paper.sources:
        pages = [html("<li>{}</li>", _saved_page(context.sources.get(name))) for name in paper.sources]
        body = html('<p>Imported from saved pages of Hugging Face Daily Papers search results:</p>\n{}',
                    _list("paper-sources", pages))
    else:
        body = Markup('<p class="paper-sources">Added by hand by a contributor, not imported from Hugging Face '
                      "Daily Papers.</p>")
    return block(html('<details class="paper-provenance" id="seen-in">\n<summary>Where this record comes from</summary>'
                      "\n{}\n</details>", body))


def render_paper(paper: Paper, related: list[Paper], neighbours: Neighbours, context: SiteContext,
                 citation: str | None = None) -> Page:
    """The page needs no Markdown pass, and the MkDocs glue skips it.
    `citation`: the paper's BibTeX entry, when the caller rendered it already.

    Only the record's part is the search index's body (data-pagefind-body):
    title, authors, organisation, arXiv id, tags and abstract; the abstract is
    its own section (#abstract), so that results quote it."""
    here = url_for_paper(paper.slug)
    url = context.paper_url(paper)
    citation = citation or bibtex_entry_text(paper, url)
    tag_names = [context.tags[slug].name for slug in paper.tags]
    record = join([
        html('<div class="paper-record" data-pagefind-body>\n<h1>{}</h1>', math_text(paper.title)),
        search_fields(paper, tag_names),
        html('<p class="paper-meta">{}</p>\n<p class="paper-tags">{}</p>', metadata_line(paper, here, context.edit_url(paper.slug)),
             tag_links(paper, context, here)),
        _read_the_paper(paper).strip(),
        html('<h2 id="abstract">Abstract</h2>\n<div class="paper-abstract"><p>{}</p></div>\n</div>',
             math_text(paper.abstract)),
    ], NEWLINE)
    parts = [block(record)]
    if related:
        items = [html('<li>{} <span class="paper-date">{}</span></li>',
                      link(relative(here, url_for_paper(other.slug)), math_text(other.title)),
                      date_text(other.published)) for other in related]
        parts.append(block(html('<h2 id="related-papers">Related papers</h2>\n{}', _list("paper-related", items))))
    parts.append(_neighbour_nav(neighbours, here, context))
    parts.append(block(html('<h2 id="cite">Cite</h2>\n<pre class="paper-bibtex"><code>{}</code></pre>',
                            citation.strip())))
    parts.append(_provenance(paper, context))
    edit = context.edit_url(paper.slug)
    if edit:
        parts.append(block(html('<p class="paper-edit">{} — fix its date, tags or links in {}</p>',
                                link(edit, "Edit this paper", external=True), PAPER_SOURCE.format(slug=paper.slug))))
    return page(plain_text(paper.title), join(parts), template=PAPER_TEMPLATE, hide=["footer"],
                description=html("{}", teaser(plain_text(normalise_whitespace(paper.abstract)))),
                citation=citation_meta(paper, url), jsonld=json_ld(paper, url, tag_names))
