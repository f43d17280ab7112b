"""Offline search over the built site's Pagefind index with the `lunr` package.

The browser searches with Pagefind; this reads the very records Pagefind indexed
(`pagefind*/fragment/*.pf_fragment`, every part: URL, title, text) into a lunr index, so
ranking can be tested and queried without a browser."""

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path

from lunr import lunr
from lunr.index import Index

from generator.model.urls import SEARCH_PARTS, search_bundle

FRAGMENT_SIGNATURE = b"pagefind_dcd"  # what precedes the data in a decompressed Pagefind file
TITLE_BOOST = 100  # a title word outweighs the same word in the text


@dataclass(frozen=True)
class Document:
    url: str
    title: str
    text: str


@dataclass(frozen=True)
class Result:
    location: str
    title: str
    score: float


@dataclass(frozen=True)
class SearchIndex:
    index: Index
    titles: dict[str, str]  # url -> title


def search_bundles(site_dir: Path) -> list[Path]:
    """The folders of the search index's parts, as many as the built site lists
    (SEARCH_PARTS); `pagefind/` alone for a site without the list."""
    try:
        count = len(json.loads((site_dir / SEARCH_PARTS).read_text("utf-8"))["bundles"])
    except (OSError, ValueError, KeyError, TypeError):
        count = 1
    return [site_dir / search_bundle(number) for number in range(count)]


def read_bundle(bundle: Path) -> list[Document]:
    """Every page one Pagefind bundle indexed, sorted by URL."""
    documents = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        data = json.loads(raw[len(FRAGMENT_SIGNATURE):] if raw.startswith(FRAGMENT_SIGNATURE) else raw)
        documents.append(Document(data["url"], data["meta"].get("title", ""), data["content"]))
    return sorted(documents, key=lambda document: document.url)


def read_fragments(site_dir: Path) -> list[Document]:
    """Every page Pagefind indexed, in every part of the site's index, sorted by URL."""
    documents = [document for bundle in search_bundles(site_dir) for document in read_bundle(bundle)]
    return sorted(documents, key=lambda document: document.url)


def build_index(documents: list[Document]) -> SearchIndex:
    fields = [{"field_name": "title", "boost": TITLE_BOOST}, "text"]
    docs = [{"url": doc.url, "title": doc.title, "text": doc.text} for doc in documents]
    return SearchIndex(lunr(ref="url", fields=fields, documents=docs), {doc.url: doc.title for doc in documents})


def load_index(site_dir: Path) -> SearchIndex:
    return build_index(read_fragments(site_dir))


def search(index: SearchIndex, query: str, limit: int = 10) -> list[Result]:
    """Best matches first; a query lunr cannot parse is searched as plain words."""
    try:
        hits = index.index.search(query)
    except Exception:  # lunr's QueryParseError on stray ':' '^' '~' and similar
        hits = index.index.search(" ".join(re.findall(r"\w+", query)))
    return [Result(hit["ref"], index.titles[hit["ref"]], hit["score"]) for hit in hits[:limit]]
