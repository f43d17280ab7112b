"""The search as a URL and from the keyboard, in Chromium: its words, filters and
order in the page's URL (replaced, so Back is not flooded); a shared URL and
Back from a result open the same results; ↑/↓ and Enter; `/`, Ctrl-K and ⌘K;
where the focus goes on close."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.site.test_browser import base_url, browser, page  # noqa: F401 (fixtures)
from tests.site.test_search_ui import open_search, search

pytestmark = pytest.mark.browser

SHOWN = "q => document.getElementById('archive-search').dataset.shown === q"
ACTIVE = "document.getElementById('archive-search-input').getAttribute('aria-activedescendant')"


def result_urls(page) -> list[str]:
    return page.locator("a.archive-search__title").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def status(page) -> str:
    return page.locator(".archive-search__status").inner_text()


def test_the_search_is_in_the_url_and_a_shared_url_shows_the_same_results(browser, page, base_url):  # noqa: F811
    open_search(page, base_url)
    entries = page.evaluate("history.length")
    page.select_option("#archive-search-tag", "Multi-task learning")
    page.select_option("#archive-search-sort", "newest")
    for typed in ["l", "le", "lea", "learning"]:  # as a reader types: one history entry all along
        page.fill("#archive-search-input", typed)
    page.wait_for_function(SHOWN, arg="learning")
    expected, expected_status = result_urls(page), status(page)
    assert expected and expected_status.endswith("for “learning” tagged Multi-task learning.")
    params = parse_qs(urlsplit(page.evaluate("location.href")).query)
    assert params == {"q": ["learning"], "tag": ["Multi-task learning"], "order": ["newest"]}
    assert page.evaluate("history.length") == entries
    shared = page.evaluate("location.href")

    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        other.goto(shared)
        other.wait_for_function(SHOWN, arg="learning")
        assert other.locator("#archive-search").is_visible()
        assert other.input_value("#archive-search-input") == "learning"
        assert other.input_value("#archive-search-tag") == "Multi-task learning"
        assert other.input_value("#archive-search-sort") == "newest"
        assert result_urls(other) == expected and status(other) == expected_status
    finally:
        other.context.close()

    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.press("Escape")  # closed: the URL holds no search any more
    page.wait_for_function("!document.getElementById('archive-search').open")
    assert page.evaluate("location.search") == ""  # the page itself: page.url follows replaceState a moment later
    assert page.errors == []


def test_a_filter_alone_is_in_the_url_too(page, base_url):  # noqa: F811
    page.goto(f"{base_url}?tag=Model+merging&year=2024")
    page.wait_for_function("document.querySelector('.archive-search__status').textContent !== ''")
    assert page.input_value("#archive-search-tag") == "Model merging"
    assert page.input_value("#archive-search-year") == "2024"
    assert status(page).endswith(" tagged Model merging from 2024.")
    assert page.errors == []


def test_arrows_move_the_highlight_enter_opens_it_and_back_returns_to_the_search(page, base_url):  # noqa: F811
    open_search(page, base_url)
    urls = search(page, "model")
    assert len(urls) >= 3
    assert page.evaluate(ACTIVE) == "archive-search-result-0"  # the best match first
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(ACTIVE) == "archive-search-result-1"
    assert page.locator(".archive-search__result--active a").get_attribute("href") == urls[1]
    assert page.evaluate("document.activeElement.id") == "archive-search-input"  # typing goes on
    page.keyboard.press("Enter")
    page.wait_for_url("**" + urls[1])
    page.go_back()
    page.wait_for_function(SHOWN, arg="model")
    assert page.locator("#archive-search").is_visible()
    assert result_urls(page) == urls
    page.wait_for_function(f"{ACTIVE} === 'archive-search-result-1'")  # the result opened last
    assert page.errors == []


def test_enter_right_after_typing_opens_the_best_match_for_what_was_typed(page, base_url):  # noqa: F811
    open_search(page, base_url)
    search(page, "learning")
    page.fill("#archive-search-input", "adaptive model merging")
    page.keyboard.press("Enter")  # before the search of the new words ran
    page.wait_for_url("**/papers/adamerging-*/")
    assert page.errors == []


@pytest.mark.parametrize("keys", ["/", "Control+k", "Meta+k"])
def test_keys_open_the_search_and_closing_gives_the_focus_back(page, base_url, keys):  # noqa: F811
    page.goto(f"{base_url}tags/")
    link = page.locator("a[href='model-merging/']").first
    link.focus()
    page.keyboard.press(keys)
    assert page.locator("#archive-search-input").is_visible()
    assert page.evaluate("document.activeElement.id") == "archive-search-input"
    page.keyboard.press("Escape")
    assert not page.locator("#archive-search").is_visible()
    assert page.evaluate("document.activeElement.getAttribute('href')") == "model-merging/"
    assert page.errors == []


@pytest.mark.parametrize("keys", ["/", "Control+k"])
def test_keys_typed_in_another_field_stay_there(page, base_url, keys):  # noqa: F811
    page.goto(f"{base_url}tags/")
    page.evaluate("""() => { const field = document.createElement('input'); field.id = 'other';
        field.setAttribute('aria-label', 'other'); document.body.prepend(field); }""")
    page.locator("#other").focus()
    page.keyboard.press(keys)
    assert not page.locator("#archive-search").is_visible()
    if keys == "/":
        assert page.input_value("#other") == "/"
    assert page.errors == []


def test_j_and_k_do_not_leave_the_page_while_the_search_is_open(page, base_url):  # noqa: F811
    """On a paper page `j`/`k` open the next or previous paper; not from inside the search."""
    page.goto(f"{base_url}papers/adamerging-adaptive-model-merging-for-multi-task-learning/")
    page.keyboard.press("/")
    search(page, "model")
    page.locator("a.archive-search__title").first.focus()
    here = page.url
    page.keyboard.press("j")
    page.wait_for_timeout(500)
    assert page.url == here and page.locator("#archive-search").is_visible()
    assert page.errors == []


def search_state(page) -> dict:
    return page.evaluate("""() => ({open: document.getElementById('archive-search').open,
        query: location.search, field: document.getElementById('archive-search-input').value})""")


def test_one_escape_closes_the_dialog_as_the_close_button_does(page, base_url):  # noqa: F811
    """A search field's own Escape empties it; in the dialog one Escape closes it,
    leaving the page's URL and the field as the close button leaves them."""
    open_search(page, base_url)
    search(page, "model")
    page.locator(".archive-search__close").click()
    by_button = search_state(page)
    assert by_button == {"open": False, "query": "", "field": "model"}  # the URL clear, the words kept
    page.keyboard.press("/")
    assert parse_qs(urlsplit(page.evaluate("location.href")).query) == {"q": ["model"]}  # reopened: in the URL again
    page.keyboard.press("Escape")
    assert search_state(page) == by_button
    assert page.errors == []


@pytest.mark.parametrize("keys", ["/", "Control+k"])
def test_keys_open_the_search_after_the_palette_toggle(page, base_url, keys):  # noqa: F811
    """The dark-mode toggle is a radio input: not a field that takes text."""
    page.goto(f"{base_url}tags/")
    page.locator("label[for^='__palette']:visible").click()
    assert page.evaluate("document.activeElement.type") == "radio"
    page.keyboard.press(keys)
    assert page.locator("#archive-search-input").is_visible()
    assert page.evaluate("document.activeElement.id") == "archive-search-input"
    assert page.errors == []


def test_control_k_from_a_menu_in_the_dialog_goes_back_to_the_search_field(page, base_url):  # noqa: F811
    open_search(page, base_url)
    search(page, "model")
    page.locator("#archive-search-tag").focus()
    page.keyboard.press("Control+k")
    assert page.evaluate("document.activeElement.id") == "archive-search-input"
    assert page.evaluate("[document.activeElement.selectionStart, document.activeElement.selectionEnd]") == [0, 5]
    assert page.errors == []


@pytest.mark.parametrize("keys", ["/", "Control+k"])
def test_reopening_selects_the_words_so_typing_replaces_them(page, base_url, keys):  # noqa: F811
    open_search(page, base_url)
    search(page, "model")
    page.locator(".archive-search__close").click()
    page.keyboard.press(keys)
    selection = page.evaluate("[document.activeElement.selectionStart, document.activeElement.selectionEnd]")
    assert selection == [0, 5]
    assert page.errors == []


def test_j_walks_the_papers_after_the_palette_toggle(page, base_url):  # noqa: F811
    page.goto(f"{base_url}papers/adamerging-adaptive-model-merging-for-multi-task-learning/")
    page.locator("label[for^='__palette']:visible").click()
    here = page.url
    page.keyboard.press("j")
    page.wait_for_function("h => location.href !== h", arg=here)
    assert "/papers/" in page.url and page.url != here
    assert page.errors == []
