"""A bench-only drop-in for generator.indexes.related_papers with the same result.

The generator's version sorts every other paper for every paper: O(n^2 log n)
Jaccard computations (about 9 s at 1,000 papers, 112 s at 3,000 on the bench
machine; hours at 20,000). This one gives the identical ranking (most shared
tags, then Jaccard similarity of title+abstract words, then slug) but only scores
the papers that share the most tags with a paper, level by level, until it has
`count` of them; papers sharing no tag are scanned only when fewer than `count`
papers share one. `bench/run.py --related fast` patches it in (in a temporary
copy only) so the MkDocs cost can be measured at sizes where the original would
not finish; `--compare-related` checks that both give the same lists.
"""

import heapq
from collections import Counter, defaultdict
from itertools import chain

from generator.indexes import RELATED_COUNT, _words


def related_papers(papers, count: int = RELATED_COUNT) -> dict:
    words = {paper.slug: _words(paper) for paper in papers}
    by_slug = {paper.slug: paper for paper in papers}
    by_tag: dict[str, list[str]] = defaultdict(list)
    for paper in papers:
        for tag in paper.tags:
            by_tag[tag].append(paper.slug)
    related = {}
    for paper in papers:
        mine = words[paper.slug]
        size = len(mine)
        shared = Counter(chain.from_iterable(by_tag[tag] for tag in paper.tags))
        shared.pop(paper.slug, None)
        levels: dict[int, list[str]] = defaultdict(list)
        for slug, number in shared.items():
            levels[number].append(slug)

        def key(slug: str) -> tuple:
            theirs = words[slug]
            common = len(mine & theirs)  # |A | B| = |A| + |B| - |A & B|: the same float, no new set
            return (-(common / ((size + len(theirs) - common) or 1)), slug)

        chosen: list[str] = []
        for number in sorted(levels, reverse=True):
            chosen += heapq.nsmallest(count - len(chosen), levels[number], key=key)
            if len(chosen) >= count:
                break
        if len(chosen) < count:
            rest = (p.slug for p in papers if p.slug != paper.slug and p.slug not in shared)
            chosen += heapq.nsmallest(count - len(chosen), rest, key=key)
        related[paper.slug] = [by_slug[slug] for slug in chosen]
    return related
