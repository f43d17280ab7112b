"""The search index in parts: Pagefind's memory grows with the text it
indexes (about 110 MB per 1,000 papers, 5.3 GB at 50,000), so a large archive
is indexed as several Pagefind bundles, one per range of dates, newest first,
the undated papers in the last. docs/assets/search.js reads the list of
bundles from SEARCH_PARTS and searches them all: by relevance it merges the
results by score (as Pagefind's own mergeIndex does), by date it takes the
bundles in date order."""

import json
import math

from generator.model.paper import Paper
from generator.model.urls import SEARCH_PARTS, search_bundle
from generator.render.groups import newest_first
from generator.render.paper_page import UNDATED_YEAR


def search_parts(papers, part_size: int | None) -> list[list[Paper]]:
    """The papers of each part: the dated ones newest first, cut into parts of
    equal size and at most `part_size` (one part when None), the undated ones
    appended to the last."""
    dated = newest_first(paper for paper in papers if paper.published)
    count = max(1, math.ceil(len(dated) / part_size)) if part_size else 1
    size = math.ceil(len(dated) / count)
    parts = [dated[number * size:(number + 1) * size] for number in range(count)]
    parts[-1] += [paper for paper in papers if paper.published is None]
    return parts


def search_parts_file(parts: list[list[Paper]]) -> dict[str, str]:
    """{SEARCH_PARTS: the bundles in date order, newest first, and the year
    filter's value of the undated papers, which are all in the last}."""
    return {SEARCH_PARTS: json.dumps({"bundles": [search_bundle(number) for number in range(len(parts))],
                                      "undated": UNDATED_YEAR}, separators=(",", ":"))}
