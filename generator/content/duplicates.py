"""Records that are the same paper: one arXiv id (its version set aside), one
title (`title_key`), or abstracts that share most of their word pairs
(`agreement_of`). Pure: records in, problems out, each naming both files.

Abstracts are compared by prefix filtering (AllPairs, Bayardo et al. 2007,
with the l-prefix of Wang et al. 2012): each record's word pairs are ordered
rarest first. Two sets whose Jaccard index reaches t share at least
m >= ceil(t|S|) pairs, and the k-th shared pair is among the first
|S| - ceil(t|S|) + k of each; so they share min(k, m) pairs within those
prefixes. Only records that do (counted as a sparse product) are compared in
full, so the result is exactly that of comparing every pair."""

import math
import re
from collections.abc import Callable, Mapping

import numpy as np
from scipy import sparse

from generator.model.likeness import SAME_ABSTRACT, abstract_words, title_key
from generator.model.paper import Paper
from generator.model.problems import Problem
from generator.model.urls import PAPER_SOURCE

DEPTH = 3      # pairs two candidate records must share among their rarest (see `_prefix`)
BLOCK = 2000   # records whose candidates are counted at once (memory)
_VERSION = re.compile(r"v[0-9]+$")
ADVICE = "if it is the same paper, keep one file and add the other's name under aliases"


def arxiv_key(arxiv_id: str) -> str:
    """An arXiv id without its version, case set aside (`cs/0601001v2` is `cs/0601001`)."""
    return _VERSION.sub("", arxiv_id.strip()).casefold()


def _pair_ranks(papers: list[Paper]) -> tuple[list[np.ndarray], int]:
    """Each abstract's distinct word pairs as ranks, rarest first (ties in any
    order), sorted; and how many distinct pairs there are in all."""
    vocabulary: dict[str, int] = {}
    codes = []
    for paper in papers:
        words = abstract_words(paper.abstract)
        ids = np.fromiter((vocabulary.setdefault(word, len(vocabulary)) for word in words), np.int64, len(words))
        codes.append(np.unique((ids[:-1] << 32) | ids[1:]))  # one integer per distinct pair
    every = np.concatenate(codes) if codes else np.zeros(0, np.int64)
    _, which, counts = np.unique(every, return_inverse=True, return_counts=True)
    rank = np.empty(len(counts), np.int64)
    rank[np.argsort(counts, kind="stable")] = np.arange(len(counts))
    bounds = np.cumsum([0] + [len(code) for code in codes])
    return [np.sort(rank[which[bounds[n]:bounds[n + 1]]]) for n in range(len(papers))], len(counts)


def similar_abstracts(papers: list[Paper], threshold: float = SAME_ABSTRACT) -> list[tuple[int, int, float]]:
    """(i, j, agreement) for every i < j whose abstracts agree at least `threshold`."""
    ordered, distinct = _pair_ranks(papers)
    sizes = np.array([len(tokens) for tokens in ordered], dtype=np.int64)
    prefix = [tokens[:_prefix(len(tokens), threshold)] for tokens in ordered]
    rows = np.repeat(np.arange(len(papers)), [len(tokens) for tokens in prefix])
    columns = np.concatenate(prefix) if prefix else np.zeros(0, np.int64)
    prefixes = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, columns)),
                                 shape=(len(papers), distinct))
    across = prefixes.T.tocsr()
    sets: dict[int, frozenset] = {}

    def pairs_of(number: int) -> frozenset:
        if number not in sets:
            sets[number] = frozenset(ordered[number].tolist())
        return sets[number]
    found = []
    for start in range(0, len(papers), BLOCK):
        shared = (prefixes[start:start + BLOCK] @ across).tocoo()
        first, second, count = shared.row + start, shared.col, shared.data
        small, large = np.minimum(sizes[first], sizes[second]), np.maximum(sizes[first], sizes[second])
        keep = ((first < second) & (small >= threshold * large)
                & (count >= np.minimum(DEPTH, np.ceil(threshold * large - 1e-9))))
        for one, other in zip(first[keep].tolist(), second[keep].tolist()):
            overlap = len(pairs_of(one) & pairs_of(other))
            agreement = overlap / (sizes[one] + sizes[other] - overlap)
            if agreement >= threshold:
                found.append((one, other, float(agreement)))
    return sorted(found)


def _prefix(size: int, threshold: float) -> int:
    """How many of a set's rarest pairs hold at least DEPTH of those it shares
    with any set it agrees with at `threshold` (all it shares, if fewer)."""
    return min(size, size - math.ceil(threshold * size - 1e-9) + DEPTH)


def duplicate_problems(papers: list[Paper], lines: Callable[[str], Mapping[str, int] | None] = lambda slug: None,
                       shown: Callable[[str], str] = lambda slug: PAPER_SOURCE.format(slug=slug),
                       threshold: float = SAME_ABSTRACT) -> list[Problem]:
    """One problem for each pair of records that are the same paper, at the
    field of the later slug, naming the earlier file: the same arXiv id, else
    the same title, else abstracts agreeing at least `threshold`. `lines(slug)`:
    the record's field lines, asked only of records with a problem (line 1 where unknown)."""
    papers = sorted(papers, key=lambda paper: paper.slug)
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
        problems.append(Problem(shown(slug), (lines(slug) or {}).get(field, 1), field,
                                f"{what.format(shown(papers[first].slug))}; {ADVICE}"))
    return sorted(problems)
