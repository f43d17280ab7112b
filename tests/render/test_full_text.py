"""The ways from a paper's page to the paper itself."""

from generator.model.paper import Paper
from generator.render.full_text import link_label, paper_links, record_links, title_searches


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


def test_hugging_face_link_drops_the_version():
    assert paper_links(paper(arxiv_id="2403.01234v2")) == [
        ("arXiv", "https://arxiv.org/abs/2403.01234v2"), ("PDF", "https://arxiv.org/pdf/2403.01234v2"),
        ("Hugging Face", "https://huggingface.co/papers/2403.01234")]


def test_no_hugging_face_link_for_an_old_style_id():
    assert paper_links(paper(arxiv_id="cs/0601001")) == [
        ("arXiv", "https://arxiv.org/abs/cs/0601001"), ("PDF", "https://arxiv.org/pdf/cs/0601001")]


def test_link_label_comes_from_the_host_a_browser_goes_to():
    assert link_label("https://evil.example\\@github.com/org/repo") == "evil.example"
    assert link_label("https://evil.example\\@arxiv.org/abs/2403.01234") == "evil.example"
    assert link_label("https://github.com@evil.example/org/repo") == "evil.example"
    assert link_label("https://www.GitHub.com./org/repo") == "Code (GitHub)"


def test_link_label_of_a_url_with_no_valid_host():
    assert link_label("https://[x]/") == "Link"
