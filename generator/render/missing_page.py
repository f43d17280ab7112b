"""The "Missing metadata" page: per field, how many papers lack it, with the
lists and edit links. Contributors start here."""

from generator.model.paper import Paper
from generator.model.urls import MISSING_URL, PAPERS_CSV_FILE, relative, url_for_paper
from generator.render.context import SiteContext
from generator.render.markup import EMPTY, NEWLINE, Page, block, html, join, link, math_text, page, plural
from generator.render.plain_text import plain_text

LIST_LIMIT = 1000  # papers listed per field; papers.csv.gz has every record

# field -> (label, test for "present")
TRACKED_FIELDS = {
    "published": ("Publication date", lambda paper: paper.published is not None),
    "arxiv_id": ("arXiv id", lambda paper: bool(paper.arxiv_id)),
    "authors": ("Author names", lambda paper: bool(paper.authors)),
}


def missing_by_field(papers: tuple[Paper, ...]) -> dict[str, list[Paper]]:
    """Field -> papers lacking it, by title in its plain form (a formula sorts
    as the characters it shows, not under `$`)."""
    ordered = sorted(papers, key=lambda paper: (plain_text(paper.title).casefold(), paper.slug))
    return {field: [paper for paper in ordered if not present(paper)] for field, (_, present) in TRACKED_FIELDS.items()}


def render_missing(papers: tuple[Paper, ...], context: SiteContext) -> Page:
    missing = missing_by_field(papers)
    rows = [html('<tr><td><a href="#missing-{}">{}</a></td><td><code>{}</code></td><td>{}</td></tr>',
                 field, TRACKED_FIELDS[field][0], field, len(lacking)) for field, lacking in missing.items()]
    parts = [block(html("<p>How many of the {} lack each field. Each list links to the papers and to their YAML "
                        "files: add what you can find in a reliable source (the arXiv page, the proceedings) and "
                        "send a pull request.</p>", plural(len(papers), "paper"))),
             block(html('<table class="missing-table">\n<thead><tr><th>Field</th><th>Key</th><th>Missing</th></tr>'
                        "</thead>\n<tbody>\n{}\n</tbody>\n</table>", join(rows, NEWLINE)))]
    for field, lacking in missing.items():
        items = []
        for paper in lacking[:LIST_LIMIT]:
            edit = context.edit_url(paper.slug)
            edit_link = html(" · {}", link(edit, "edit", external=True)) if edit else EMPTY
            items.append(html("<li>{}{}</li>", link(relative(MISSING_URL, url_for_paper(paper.slug)), math_text(paper.title)),
                              edit_link))
        more = (html("<p>The first {} are listed; {} has every paper.</p>\n", f"{LIST_LIMIT:,}",
                     link(relative(MISSING_URL, PAPERS_CSV_FILE), PAPERS_CSV_FILE))
                if len(lacking) > LIST_LIMIT else EMPTY)
        parts.append(block(html('<h2 id="missing-{}">{} ({} missing)</h2>\n<details><summary>Show the papers</summary>'
                                '\n{}<ul class="missing-list">\n{}\n</ul>\n</details>', field,
                                TRACKED_FIELDS[field][0], len(lacking), more, join(items, NEWLINE))))
    return page("Missing metadata", join(parts))
