"""A paper's page: record in, Markdown out."""

import html
from dataclasses import dataclass

from generator.render.citation import bibtex, citation_meta, json_ld
from generator.render.markup import Page, block, date_text, escape, link, page, plural
from generator.model.paper import Paper
from generator.model.slugs import organisation_slug
from generator.model.sources import Source
from generator.model.tags import Tag
from generator.model.urls import PAPER_SOURCE, absolute, relative, url_for_org, url_for_paper, url_for_tag


PAPER_TEMPLATE = "paper.html"  # overrides/paper.html: no sidebars


@dataclass(frozen=True)
class SiteContext:
    """What pages need beyond their own records."""

    tags: dict[str, Tag]          # slug -> tag
    sources: dict[str, Source]    # dump file -> manifest entry
    edit_base: str | None         # e.g. https://github.com/o/r/edit/main/ ; None: no edit links
    site_url: str = "https://example.org/"
    site_name: str = "Daily Papers Archive"

    def edit_url(self, slug: str) -> str | None:
        return self.edit_base + PAPER_SOURCE.format(slug=slug) if self.edit_base else None

    def paper_url(self, paper: Paper) -> str:
        """The absolute URL of a paper's page, for feeds and citations."""
        return absolute(self.site_url, url_for_paper(paper.slug))


@dataclass(frozen=True)
class Neighbours:
    """The papers before and after this one in its first tag's listing."""

    tag: str | None = None
    previous: Paper | None = None
    next: Paper | None = None


def metadata_line(paper: Paper, here: str = "") -> str:
    parts = [escape(f"Published {date_text(paper.published)}" if paper.published else "Date unknown")]
    if paper.authors:
        parts.append(escape(", ".join(paper.authors)))
    elif paper.authors_count:
        parts.append(escape(plural(paper.authors_count, "author")))
    if paper.organization:
        parts.append(link(relative(here, url_for_org(organisation_slug(paper.organization))), paper.organization))
    if paper.venue:
        parts.append(escape(paper.venue))
    if paper.upvotes is not None:
        parts.append(escape(plural(paper.upvotes, "upvote")))
    return " · ".join(parts)


def tag_links(paper: Paper, context: SiteContext, from_url: str) -> str:
    return " ".join(
        link(relative(from_url, url_for_tag(slug)), context.tags[slug].name, css="md-tag")
        for slug in paper.tags
    )


def _neighbour_nav(neighbours: Neighbours, here: str, context: SiteContext) -> str:
    if neighbours.tag is None or (neighbours.previous is None and neighbours.next is None):
        return ""
    name = context.tags[neighbours.tag].name
    items = []
    for rel, paper, label in (("prev", neighbours.previous, f"← Previous in {name}"),
                              ("next", neighbours.next, f"Next in {name} →")):
        if paper is not None:
            items.append(f'<a href="{escape(relative(here, url_for_paper(paper.slug)))}" rel="{rel}" '
                         f'title="{escape(paper.title)} (key {"k" if rel == "prev" else "j"})">{escape(label)}</a>')
    return block(f'<nav class="paper-nav" data-pagefind-ignore>{" ".join(items)}</nav>')


def render_paper(paper: Paper, related: list[Paper], neighbours: Neighbours, context: SiteContext) -> Page:
    """HTML only (raw blocks of escaped text): the page needs no Markdown pass,
    and the MkDocs glue skips it."""
    here = url_for_paper(paper.slug)
    url = context.paper_url(paper)
    tag_names = [context.tags[slug].name for slug in paper.tags]
    parts = []
    parts.append(block(f'<p class="paper-meta">{metadata_line(paper, here)}</p>\n'
                       f'<p class="paper-tags">{tag_links(paper, context, here)}</p>'))
    parts.append(block(f'<div class="paper-abstract"><p>{escape(paper.abstract)}</p></div>'))
    details = []
    if paper.arxiv_id:
        details.append(f'<li>arXiv: {link("https://arxiv.org/abs/" + paper.arxiv_id, paper.arxiv_id, external=True)}</li>')
    details += [f"<li>{link(url, url, external=True)}</li>" for url in paper.links]
    if details:
        parts.append(block('<h2 id="links">Links</h2>\n<ul class="paper-links">\n' + "\n".join(details) + "\n</ul>"))
    if paper.sources:
        seen = [f"<li>{escape(name)}{' — ' + escape(context.sources[name].label) if name in context.sources else ''}</li>"
                for name in paper.sources]
        parts.append(block('<h2 id="seen-in" data-pagefind-ignore>Seen in</h2>\n'
                           '<ul class="paper-sources">\n' + "\n".join(seen) + "\n</ul>"))
    else:
        parts.append(block('<h2 id="seen-in" data-pagefind-ignore>Seen in</h2>\n'
                           '<p class="paper-sources">Added by hand by a contributor; not seen in an imported dump.</p>'))
    citation = html.escape(bibtex([paper], lambda _: url).strip())
    parts.append(block('<h2 id="cite" data-pagefind-ignore>Cite</h2>\n'
                       f'<pre class="paper-bibtex" data-pagefind-ignore><code>{citation}</code></pre>'))
    if related:
        items = [f"<li>{link(relative(here, url_for_paper(other.slug)), other.title)}"
                 f' <span class="paper-date">{escape(date_text(other.published))}</span></li>' for other in related]
        parts.append(block('<h2 id="related-papers" data-pagefind-ignore>Related papers</h2>\n'
                           '<ul class="paper-related">\n' + "\n".join(items) + "\n</ul>"))
    parts.append(_neighbour_nav(neighbours, here, context))
    edit = context.edit_url(paper.slug)
    if edit:
        parts.append(block(f'<p class="paper-edit" data-pagefind-ignore>{link(edit, "Edit this paper", external=True)}'
                           f" — fix its date, tags or links in {escape(PAPER_SOURCE.format(slug=paper.slug))}</p>"))
    return page(paper.title, "".join(parts), template=PAPER_TEMPLATE, hide=["footer"],
                citation=citation_meta(paper, url), jsonld=json_ld(paper, url, tag_names))
