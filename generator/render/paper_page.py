"""A paper's page: record in, HTML out (raw blocks the Markdown pass skips)."""

from generator.render.citation import bibtex_entry_text, citation_meta, json_ld
from generator.render.context import Neighbours, SiteContext
from generator.render.full_text import paper_links, record_links, title_searches
from generator.render.markup import EMPTY, NEWLINE, Markup, Page, block, date_text, html, join, link, page, plural
from generator.model.paper import Paper
from generator.model.slugs import organisation_slug
from generator.model.urls import PAPER_SOURCE, relative, url_for_org, url_for_paper, url_for_tag

PAPER_TEMPLATE = "paper.html"  # overrides/paper.html: no sidebars


def metadata_line(paper: Paper, here: str = "") -> Markup:
    parts = [f"Published {date_text(paper.published)}" if paper.published else "Date unknown"]
    if paper.authors:
        parts.append(", ".join(paper.authors))
    elif paper.authors_count:
        parts.append(plural(paper.authors_count, "author"))
    if paper.organization:
        parts.append(link(relative(here, url_for_org(organisation_slug(paper.organization))), paper.organization))
    if paper.venue:
        parts.append(paper.venue)
    if paper.upvotes is not None:
        parts.append(plural(paper.upvotes, "upvote"))
    return join(parts, " · ")


def tag_links(paper: Paper, context: SiteContext, from_url: str) -> Markup:
    return join((link(relative(from_url, url_for_tag(slug)), context.tags[slug].name, css="md-tag")
                 for slug in paper.tags), " ")


def _neighbour_nav(neighbours: Neighbours, here: str, context: SiteContext) -> Markup:
    if neighbours.tag is None or (neighbours.previous is None and neighbours.next is None):
        return EMPTY
    name = context.tags[neighbours.tag].name
    items = []
    for rel, paper, label, key in (("prev", neighbours.previous, f"← Previous in {name}", "k"),
                                   ("next", neighbours.next, f"Next in {name} →", "j")):
        if paper is not None:
            items.append(html('<a href="{}" rel="{}" title="{} (key {})">{}</a>',
                              relative(here, url_for_paper(paper.slug)), rel, paper.title, key, label))
    return block(html('<nav class="paper-nav" data-pagefind-ignore>{}</nav>', join(items, " ")))


def _links(label: str, links: list[tuple[str, str]], css: str) -> Markup:
    items = join((link(url, text, external=True) for text, url in links), " · ")
    return html('<p class="{}"><span class="paper-read-label">{}</span> {}</p>', css, label, items)


def _read_the_paper(paper: Paper) -> Markup:
    """Before the abstract: the full text (arXiv, PDF, Hugging Face) and the
    record's links by kind; without an arXiv id, searches for the exact title."""
    lines = []
    if paper.arxiv_id:
        lines.append(_links("Read the paper:", paper_links(paper), "paper-read"))
    if paper.links:
        lines.append(_links("Links:", record_links(paper), "paper-read"))
    if not paper.arxiv_id:
        lines.append(_links("Find this paper:", title_searches(paper), "paper-read paper-find"))
    return block(html('<nav class="paper-full-text" aria-label="The paper" data-pagefind-ignore>\n{}\n</nav>',
                      join(lines, NEWLINE)))


def _list(css: str, items: list[Markup]) -> Markup:
    """A list the search leaves out, as its heading (the dumps, related papers)."""
    return html('<ul class="{}" data-pagefind-ignore>\n{}\n</ul>', css, join(items, NEWLINE))


def render_paper(paper: Paper, related: list[Paper], neighbours: Neighbours, context: SiteContext,
                 citation: str | None = None) -> Page:
    """The page needs no Markdown pass, and the MkDocs glue skips it.
    `citation`: the paper's BibTeX entry, when the caller rendered it already."""
    here = url_for_paper(paper.slug)
    url = context.paper_url(paper)
    citation = citation or bibtex_entry_text(paper, url)
    tag_names = [context.tags[slug].name for slug in paper.tags]
    parts = [block(html('<p class="paper-meta">{}</p>\n<p class="paper-tags">{}</p>',
                        metadata_line(paper, here), tag_links(paper, context, here))),
             _read_the_paper(paper),
             block(html('<div class="paper-abstract"><p>{}</p></div>', paper.abstract))]
    seen_in = Markup('<h2 id="seen-in" data-pagefind-ignore>Seen in</h2>\n')
    if paper.sources:
        seen = [html("<li>{}{}</li>", name, " — " + context.sources[name].label if name in context.sources else "")
                for name in paper.sources]
        parts.append(block(seen_in + _list("paper-sources", seen)))
    else:
        parts.append(block(seen_in + Markup('<p class="paper-sources" data-pagefind-ignore>Added by hand by a contributor; '
                                            "not seen in an imported dump.</p>")))
    parts.append(block(html('<h2 id="cite" data-pagefind-ignore>Cite</h2>\n'
                            '<pre class="paper-bibtex" data-pagefind-ignore><code>{}</code></pre>', citation.strip())))
    if related:
        items = [html('<li>{} <span class="paper-date">{}</span></li>',
                      link(relative(here, url_for_paper(other.slug)), other.title), date_text(other.published))
                 for other in related]
        parts.append(block(html('<h2 id="related-papers" data-pagefind-ignore>Related papers</h2>\n{}',
                                _list("paper-related", items))))
    parts.append(_neighbour_nav(neighbours, here, context))
    edit = context.edit_url(paper.slug)
    if edit:
        parts.append(block(html('<p class="paper-edit" data-pagefind-ignore>{} — fix its date, tags or links in {}</p>',
                                link(edit, "Edit this paper", external=True), PAPER_SOURCE.format(slug=paper.slug))))
    return page(paper.title, join(parts), template=PAPER_TEMPLATE, hide=["footer"],
                citation=citation_meta(paper, url), jsonld=json_ld(paper, url, tag_names))
