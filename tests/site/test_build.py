"""A real strict MkDocs build of the committed content, checked page by page."""

import filecmp
import gzip
import json
import posixpath
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support import build_site, copy_repo
from generator.render.groups import group_by_month, group_by_tag, group_by_year, undated
from generator.render.plain_text import plain_text
from generator.render.related import related_papers
from generator.model.tags import topic_tags
from generator.model.urls import url_for_paper
from generator.content.load import load_archive
from generator.mkdocs_papers import PAGEFIND_GLOB
from generator.pagefind_index import stable_filter_index


@pytest.fixture(scope="module")
def archive(fixture_content):
    archive, problems = load_archive(fixture_content)
    assert problems == []
    return archive


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")


def listed_slugs(page: BeautifulSoup, selector: str = "ul.paper-list") -> list[str]:
    return [a["href"].rstrip("/").split("/")[-1] for lst in page.select(selector) for a in lst.select("li > a:first-child")]


def listed_across_pages(site: Path, url: str) -> tuple[list[str], int]:
    """The slugs a paginated listing shows, following its `Next page` links."""
    slugs, pages = [], 0
    while url is not None:
        page = soup(site, url)
        slugs += listed_slugs(page)
        pages += 1
        following = page.select_one('nav.pager a[rel="next"]')
        url = posixpath.normpath(posixpath.join(url, following["href"])) + "/" if following else None
    return slugs, pages


def as_typed(element) -> str:
    """The text of an element with each formula (MathML) read back as its `$TeX$`."""
    for formula in element.select(".katex-mathml-root"):
        formula.replace_with("$" + formula.select_one("annotation").get_text() + "$")
    return element.get_text()


def test_every_paper_page_shows_its_exact_abstract_and_title(built_site, archive):
    assert len(archive.papers) == len(list((built_site / "papers").iterdir()))
    related = related_papers(archive.papers, topics=topic_tags(archive.vocabulary))
    for paper in archive.papers:
        page = soup(built_site, url_for_paper(paper.slug))
        assert as_typed(page.select_one(".paper-abstract")) == paper.abstract, paper.slug
        assert as_typed(page.select_one("article h1")) == paper.title, paper.slug
        assert page.title.get_text().startswith(plain_text(paper.title) + " - ")  # no markup in a tab title
        edit = page.select_one(".paper-edit a")["href"]
        assert edit.endswith(f"/edit/main/content/papers/{paper.slug}.yaml")
        listed = [link["href"].split("/")[-2] for link in page.select(".paper-related li a")]
        assert listed == related[paper.slug], paper.slug


def test_every_tag_page_lists_exactly_its_papers_newest_first(built_site, archive):
    by_tag = group_by_tag(archive.papers)
    for tag in archive.vocabulary:
        expected = [paper.slug for paper in by_tag.get(tag.slug, [])]
        slugs, pages = listed_across_pages(built_site, f"tags/{tag.slug}/")
        assert slugs == expected, tag.slug
        assert pages == max(1, -(-len(expected) // 100))
    overview = soup(built_site, "tags/")
    counts = {row.a["href"].strip("/").split("/")[-1]: int(row.select("td")[1].get_text()) for row in overview.select("tbody tr")}
    assert counts == {tag.slug: len(by_tag.get(tag.slug, [])) for tag in archive.vocabulary}


def test_every_year_page_lists_exactly_its_papers_by_month(built_site, archive):
    by_year = group_by_year(archive.papers)
    assert by_year, "the archive has dated papers"
    for year, papers in by_year.items():
        assert listed_across_pages(built_site, f"dates/{year}/")[0] == [paper.slug for paper in papers]
        if len(papers) <= 100:
            months = [h2.get_text().strip("¶").strip() for h2 in soup(built_site, f"dates/{year}/").select("article h2")]
            assert len(months) == len(group_by_month(papers))
    no_date = undated(archive.papers)
    slugs, pages = listed_across_pages(built_site, "dates/undated/")
    assert slugs == [paper.slug for paper in no_date] and pages == max(1, -(-len(no_date) // 100))
    undated_page = soup(built_site, "dates/undated/")
    assert len(undated_page.select('ul.paper-list a[href*="/edit/main/content/papers/"]')) == min(100, len(no_date))


def test_home_has_counts_newest_papers_and_largest_tags(built_site, archive):
    home = soup(built_site, "")
    assert f"{len(archive.papers)} machine-learning papers" in home.get_text()
    assert len(listed_slugs(home)) == 10
    assert home.select("table.tag-table tbody tr")
    assert home.title.get_text() == "Daily Papers Archive"  # the site name once


def test_papers_are_not_in_the_navigation(built_site):
    nav_links = [a["href"] for a in soup(built_site, "").select("nav.md-nav a")]
    assert nav_links and not any("papers/" in href for href in nav_links)


def test_the_sitemap_lists_every_page_once(built_site):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ElementTree.parse(built_site / "sitemap.xml").getroot()
    parts = [element.text for element in index.findall("s:sitemap/s:loc", namespace)]
    site_url = "https://daily-papers-archive.github.io/archive/"
    listed = [element.text.removeprefix(site_url) for part in parts for element in ElementTree.fromstring(
        gzip.decompress((built_site / part.removeprefix(site_url)).read_bytes())).findall("s:url/s:loc", namespace)]
    pages = [path.parent.relative_to(built_site).as_posix() for path in built_site.rglob("index.html")]
    assert sorted(listed) == sorted("" if page == "." else page + "/" for page in pages)
    assert not (built_site / "sitemap.xml.gz").exists()


def test_the_search_index_is_what_pagefind_makes_of_the_published_pages(built_site, tmp_path):
    """The build indexes copies of the paper bodies (faster): Pagefind over the
    published pages themselves gives the same bundle, byte for byte."""
    bundle = tmp_path / "pagefind"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(built_site), "--glob", PAGEFIND_GLOB,
                    "--output-path", str(bundle), "--silent"], check=True)
    stable_filter_index(bundle)  # as the build does
    comparison = filecmp.dircmp(bundle, built_site / "pagefind")
    files = sorted(path.relative_to(bundle) for path in bundle.rglob("*") if path.is_file())
    assert len(files) > 10 and not comparison.left_only and not comparison.right_only
    assert all(filecmp.cmp(bundle / path, built_site / "pagefind" / path, shallow=False) for path in files)
    assert sorted(path.relative_to(built_site / "pagefind") for path in (built_site / "pagefind").rglob("*")
                  if path.is_file()) == files


def test_two_builds_of_the_same_content_are_identical(built_site, tmp_path):
    repo = copy_repo(tmp_path)
    result = build_site(repo, tmp_path / "again")
    assert result.returncode == 0, result.stderr
    comparison = filecmp.dircmp(built_site, tmp_path / "again")

    def differences(cmp, path: str = "") -> list[str]:
        found = [path + name for name in cmp.left_only + cmp.right_only + cmp.diff_files]
        return found + [name for sub_name, sub in cmp.subdirs.items() for name in differences(sub, f"{path}{sub_name}/")]

    # Pagefind writes its filter index in no fixed order (Pagefind issue #638); the
    # hook writes it again sorted (mkdocs_hooks.stable_filter_index), so nothing differs.
    assert differences(comparison) == []


def test_a_bad_record_fails_the_build_with_its_line(tmp_path):
    repo = copy_repo(tmp_path)
    victim = sorted((repo / "content" / "papers").iterdir())[0]
    victim.write_text(victim.read_text("utf-8") + "published: 2024-13-45\n", encoding="utf-8")
    result = build_site(repo, tmp_path / "site")
    assert result.returncode != 0
    assert f"content/papers/{victim.name}:" in result.stderr


def test_paper_pages_skip_the_markdown_pass(built_site, archive):
    """Their body is HTML already; Markdown would have expanded the tabs that
    BibTeX indents with (the glue renders them without it)."""
    paper = archive.papers[0]
    bibtex = soup(built_site, url_for_paper(paper.slug)).select_one("pre.paper-bibtex code").get_text()
    assert "\n\ttitle = {" in bibtex


def test_every_paper_page_is_byte_for_byte_what_mkdocs_renders(tmp_path, monkeypatch):
    """Paper pages are filled from one rendered shell; with this variable set the
    glue renders each through MkDocs too and fails the build on any difference."""
    monkeypatch.setenv("ARCHIVE_CHECK_EVERY_PAPER", "1")
    result = build_site(copy_repo(tmp_path), tmp_path / "site")
    assert result.returncode == 0, result.stderr


def test_a_hand_written_page_at_a_paper_path_fails_the_build(tmp_path):
    """Paper pages are rendered in the background, after MkDocs read docs/: the
    clash is still found before anything is written."""
    repo = copy_repo(tmp_path)
    slug = sorted((repo / "content" / "papers").iterdir())[0].stem
    (repo / "docs" / "papers").mkdir()
    (repo / "docs" / "papers" / f"{slug}.md").write_text("# Mine\n", encoding="utf-8")
    result = build_site(repo, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/papers/{slug}.md clashes with a generated file of the same path" in result.stderr


def test_a_build_leaves_its_caches_for_the_next_one(built_site, archive):
    """The records found valid and the related papers' candidates, by content hash
    (the publish workflow keeps .cache/ between runs; test_workflows checks that a
    build with them gives the same bytes)."""
    cache = built_site.parent / ".cache"
    records = json.loads((cache / "records.json").read_text("utf-8"))["records"]
    assert len(records) == len(archive.papers)
    related = json.loads((cache / "related.json").read_text("utf-8"))
    assert len(related["candidates"]) == len(archive.papers) and related["key"]


def _alive(pid: int) -> bool:
    """Running (an exited process no one has reaped yet is a zombie, not running)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def test_stopping_the_background_papers_stops_every_process_they_started(tmp_path):
    """A failed build stops the forked process and what it started (Pagefind,
    run by a shell): all are in one process group."""
    from generator.mkdocs_papers import BackgroundPapers

    started = tmp_path / "started"

    def prepare():  # in the forked process: start a long-running program, as the shell starts Pagefind
        started.write_text(str(subprocess.Popen(["sleep", "60"]).pid))
        time.sleep(60)

    papers = BackgroundPapers(str(tmp_path / "site"), None, prepare, lambda share: {}, [[]])
    deadline = time.monotonic() + 20
    while not started.exists() or not started.read_text():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    grandchild = int(started.read_text())
    assert _alive(grandchild)
    papers.stop()
    deadline = time.monotonic() + 5
    while _alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(grandchild) and not _alive(papers.pid)
    assert not Path(papers.index_dir).exists()
