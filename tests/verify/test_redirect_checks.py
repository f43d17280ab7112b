"""check-site and the pages at renamed papers' old URLs."""

import dataclasses

from generator.model.paper import Paper
from generator.render.redirects import redirect_pages
from generator.verify.redirect_checks import paper_page_files, redirect_problems

PAPER = Paper(slug="new-name", title="T", abstract="A.", tags=("x",), aliases=("old-name",))


def built(tmp_path, files: dict[str, str]):
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    return tmp_path


def test_an_alias_page_is_not_a_papers_page_and_leads_to_it(tmp_path):
    site = built(tmp_path, {"papers/new-name/index.html": "<html></html>",
                            **redirect_pages((PAPER,), lambda paper: "https://example.org/papers/new-name/")})
    assert paper_page_files(site, [PAPER]) == [site / "papers/new-name/index.html"]
    assert redirect_problems(site, [PAPER]) == []


def test_a_missing_or_wrong_redirect_is_named(tmp_path):
    site = built(tmp_path, {"papers/new-name/index.html": "<html></html>"})
    other = dataclasses.replace(PAPER, aliases=("gone",))
    (tmp_path / "papers/gone").mkdir()
    (tmp_path / "papers/gone/index.html").write_text('<meta http-equiv="refresh" content="0; url=../elsewhere/">')
    assert [problem.message for problem in redirect_problems(site, [PAPER, other])] == [
        "the old URL of 'new-name' has no page", "the old URL does not lead to '../new-name/'"]
