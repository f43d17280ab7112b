import gzip
import json
import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, copy_repo
from generator.site_checks import check_site, scan_page
from generator.store import ContentDir
from generator.yamlio import dump_mapping

ARTICLE = '<html><body><a href="./">home</a><article class="md-content__inner">{}</article><script>theme()</script></body></html>'


def make_site(tmp_path, pages: dict[str, str], fragments: dict[str, str] = {}):
    """A tiny built site; `fragments` are Pagefind index entries (url -> title)."""
    site = tmp_path / "site"
    for path, body in pages.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(ARTICLE.format(body), encoding="utf-8")
    (site / "pagefind" / "fragment").mkdir(parents=True, exist_ok=True)
    for number, (url, title) in enumerate(fragments.items()):
        data = {"url": url, "content": title, "word_count": 1, "filters": {}, "meta": {"title": title}, "anchors": []}
        (site / "pagefind" / "fragment" / f"en_{number}.pf_fragment").write_bytes(
            gzip.compress(b"pagefind_dcd" + json.dumps(data).encode("utf-8")))
    (site / "x.js").write_text("", encoding="utf-8")
    return site


@pytest.fixture
def empty_content(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content" / "papers").mkdir(parents=True)
    return ContentDir(tmp_path / "content")


def messages(problems):
    return [problem.message for problem in problems]


def test_a_clean_site_passes(tmp_path, empty_content):
    site = make_site(tmp_path, {"index.html": '<h2 id="a">A</h2><a href="#a">a</a><a href="b/">b</a><br><img src="x.js">',
                                "b/index.html": '<a href="../#a">back</a><a href="/b/">root-relative</a>'})
    assert check_site(site, empty_content) == []


def test_broken_links_and_anchors(tmp_path, empty_content):
    (tmp_path / "outside.html").write_text("not part of the site", encoding="utf-8")
    site = make_site(tmp_path, {"index.html": '<a href="missing/">m</a><a href="#nowhere">n</a><a href="https://x.org/">ok</a>'
                                              '<a href="../outside.html">out</a>'})
    assert messages(check_site(site, empty_content)) == ["broken link 'missing/'", "broken anchor '#nowhere'",
                                                         "broken link '../outside.html'"]


def test_active_content_inside_the_article_is_refused(tmp_path, empty_content):
    site = make_site(tmp_path, {"index.html": '<p onclick="x()">a</p><script>alert(1)</script><a href="javascript:alert(1)">j</a>'
                                              '<img src="data:image/png;base64,AAA">'})
    assert messages(check_site(site, empty_content)) == [
        "event handler attribute onclick= inside the page content", "<script> inside the page content",
        "href='javascript:alert(1)' inside the page content", "src='data:image/png;base64,AAA' inside the page content"]


def test_lost_paper_pages_are_counted(tmp_path, empty_content):
    (empty_content.papers / "a.yaml").write_text("title: A\n", encoding="utf-8")
    site = make_site(tmp_path, {"index.html": ""})
    assert messages(check_site(site, empty_content)) == ["0 paper pages built for 1 records in content/papers",
                                                         "0 pages in the search index for 1 records"]


def test_a_search_title_must_be_the_record_title_as_text(tmp_path, content):
    record = {"title": "A <b>bold</b> claim", "tags": ["style-transfer"], "sources": ["d.txt"], "abstract": "A."}
    (content.papers / "a.yaml").write_text(dump_mapping(record), encoding="utf-8")
    (content.dumps / "d.txt").write_text("x", encoding="utf-8")
    content.sources_file.write_text("dumps:\n  - file: d.txt\n    label: d\n", encoding="utf-8")
    pages = {"index.html": "", "papers/a/index.html": ""}
    assert check_site(make_site(tmp_path, pages, {"/papers/a/": "A <b>bold</b> claim"}), content) == []
    site = make_site(tmp_path, pages, {"/papers/a/": "A &lt;b&gt;bold&lt;/b&gt; claim"})
    assert messages(check_site(site, content)) == [
        "search title 'A &lt;b&gt;bold&lt;/b&gt; claim' of '/papers/a/' is not the record's title"]


def test_void_elements_do_not_leave_the_article_open():
    scan = scan_page('<article class="md-content__inner"><br><img src="a"><input></article><script>ok()</script>')
    assert scan.unsafe == []


def test_the_real_site_passes(built_site, repo_content):
    assert check_site(built_site, repo_content) == []


HOSTILE_TITLE = '<script>alert("t")</script> *x* {{ config }} | $y$'
HOSTILE_ABSTRACT = ('An abstract with <img src=x onerror="alert(1)"> and [x](javascript:alert(1)) and '
                    '<a href="data:text/html,hi">d</a> `code` \\ $x^2$ _u_ | --- {{ page }} https://ok.example/a.')


def test_hostile_records_build_into_literal_text(tmp_path):
    repo = copy_repo(tmp_path)
    papers = repo / "content" / "papers"
    shutil.rmtree(papers)
    papers.mkdir()
    record = {"title": HOSTILE_TITLE, "tags": ["model-merging"], "sources": ["003_ced3532d949757d8.txt"],
              "organization": "<b>Org</b>", "abstract": HOSTILE_ABSTRACT, "links": ["https://ok.example/a"]}
    (papers / "hostile.yaml").write_text(dump_mapping(record), encoding="utf-8")
    (papers / "plain.yaml").write_text(dump_mapping({**record, "title": "Plain", "abstract": "Plain words."}), encoding="utf-8")
    result = build_site(repo, repo / "site")
    assert result.returncode == 0, result.stderr
    assert check_site(repo / "site", ContentDir(repo / "content")) == []
    page = BeautifulSoup((repo / "site" / "papers" / "hostile" / "index.html").read_text("utf-8"), "html.parser")
    assert page.select_one(".paper-abstract").get_text() == HOSTILE_ABSTRACT
    assert page.select_one("article h1").get_text() == HOSTILE_TITLE
    assert page.title.get_text().startswith(HOSTILE_TITLE)
    assert "<b>Org</b>" in page.select_one(".paper-meta").get_text()
    assert [a["href"] for a in page.select(".paper-links a")] == ["https://ok.example/a"]
