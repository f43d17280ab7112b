"""What the search dialog (docs/assets/search.js) reads besides Pagefind's
index: the word lists it respells a query from, one JSON list per word length,
and the values of its filters with their counts."""

import json
import re
from collections import Counter

from generator.model.paper import Paper
from generator.render.paper_page import UNDATED_YEAR

SEARCH_TERMS = "search-terms/{length}.json"  # read by docs/assets/search.js to respell a query
# The filter menus: Pagefind's own `filters()` would fetch every filter chunk of
# the index (370 KB at 50,000 papers) before the first query.
SEARCH_FILTERS = "search-terms/filters.json"
SHORTEST_TERM, LONGEST_TERM = 3, 40  # a list for every length between, empty or not (search.js asks for them)
_WORD = re.compile(r"[^\W_]+")


def paper_words(paper: Paper, tag_names: dict[str, str]) -> tuple[frozenset[str], frozenset[str]]:
    """The words one paper gives the lists: of its title, tags, organisation and
    authors; of its abstract."""
    text = " ".join([paper.title, *(tag_names.get(slug, "") for slug in paper.tags), paper.organization or "",
                     *paper.authors])
    return frozenset(_words(text)), frozenset(_words(paper.abstract))


def search_terms(papers: tuple[Paper, ...] | list[Paper], tag_names: dict[str, str],
                 words_of=paper_words) -> dict[str, str]:
    """The words the search knows, lower case, one JSON list per word length, most
    papers first: every word of titles, tags, organisations and authors, and the
    abstracts' words that two papers or more use (a word one abstract uses is
    as often a typo as a term): the spellings a query word may be respelled to.
    The search respells only a word no paper uses (Pagefind's index has none),
    from the lists of lengths near its own.
    `words_of`: `paper_words`, or the caller's cache of it."""
    names: Counter[str] = Counter()
    abstracts: Counter[str] = Counter()
    for paper in papers:
        named, abstract = words_of(paper, tag_names)
        names.update(named)
        abstracts.update(abstract)
    counts = names + Counter({word: count for word, count in abstracts.items() if count >= 2})
    by_length: dict[int, list[str]] = {length: [] for length in range(SHORTEST_TERM, LONGEST_TERM + 1)}
    for word in sorted(counts, key=lambda word: (-counts[word], word)):
        if len(word) <= LONGEST_TERM:
            by_length[len(word)].append(word)
    return {SEARCH_TERMS.format(length=length): json.dumps(words, ensure_ascii=False, separators=(",", ":"))
            for length, words in sorted(by_length.items())}


def search_filters(papers: tuple[Paper, ...] | list[Paper], tag_names: dict[str, str]) -> dict[str, str]:
    """The values of the search's "tag" and "year" filters, each with the number
    of papers that have it: what Pagefind's `filters()` gives for the same pages
    (the paper pages mark the same values, generator/render/paper_page.py)."""
    tags: Counter[str] = Counter()
    years: Counter[str] = Counter()
    for paper in papers:
        tags.update({tag_names[slug] for slug in paper.tags})
        years[str(paper.published.year) if paper.published else UNDATED_YEAR] += 1
    filters = {"tag": dict(sorted(tags.items())), "year": dict(sorted(years.items()))}
    return {SEARCH_FILTERS: json.dumps(filters, ensure_ascii=False, separators=(",", ":"))}


def _words(text: str) -> set[str]:
    return {word for word in _WORD.findall(text.lower()) if len(word) >= SHORTEST_TERM and not word.isdigit()}
