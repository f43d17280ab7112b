"""The search dialog in Chromium: what a result shows, filters and order, and
respelling: typo tolerance measured over a fixed query set built from the
fixture's titles, and every word only one paper uses found as typed."""

import gzip
import json
import re
from collections import Counter

import cbor2
import pytest
import snowballstemmer

from generator.content.load import load_archive
from generator.verify.search import FRAGMENT_SIGNATURE, read_fragments, search_bundles
from tests.site.test_browser import ARTIFACTS, base_url, browser, page  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

TYPO_QUERIES = 40
TOP = 3
REQUIRED_RATE = 0.8


def swap_adjacent(word: str) -> str:
    """The word with two neighbouring letters swapped, near its middle (the
    first pair from there that differs)."""
    middle = len(word) // 2
    for start in [*range(middle - 1, len(word) - 1), *range(middle - 2, -1, -1)]:
        if word[start] != word[start + 1]:
            return word[:start] + word[start + 1] + word[start] + word[start + 2:]
    return word


def typo_queries(papers) -> list[tuple[str, str, str]]:
    """(query, typed word, slug): the first four words of a title, with one word of
    five letters or more misspelt by a swap; titles in slug order, one per paper."""
    queries = []
    for paper in sorted(papers, key=lambda paper: paper.slug):
        words = re.findall(r"[A-Za-z][A-Za-z-]*[A-Za-z]|[A-Za-z]", paper.title)[:4]
        candidates = [word for word in words if len(word) >= 5 and "-" not in word]
        if len(words) < 2 or not candidates:
            continue
        target = max(candidates, key=len)
        typed = swap_adjacent(target)
        queries.append((" ".join(typed if word == target else word for word in words), typed, paper.slug))
    return queries[:TYPO_QUERIES]


@pytest.fixture(scope="module")
def archive(fixture_content):
    return load_archive(fixture_content)[0]


@pytest.fixture(scope="module")
def papers(archive):
    return archive.papers


STATUS = "t => document.querySelector('.archive-search__status').textContent === t"


def search(page, query: str) -> list[str]:
    """Type `query` into the open dialog; the result URLs once they are shown."""
    page.fill("#archive-search-input", query)
    page.wait_for_function("q => document.getElementById('archive-search').dataset.shown === q", arg=query,
                           timeout=15000)
    return page.locator("a.archive-search__title").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def open_search(page, base_url):  # noqa: F811
    page.goto(f"{base_url}tags/")
    page.locator("#archive-search-open").click()
    page.locator("#archive-search-input").wait_for(state="visible")
    page.wait_for_function("document.querySelectorAll('#archive-search-tag option').length > 1")


def test_typo_tolerance_finds_the_paper_in_the_top_three(page, base_url, papers):
    queries = typo_queries(papers)
    assert len(queries) == TYPO_QUERIES
    open_search(page, base_url)
    found, report = 0, []
    for query, typed, slug in queries:
        urls = search(page, query)
        rank = next((index + 1 for index, url in enumerate(urls) if url.rstrip("/").endswith("/" + slug)), None)
        found += rank is not None and rank <= TOP
        report.append({"query": query, "typo": typed, "slug": slug, "rank": rank})
    rate = found / len(queries)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "typo-tolerance.json").write_text(json.dumps({"top3_rate": rate, "queries": report}, indent=1))
    print(f"typo tolerance: {found}/{len(queries)} queries find their paper in the top {TOP}")
    assert rate >= REQUIRED_RATE, [entry for entry in report if not entry["rank"] or entry["rank"] > TOP]
    assert page.errors == []


def index_terms(site) -> Counter[str]:
    """term -> number of pages: the words Pagefind indexed (stemmed, lower case),
    read from the index chunks of every part of the site's index."""
    pages: Counter[str] = Counter()
    for bundle in search_bundles(site):
        for chunk in sorted((bundle / "index").glob("*.pf_index")):
            raw = gzip.decompress(chunk.read_bytes())
            for term, *rest in cbor2.loads(raw[len(FRAGMENT_SIGNATURE):])[0]:
                pages[term] += len(rest[0])
    return pages


def rare_words(site) -> dict[str, str]:
    """word -> slug: each word of the indexed text (title, tags and abstract, as
    Pagefind's fragments hold it, split at anything not a letter or digit) that
    exactly one paper uses, and whose indexed form (Pagefind's English stem) is
    that paper's alone too."""
    stem = snowballstemmer.stemmer("english").stemWord
    terms = index_terms(site)
    users: Counter[str] = Counter()
    owner = {}
    for document in read_fragments(site):
        words = set(re.findall(r"[^\W_]+", document.text.lower()))
        users.update(words)
        owner.update({word: document.url.rstrip("/").split("/")[-1] for word in words})
    return {word: owner[word] for word in sorted(users) if users[word] == 1 and terms[stem(word)] == 1}


def test_every_word_only_one_paper_uses_is_searched_as_typed_and_finds_it(page, base_url, built_site):
    """A word some paper uses is searched as typed, never respelled into a more
    frequent neighbour (as "asymmetry" once became "symmetry"), and its paper
    comes in the top three, also when the word begins longer words of other
    papers ("light", "lightweight")."""
    words = rare_words(built_site)
    assert len(words) > 500
    open_search(page, base_url)
    missed, respelled = [], []
    for word, slug in words.items():
        urls = search(page, word)
        if not any(url.rstrip("/").endswith("/" + slug) for url in urls[:TOP]):
            missed.append((word, slug, urls[:TOP]))
        if page.locator(".archive-search__suggestion").is_visible():
            respelled.append(word)
    found = len(words) - len(missed)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "rare-words.json").write_text(json.dumps({"found": found, "words": len(words), "missed": missed,
                                                          "respelled": respelled}, indent=1))
    print(f"rare words: {found}/{len(words)} find their paper in the top {TOP}; {len(respelled)} respelled")
    assert respelled == []
    assert missed == []
    assert page.errors == []


def test_a_misspelt_query_is_respelled_from_the_term_list_only(page, base_url, papers):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    open_search(page, base_url)
    urls = search(page, "adaptvie mdoel mergnig")
    assert urls and "adamerging" in urls[0]
    suggestion = page.locator(".archive-search__suggestion")
    assert suggestion.is_visible()
    assert suggestion.inner_text() == ("No paper uses “adaptvie”, “mdoel” or “mergnig”;"
                                       " showing “adaptive model merging”. Search for adaptvie mdoel mergnig instead.")
    assert page.locator(".archive-search__status").inner_text() == "2 papers for “adaptive model merging”."
    terms = [url for url in requested if "/search-terms/" in url and not url.endswith(("/filters.json", "/parts.json"))]
    assert terms and all(re.search(r"/search-terms/\d+\.json$", url) for url in terms)
    # the typed words one click away: searched as typed, and said so in the URL
    page.evaluate("document.getElementById('archive-search').dataset.shown = 'stale'")
    page.locator("button.archive-search__respelled").click()
    page.wait_for_function(STATUS, arg="No paper uses “adaptvie”, “mdoel” or “mergnig”.")
    assert page.locator("a.archive-search__title").count() == 0
    assert not suggestion.is_visible()
    assert "typed=1" in page.url
    # the button is gone: the focus is back in the search field, where ↓ and Enter work
    assert page.evaluate("document.activeElement.id") == "archive-search-input"
    assert page.errors == []


def result_count(page) -> int:
    return page.locator("a.archive-search__title").count()


def test_a_word_no_paper_uses_and_none_respells_finds_nothing(page, base_url):
    """Pagefind answers a word it does not hold with pages whose words begin like
    it ("zebra": "Zero-Shot"); the dialog says no paper uses it and shows none."""
    page.goto(f"{base_url}?q=zebra")
    page.wait_for_function(STATUS, arg="No paper uses “zebra”.")
    assert result_count(page) == 0
    assert not page.locator(".archive-search__suggestion").is_visible()
    page.fill("#archive-search-input", "zebra qwxz")
    page.wait_for_function(STATUS, arg="No paper uses “zebra” or “qwxz”.")
    assert result_count(page) == 0
    assert page.errors == []


def test_the_other_words_are_searched_and_the_unused_one_named(page, base_url):
    """Words some paper uses beside one none does: those are searched, the left-out
    word named, and the words as typed one click away (finding nothing)."""
    open_search(page, base_url)
    urls = search(page, "adaptive zebra merging")
    assert urls and "adamerging" in urls[0]
    assert page.locator(".archive-search__suggestion").inner_text() == (
        "No paper uses “zebra”; showing “adaptive merging”. Search for adaptive zebra merging instead.")
    assert re.fullmatch(r"\d+ papers? for “adaptive merging”\.", page.locator(".archive-search__status").inner_text())
    # respelled and left out together
    search(page, "adaptvie zebra merging")
    assert page.locator(".archive-search__suggestion").inner_text() == (
        "No paper uses “adaptvie” or “zebra”; showing “adaptive merging”. Search for adaptvie zebra merging instead.")
    page.locator("button.archive-search__respelled").click()
    page.wait_for_function(STATUS, arg="No paper uses “adaptvie” or “zebra”.")
    assert result_count(page) == 0
    assert page.errors == []


def test_words_asked_for_as_typed_that_no_paper_uses_find_nothing(page, base_url):
    """typed=1: the reader asked for the words as typed, so a misspelt one is not
    respelled, and Pagefind's matches for words it begins like are not shown."""
    page.goto(f"{base_url}?q=mergng&typed=1")
    page.wait_for_function(STATUS, arg="No paper uses “mergng”.")
    assert result_count(page) == 0
    assert not page.locator(".archive-search__suggestion").is_visible()
    assert page.errors == []


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("query", ["x" * 5000, "model " + "x" * 4994])
def test_no_part_of_the_dialog_runs_past_its_edge(browser, base_url, width, query):  # noqa: F811
    """A long tag name in the menu, a 5,000-character query in the status (a word
    alone) or the suggestion (beside a word papers use): each wraps or shrinks
    inside the dialog, which does not scroll sideways."""
    page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
    try:
        page.goto(f"{base_url}?q={query.replace(' ', '+')}")
        page.wait_for_function("q => document.getElementById('archive-search').dataset.shown === q", arg=query,
                               timeout=15000)
        page.wait_for_function("document.querySelectorAll('#archive-search-tag option').length > 1")
        page.select_option("#archive-search-tag", index=max(range(page.locator("#archive-search-tag option").count()),
                           key=lambda at: len(page.locator("#archive-search-tag option").nth(at).inner_text())))
        page.wait_for_timeout(300)
        widths = page.evaluate("""() => {
            const dialog = document.getElementById('archive-search');
            const edge = dialog.getBoundingClientRect().right;
            const past = [...dialog.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > edge + 0.5)
                .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
            return {edge, scroll: dialog.scrollWidth, client: dialog.clientWidth, past};
        }""")
        assert widths["past"] == [] and widths["scroll"] <= widths["client"] and widths["edge"] <= width, widths
    finally:
        page.context.close()


def test_only_the_word_no_paper_uses_is_respelled(page, base_url, built_site):
    """"imitation" is one abstract's word, one edit from the more frequent
    "limitation": it stays as typed; a misspelt word beside it is respelled, and
    the dialog names only that one."""
    slug = rare_words(built_site)["imitation"]
    open_search(page, base_url)
    urls = search(page, "imitation")
    assert urls[0].rstrip("/").endswith("/" + slug)
    papers = "1 paper" if len(urls) == 1 else f"{len(urls)} papers"
    assert page.locator(".archive-search__status").inner_text() == f"{papers} for “imitation”."
    assert not page.locator(".archive-search__suggestion").is_visible()
    urls = search(page, "imitation langauge")
    assert urls[0].rstrip("/").endswith("/" + slug)
    assert page.locator(".archive-search__suggestion").inner_text() == (
        "No paper uses “langauge”; showing “imitation language”. Search for imitation langauge instead.")
    assert page.errors == []


def test_results_show_date_tags_and_an_abstract_excerpt_at_readable_sizes(page, base_url, papers, archive):
    paper = next(paper for paper in papers if paper.slug.startswith("depthlm"))
    names = {tag.slug: tag.name for tag in archive.vocabulary}
    open_search(page, base_url)
    search(page, "metric depth estimation")
    result = page.locator(".archive-search__result", has=page.locator("a", has_text=paper.title)).first
    assert result.locator(".archive-search__date").inner_text() == "Sep 29, 2025"
    assert result.locator(".archive-search__tags").inner_text() == ", ".join(names[slug] for slug in paper.tags)
    excerpt = result.locator(".archive-search__excerpt").inner_text()
    assert paper.title not in excerpt and "Date unknown" not in excerpt and "Published" not in excerpt
    assert re.sub(r"\W+", " ", excerpt.rstrip(" …")).strip() in re.sub(r"\W+", " ", paper.abstract)
    sizes = page.evaluate("""() => ['.archive-search__title', '.archive-search__excerpt', '.archive-search__fields',
        '.archive-search__input'].map(s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))""")
    assert sizes[0] >= 16 and sizes[1] >= 14 and sizes[2] >= 13 and sizes[3] >= 16, sizes
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-results.png"))
    assert page.errors == []


def test_filters_by_tag_and_year_and_order_by_date(page, base_url, papers):
    open_search(page, base_url)
    tag_options = page.locator("#archive-search-tag option").all_inner_texts()
    assert "Model merging (" in " ".join(tag_options)
    page.select_option("#archive-search-tag", "Model merging")
    urls = search(page, "model")
    expected = {paper.slug for paper in papers if "model-merging" in paper.tags}
    assert urls and {url.rstrip("/").split("/")[-1] for url in urls} <= expected
    page.select_option("#archive-search-tag", "")
    page.select_option("#archive-search-year", "2024")
    page.wait_for_timeout(300)
    urls = search(page, "learning")
    dated_2024 = {paper.slug for paper in papers if paper.published and paper.published.year == 2024}
    assert urls and {url.rstrip("/").split("/")[-1] for url in urls} <= dated_2024
    page.select_option("#archive-search-year", "")
    page.select_option("#archive-search-sort", "newest")
    search(page, "language")
    page.locator("button.archive-search__more").click() if page.locator("button.archive-search__more").is_visible() else None
    shown = [paper.slug for paper in papers]
    dates = {paper.slug: paper.published for paper in papers}
    slugs = [url.rstrip("/").split("/")[-1] for url in
             page.locator("a.archive-search__title").evaluate_all("links => links.map(a => a.getAttribute('href'))")]
    assert set(slugs) <= set(shown)
    dated = [dates[slug] for slug in slugs if dates[slug]]
    assert dated == sorted(dated, reverse=True) and len(dated) >= 3
    undated_positions = [index for index, slug in enumerate(slugs) if dates[slug] is None]
    assert all(index >= len(dated) for index in undated_positions)  # undated last
    assert page.errors == []


def test_a_filter_alone_says_what_it_filters_by(page, base_url, papers, archive):
    """No words: the status names the tag and the year, not "all words"."""
    names = {tag.slug: tag.name for tag in archive.vocabulary}
    merging = sum("model-merging" in paper.tags for paper in papers)
    merging_2024 = sum("model-merging" in paper.tags and paper.published is not None and paper.published.year == 2024
                       for paper in papers)
    undated = sum(paper.published is None for paper in papers)
    assert names["model-merging"] == "Model merging" and merging > 1
    status = page.locator(".archive-search__status")
    open_search(page, base_url)
    page.select_option("#archive-search-tag", "Model merging")
    page.wait_for_function("t => document.querySelector('.archive-search__status').textContent === t",
                           arg=f"{merging} papers tagged Model merging.")
    page.select_option("#archive-search-year", "2024")
    expected = f"{merging_2024} papers tagged Model merging from 2024." if merging_2024 else \
        "No paper tagged Model merging from 2024."
    page.wait_for_function("t => document.querySelector('.archive-search__status').textContent === t", arg=expected)
    page.select_option("#archive-search-tag", "")
    page.select_option("#archive-search-year", "Undated")
    page.wait_for_function("t => document.querySelector('.archive-search__status').textContent === t",
                           arg=f"{undated} papers with no date.")
    assert "all words" not in status.inner_text()
    assert page.errors == []


def test_the_filter_menus_list_what_pagefind_indexed(page, base_url):
    """The menus come from search-terms/filters.json, written by the generator:
    the same values and counts as Pagefind's own filters() over the built index."""
    open_search(page, base_url)
    written, indexed = page.evaluate("""async base => {
        const written = await (await fetch(base + "search-terms/filters.json")).json();
        const pagefind = await import(base + "pagefind/pagefind.js");
        return [written, await pagefind.filters()];
    }""", base_url)
    assert written == indexed
    assert sum(written["year"].values()) > 0 and written["tag"]
    assert page.errors == []


def test_the_search_bundle_loads_only_when_opened(page, base_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base_url}")
    page.wait_for_load_state("networkidle")
    assert not any("/pagefind/" in url for url in requested)
    page.locator("#archive-search-open").click()
    page.wait_for_function("document.querySelectorAll('#archive-search-tag option').length > 1")
    assert any(url.endswith("/pagefind/pagefind.js") for url in requested)
    page.keyboard.press("Escape")
    assert not page.locator("#archive-search").is_visible()
    page.keyboard.press("/")
    assert page.locator("#archive-search-input").is_visible()
    search(page, "learning")
    assert not any("/pagefind/filter/" in url for url in requested)  # only once a filter is chosen
    assert page.errors == []


def test_the_search_works_without_the_menus_file(page, base_url):
    """A failed filters.json leaves the menus at "All"; the search still answers."""
    page.route("**/search-terms/filters.json", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(f"{base_url}tags/")
    page.locator("#archive-search-open").click()
    urls = search(page, "model merging")
    assert urls and any("adamerging" in url for url in urls)
    assert page.locator("#archive-search-tag option").count() == 1
    assert "could not be loaded" not in page.locator("#archive-search").inner_text()
