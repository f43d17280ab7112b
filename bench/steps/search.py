"""Step `search`: the site's Pagefind search in headless Chromium. A cold
browser context (empty cache) opens the home page of the built site, served
on 127.0.0.1 without compression; a click on the header's search button opens
the search dialog (which loads Pagefind), the first words of a paper's title
are typed, and a MutationObserver notes when the
first result appears. Measured: first keystroke to first result, navigation
start to first result, and every byte the page and the query transferred."""

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator.content.load import Archive
from generator.model.urls import is_search_bundle
from tests.support import StaticServer, launch_chromium

QUERY_SLUG = "a-cost-benefit-analysis-of-cross-lingual-transfer-methods"  # a real paper, in every size
SEARCH_OPEN = "#archive-search-open"   # the header's button (overrides/main.html)
SEARCH_INPUT = "#archive-search-input"  # in the dialog docs/assets/search.js fills
RESULT = ".archive-search__result"
RESULT_TITLE = "a.archive-search__title"
FIRST_RESULT_SCRIPT = """
new MutationObserver((records, observer) => {
  if (document.querySelector(%s)) {
    window.__benchFirstResult = performance.now();
    observer.disconnect();
  }
}).observe(document, {subtree: true, childList: true});
""" % json.dumps(RESULT)


@dataclass(frozen=True)
class SearchRun:
    after_keystroke_s: float  # first keystroke until the first result is in the page
    from_navigation_s: float  # navigation start until the first result
    bytes: int                # every response body: page, theme, Pagefind and the query
    index_bytes: int          # of which under the index parts, /pagefind*/
    paper_first: bool         # the paper whose title was typed is the first result


@dataclass(frozen=True)
class SearchResult:
    query: str
    runs: tuple[SearchRun, ...]

    @property
    def slowest_after_keystroke_s(self) -> float:
        return max(run.after_keystroke_s for run in self.runs)

    @property
    def most_bytes(self) -> int:
        return max(run.bytes for run in self.runs)


def query_for(archive: Archive) -> tuple[str, str]:
    """A paper present at every size, its title, and the query: its first
    three words of more than three letters."""
    paper = next((paper for paper in archive.papers if paper.slug == QUERY_SLUG), archive.papers[0])
    words = [word for word in re.findall(r"[\w-]+", paper.title) if len(word) > 3][:3]
    return " ".join(words), paper.title


def _in_search_index(url: str) -> bool:
    return any(is_search_bundle(folder) for folder in urlsplit(url).path.split("/")[:-1])


def _response_bytes(responses: list, counted=lambda url: True) -> int:
    """Bytes of the responses whose URL is `counted`."""
    total = 0
    for response in responses:
        if not counted(response.url):
            continue
        length = response.headers.get("content-length")
        if length is not None:
            total += int(length)
        elif 200 <= response.status < 300:
            total += len(response.body())
    return total


def _one_run(browser, base_url: str, query: str, title: str) -> SearchRun:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    try:
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                      else route.abort())
        responses: list = []
        context.on("response", lambda response: responses.append(response))
        context.add_init_script(FIRST_RESULT_SCRIPT)
        page = context.new_page()
        page.goto(base_url, wait_until="commit")
        page.locator(SEARCH_OPEN).click(timeout=120_000)  # waits until the script shows the button
        box = page.locator(SEARCH_INPUT)
        box.wait_for(state="visible", timeout=120_000)
        box.click()
        typed_at = page.evaluate("performance.now()")
        page.keyboard.type(query)
        page.wait_for_function("window.__benchFirstResult !== undefined", timeout=120_000, polling=20)
        found_at = page.evaluate("window.__benchFirstResult")
        page.wait_for_timeout(300)  # let the list settle before reading the first title
        first = page.locator(RESULT_TITLE).first.inner_text()
        return SearchRun((found_at - typed_at) / 1000, found_at / 1000, _response_bytes(responses),
                         _response_bytes(responses, _in_search_index), first.strip().casefold() == title.casefold())
    finally:
        context.close()


def run(site: Path, archive: Archive, runs: int) -> SearchResult:
    from playwright.sync_api import sync_playwright

    query, title = query_for(archive)
    with StaticServer(site) as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            measured = tuple(_one_run(browser, base_url, query, title) for _ in range(runs))
        finally:
            browser.close()
    return SearchResult(query, measured)
