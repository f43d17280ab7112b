"""Paper pages read well: a measure of about 70-80 characters a line, text
left-aligned, math as MathML, and provenance collapsed at the end."""

import pytest

from tests.site.test_browser import base_url, browser  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

PAPER = "papers/adamerging-adaptive-model-merging-for-multi-task-learning/"
LINE_LENGTH = """() => {
    // characters per rendered line of the abstract, from the boxes of its characters
    const text = document.querySelector('.paper-abstract p').firstChild;
    const range = document.createRange();
    const lines = new Map();
    for (let i = 0; i < text.length; i++) {
        range.setStart(text, i); range.setEnd(text, i + 1);
        const box = range.getBoundingClientRect();
        if (!box.height) continue;
        const top = Math.round(box.top);
        lines.set(top, (lines.get(top) || 0) + 1);
    }
    const counts = [...lines.values()].slice(0, -1);  // the last line is short
    return counts.reduce((a, b) => a + b, 0) / counts.length;
}"""


@pytest.mark.parametrize("width", [1280, 1024, 1920])
def test_abstracts_are_set_at_a_readable_measure(browser, base_url, width):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base_url + PAPER)
    per_line = page.evaluate(LINE_LENGTH)
    context.close()
    assert 65 <= per_line <= 85, f"{per_line:.0f} characters a line at {width}px"


@pytest.mark.parametrize("width", [390, 1280])
def test_text_is_left_aligned_and_provenance_collapsed_at_the_end(browser, base_url, width):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(base_url + PAPER)
    assert page.evaluate("getComputedStyle(document.querySelector('.paper-abstract p')).textAlign") in ("start", "left")
    provenance = page.locator("details.paper-provenance")
    assert provenance.get_attribute("open") is None and not page.locator(".paper-sources").is_visible()
    assert ".txt" not in page.locator("article").inner_text()
    provenance.locator("summary").click()
    assert page.locator(".paper-sources").is_visible() and ".txt" not in page.locator(".paper-sources").inner_text()
    context.close()


def test_math_is_mathml_in_the_page_and_text_in_its_title(browser, base_url):  # noqa: F811
    page = browser.new_page()
    page.goto(base_url + "papers/hostile-markup-in-every-field/")
    formula = page.locator("article h1 math")
    assert formula.count() == 1 and formula.locator("mi").text_content() == "x"
    assert formula.bounding_box()["width"] > 0  # rendered, not hidden
    assert page.title().split(" - ")[0].endswith("& $x$")
    page.close()
