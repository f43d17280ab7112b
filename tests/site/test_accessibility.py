"""axe-core (npm, package-lock.json) on every kind of page and on the open search
in Chromium: no serious or critical violation, in light and dark mode."""

import json

import pytest

from tests.site.node_tools import AXE, node_tools
from tests.site.test_browser import ARTIFACTS, base_url, browser  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "paper": "papers/adamerging-adaptive-model-merging-for-multi-task-learning/",
    "paper with math and hostile text": "papers/hostile-markup-in-every-field/",
    "tag": "tags/model-merging/",
    "tags": "tags/",
    "dates": "dates/",
    "year": "dates/2024/",
    "undated": "dates/undated/",
    "organisation": "orgs/facebook-ai-at-meta/",
    "organisations": "orgs/",
    "missing metadata": "missing/",
    "about": "about/",
}
FAILING = {"serious", "critical"}
WIDTHS = [1280, 390]


@pytest.fixture(scope="module")
def axe_source() -> str:
    node_tools()
    return AXE.read_text("utf-8")


def violations(page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""() => axe.run(document, {resultTypes: ['violations']})""")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [node["target"] for node in v["nodes"]][:5]} for v in result["violations"]]


def audit(browser, url: str, axe_source: str, width: int, scheme: str, search: str | None = None,  # noqa: F811
          scrolled: bool = False):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        if scrolled:  # the header shows the page's title (with its math) in place of the site's name
            page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
            page.wait_for_timeout(500)
        if search is not None:
            page.locator("#archive-search-open").click()
            page.fill("#archive-search-input", search)
            page.wait_for_function("q => document.getElementById('archive-search').dataset.shown === q", arg=search,
                                   timeout=15000)
        return violations(page, axe_source)
    finally:
        context.close()


def record(name: str, found: list[dict]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "axe.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = found
    path.write_text(json.dumps(data, indent=1))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_accessibility_violation(browser, base_url, axe_source, name, width, scheme):  # noqa: F811
    found = audit(browser, base_url + PAGES[name], axe_source, width, scheme)
    record(f"{name} {width}px {scheme}", found)
    assert [v for v in found if v["impact"] in FAILING] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_accessibility_violation_with_search_results_open(browser, base_url, axe_source, width, scheme):  # noqa: F811
    found = audit(browser, base_url + "tags/", axe_source, width, scheme, search="model merging")
    record(f"search results {width}px {scheme}", found)
    assert [v for v in found if v["impact"] in FAILING] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_no_accessibility_violation_on_a_scrolled_paper_page(browser, base_url, axe_source, width, scheme):  # noqa: F811
    found = audit(browser, base_url + PAGES["paper with math and hostile text"], axe_source, width, scheme, scrolled=True)
    record(f"scrolled paper {width}px {scheme}", found)
    assert found == []
