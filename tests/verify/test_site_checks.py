import gzip
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support import build_site, copy_repo
from generator.verify.site_checks import ALLOWED, allow_list_errors, check_site, scan_page, url_scheme
from generator.content.store import ContentDir
from generator.content.yamlio import dump_mapping
from generator.model.paper import FIELD_ORDER

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


@pytest.mark.security
def test_active_content_inside_the_article_is_refused(tmp_path, empty_content):
    site = make_site(tmp_path, {"index.html": '<p onclick="x()">a</p><script>alert(1)</script><a href="javascript:alert(1)">j</a>'
                                              '<img src="data:image/png;base64,AAA">'})
    assert messages(check_site(site, empty_content)) == [
        "attribute onclick= of <p> is not allowed inside the page content",
        "<script> is not allowed inside the page content",
        "href='javascript:alert(1)' of <a>: scheme javascript: is not allowed inside the page content",
        "src='data:image/png;base64,AAA' of <img>: scheme data: is not allowed inside the page content"]


def test_lost_paper_pages_are_counted(tmp_path, empty_content):
    (empty_content.papers / "a.yaml").write_text("title: A\n", encoding="utf-8")
    site = make_site(tmp_path, {"index.html": ""})
    assert messages(check_site(site, empty_content)) == ["0 paper pages built for 1 records in content/papers",
                                                         "0 pages in the search index for 1 records"]


def test_search_bundles_must_be_those_the_site_lists(tmp_path, empty_content):
    site = make_site(tmp_path, {"index.html": ""})
    (site / "pagefind-2").mkdir()  # left by an earlier build
    assert messages(check_site(site, empty_content)) == ["a search bundle search-terms/parts.json does not list"]
    (site / "search-terms").mkdir()
    (site / "search-terms" / "parts.json").write_text('{"bundles": ["pagefind/", "pagefind-2/", "pagefind-3/"]}')
    assert messages(check_site(site, empty_content)) == ["a search bundle search-terms/parts.json lists is missing"]


def test_a_search_title_must_be_the_record_title_as_text(tmp_path, content):
    record = {"title": "A <b>bold</b> claim", "tags": ["style-transfer"], "sources": ["d.txt"], "abstract": "A."}
    (content.papers / "a.yaml").write_text(dump_mapping(record, FIELD_ORDER), encoding="utf-8")
    (content.dumps / "d.txt").write_text("x", encoding="utf-8")
    content.sources_file.write_text("dumps:\n  - file: d.txt\n    label: d\n", encoding="utf-8")
    pages = {"index.html": "", "papers/a/index.html": ""}
    assert check_site(make_site(tmp_path, pages, {"/papers/a/": "A <b>bold</b> claim"}), content) == []
    site = make_site(tmp_path, pages, {"/papers/a/": "A &lt;b&gt;bold&lt;/b&gt; claim"})
    assert messages(check_site(site, content)) == [
        "the search index (site/pagefind) holds the title as 'A &lt;b&gt;bold&lt;/b&gt; claim', not as the record writes it"]


def test_void_elements_do_not_leave_the_article_open():
    scan = scan_page('<article class="md-content__inner"><br><img src="a"><hr></article><script>ok()</script>')
    assert scan.unsafe == []


def test_the_real_site_passes(built_site, fixture_content):
    from generator.render.plain_text import plain_text
    assert check_site(built_site, fixture_content, plain_text) == []


# ---- the allow-list of the page content: one hostile input per test, each with its exact problem

LEAD = "<p>ok</p>\n<p>ok</p>\n"  # hostile markup starts on line 3 of the page
NOT_ALLOWED = "is not allowed inside the page content"
HOSTILE = {
    "base": ('<base href="https://evil.example/">', f"<base> {NOT_ALLOWED}"),
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', f"<meta> {NOT_ALLOWED}"),
    "form": ('<form action="https://evil.example/" method="post"><p>x</p></form>', f"<form> {NOT_ALLOWED}"),
    "tab-in-scheme": ('<a href="java&#9;script:alert(1)">x</a>',
                      rf"href='java\tscript:alert(1)' of <a>: scheme javascript: {NOT_ALLOWED}"),
    "spaces-and-capitals": ('<a href="  JAVASCRIPT:alert(1)">x</a>',
                            f"href='  JAVASCRIPT:alert(1)' of <a>: scheme javascript: {NOT_ALLOWED}"),
    "newline-in-scheme": ('<a href="java\nscript:alert(1)">x</a>',
                          rf"href='java\nscript:alert(1)' of <a>: scheme javascript: {NOT_ALLOWED}"),
    "entities-and-controls": ('<a href="\x01&Tab;&#x4A;ava&NewLine;script&colon;alert(1)">x</a>',
                              rf"href='\x01\tJava\nscript:alert(1)' of <a>: scheme javascript: {NOT_ALLOWED}"),
    "data": ('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
             f"href='data:text/html,<script>alert(1)</script>' of <a>: scheme data: {NOT_ALLOWED}"),
    "vbscript": ('<a href="vbscript:msgbox(1)">x</a>', f"href='vbscript:msgbox(1)' of <a>: scheme vbscript: {NOT_ALLOWED}"),
    "svg-xlink": ('<svg><a xlink:href="javascript:alert(1)"><path d="M0 0h1"/></a></svg>',
                  f"attribute xlink:href= of <a> {NOT_ALLOWED}"),
    "style-element": ("<style>body { display: none }</style>", f"<style> {NOT_ALLOWED}"),
    "iframe-srcdoc": ('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>', f"<iframe> {NOT_ALLOWED}"),
    "img-onerror": ('<img src="x.js" onerror="alert(1)">', f"attribute onerror= of <img> {NOT_ALLOWED}"),
    "object": ('<object data="x.swf"></object>', f"<object> {NOT_ALLOWED}"),
    "style-attribute": ('<p style="position:fixed;inset:0">x</p>', f"attribute style= of <p> {NOT_ALLOWED}"),
    "unknown-element": ("<marquee>x</marquee>", f"<marquee> {NOT_ALLOWED}"),
    "script-after-stray-article-end": ("</p></div></article><script>alert(1)</script>", f"<script> {NOT_ALLOWED}"),
    "repeated-attribute": ('<a href="https://ok.example/" href="javascript:alert(1)">x</a>',
                           f"href='javascript:alert(1)' of <a>: scheme javascript: {NOT_ALLOWED}"),
    "foreign-namespace": ('<svg xmlns="https://evil.example/"></svg>', f"xmlns='https://evil.example/' of <svg> {NOT_ALLOWED}"),
}


@pytest.mark.security
@pytest.mark.parametrize("markup, problem", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markup_is_named_with_page_and_line(tmp_path, empty_content, markup, problem):
    site = make_site(tmp_path, {"index.html": LEAD + markup})
    assert [found.text() for found in check_site(site, empty_content)] == [f"site/index.html:3: -: {problem}"]


@pytest.mark.security
def test_a_real_paper_page_passes():
    """The page content of a paper page as built (edit button, inline SVG icon,
    tags, abstract, links, BibTeX, related papers, neighbour navigation)."""
    article = (Path(__file__).parent / "site_checks_data" / "paper_article.html").read_text("utf-8")
    scan = scan_page(f"<html><body>{article}<script>theme()</script></body></html>")
    assert scan.unsafe == []
    assert {"links", "seen-in", "cite", "related-papers"} <= scan.ids


@pytest.mark.security
def test_markdown_pages_and_listings_pass():
    """Python-Markdown with toc permalinks, as in docs/about.md, and the renderer's listings."""
    article = """<article class="md-content__inner md-typeset">
<h1 id="about">About<a class="headerlink" href="#about" title="Permanent link">&para;</a></h1>
<p>Files under <a href="https://github.com/o/r/tree/main/content/papers"><code>content/papers/</code></a>.</p>
<ol>
<li>Follow <strong>Edit this paper</strong>, <em>then</em> <a href="mailto:a@example.org">write</a>.</li>
</ol>
<table>
<thead><tr><th>field</th></tr></thead>
<tbody><tr><td><code>title</code></td></tr></tbody>
</table>
<pre><code class="language-yaml">title: x
</code></pre>
<table class="missing-table"><tbody><tr><td><a href="#missing-published">Date</a></td></tr></tbody></table>
<h2 id="missing-published">Date (1 missing)</h2>
<details><summary>Show the papers</summary>
<ul class="missing-list"><li><a href="../papers/x/">X</a> · <a href="https://github.com/o/r/edit/main/x.yaml" rel="nofollow">edit</a></li></ul>
</details>
<nav class="pager" data-pagefind-ignore><a href="../" rel="prev">← Previous page</a> <span>Page 2 of 3</span></nav>
<ul class="paper-list"><li><a href="../papers/x/">X</a> <span class="paper-date">Jan 1, 2024</span><p>T.</p></li></ul>
<p class="downloads" data-pagefind-ignore>Download: <a href="../feeds/all.xml" download>Atom feed</a></p>
</article>"""
    assert scan_page(article).unsafe == []


@pytest.mark.security
def test_the_theme_outside_the_article_is_not_checked():
    scan = scan_page('<html><head><base href="/"><script>x()</script></head><body>'
                     '<article class="md-content__inner"><p>ok</p></article><script>y()</script></body></html>')
    assert scan.unsafe == []


@pytest.mark.security
def test_a_page_content_that_never_ends_is_checked_to_the_end():
    scan = scan_page('<article class="md-content__inner"><p>ok</p>\n<script>x()</script>')
    assert scan.unsafe == [(2, "<script> is not allowed inside the page content")]


@pytest.mark.security
@pytest.mark.parametrize("url, scheme", [
    ("https://x.org/", "https"), ("HTTP://x.org/", "http"), ("mailto:a@b.org", "mailto"), ("../a/#b", None),
    ("#frag", None), ("//x.org/", None), ("", None), ("\x00\x1f javascript:x \x00", "javascript"),
    ("j\ta\nv\ra script:x", None), ("j\ta\nv\rascript:x", "javascript"), ("\ufffdjavascript:x", None),
    ("javascr\u0130pt:x", None), ("./javascript:x", None)])
def test_the_scheme_is_read_as_the_browser_reads_it(url, scheme):
    assert url_scheme(url) == scheme


@pytest.mark.security
def test_the_allow_list_can_never_admit_active_content():
    assert allow_list_errors(ALLOWED) == []
    extended = {**ALLOWED, "script": {}, "p": {"style": "text", "onclick": "text"}, "a": {"xlink:href": "url"},
                "iframe": {"srcdoc": "text"}, "button": {"formaction": "url"}}
    assert allow_list_errors(extended) == [
        "<script> may never be allowed", "<iframe> may never be allowed", "<button> may never be allowed",
        "xlink:href= of <a> may never be allowed", "style= of <p> may never be allowed",
        "onclick= of <p> may never be allowed", "srcdoc= of <iframe> may never be allowed",
        "formaction= of <button> may never be allowed"]


HOSTILE_TITLE = '<script>alert("t")</script> *x* {{ config }} | $y$'
HOSTILE_ABSTRACT = ('An abstract with <img src=x onerror="alert(1)"> and [x](javascript:alert(1)) and '
                    '<a href="data:text/html,hi">d</a> `code` \\ $x^2$ _u_ | --- {{ page }} https://ok.example/a.')


@pytest.mark.slow
def test_hostile_records_build_into_literal_text(tmp_path):
    repo = copy_repo(tmp_path)
    papers = repo / "content" / "papers"
    shutil.rmtree(papers)
    papers.mkdir()
    record = {"title": HOSTILE_TITLE, "tags": ["model-merging"], "sources": ["003_ced3532d949757d8.txt"],
              "organization": "<b>Org</b>", "abstract": HOSTILE_ABSTRACT, "links": ["https://ok.example/a"]}
    (papers / "hostile.yaml").write_text(dump_mapping(record, FIELD_ORDER), encoding="utf-8")
    (papers / "plain.yaml").write_text(dump_mapping({**record, "title": "Plain", "abstract": "Plain words."}, FIELD_ORDER), encoding="utf-8")
    result = build_site(repo, repo / "site")
    assert result.returncode == 0, result.stderr
    from generator.render.plain_text import plain_text
    assert check_site(repo / "site", ContentDir(repo / "content"), plain_text) == []
    page = BeautifulSoup((repo / "site" / "papers" / "hostile" / "index.html").read_text("utf-8"), "html.parser")
    for formula in page.select(".katex-mathml-root"):  # math is MathML: read back as its TeX
        formula.replace_with("$" + formula.select_one("annotation").get_text() + "$")
    assert page.select_one(".paper-abstract").get_text() == HOSTILE_ABSTRACT
    assert page.select_one("article h1").get_text() == HOSTILE_TITLE
    assert page.title.get_text().startswith(plain_text(HOSTILE_TITLE))  # no markup in a tab title
    assert "<b>Org</b>" in page.select_one(".paper-meta").get_text()
    assert [a["href"] for a in page.select(".paper-read:not(.paper-find) a")] == ["https://ok.example/a"]


@pytest.mark.security
def test_search_markers_and_mathml_pass_with_the_values_the_renderer_writes():
    body = ('<div class="paper-record" data-pagefind-body><h1><span class="katex-mathml-root">'
            '<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow data-pagefind-ignore><msup><mi>R</mi>'
            '<mn>2</mn></msup></mrow><annotation encoding="application/x-tex">R^2</annotation></semantics></math>'
            '</span>-Tuning</h1><div class="paper-search-fields" data-pagefind-ignore hidden>'
            '<span data-pagefind-meta="title">$R^2$-Tuning</span><span data-pagefind-filter="year">2024</span>'
            '<span data-pagefind-sort="newest">2024-01-02</span></div>'
            '<a href="../t/" class="md-tag" data-pagefind-filter="tag">T</a></div>'
            '<details class="paper-provenance" id="seen-in"><summary>Where</summary></details>')
    assert scan_page(ARTICLE.format(body)).unsafe == []


@pytest.mark.security
@pytest.mark.parametrize("fragment", [
    '<span data-pagefind-meta="image">x</span>',            # meta the renderer never writes
    '<span data-pagefind-filter="tag">x</span>',             # tag filters are links
    '<div data-pagefind-body="all">x</div>',
    '<math xmlns="http://www.w3.org/1999/xhtml"><mi>x</mi></math>',
    '<math><mstyle mathcolor="red"><mi>x</mi></mstyle></math>',
    '<math><mi href="javascript:alert(1)">x</mi></math>',
    '<math><annotation encoding="text/html">x</annotation></math>',
    '<math><maction actiontype="statusline">x</maction></math>',
])
def test_search_markers_and_mathml_outside_the_renderers_values_are_refused(fragment):
    assert scan_page(ARTICLE.format(fragment)).unsafe != []
