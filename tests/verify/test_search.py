"""Search ranking, tested offline with lunr over what Pagefind indexed."""

import pytest

from generator.cli import main
from generator.render.plain_text import plain_text
from generator.verify.search import load_index, read_fragments, search
from generator.content.load import load_archive


@pytest.fixture(scope="module")
def index(built_site):
    return load_index(built_site)


@pytest.fixture(scope="module")
def papers(fixture_content):
    return load_archive(fixture_content)[0].papers


def test_every_paper_page_is_indexed_and_nothing_else(built_site, papers):
    documents = read_fragments(built_site)
    assert [document.url for document in documents] == sorted(f"/papers/{paper.slug}/" for paper in papers)
    by_url = {f"/papers/{paper.slug}/": paper for paper in papers}
    for document in documents:
        paper = by_url[document.url]
        assert document.title == plain_text(paper.title)  # Pagefind's titles are text
        assert paper.abstract[:200] in document.text  # the abstract is indexed
        assert "Seen in" not in document.text and "Related papers" not in document.text  # data-pagefind-ignore
        # ... and so are the sections' lists: the dumps, and the titles of the related papers
        assert not any(source in document.text for source in paper.sources), paper.slug
        assert "Added by hand" not in document.text


def test_title_words_rank_that_paper_first(index, papers):
    misses = []
    for paper in papers:
        words = " ".join(paper.title.split()[:6])
        results = search(index, words, limit=3)
        top_titles = {result.title for result in results if result.score == results[0].score} if results else set()
        if paper.title not in top_titles:
            misses.append((paper.title, [result.title for result in results]))
    assert len(misses) <= len(papers) // 50, misses[:10]  # generic titles ("Universal Sentence Encoder") may tie


def test_organisation_words_find_their_papers(index, papers):
    # the hostile record's organisation is markup, not words a reader searches for
    with_org = [paper for paper in papers if paper.organization and "<" not in paper.organization]
    assert with_org
    for paper in with_org:
        found = [result.location for result in search(index, paper.organization, limit=50)]
        assert f"/papers/{paper.slug}/" in found, paper.organization


def test_tag_names_find_tagged_papers(index, papers, fixture_content):
    vocabulary = load_archive(fixture_content)[0].vocabulary
    tag = next(tag for tag in vocabulary if tag.slug == "model-merging")
    found = {result.location for result in search(index, tag.name, limit=20)}
    tagged = {f"/papers/{paper.slug}/" for paper in papers if tag.slug in paper.tags}
    assert len(found & tagged) >= min(10, len(tagged)) * 0.8


def test_search_command(built_site, capsys):
    assert main(["search", "AdaMerging adaptive model merging", "--site", str(built_site), "--limit", "1"]) == 0
    assert capsys.readouterr().out.startswith(" 1. AdaMerging: Adaptive Model Merging for Multi-Task Learning")


def test_query_syntax_lunr_refuses_still_searches(index):
    assert search(index, "merging: ^~", limit=1)
