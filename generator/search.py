"""Offline search over the built site's `search/search_index.json` with the
`lunr` package: the algorithm Material runs in the browser, with its field
boosts, so ranking can be tested and queried without a browser."""

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from lunr import lunr
from lunr.index import Index

TITLE_BOOST = 1000  # Material's default boost of the title field
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Result:
    location: str
    title: str
    score: float


@dataclass(frozen=True)
class SearchIndex:
    index: Index
    titles: dict[str, str]  # location -> plain title


def plain(markup: str) -> str:
    """Index text without tags or entities, as the reader sees it."""
    return html.unescape(_TAG.sub(" ", markup))


def build_index(documents: list[dict]) -> SearchIndex:
    docs = [{"location": doc["location"], "title": plain(doc["title"]), "text": plain(doc["text"])}
            for doc in documents]
    index = lunr(ref="location", fields=[{"field_name": "title", "boost": TITLE_BOOST}, "text"], documents=docs)
    return SearchIndex(index, {doc["location"]: doc["title"] for doc in docs})


def load_index(site_dir: Path) -> SearchIndex:
    data = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    return build_index(data["docs"])


def search(index: SearchIndex, query: str, limit: int = 10) -> list[Result]:
    """Best matches first; a query lunr cannot parse is searched as plain words."""
    try:
        hits = index.index.search(query)
    except Exception:  # lunr's QueryParseError on stray ':' '^' '~' and similar
        hits = index.index.search(" ".join(re.findall(r"\w+", query)))
    return [Result(hit["ref"], index.titles[hit["ref"]], hit["score"]) for hit in hits[:limit]]
