"""The "Missing metadata" page: per field, how many papers lack it, with the
lists and edit links. Contributors start here."""

from generator.render.markup import Page, block, page, escape, link, plural
from generator.model.paper import Paper
from generator.render.paper_page import SiteContext
from generator.model.urls import MISSING_URL, PAPERS_CSV_FILE, relative, url_for_paper

LIST_LIMIT = 1000  # papers listed per field; papers.csv has every record

# field -> (label, test for "present")
TRACKED_FIELDS = {
    "published": ("Publication date", lambda paper: paper.published is not None),
    "arxiv_id": ("arXiv id", lambda paper: bool(paper.arxiv_id)),
    "authors": ("Author names", lambda paper: bool(paper.authors)),
}


def missing_by_field(papers: tuple[Paper, ...]) -> dict[str, list[Paper]]:
    """Field -> papers lacking it, by title."""
    ordered = sorted(papers, key=lambda paper: (paper.title.casefold(), paper.slug))
    return {field: [paper for paper in ordered if not present(paper)] for field, (_, present) in TRACKED_FIELDS.items()}


def render_missing(papers: tuple[Paper, ...], context: SiteContext) -> Page:
    missing = missing_by_field(papers)
    rows = "\n".join(f'<tr><td><a href="#missing-{field}">{escape(TRACKED_FIELDS[field][0])}</a></td>'
                     f"<td><code>{field}</code></td><td>{len(lacking)}</td></tr>" for field, lacking in missing.items())
    parts = [block(f"<p>How many of the {plural(len(papers), 'paper')} lack each field. Each list links to the "
                   "papers and to their YAML files: add what you can find in a reliable source "
                   "(the arXiv page, the proceedings) and send a pull request.</p>"),
             block('<table class="missing-table">\n<thead><tr><th>Field</th><th>Key</th><th>Missing</th></tr></thead>\n'
                   f"<tbody>\n{rows}\n</tbody>\n</table>")]
    for field, lacking in missing.items():
        items = []
        for paper in lacking[:LIST_LIMIT]:
            edit = context.edit_url(paper.slug)
            edit_link = f" · {link(edit, 'edit', external=True)}" if edit else ""
            items.append(f"<li>{link(relative(MISSING_URL, url_for_paper(paper.slug)), paper.title)}{edit_link}</li>")
        more = (f"<p>The first {LIST_LIMIT:,} are listed; "
                f"{link(relative(MISSING_URL, PAPERS_CSV_FILE), 'papers.csv')} has every paper.</p>\n"
                if len(lacking) > LIST_LIMIT else "")
        parts.append(block(f'<h2 id="missing-{field}">{escape(TRACKED_FIELDS[field][0])} '
                           f"({len(lacking)} missing)</h2>\n<details><summary>Show the papers</summary>\n{more}"
                           '<ul class="missing-list">\n' + "\n".join(items) + "\n</ul>\n</details>"))
    return page("Missing metadata", "".join(parts))
