"""Pages read well: a measure of about 70-80 characters a line, text
left-aligned, math as MathML wherever a title appears, provenance collapsed at
the end in a reader's words, dates in one piece, tags in listings, the BibTeX
clear of its copy button, and a way to every section from a paper on a phone."""

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
    words = provenance.inner_text()
    assert "saved pages of Hugging Face Daily Papers" in words
    assert not any(term in words for term in ("layout", "dump", "glued", "alternating lines")), words
    context.close()


MATH_PAPER = "papers/hostile-markup-in-every-field/"  # its title ends "& $x$"


def test_math_is_mathml_in_the_page_and_the_scrolled_header_and_plain_in_its_title(browser, base_url):  # noqa: F811
    page = browser.new_page()
    page.goto(base_url + MATH_PAPER)
    formula = page.locator("article h1 math")
    assert formula.count() == 1 and formula.locator("mi").text_content() == "x"
    assert formula.bounding_box()["width"] > 0  # rendered, not hidden
    assert page.title().split(" - ")[0].endswith("& x")  # the plain form: no markup in a tab title
    assert page.locator('meta[name="citation_title"]').get_attribute("content").endswith("& x")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(500)
    topic = page.locator('.md-header__title--active [data-md-component="header-topic"]')
    assert topic.locator("math mi").text_content() == "x" and topic.locator("math").bounding_box()["width"] > 0
    assert "$" not in topic.inner_text()
    page.close()


@pytest.mark.parametrize("where", ["dates/undated/", "tags/language-models/"])
def test_math_is_mathml_in_listings(browser, base_url, where):  # noqa: F811
    """(Related papers and neighbour links: tests/render/test_pages.py; no page of
    the fixture links this paper so.)"""
    page = browser.new_page()
    page.goto(base_url + where)
    links = page.locator(f'article a[href$="{MATH_PAPER.split("/")[1]}/"]')
    assert links.count() >= 1
    for index in range(links.count()):
        link = links.nth(index)
        assert "$x$" not in link.inner_text(), f"{where}: {link.inner_text()!r}"
        assert link.locator("math mi").text_content() == "x" and link.locator("math").bounding_box()["width"] > 0
    page.close()


def test_listing_dates_stay_in_one_piece_and_tags_are_linked(browser, base_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(base_url + "dates/2023/")
    broken = page.evaluate("""() => [...document.querySelectorAll('ul.paper-list .paper-date')]
        .filter(date => date.getClientRects().length > 1).map(date => date.textContent)""")
    assert broken == []
    items = page.locator("ul.paper-list > li")
    tagged = page.locator("ul.paper-list > li .paper-tags a.md-tag")
    assert tagged.count() >= items.count()  # every paper of the fixture has a tag
    name = tagged.first.inner_text()
    tagged.first.click()
    page.wait_for_url("**/tags/**")
    assert page.locator("article h1").inner_text() == name
    context.close()


def test_the_bibtex_copy_button_covers_no_text(browser, base_url):  # noqa: F811
    for width in (390, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(base_url + PAPER)
        page.locator("pre.paper-bibtex").hover()
        overlaps = page.evaluate("""() => {
            const pre = document.querySelector('pre.paper-bibtex');
            const button = pre.querySelector('button[data-md-type="copy"]').getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(pre.querySelector('code'));
            return [...range.getClientRects()].filter(line => line.width && line.left < button.right
                && line.right > button.left && line.top < button.bottom && line.bottom > button.top).length;
        }""")
        context.close()
        assert overlaps == 0, f"the copy button covers text at {width}px"


@pytest.mark.parametrize("width", [320, 390, 768])
def test_a_paper_page_on_a_phone_leads_to_every_section(browser, base_url, width):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base_url + PAPER)
    sections = page.locator(".md-tabs a.md-tabs__link")
    assert sections.all_inner_texts() == ["Home", "Tags", "Dates", "Undated", "Organisations", "Missing metadata",
                                          "About"]
    tags = sections.filter(has_text="Tags")
    tags.scroll_into_view_if_needed()
    assert tags.is_visible()
    tags.click()
    page.wait_for_url("**/tags/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_unnamed_authors_lead_to_the_edit_page(browser, base_url):  # noqa: F811
    page = browser.new_page()
    page.goto(base_url + "papers/taskexpert-dynamically-assembling-multi-task-representations-with-memorial-of/")
    meta = page.locator(".paper-meta")
    assert "2 authors, names not yet recorded — add them" in meta.inner_text()
    assert meta.locator("a", has_text="add them").get_attribute("href").endswith(
        "/edit/main/content/papers/taskexpert-dynamically-assembling-multi-task-representations-with-memorial-of.yaml")
    page.close()
