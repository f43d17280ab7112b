"""A renamed paper's old URL leads to its page."""

import dataclasses
import json
from html.parser import HTMLParser

import pytest

from generator.mkdocs_papers import paper_slug
from generator.render.exports import csv_row, record_of
from generator.render.site import OutputClash, SiteOptions, generate_site
from generator.verify.site_checks import scan_page
from tests.render.test_site import ARCHIVE

RENAMED = dataclasses.replace(ARCHIVE, papers=(
    dataclasses.replace(ARCHIVE.papers[0], aliases=("adamerging-old", "ada-merging")), *ARCHIVE.papers[1:]))


def test_each_alias_is_a_page_leading_to_the_paper():
    output = generate_site(RENAMED, SiteOptions(site_url="https://example.org/archive/"))
    assert sorted(path for path in output if path.startswith("papers/") and path.endswith(".html")) == [
        "papers/ada-merging/index.html", "papers/adamerging-old/index.html"]
    assert output["papers/adamerging-old/index.html"] == """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>AdaMerging: Adaptive Model Merging for Multi-Task Learning</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=../adamerging/">
<link rel="canonical" href="https://example.org/archive/papers/adamerging/">
</head>
<body>
<p>This paper's page has moved: <a href="../adamerging/">AdaMerging: Adaptive Model Merging for Multi-Task Learning</a>.</p>
</body>
</html>
"""


def test_the_title_is_escaped_and_the_page_holds_no_active_content():
    hostile = dataclasses.replace(RENAMED, papers=(
        dataclasses.replace(RENAMED.papers[0], title='</title><script>alert(1)</script>"'), *RENAMED.papers[1:]))
    page = generate_site(hostile, SiteOptions())["papers/adamerging-old/index.html"]
    assert "<script>" not in page and "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#34;" in page

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attrs):
            self.found.append(tag)
    parser = Tags()
    parser.feed(page)
    assert parser.found == ["html", "head", "meta", "title", "meta", "meta", "link", "body", "p", "a"]
    scan = scan_page(page)  # check-site's reading: both links checked, nothing unsafe
    assert scan.links == [(8, "https://example.org/papers/adamerging/"),
                          (11, "../adamerging/")] and scan.unsafe == []


def test_an_alias_that_is_a_papers_slug_never_overwrites_its_page():
    clash = dataclasses.replace(ARCHIVE, papers=(
        dataclasses.replace(ARCHIVE.papers[0], aliases=("ties-merging",)), *ARCHIVE.papers[1:]))
    with pytest.raises(OutputClash, match="the old slug 'ties-merging' is a paper's slug"):
        generate_site(clash, SiteOptions())


def test_redirect_files_are_not_taken_for_paper_pages():
    assert paper_slug("papers/adamerging.md") == "adamerging"
    assert paper_slug("papers/adamerging-old/index.html") is None


def test_exports_keep_the_aliases_as_the_record_has_them():
    paper = RENAMED.papers[0]
    assert record_of(paper)["aliases"] == ["adamerging-old", "ada-merging"]
    assert list(record_of(paper))[-2:] == ["aliases", "abstract"]
    assert "adamerging-old; ada-merging" in csv_row(paper, "u")
    json.dumps(record_of(paper))
