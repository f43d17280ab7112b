"""The ways from a paper's page to the paper itself."""

from generator.model.paper import Paper
from generator.render.full_text import link_label, record_links, title_searches


def paper(**fields) -> Paper:
    return Paper(**{"slug": "p", "title": "T", "abstract": "A.", "tags": (), **fields})


def test_code_and_project_page_come_first_then_links_by_kind():
    found = record_links(paper(code_url="https://github.com/o/r", project_url="https://o.github.io/r/",
                               links=("https://doi.org/10.1/x", "https://www.example.org/data")))
    assert found == [("Code", "https://github.com/o/r"), ("Project page", "https://o.github.io/r/"),
                     ("DOI", "https://doi.org/10.1/x"), ("example.org", "https://www.example.org/data")]


def test_link_labels_by_host():
    assert link_label("https://github.com/x/y") == "Code (GitHub)"
    assert link_label("https://huggingface.co/datasets/x") == "Hugging Face"


def test_title_searches_quote_the_exact_title():
    sites = dict(title_searches(paper(title="Attention Is All You Need")))
    assert sites["arXiv"] == "https://arxiv.org/search/?searchtype=title&query=%22Attention+Is+All+You+Need%22"
    assert sites["Semantic Scholar"] == "https://www.semanticscholar.org/search?q=%22Attention+Is+All+You+Need%22"
