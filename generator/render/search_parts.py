"""The search index in parts: Pagefind's memory grows with the text it
indexes (about 110 MB per 1,000 papers, 5.3 GB at 50,000), so a large archive
is indexed as several Pagefind bundles, one per range of dates, newest first,
the undated papers in the last ones. docs/assets/search.js reads the list of
bundles from SEARCH_PARTS and merges them into the first (Pagefind's
mergeIndex): by relevance Pagefind merges the results by score; by date the
script takes the bundles one by one in date order, then the undated papers."""

import json
import math

from generator.model.paper import Paper
from generator.model.urls import SEARCH_PARTS, search_bundle
from generator.render.groups import newest_first
from generator.render.paper_page import UNDATED_YEAR


def search_parts(papers, part_size: int | None) -> list[list[Paper]]:
    """The papers of each part: all of them newest first (the undated last),
    cut into parts of equal size and at most `part_size` (one part when None)."""
    ordered = newest_first(papers)
    count = max(1, math.ceil(len(ordered) / part_size)) if part_size else 1
    size = math.ceil(len(ordered) / count)
    return [ordered[number * size:(number + 1) * size] for number in range(count)]


def search_parts_file(parts: list[list[Paper]]) -> dict[str, str]:
    """{SEARCH_PARTS: the bundles in date order, newest first, and the year
    filter's value of the undated papers}."""
    return {SEARCH_PARTS: json.dumps({"bundles": [search_bundle(number) for number in range(len(parts))],
                                      "undated": UNDATED_YEAR}, separators=(",", ":"))}
