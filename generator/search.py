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

DEFAULT_BOOSTS = {"title": 1000.0, "text": 1.0}  # Material's defaults
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


def build_index(documents: list[dict], boosts: dict[str, float] = DEFAULT_BOOSTS) -> SearchIndex:
    """A lunr index of title and text, boosted as the site's search config says."""
    docs = [{"location": doc["location"], "title": plain(doc["title"]), "text": plain(doc["text"])}
            for doc in documents]
    fields = [{"field_name": name, "boost": boosts.get(name, 1.0)} for name in ("title", "text")]
    index = lunr(ref="location", fields=fields, documents=docs)
    return SearchIndex(index, {doc["location"]: doc["title"] for doc in docs})


def load_index(site_dir: Path) -> SearchIndex:
    data = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    configured = data.get("config", {}).get("fields", {})
    boosts = {name: float(spec.get("boost", 1.0)) for name, spec in configured.items()} or DEFAULT_BOOSTS
    return build_index(data["docs"], boosts)


def search(index: SearchIndex, query: str, limit: int = 10) -> list[Result]:
    """Best matches first; a query lunr cannot parse is searched as plain words."""
    try:
        hits = index.index.search(query)
    except Exception:  # lunr's QueryParseError on stray ':' '^' '~' and similar
        hits = index.index.search(" ".join(re.findall(r"\w+", query)))
    return [Result(hit["ref"], index.titles[hit["ref"]], hit["score"]) for hit in hits[:limit]]
