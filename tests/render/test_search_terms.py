"""What the search dialog reads besides Pagefind's index: the filter values."""

import json
from datetime import date

from generator.render.search_terms import SEARCH_FILTERS, search_filters
from generator.model.paper import Paper


def make_paper(slug, tags, published):
    return Paper(slug=slug, title=slug, abstract="A.", tags=tags, sources=("d.txt",), published=published)


def test_filters_count_each_paper_once_per_value_and_name_undated_papers():
    papers = [make_paper("a", tags=("nlp", "vision"), published=date(2024, 1, 2)),
              make_paper("b", tags=("nlp",), published=date(2023, 5, 1)),
              make_paper("c", tags=(), published=None)]
    filters = json.loads(search_filters(papers, {"nlp": "Language", "vision": "Vision"})[SEARCH_FILTERS])
    assert filters == {"tag": {"Language": 2, "Vision": 1}, "year": {"2023": 1, "2024": 1, "Undated": 1}}
