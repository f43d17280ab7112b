"""The sitemap: an index of gzip parts that each stay within the protocol's limit."""

import gzip
import xml.etree.ElementTree as ElementTree

import generator.render.sitemap as sitemap
from generator.render.sitemap import SITEMAP_FILE, sitemap_files

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(xml: str | bytes, tag: str) -> list[str]:
    return [element.text for element in ElementTree.fromstring(xml).findall(f"s:{tag}/s:loc", NS)]


def test_the_index_lists_parts_that_hold_every_url_once_in_order(monkeypatch):
    monkeypatch.setattr(sitemap, "URLS_PER_PART", 2)
    urls = ["", "tags/", "papers/a/", "papers/b/", "papers/c&d/"]
    files = sitemap_files("https://example.org/archive", urls)
    parts = locations(files[SITEMAP_FILE], "sitemap")
    assert parts == [f"https://example.org/archive/sitemaps/{number}.xml.gz" for number in (1, 2, 3)]
    listed = [url for number in (1, 2, 3) for url in
              locations(gzip.decompress(files[f"sitemaps/{number}.xml.gz"]), "url")]
    assert listed == ["https://example.org/archive/" + url for url in urls]  # "&" escaped in the XML, read back
    assert b"<lastmod>" not in gzip.decompress(files["sitemaps/1.xml.gz"])


def test_parts_are_the_same_bytes_on_every_build():
    part = sitemap_files("https://e.org/", ["a/"])["sitemaps/1.xml.gz"]
    assert part[4:8] == b"\0\0\0\0"  # no time stamp in the gzip header
    assert sitemap_files("https://e.org/", ["a/"]) == sitemap_files("https://e.org/", ["a/"])


def test_no_part_passes_the_protocol_limit_of_50000():
    files = sitemap_files("https://e.org/", [f"papers/{number}/" for number in range(50_001)])
    assert sorted(files) == [SITEMAP_FILE, "sitemaps/1.xml.gz", "sitemaps/2.xml.gz"]
    assert len(locations(gzip.decompress(files["sitemaps/2.xml.gz"]), "url")) == 1
