"""The ways from a paper's page to the paper itself: arXiv abstract and PDF and
Hugging Face pages for a known arXiv id, the record's own links labelled by
kind, and title searches when no id is known. Every external URL format lives here."""

from urllib.parse import quote, urlencode, urlsplit

from generator.model.paper import Paper

ARXIV_ABS = "https://arxiv.org/abs/{id}"
ARXIV_PDF = "https://arxiv.org/pdf/{id}"
HF_PAPER = "https://huggingface.co/papers/{id}"

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


def paper_links(paper: Paper) -> list[tuple[str, str]]:
    """(label, URL) of the paper's full text, for a paper with an arXiv id."""
    if not paper.arxiv_id:
        return []
    arxiv_id = quote(paper.arxiv_id)
    return [("arXiv", ARXIV_ABS.format(id=arxiv_id)), ("PDF", ARXIV_PDF.format(id=arxiv_id)),
            ("Hugging Face", HF_PAPER.format(id=arxiv_id))]


def link_label(url: str) -> str:
    """What a link is, from its host: `Code (GitHub)`, `DOI`, else the host."""
    host = (urlsplit(url).hostname or url).removeprefix("www.")
    return LINK_KINDS.get(host, host)


def record_links(paper: Paper) -> list[tuple[str, str]]:
    """(label, URL) of the record's code and project page, then its other links."""
    named = [("Code", paper.code_url), ("Project page", paper.project_url)]
    return [(label, url) for label, url in named if url] + [(link_label(url), url) for url in paper.links]


def title_searches(paper: Paper) -> list[tuple[str, str]]:
    """(site, URL) searching each site for the paper's exact title."""
    exact = f'"{paper.title}"'
    return [(site, template.format(urlencode({parameter: exact}))) for site, template, parameter in TITLE_SEARCHES]
