"""Records that are the same paper: one arXiv id (its version set aside), one
title (`title_key`), or abstracts that share most of their word pairs
(`agreement_of`). Pure: records in, problems out, each naming both files.

Abstracts are compared by prefix filtering (AllPairs, Bayardo et al. 2007):
each record's word pairs are ordered rarest first, and two sets whose Jaccard
index reaches t must share one of the first |S| - ceil(t|S|) + 1 pairs of each.
Only records sharing such a pair (and of compatible sizes) are compared, so the
result is exactly that of comparing every pair."""

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping

from generator.model.likeness import agreement_of, title_key, word_pairs
from generator.model.paper import Paper
from generator.model.problems import Problem
from generator.model.urls import PAPER_SOURCE

# Abstracts agreeing this much are one paper's. Measured on the 483 records of
# content/papers/: two different records agree at most 0.117; a copy with one
# word of the abstract changed at least 0.93, with one sentence replaced at least
# 0.42 (ingest/enrich.py). The threshold of enrich's match, for one meaning.
SAME_ABSTRACT = 0.30
_VERSION = re.compile(r"v[0-9]+$")
ADVICE = "if it is the same paper, keep one file and add the other's name under aliases"


def arxiv_key(arxiv_id: str) -> str:
    """An arXiv id without its version, case set aside (`cs/0601001v2` is `cs/0601001`)."""
    return _VERSION.sub("", arxiv_id.strip()).casefold()


def similar_abstracts(papers: list[Paper], threshold: float = SAME_ABSTRACT) -> list[tuple[int, int, float]]:
    """(i, j, agreement) for every i < j whose abstracts agree at least `threshold`."""
    sets = [word_pairs(paper.abstract) for paper in papers]
    frequency = Counter(pair for pairs in sets for pair in pairs)
    rank = {pair: number for number, pair in enumerate(sorted(frequency, key=lambda pair: (frequency[pair], pair)))}
    ordered = [sorted(rank[pair] for pair in pairs) for pairs in sets]
    index: dict[int, list[int]] = defaultdict(list)  # a prefix pair's rank -> records seen with it
    found = []
    for position in sorted(range(len(papers)), key=lambda number: (len(ordered[number]), number)):
        tokens = ordered[position]
        if not tokens:
            continue
        size = len(tokens)
        prefix = size - math.ceil(threshold * size) + 1
        candidates = set()
        for token in tokens[:prefix]:
            for other in index[token]:
                if len(ordered[other]) >= threshold * size:  # smaller sets come first
                    candidates.add(other)
            index[token].append(position)
        for other in candidates:
            agreement = agreement_of(sets[position], sets[other])
            if agreement >= threshold:
                first, second = sorted((position, other))
                found.append((first, second, agreement))
    return sorted(found)


def duplicate_problems(papers: list[Paper], lines: Mapping[str, Mapping[str, int]] | None = None,
                       shown: Callable[[str], str] = lambda slug: PAPER_SOURCE.format(slug=slug),
                       threshold: float = SAME_ABSTRACT) -> list[Problem]:
    """One problem for each pair of records that are the same paper, at the
    field of the later slug, naming the earlier file: the same arXiv id, else
    the same title, else abstracts agreeing at least `threshold`. `lines`:
    slug -> field -> line (line 1 where unknown)."""
    papers = sorted(papers, key=lambda paper: paper.slug)
    lines = lines or {}
    found: dict[tuple[int, int], tuple[str, str]] = {}  # (earlier, later) -> (field, what)
    for field, what, key in (("arxiv_id", "the same arXiv id as {}", lambda paper: arxiv_key(paper.arxiv_id or "")),
                             ("title", "the same title as {}", lambda paper: title_key(paper.title))):
        first_with: dict[str, int] = {}
        for number, paper in enumerate(papers):
            value = key(paper)
            if value and value in first_with:
                found.setdefault((first_with[value], number), (field, what))
            elif value:
                first_with[value] = number
    for first, second, agreement in similar_abstracts(papers, threshold):
        found.setdefault((first, second), ("abstract", f"nearly the same abstract as {{}} (agreement {agreement:.2f})"))
    problems = []
    for (first, second), (field, what) in found.items():
        slug = papers[second].slug
        problems.append(Problem(shown(slug), lines.get(slug, {}).get(field, 1), field,
                                f"{what.format(shown(papers[first].slug))}; {ADVICE}"))
    return sorted(problems)
