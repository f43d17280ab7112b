"""Every header control can be clicked at phone, tablet and desktop widths, at
every scroll position of every kind of page, and nothing of the search sits
above the menu drawer's overlay."""

import pytest

from tests.site.test_browser import base_url, browser  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

WIDTHS = [320, 390, 768, 1024, 1280]
DRAWER_BELOW = 1220  # Material shows the menu button (and hides the tabs) below 76.25em
REPOSITORY_IN_HEADER_FROM = 960  # ... and the repository link in the header from 60em


def uncovered(page, selector: str) -> bool:
    """The element's centre is the element itself (or inside it) for the browser's hit test."""
    return page.evaluate("""selector => {
        const element = document.querySelector(selector);
        const box = element.getBoundingClientRect();
        if (!box.width || !box.height) return false;
        const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        return hit === element || element.contains(hit);
    }""", selector)


@pytest.fixture(params=WIDTHS, ids=[f"{width}px" for width in WIDTHS])
def page_at(request, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": request.param, "height": 800})
    page = context.new_page()
    page.width = request.param
    yield page
    context.close()


@pytest.mark.parametrize("where", ["", "papers/adamerging-adaptive-model-merging-for-multi-task-learning/"])
def test_every_header_control_is_clickable(page_at, base_url, where):  # noqa: F811
    page, width = page_at, page_at.width
    page.goto(base_url + where)
    header = ".md-header__inner"
    controls = {"home": f"{header} a.archive-home", "search": "#archive-search-open",
                "palette": f"{header} form[data-md-component=palette] label:not([hidden])"}
    if width >= REPOSITORY_IN_HEADER_FROM:
        controls["repository"] = f"{header} .md-header__source a"
    for name, selector in controls.items():
        assert page.locator(selector).is_visible(), f"{name} is not visible at {width}px"
        assert uncovered(page, selector), f"{name} is covered at {width}px"
        page.locator(selector).click(trial=True, timeout=3000)
    # the site name: sits in the bar (not under the search) and leads home
    title = page.locator(f"{header} .md-header__title").bounding_box()
    search = page.locator("#archive-search-open").bounding_box()
    assert title["x"] + title["width"] <= search["x"] + 1
    # dark mode toggles
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator(controls["palette"]).click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != scheme
    # the search opens and closes
    page.locator("#archive-search-open").click()
    assert page.locator("#archive-search-input").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#archive-search").is_visible()
    # the drawer (listing pages; paper pages have none, and no menu button)
    menu = page.locator(f"{header} label.md-header__button[for=__drawer]")
    if width < DRAWER_BELOW and not where:
        assert uncovered(page, f"{header} label.md-header__button[for=__drawer]")
        menu.click()
        page.wait_for_timeout(400)  # the drawer slides in
        assert page.evaluate("document.getElementById('__drawer').checked")
        assert not uncovered(page, "#archive-search-open"), "the search is above the drawer's overlay"
        repository = ".md-sidebar--primary .md-nav__source a"
        if width < REPOSITORY_IN_HEADER_FROM:
            assert uncovered(page, repository)
            page.locator(repository).click(trial=True, timeout=3000)
        page.locator(".md-overlay").click(position={"x": width - 5, "y": 400})
    else:
        assert not menu.is_visible()
    page.locator(controls["home"]).click()
    page.wait_for_url(base_url)


# one page of each kind: home, a paper with a long title, a listing by date, a tag's listing
PAGES = {"home": "", "paper": "papers/taskexpert-dynamically-assembling-multi-task-representations-with-memorial-of/",
         "listing": "dates/2023/", "tag": "tags/multi-task-learning/"}
HEADER_CONTROLS = {"title link": "a.archive-home", "search": "#archive-search-open",
                   "menu": "label.md-header__button[for=__drawer]",
                   "palette": "form[data-md-component=palette] label:not([hidden])", "repository": ".md-header__source a"}
HEADER_STATE = """controls => {
    // each visible control: is it the element under its own centre? and where do the header's texts end?
    const bar = document.querySelector('.md-header__inner');
    const result = {controls: {}, scrollWidth: document.documentElement.scrollWidth, innerWidth: innerWidth};
    for (const [name, selector] of Object.entries(controls)) {
        const element = bar.querySelector(selector);
        const box = element && element.getBoundingClientRect();
        if (!box || !box.width || !box.height || getComputedStyle(element).visibility === 'hidden') continue;
        const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        result.controls[name] = hit === element || element.contains(hit);
    }
    const search = document.getElementById('archive-search-open').getBoundingClientRect();
    result.topics = [...bar.querySelectorAll('.md-header__topic')].filter(
        topic => getComputedStyle(topic).opacity !== '0').map(topic => {
            const box = topic.getBoundingClientRect();
            return {text: topic.textContent.trim().slice(0, 30), right: box.right, limit: search.left};
        });
    return result;
}"""


@pytest.mark.parametrize("kind", PAGES)
def test_the_header_holds_at_every_scroll_position(page_at, base_url, kind):  # noqa: F811
    """After scrolling to the top, a little, the middle and the end: every header
    control is the element under its own centre, the titles end before the
    search button, and the page is no wider than the window."""
    page, width = page_at, page_at.width
    page.goto(base_url + PAGES[kind])
    page.wait_for_load_state("load")
    height = page.evaluate("document.documentElement.scrollHeight - innerHeight")
    assert height > 200, f"the {kind} page is too short to scroll at {width}px"
    for position in (0, 150, height // 2, height):
        page.evaluate(f"window.scrollTo(0, {position})")
        page.wait_for_timeout(500)  # Material swaps the titles with a 0.4 s transition
        state = page.evaluate(HEADER_STATE, HEADER_CONTROLS)
        where = f"the {kind} page at {width}px scrolled to {position}px"
        assert state["scrollWidth"] <= state["innerWidth"], f"{where} is {state['scrollWidth']}px wide"
        assert {"title link", "search", "palette"} <= set(state["controls"]), f"{where}: {state['controls']}"
        covered = [name for name, uncovered_ in state["controls"].items() if not uncovered_]
        assert covered == [], f"{where}: covered: {covered}"
        for topic in state["topics"]:
            assert topic["right"] <= topic["limit"] + 1, f"{where}: the title {topic['text']!r} runs under the search"
