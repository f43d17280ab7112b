"""Indexes as data, each built in one pass by a pure function."""

import heapq
import re
from collections import Counter, defaultdict
from itertools import groupby

from generator.model.paper import Paper, sort_key_newest_first

RELATED_COUNT = 5
_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    "a an and are as at be by can for from has have in is it its of on or our that the "
    "their these this to we which with while via using use based new show than".split()
)


def newest_first(papers) -> list[Paper]:
    return sorted(papers, key=sort_key_newest_first)


def group_by_tag(papers: tuple[Paper, ...]) -> dict[str, list[Paper]]:
    """Tag slug -> its papers, newest first, undated last."""
    groups: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        for tag in paper.tags:
            groups[tag].append(paper)
    return {tag: newest_first(members) for tag, members in sorted(groups.items())}


def group_by_year(papers: tuple[Paper, ...]) -> dict[int, list[Paper]]:
    """Year -> its dated papers, newest first; newest year first."""
    dated = newest_first(paper for paper in papers if paper.published)
    return {year: list(members) for year, members in groupby(dated, key=lambda paper: paper.published.year)}


def group_by_month(papers: list[Paper]) -> dict[int, list[Paper]]:
    """Month -> papers of one year, newest month first (input newest first)."""
    return {month: list(members) for month, members in groupby(papers, key=lambda paper: paper.published.month)}


def undated(papers: tuple[Paper, ...]) -> list[Paper]:
    return sorted((paper for paper in papers if paper.published is None), key=lambda p: (p.title.casefold(), p.slug))


def _words(paper: Paper) -> frozenset[str]:
    text = f"{paper.title} {paper.abstract}".lower()
    return frozenset(word for word in _WORD.findall(text) if len(word) > 2 and word not in _STOPWORDS)


TITLE_SIGNATURE = 4  # a paper's rarest title words ...
TEXT_SIGNATURE = 4   # ... and rarest other words find its candidates
POSTING_CAP = 100    # words in more papers than this do not tell papers apart
CANDIDATES = 40      # the most text-similar papers, ranked then by shared tags


def related_papers(papers: tuple[Paper, ...], count: int = RELATED_COUNT) -> dict[str, list[Paper]]:
    """Slug -> the `count` most related papers: most shared tags first, then the
    most similar text, then slug. Candidates are the papers that share one of a
    paper's rarest words (an inverted index, so the cost grows with the archive,
    not with its square); too few candidates are topped up from the first tag."""
    words = {paper.slug: _words(paper) for paper in papers}
    title_words = {paper.slug: _words(Paper(paper.slug, paper.title, "", (), ())) for paper in papers}
    frequency = Counter(word for found in words.values() for word in found)
    postings: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        for word in words[paper.slug]:
            if 1 < frequency[word] <= POSTING_CAP:
                postings[word].append(paper)
    by_tag = group_by_tag(papers)
    by_slug = {paper.slug: paper for paper in papers}
    related = {}
    for paper in papers:
        usable = sorted((word for word in words[paper.slug] if word in postings), key=lambda word: (frequency[word], word))
        in_title = [word for word in usable if word in title_words[paper.slug]][:TITLE_SIGNATURE]
        signature = in_title + [word for word in usable if word not in in_title][:TEXT_SIGNATURE]
        similarity: Counter = Counter()
        for word in signature:
            for other in postings[word]:
                similarity[other.slug] += 1 / frequency[word]
        similarity.pop(paper.slug, None)
        closest = heapq.nsmallest(CANDIDATES, similarity, key=lambda slug: (-similarity[slug], slug))
        mine = set(paper.tags)

        def rank(slug: str) -> tuple:
            return (-len(mine.intersection(by_slug[slug].tags)), -similarity[slug], slug)

        chosen = [by_slug[slug] for slug in sorted(closest, key=rank)[:count]]
        if len(chosen) < count and paper.tags:
            taken = {other.slug for other in chosen} | {paper.slug}
            chosen += [other for other in by_tag[paper.tags[0]] if other.slug not in taken][:count - len(chosen)]
        related[paper.slug] = chosen
    return related


def group_by_organisation(papers: tuple[Paper, ...], slug_of) -> dict[str, list[Paper]]:
    """Organisation slug -> its papers, newest first; organisations by name."""
    groups: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        if paper.organization:
            groups[slug_of(paper.organization)].append(paper)
    ordered = sorted(groups.items(), key=lambda item: (item[1][0].organization.casefold(), item[0]))
    return {slug: newest_first(members) for slug, members in ordered}


def neighbours_in_first_tag(papers: tuple[Paper, ...], by_tag: dict[str, list[Paper]]) -> dict[str, tuple]:
    """Slug -> (first tag, previous paper, next paper) in that tag's listing."""
    result = {}
    for tag, members in by_tag.items():
        for position, paper in enumerate(members):
            if paper.tags and paper.tags[0] == tag:
                previous = members[position - 1] if position > 0 else None
                following = members[position + 1] if position + 1 < len(members) else None
                result[paper.slug] = (tag, previous, following)
    return result
