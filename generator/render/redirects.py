"""The pages at a renamed paper's old URLs: each leads to the paper's page
(`aliases` of the record). A small HTML file of its own, outside the theme:
an immediate refresh, the canonical URL for search engines, and a visible
link for a reader whose browser does not follow the refresh."""

from generator.model.paper import Paper
from generator.model.urls import redirect_file, relative, url_for_paper
from generator.render.markup import html

REDIRECT_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{}</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={}">
<link rel="canonical" href="{}">
</head>
<body>
<p>This paper's page has moved: <a href="{}">{}</a>.</p>
</body>
</html>
"""


def redirect_page(paper: Paper, alias: str, absolute_url: str) -> str:
    """The page at `alias`'s old URL, leading to `paper`'s page (`absolute_url`)."""
    target = relative(url_for_paper(alias), url_for_paper(paper.slug))
    return str(html(REDIRECT_TEMPLATE, paper.title, target, absolute_url, target, paper.title))


def redirect_pages(papers: tuple[Paper, ...], absolute_url) -> dict[str, str]:
    """{path: page} for every alias of every paper; `absolute_url(paper)` is its page's URL."""
    return {redirect_file(alias): redirect_page(paper, alias, absolute_url(paper))
            for paper in papers for alias in paper.aliases}
