"""Feeds, data exports, citations and extra pages of the real built site."""

import csv
import gzip
import json

import bibtexparser
import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup

from generator.render.exports import SCHEMA_VERSION
from generator.render.groups import group_by_tag, newest_first
from generator.render.missing_page import missing_by_field
from generator.render.plain_text import plain_text
from generator.model.tex import math_spans
from generator.content.load import load_archive
from generator.content.validate import paper_schema


@pytest.fixture(scope="module")
def archive(fixture_content):
    return load_archive(fixture_content)[0]


def page(site, url):
    return BeautifulSoup((site / url / "index.html").read_text("utf-8"), "html.parser")


def test_archive_feed_is_valid_atom_newest_first(built_site, archive):
    feed = feedparser.parse((built_site / "feeds" / "all.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    dated = [paper for paper in newest_first(archive.papers) if paper.published]
    titles = [entry.title for entry in feed.entries]
    assert titles == [plain_text(paper.title) for paper in dated[:len(titles)]] and len(titles) == min(50, len(dated))
    for entry in feed.entries:
        path = entry.link.split("/archive/", 1)[1]
        assert (built_site / path / "index.html").exists()


def test_every_tag_has_a_valid_feed_linked_from_its_page_head(built_site, archive):
    by_tag = group_by_tag(archive.papers)
    for tag in archive.vocabulary:
        feed = feedparser.parse((built_site / "feeds" / f"{tag.slug}.xml").read_bytes())
        assert not feed.bozo, (tag.slug, feed.bozo_exception)
        expected = [paper.title for paper in by_tag.get(tag.slug, []) if paper.published][:50]
        assert [entry.title for entry in feed.entries] == expected
        heads = [link["href"] for link in page(built_site, f"tags/{tag.slug}/").select('head link[rel="alternate"]')]
        assert heads == ["../../feeds/all.xml", f"../../feeds/{tag.slug}.xml"]


def test_papers_json_holds_every_record_valid_against_the_schema(built_site, archive):
    data = json.loads(gzip.decompress((built_site / "papers.json.gz").read_bytes()))
    assert data["schema_version"] == SCHEMA_VERSION
    validator = jsonschema.Draft202012Validator(paper_schema())
    assert len(data["papers"]) == len(archive.papers)
    for item in data["papers"]:
        validator.validate(item["record"])
    by_slug = {paper.slug: paper for paper in archive.papers}
    assert all(item["record"]["abstract"] == by_slug[item["slug"]].abstract for item in data["papers"])


def test_papers_csv_has_one_row_per_paper(built_site, archive):
    rows = list(csv.DictReader(gzip.decompress((built_site / "papers.csv.gz").read_bytes()).decode().splitlines()))
    assert len(rows) == len(archive.papers)
    by_slug = {paper.slug: paper for paper in archive.papers}
    for row in rows:
        assert row["title"] == by_slug[row["slug"]].title
        assert row["tags"] == "; ".join(by_slug[row["slug"]].tags)
    assert "abstract" not in rows[0]  # the spreadsheet view: abstracts are in papers.json.gz


def test_tag_bibtex_holds_exactly_the_tag_papers_and_no_json_repeats_the_records(built_site, archive):
    by_tag = group_by_tag(archive.papers)
    for tag in archive.vocabulary:
        expected = [paper.slug for paper in by_tag.get(tag.slug, [])]
        assert not list((built_site / "tags" / tag.slug).glob("papers.json*"))  # the archive's papers.json.gz has them
        library = bibtexparser.parse_string((built_site / "tags" / tag.slug / "papers.bib").read_text("utf-8"))
        assert library.failed_blocks == []
        assert [entry.key for entry in library.entries] == expected


def test_paper_pages_carry_citation_metadata_and_json_ld(built_site, archive):
    for paper in archive.papers:
        head = page(built_site, f"papers/{paper.slug}/").head
        assert head.select_one('meta[name="citation_title"]')["content"] == plain_text(paper.title)
        assert head.select_one("title").get_text() == f"{plain_text(paper.title)} - Daily Papers Archive"
        date = head.select_one('meta[name="citation_publication_date"]')
        assert (date["content"] if date else None) == (paper.published.strftime("%Y/%m/%d") if paper.published else None)
        data = json.loads(head.select_one('script[type="application/ld+json"]').string)
        assert data["@type"] == "ScholarlyArticle" and data["headline"] == plain_text(paper.title) and data["url"].endswith(f"/papers/{paper.slug}/")
        bib = page(built_site, f"papers/{paper.slug}/").select_one("pre.paper-bibtex code").get_text()
        library = bibtexparser.parse_string(bib)
        assert [entry.key for entry in library.entries] == [paper.slug] and library.failed_blocks == []
        for formula in math_spans(paper.title):  # the TeX as typed, for LaTeX to typeset
            assert formula.group(0) in library.entries[0].fields_dict["title"].value


def test_missing_metadata_page_counts_and_lists(built_site, archive):
    missing = missing_by_field(archive.papers)
    html = page(built_site, "missing/")
    for field, lacking in missing.items():
        assert f"({len(lacking)} missing)" in html.select_one(f"#missing-{field}").get_text()
        listed = [a["href"].rstrip("/").split("/")[-1] for a in html.select(f"#missing-{field} + details li > a:first-child")]
        assert listed == [paper.slug for paper in lacking]


def test_organisation_pages_list_their_papers(built_site, archive):
    with_org = [paper for paper in archive.papers if paper.organization]
    assert with_org
    for paper in with_org:
        org_link = page(built_site, f"papers/{paper.slug}/").select_one(".paper-meta a[href*='orgs/']")
        assert org_link.get_text() == paper.organization
        org_page = page(built_site, f"papers/{paper.slug}/{org_link['href']}")
        listed = [a["href"].rstrip("/").split("/")[-1] for a in org_page.select("ul.paper-list li > a:first-child")]
        assert paper.slug in listed


def test_the_archive_exports_are_the_same_gzip_bytes_on_every_build(archive):
    from generator.render.site import generate_site
    first, second = generate_site(archive), generate_site(archive)
    for path in ("papers.json.gz", "papers.csv.gz"):
        assert first[path] == second[path] and first[path][:2] == b"\x1f\x8b"
        assert first[path][4:8] == b"\0\0\0\0"  # no time stamp in the gzip header
