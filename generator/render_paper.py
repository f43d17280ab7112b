"""A paper's page: record in, Markdown out."""

from dataclasses import dataclass

from generator.markup import block, date_text, escape, front_matter, link, plural
from generator.paper import Paper
from generator.sources import Source
from generator.tags import Tag
from generator.urls import PAPER_SOURCE, relative, url_for_paper, url_for_tag


@dataclass(frozen=True)
class SiteContext:
    """What pages need beyond their own records."""

    tags: dict[str, Tag]          # slug -> tag
    sources: dict[str, Source]    # dump file -> manifest entry
    edit_base: str | None         # e.g. https://github.com/o/r/edit/main/ ; None: no edit links

    def edit_url(self, slug: str) -> str | None:
        return self.edit_base + PAPER_SOURCE.format(slug=slug) if self.edit_base else None


def metadata_line(paper: Paper) -> str:
    parts = [f"Published {date_text(paper.published)}" if paper.published else "Date unknown"]
    if paper.authors:
        parts.append(", ".join(paper.authors))
    elif paper.authors_count:
        parts.append(plural(paper.authors_count, "author"))
    if paper.organization:
        parts.append(paper.organization)
    if paper.venue:
        parts.append(paper.venue)
    if paper.upvotes is not None:
        parts.append(plural(paper.upvotes, "upvote"))
    return " · ".join(escape(part) for part in parts)


def tag_links(paper: Paper, context: SiteContext, from_url: str) -> str:
    return " ".join(
        link(relative(from_url, url_for_tag(slug)), context.tags[slug].name, css="md-tag")
        for slug in paper.tags
    )


def render_paper(paper: Paper, related: list[Paper], context: SiteContext) -> str:
    here = url_for_paper(paper.slug)
    parts = [front_matter(paper.title, hide=["footer"])]
    parts.append(block(f'<p class="paper-meta">{metadata_line(paper)}</p>\n'
                       f'<p class="paper-tags">{tag_links(paper, context, here)}</p>'))
    parts.append(block(f'<div class="paper-abstract"><p>{escape(paper.abstract)}</p></div>'))
    details = []
    if paper.arxiv_id:
        details.append(f'<li>arXiv: {link("https://arxiv.org/abs/" + paper.arxiv_id, paper.arxiv_id, external=True)}</li>')
    details += [f"<li>{link(url, url, external=True)}</li>" for url in paper.links]
    if details:
        parts.append("## Links\n\n" + block('<ul class="paper-links">\n' + "\n".join(details) + "\n</ul>"))
    seen = [f"<li>{escape(name)}{' — ' + escape(context.sources[name].label) if name in context.sources else ''}</li>"
            for name in paper.sources]
    parts.append(block('<h2 id="seen-in" data-search-exclude>Seen in</h2>\n'
                       '<ul class="paper-sources">\n' + "\n".join(seen) + "\n</ul>"))
    if related:
        items = [f"<li>{link(relative(here, url_for_paper(other.slug)), other.title)}"
                 f' <span class="paper-date">{escape(date_text(other.published))}</span></li>' for other in related]
        parts.append(block('<h2 id="related-papers" data-search-exclude>Related papers</h2>\n'
                           '<ul class="paper-related">\n' + "\n".join(items) + "\n</ul>"))
    edit = context.edit_url(paper.slug)
    if edit:
        parts.append(block(f'<p class="paper-edit" data-search-exclude>{link(edit, "Edit this paper", external=True)}'
                           f" — fix its date, tags or links in {escape(PAPER_SOURCE.format(slug=paper.slug))}</p>"))
    return "".join(parts)
