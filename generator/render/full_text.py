"""The ways from a paper's page to the paper itself: arXiv abstract and PDF and
Hugging Face pages for a known arXiv id, the record's own links labelled by
kind, and title searches when no id is known. Every external URL format lives here."""

import re
from urllib.parse import quote, urlencode

from generator.model.paper import Paper
from generator.model.weblinks import url_host

ARXIV_ABS = "https://arxiv.org/abs/{id}"
ARXIV_PDF = "https://arxiv.org/pdf/{id}"
HF_PAPER = "https://huggingface.co/papers/{id}"
# Hugging Face has a page per new-style id (2403.01234), without its version;
# none for an old-style id (cs/0601001).
_NEW_STYLE_ID = re.compile(r"([0-9]{4}\.[0-9]{4,5})(v[0-9]+)?")

# Searches for the exact title, for a paper with no arXiv id yet.
TITLE_SEARCHES = (
    ("Hugging Face Papers", "https://huggingface.co/papers?{}", "q"),
    ("arXiv", "https://arxiv.org/search/?searchtype=title&{}", "query"),
    ("Semantic Scholar", "https://www.semanticscholar.org/search?{}", "q"),
)

# Hosts whose links say what they are; any other link is named by its host.
LINK_KINDS = {"github.com": "Code (GitHub)", "gitlab.com": "Code (GitLab)", "huggingface.co": "Hugging Face",
              "arxiv.org": "arXiv", "doi.org": "DOI", "openreview.net": "OpenReview"}


def arxiv_url(paper: Paper) -> str | None:
    return ARXIV_ABS.format(id=quote(paper.arxiv_id)) if paper.arxiv_id else None


def pdf_url(paper: Paper) -> str | None:
    return ARXIV_PDF.format(id=quote(paper.arxiv_id)) if paper.arxiv_id else None


def hf_url(arxiv_id: str) -> str | None:
    """The Hugging Face page of a new-style arXiv id, without its version; None
    for an old-style id."""
    match = _NEW_STYLE_ID.fullmatch(arxiv_id)
    return HF_PAPER.format(id=match.group(1)) if match else None


def paper_links(paper: Paper) -> list[tuple[str, str]]:
    """(label, URL) of the paper's full text, for a paper with an arXiv id."""
    if not paper.arxiv_id:
        return []
    arxiv_id = quote(paper.arxiv_id)
    links = [("arXiv", ARXIV_ABS.format(id=arxiv_id)), ("PDF", ARXIV_PDF.format(id=arxiv_id))]
    hugging_face = hf_url(paper.arxiv_id)
    return links + [("Hugging Face", hugging_face)] if hugging_face else links


def link_label(url: str) -> str:
    """What a link is, from the host a browser goes to: `Code (GitHub)`, `DOI`,
    else that host; `Link` when it has none."""
    host = url_host(url).removeprefix("www.").removesuffix(".")
    return LINK_KINDS.get(host, host or "Link")


def record_links(paper: Paper) -> list[tuple[str, str]]:
    """(label, URL) of the record's code and project page, then its other links."""
    named = [("Code", paper.code_url), ("Project page", paper.project_url)]
    return [(label, url) for label, url in named if url] + [(link_label(url), url) for url in paper.links]


def title_searches(paper: Paper) -> list[tuple[str, str]]:
    """(site, URL) searching each site for the paper's exact title."""
    exact = f'"{paper.title}"'
    return [(site, template.format(urlencode({parameter: exact}))) for site, template, parameter in TITLE_SEARCHES]
