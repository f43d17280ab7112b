"""The built site in a real headless Chromium, served over localhost."""

import os
from pathlib import Path

import pytest

from generator.content.load import load_archive
from tests.support import CHROMIUM, StaticServer, launch_chromium

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(built_site):
    with StaticServer(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing but REQUIRE_BROWSER is set")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser tests not run")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []

    def on_console(message):
        # Third-party requests (the GitHub repository badge) cannot resolve in
        # this sandbox; only errors from the site itself count.
        if message.type == "error" and message.location.get("url", "").startswith("http://127.0.0.1"):
            page.errors.append(f"{message.text} at {message.location}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


@pytest.fixture(scope="module")
def a_paper(fixture_content):
    papers = load_archive(fixture_content)[0].papers
    return next(paper for paper in papers if paper.slug.startswith("adamerging"))


def test_home_loads_without_console_errors(page, base_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url)
    page.wait_for_selector("ul.paper-list")
    page.wait_for_load_state("networkidle")
    # the site's sitemap grows with the archive: no page load may download it
    assert f"{base_url}sitemap.xml" not in requested
    assert not any("search_index.json" in url for url in requested)
    assert "Daily Papers Archive" in page.title()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=False)
    assert page.errors == []


def test_search_finds_a_paper_by_title_words_and_opens_it(page, base_url, a_paper):
    page.goto(f"{base_url}tags/")
    page.locator("#archive-search-open").click()
    search_box = page.locator("#archive-search-input")
    search_box.wait_for(state="visible")
    search_box.type(" ".join(a_paper.title.split()[:4]), delay=20)
    result = page.locator("a.archive-search__title", has_text=a_paper.title).first
    result.wait_for(timeout=15000)
    assert page.locator("a.archive-search__title").first.inner_text() == a_paper.title  # ranked first
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search.png"))
    result.click()
    page.wait_for_url(f"**/papers/{a_paper.slug}/**")
    assert page.locator("article h1").inner_text() == a_paper.title
    assert page.errors == []


def test_a_search_result_titles_math_in_its_plain_form(page, base_url, fixture_content):
    """Pagefind's result titles are text: a title's formulas show as the page's
    tab title shows them (render/plain_text), never as TeX between dollars."""
    from generator.render.plain_text import plain_text

    hostile = next(paper for paper in load_archive(fixture_content)[0].papers if paper.slug.startswith("hostile"))
    page.goto(base_url)
    page.locator("#archive-search-open").click()
    page.locator("#archive-search-input").fill("attacker")
    result = page.locator(f'a.archive-search__title[href*="{hostile.slug}"]')
    result.wait_for(timeout=15000)
    assert result.inner_text() == plain_text(hostile.title) and result.inner_text().endswith("& x")
    assert page.errors == []


def test_paper_page_tag_link_leads_to_the_tag_page(page, base_url, a_paper):
    page.goto(f"{base_url}papers/{a_paper.slug}/")
    page.locator(".paper-abstract").wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "paper.png"), full_page=True)
    assert page.locator(".paper-abstract").inner_text() == a_paper.abstract
    tag_link = page.locator(".paper-tags a").first
    tag_name = tag_link.inner_text()
    tag_link.click()
    page.wait_for_url("**/tags/**")
    assert page.locator("article h1").inner_text() == tag_name
    assert page.locator("ul.paper-list a", has_text=a_paper.title).count() == 1
    assert page.errors == []


def listing_slugs(page) -> list[str]:
    return [href.rstrip("/").split("/")[-1] for href in
            page.locator("ul.paper-list li > a:first-child").evaluate_all("links => links.map(a => a.href)")]


def test_j_and_k_walk_the_listing_the_reader_came_from(page, base_url):
    page.goto(f"{base_url}dates/2023/")
    slugs = listing_slugs(page)
    assert len(slugs) >= 3
    page.locator("ul.paper-list li > a").nth(1).click()
    page.wait_for_url(f"**/papers/{slugs[1]}/")
    page.locator(".paper-abstract").wait_for()
    page.keyboard.press("j")
    page.wait_for_url(f"**/papers/{slugs[2]}/")
    page.locator(".paper-abstract").wait_for()
    page.keyboard.press("k")
    page.wait_for_url(f"**/papers/{slugs[1]}/")
    assert page.errors == []


def test_j_without_a_listing_follows_the_first_tag(page, base_url, a_paper):
    page.goto(f"{base_url}papers/{a_paper.slug}/")
    next_link = page.locator('nav.paper-nav a[rel="next"]')
    assert next_link.is_visible()
    expected = next_link.get_attribute("href").rstrip("/").split("/")[-1]
    page.keyboard.press("j")
    page.wait_for_url(f"**/papers/{expected}/")
    assert page.errors == []


def test_citation_has_a_copy_button_and_downloads_are_linked(page, base_url, a_paper):
    page.goto(f"{base_url}papers/{a_paper.slug}/")
    bibtex = page.locator("pre.paper-bibtex")
    assert bibtex.inner_text().startswith(f"@misc{{{a_paper.slug},")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    bibtex.hover()
    page.locator('pre.paper-bibtex button[data-md-type="copy"]').click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == bibtex.locator("code").inner_text().strip()
    page.goto(f"{base_url}tags/{a_paper.tags[0]}/")
    labels = page.locator("p.downloads a").all_inner_texts()
    assert labels == ["Atom feed", "BibTeX"]
    page.goto(f"{base_url}missing/")
    assert page.locator("table.missing-table tbody tr").count() == 3
    page.goto(f"{base_url}orgs/")
    page.locator("ul.org-list a").first.click()
    page.wait_for_url("**/orgs/*/")
    assert page.locator("ul.paper-list li").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "org.png"))
    assert page.errors == []


@pytest.mark.security
def test_a_hostile_record_is_inert_in_the_browser(page, base_url):
    """The fixture's record written as an attacker would: no element it names
    exists, no script of it runs, and no request leaves this host."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{base_url}papers/hostile-markup-in-every-field/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.querySelectorAll('base, meta[http-equiv], article form, article style, "
                         "article script, article img, article svg a').length") == 0
    assert page.evaluate("window.pwned") is None
    assert page.evaluate("document.baseURI") == page.url
    assert "<b id=x>x</b>" in page.title() and page.locator("#x").count() == 0
    assert "<script>window.pwned = 1</script>" in page.locator("article").inner_text()
    local = ("http://127.0.0.1", "data:")
    assert [url for url in requested if not url.startswith(local) and "github.com" not in url] == []
    page.click("text=click", timeout=2000) if page.locator("article a:has-text('click')").count() else None
    assert page.evaluate("window.pwned") is None
