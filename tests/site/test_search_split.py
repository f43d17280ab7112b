"""A search index in several parts (render/search_parts.py), built for real
with a small part size: every paper indexed once, and in Chromium the same
results as the one-bundle site by relevance, in date order across the parts."""

import datetime as dt
import json

import pytest

from generator.content.load import load_archive
from generator.model.urls import SEARCH_PARTS
from generator.verify.search import read_bundle, read_fragments, search_bundles
from tests.site.test_browser import base_url, browser, page  # noqa: F401 (fixtures)
from tests.site.test_search_ui import open_search, search
from tests.support import StaticServer, build_site, copy_repo

PART_SIZE = 15  # the fixture's 75 papers in five parts: its 37 dated ones in the first three, 38 undated from the third


def with_part_size(repo, value: str) -> None:
    """mkdocs.yml with `extra: search_part_papers: value` (the file has no `extra:` of its own)."""
    text = (repo / "mkdocs.yml").read_text("utf-8")
    assert "\nextra:" not in text
    (repo / "mkdocs.yml").write_text(f"{text}\nextra:\n  search_part_papers: {value}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def split_site(tmp_path_factory):
    repo = copy_repo(tmp_path_factory.mktemp("split"))
    with_part_size(repo, str(PART_SIZE))
    result = build_site(repo, repo / "site")
    assert result.returncode == 0, result.stderr
    return repo / "site"


@pytest.fixture(scope="module")
def split_url(split_site):
    with StaticServer(split_site) as url:
        yield url


@pytest.fixture(scope="module")
def papers(fixture_content):
    return {paper.slug: paper for paper in load_archive(fixture_content)[0].papers}


def slug_of(url: str) -> str:
    return url.rstrip("/").split("/")[-1]


def test_every_paper_is_in_one_part_and_the_parts_are_date_ranges(split_site, papers):
    manifest = json.loads((split_site / SEARCH_PARTS).read_text("utf-8"))
    bundles = search_bundles(split_site)
    assert manifest["bundles"] == ["pagefind/", "pagefind-2/", "pagefind-3/", "pagefind-4/", "pagefind-5/"]
    assert [bundle.name + "/" for bundle in bundles] == manifest["bundles"]
    urls = [document.url for document in read_fragments(split_site)]
    assert sorted(slug_of(url) for url in urls) == sorted(papers)
    dates = []
    for bundle in bundles:
        documents = read_bundle(bundle)
        dates.append([papers[slug_of(document.url)].published for document in documents])
    assert [len(part) for part in dates] == [PART_SIZE] * 5
    in_order = [date for part in dates for date in sorted(part, key=lambda date: date or dt.date.min, reverse=True)]
    assert in_order[:37] == sorted(in_order[:37], reverse=True) and in_order[37:] == [None] * 38
    # only the first bundle carries Pagefind's scripts and WebAssembly: the others are merged into it
    assert (bundles[0] / "pagefind.js").is_file()
    assert all(sorted(path.name for path in bundle.iterdir() if path.is_file())[0] == "pagefind-entry.json"
               and not list(bundle.glob("*.js")) and not list(bundle.glob("wasm.*")) for bundle in bundles[1:])


@pytest.mark.parametrize("value", ["0", "many", "1.5"])
def test_a_part_size_that_is_not_a_whole_number_fails_the_build(tmp_path, value):
    repo = copy_repo(tmp_path)
    with_part_size(repo, value)
    result = build_site(repo, repo / "site")
    assert result.returncode != 0
    assert "extra.search_part_papers must be a whole number of papers, at least 1" in result.stderr


def all_results(page) -> list[str]:
    more = page.locator("button.archive-search__more")
    while more.is_visible():
        shown = page.locator("a.archive-search__title").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('a.archive-search__title').length > {shown}")
    return [slug_of(url) for url in
            page.locator("a.archive-search__title").evaluate_all("links => links.map(a => a.getAttribute('href'))")]


@pytest.mark.browser
def test_by_relevance_the_parts_find_what_one_bundle_finds(page, base_url, split_url, split_site):  # noqa: F811
    """The same papers for a query; each part scores with its own word statistics
    (Pagefind's mergeIndex), so the order may differ, but a title finds its paper
    first whichever part holds it."""
    firsts = {document.title: slug_of(document.url)
              for document in (read_bundle(bundle)[0] for bundle in search_bundles(split_site))}
    for query in ["transfer learning", "model", "language", *firsts]:
        found = []
        for url in (base_url, split_url):
            open_search(page, url)
            search(page, query)
            found.append(all_results(page))
        assert found[0] and sorted(found[1]) == sorted(found[0]), query
        if query in firsts:
            assert found[0][0] == found[1][0] == firsts[query], query
    assert page.errors == []


def search_in_order(page, query: str, order: str, tag: str = "", year: str = "") -> tuple[list[str], list[str]]:
    """The results of `query` (with the filters) by relevance and in `order`."""
    found = []
    for sort in ("", order):
        page.fill("#archive-search-input", "")
        page.select_option("#archive-search-tag", tag)
        page.select_option("#archive-search-year", year)
        page.select_option("#archive-search-sort", sort)
        page.evaluate("document.getElementById('archive-search').dataset.shown = 'stale'")
        search(page, query)  # only the search of the text typed last shows its results
        found.append(all_results(page))
    return found[0], found[1]


@pytest.mark.browser
@pytest.mark.parametrize("order", ["newest", "oldest"])
@pytest.mark.parametrize("tag, year", [("", ""), ("Language models", ""), ("", "2024"), ("", "Undated")])
def test_by_date_across_the_parts_with_the_undated_last(page, split_url, papers, order, tag, year):  # noqa: F811
    open_search(page, split_url)
    by_relevance, slugs = search_in_order(page, "learning", order, tag, year)
    assert slugs and len(slugs) == len(set(slugs)) and sorted(slugs) == sorted(by_relevance)
    dates = [papers[slug].published for slug in slugs]
    dated = [date for date in dates if date]
    assert dated == sorted(dated, reverse=order == "newest")
    assert dates[len(dated):] == [None] * (len(dates) - len(dated))  # the undated last
    if not tag and not year:  # across the part boundaries: papers from every part
        assert len(dated) >= 10 and len(dates) > len(dated)
    assert page.errors == []
