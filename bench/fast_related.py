"""The exact related-papers ranking of the generator up to commit 0123eb1,
without its all-pairs cost: a bench-only drop-in for generator.render.groups.related_papers.

That version sorted every other paper for every paper: O(n^2 log n) Jaccard
computations (12 s at 1,000 papers, 112 s at 3,000 on the bench machine; hours at
20,000). This one gives identical lists (checked at 1,000 papers: most shared
tags, then Jaccard similarity of title+abstract words, then slug) but only scores
the papers that share the most tags with a paper, level by level, until it has
`count` of them; papers sharing no tag are scanned only when fewer than `count`
papers share one. It is still roughly quadratic (a popular tag's members are all
scored), only with a small constant.

bench/run.py uses it as the reference in its `compare` step (how close the
generator's faster, approximate ranking comes) and, with `--related fast`, in
place of the generator's version.
"""

import heapq
from collections import Counter, defaultdict
from itertools import chain

from generator.render.groups import RELATED_COUNT, _words


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
