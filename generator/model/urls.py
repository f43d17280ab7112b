"""Every generated page's source path and URL, in one place.

Pages are Markdown files; with MkDocs' directory URLs a page `tags/x/index.md` is
served at `tags/x/`, and a listing's pages at `tags/x/`, `tags/x/page/2/`, ...
(`paged_url`, `page_for_url`). URLs here are relative to the site root."""

import re

PAPER_PAGE = "papers/{slug}.md"
PAPER_URL = "papers/{slug}/"
# A renamed paper's old URL: a page of its own, outside MkDocs, leading to the new one
REDIRECT_FILE = "papers/{slug}/index.html"
TAGS_PAGE, TAGS_URL = "tags/index.md", "tags/"
TAG_URL = "tags/{slug}/"
DATES_PAGE, DATES_URL = "dates/index.md", "dates/"
YEAR_URL = "dates/{year}/"
UNDATED_URL = "dates/undated/"
HOME_PAGE, HOME_URL = "index.md", ""
ABOUT_URL = "about/"
ORGS_PAGE, ORGS_URL = "orgs/index.md", "orgs/"
ORG_URL = "orgs/{slug}/"
MISSING_PAGE, MISSING_URL = "missing/index.md", "missing/"
# Downloads, at these paths in the built site. Feeds live in feeds/ beside an empty
# sitemap: Material fetches `sitemap.xml` next to every <link rel="alternate"> in
# the head, and the site's own sitemap grows with the archive (~20 MB at 50,000).
# The whole-archive exports are gzip files (a fifth of their size; pandas, R, jq via zcat and
# every archive tool read them): as plain text they were 15% of the site, and the site must
# stay under GitHub Pages' 1 GB at 50,000 papers.
FEED_FILE, PAPERS_JSON_FILE, PAPERS_CSV_FILE = "feeds/all.xml", "papers.json.gz", "papers.csv.gz"
FEEDS_SITEMAP_FILE = "feeds/sitemap.xml"
# A tag has its feed and its BibTeX; its records are in the archive's papers.json
# and papers.csv (every record lists its tags): a per-tag copy of them would
# repeat each record once per tag, ~60% of the published bytes of data.
TAG_FEED_FILE, TAG_BIB_FILE = "feeds/{slug}.xml", "tags/{slug}/papers.bib"
PAPER_SOURCE = "content/papers/{slug}.yaml"  # the record, relative to the repository
# The search index: Pagefind bundles, one per part of the archive (render/search_parts.py)
SEARCH_PARTS = "search-terms/parts.json"


def search_bundle(number: int) -> str:
    """The folder of the search index's part `number` (from 0)."""
    return "pagefind/" if number == 0 else f"pagefind-{number + 1}/"


def is_search_bundle(folder: str) -> bool:
    """Whether a folder name is of the form `search_bundle` gives: pagefind, pagefind-2, ..."""
    return re.fullmatch(r"pagefind(-[1-9][0-9]*)?", folder) is not None

# Slugs that would take a generated page's path: `papers/index.md` is served at
# `papers/`, a tag `all` would write `feeds/all.xml`, `sitemap` `feeds/sitemap.xml`.
RESERVED_PAPER_SLUGS = frozenset({"index"})
RESERVED_TAG_SLUGS = frozenset({"index", "all", "sitemap", "page"})
RESERVED_ORG_SLUGS = frozenset({"index", "page"})


def page_for_paper(slug: str) -> str:
    return PAPER_PAGE.format(slug=slug)


def url_for_paper(slug: str) -> str:
    return PAPER_URL.format(slug=slug)


def redirect_file(old_slug: str) -> str:
    """The file served at a renamed paper's old URL."""
    return REDIRECT_FILE.format(slug=old_slug)


def url_for_tag(slug: str) -> str:
    return TAG_URL.format(slug=slug)


def url_for_year(year: int) -> str:
    return YEAR_URL.format(year=year)


def url_for_org(slug: str) -> str:
    return ORG_URL.format(slug=slug)


def tag_downloads(slug: str) -> tuple[str, str]:
    """The feed and BibTeX files of a tag."""
    return TAG_FEED_FILE.format(slug=slug), TAG_BIB_FILE.format(slug=slug)


def paged_url(base_url: str, number: int) -> str:
    """Page `number` of a paginated listing: the base URL, then `page/2/`, ..."""
    return base_url if number == 1 else f"{base_url}page/{number}/"


def page_for_url(url: str) -> str:
    """The Markdown page served at a directory URL."""
    return url + "index.md"


def url_for_page(page: str) -> str:
    """The directory URL MkDocs serves a Markdown page at."""
    stem = page[:-len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-len("index")]
    return stem + "/"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` (a directory URL such as `tags/x/`)
    to `to_url`, both site-root relative. Called for every link of every page,
    so it splits segments instead of using posixpath.relpath (5x slower)."""
    here = [part for part in from_url.split("/") if part]
    there = [part for part in to_url.split("/") if part]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    if not parts:
        return "./"
    target = "/".join(parts)
    return target + "/" if to_url.endswith("/") or not to_url or not there[common:] else target


def absolute(site_url: str, url: str) -> str:
    """A site-root relative URL made absolute, for feeds and citations."""
    return site_url.rstrip("/") + "/" + url
