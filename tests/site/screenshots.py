"""The README's screenshots, made anew by `python3 dev.py screenshots`: the live
content/ built with `mkdocs build`, then a paper page, a listing (the undated
papers: titles with math, dates, tags) and the search with filters, each on a
desktop (1280×900) and a phone (390×844), in Chromium.

    python -m tests.site.screenshots [--out docs/screenshots]"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from tests.support import ROOT, StaticServer, build_site, copy_repo, launch_chromium

PAPER = "papers/r-2-tuning-efficient-image-to-video-transfer-learning-for-video-temporal/"
LISTING = "dates/undated/"  # R²-Tuning comes first: titles in order, `$` before letters
QUERY, TAG, ORDER = "learning", "Multi-task learning", "newest"
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def shoot(site: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with StaticServer(site) as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for name, (width, height) in VIEWPORTS.items():
            context = browser.new_context(viewport={"width": width, "height": height}, color_scheme="light",
                                          device_scale_factor=1)
            page = context.new_page()
            page.goto(base_url + PAPER)
            page.wait_for_load_state("networkidle")
            written.append(out / f"paper-{name}.png")
            page.screenshot(path=str(written[-1]))
            page.goto(base_url + LISTING)
            page.wait_for_load_state("networkidle")
            written.append(out / f"listing-{name}.png")
            page.screenshot(path=str(written[-1]))
            page.goto(base_url + PAPER)
            page.wait_for_load_state("networkidle")
            page.locator("#archive-search-open").click()
            page.wait_for_function("document.querySelectorAll('#archive-search-tag option').length > 1")
            tag = next(value for value in page.locator("#archive-search-tag option").evaluate_all(
                "options => options.map(o => o.value)") if value == TAG)
            page.select_option("#archive-search-tag", tag)
            page.select_option("#archive-search-sort", ORDER)
            page.fill("#archive-search-input", QUERY)
            page.wait_for_function("q => document.getElementById('archive-search').dataset.shown === q", arg=QUERY)
            page.wait_for_timeout(200)
            written.append(out / f"search-{name}.png")
            page.screenshot(path=str(written[-1]))
            context.close()
        browser.close()
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        repo = copy_repo(Path(temporary), content=ROOT / "content")
        shutil.rmtree(repo / "docs" / "screenshots", ignore_errors=True)  # not part of what is shown
        result = build_site(repo, repo / "site")
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return 1
        for path in shoot(repo / "site", args.out):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
