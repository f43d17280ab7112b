"""The search index's parts: date ranges of at most the part size, newest
first, every paper in exactly one, the undated ones in the last parts."""

import datetime as dt
import json

from generator.model.paper import Paper
from generator.model.urls import SEARCH_PARTS, is_search_bundle, search_bundle
from generator.render.search_parts import search_parts, search_parts_file


def paper(number: int, published: dt.date | None) -> Paper:
    return Paper(slug=f"p{number:03}", title=f"Paper {number}", abstract="A.", tags=(), published=published)


DATED = [paper(number, dt.date(2020, 1, 1) + dt.timedelta(days=number)) for number in range(37)]
UNDATED = [paper(100 + number, None) for number in range(5)]


def test_parts_are_date_ranges_of_equal_size_newest_first_with_the_undated_last():
    parts = search_parts(UNDATED + DATED, 15)
    assert [len(part) for part in parts] == [14, 14, 14]
    dates = [p.published for part in parts for p in part]
    assert dates[:37] == sorted(dates[:37], reverse=True) and dates[37:] == [None] * 5
    assert sorted(p.slug for part in parts for p in part) == sorted(p.slug for p in UNDATED + DATED)
    many_undated = search_parts(DATED[:4] + UNDATED, 3)
    assert [[p.published is None for p in part] for part in many_undated] == [[False] * 3, [False, True, True],
                                                                               [True] * 3]


def test_one_part_when_everything_fits_or_no_size_is_given():
    assert [len(part) for part in search_parts(DATED + UNDATED, 42)] == [42]
    assert [len(part) for part in search_parts(DATED + UNDATED, None)] == [42]
    assert search_parts(UNDATED, 5) == [UNDATED]
    assert search_parts([], 10) == [[]]


def test_the_manifest_lists_the_bundles_in_date_order():
    manifest = json.loads(search_parts_file(search_parts(DATED, 10))[SEARCH_PARTS])
    assert manifest == {"bundles": ["pagefind/", "pagefind-2/", "pagefind-3/", "pagefind-4/"], "undated": "Undated"}


def test_the_bundle_folders_are_told_apart_from_other_folders():
    assert all(is_search_bundle(search_bundle(number).rstrip("/")) for number in range(30))
    assert not any(is_search_bundle(name) for name in ["pagefind-ui", "pagefind-0", "pagefinder", "papers", "pagefind-"])
