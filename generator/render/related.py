"""Related papers: for each paper, the papers closest in meaning (the cosine of
their SPECTER2 embeddings, content/embeddings/) where both have one, else those
whose title and abstract say the most similar things, by TF-IDF cosine over word
stems. Pure: papers (and vectors by slug) in, {slug: related slugs} out, the same
whatever the order of the input.

By meaning: a paper with a vector lists first the papers with a vector whose
cosine with it is at least `EMBEDDING_THRESHOLD`, best first (shared tags, then
slug, break ties), gated by topic like the text matches when `gate_embeddings`.
The two scores are never mixed in one ranking (they are not on one scale): a
pair where only one paper has a vector is judged by its words, so the places
left in such a paper's list are filled from its best text matches that have no
vector, by the rules below applied to the whole list: a text match placed past
`CLOSE_COUNT` (counting the matches by meaning before it) needs
`THRESHOLD_MORE`, and `RELATIVE` is of the paper's best text score over every
candidate, with a vector or not (a cosine is on another scale); a paper without
a vector keeps its text ranking over every paper. With no vectors at all the lists are today's text lists.
`EMBEDDING_THRESHOLD` is not tuned (no real vectors here): `related-report`
prints the cosines of the listed papers by judgement, and their figures with
and without the gate, so the first run with embeddings can set both.

Text: title and abstract, lower-cased, split into words, stop words dropped and
every word cut to its Snowball stem ("rewriting" meets "rewrite"); the title
counts `TITLE_WEIGHT` times, and pairs of neighbouring title stems count as terms
too ("style transfer" in a title is worth more than "style" and "transfer" apart;
pairs from abstracts added noise and lowered every score in the tuning). Weights:
sublinear term frequency times smoothed inverse document frequency, rows scaled
to unit length, so the score of two papers is the cosine of their vectors.

Ranking: score first; tags only break ties (more shared tags first), then slug.
Given `topics` (the vocabulary's tags that are not broad), a paper's best text
matches are listed only when they share one of them with it (a paper whose tags
are all broad: one of those); the gate filters the matches, it never brings in a
weaker one. A close score between papers on different topics was mostly a
shared generic word ("transfer", "tasks"): the gate takes the unrelated share of
listed papers from 11.2% to 3.1% without losing a best match (README).
Papers scoring under `THRESHOLD` are never listed, so a paper with nothing close
gets a short list or none; after the first, a paper must score at least
`RELATIVE` of the first one's score, and past the first `CLOSE_COUNT` places at
least `THRESHOLD_MORE`: the best match is most often among the first three, and
the fourth and fifth at a middling score were mostly weak or unrelated (tuned on
the `tune` split of eval/related.yaml; figures in related_report's docstring).

Cost: the similarities are computed in blocks of `BLOCK` rows, each a sparse
product with the whole matrix whose entries under `THRESHOLD` are dropped before
anything is sorted, so memory stays bounded at any size (50,000 synthetic papers
from bench/synth.py: about 12.5 s and 210 MiB over the loaded archive on 2 cores).
In archives of thousands of papers, terms in more than `COMMON` papers are left
out of the products (an approximation that never applies below 2,000 papers).

Cache: a caller-owned `RelatedCache` keeps each paper's terms by a hash of its
title and abstract, and every paper's scored candidates by a hash of all slugs,
titles and abstracts; tags only pick among the candidates, so a tag edit, or a
build of unchanged text (the cache read back with `from_json`), computes no
product (about 1.5 s at 50,000). An edited title or abstract re-stems that paper
only, but the weights depend on every paper (document frequencies), so the
products are computed again. The stems can also come from the caller (`terms=`).
"""

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping

import numpy as np
import snowballstemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from generator.model.paper import Paper

VERSION = "related-3"  # part of every cache key: change it when the terms or the scores change
RELATED_COUNT = 5
TITLE_WEIGHT = 2     # the title's words count this many times
THRESHOLD = 0.10     # no paper with a lower cosine is listed
RELATIVE = 0.7       # nor one under this share of the best score of its list
CLOSE_COUNT = 3      # past this many places in a list,
THRESHOLD_MORE = 0.15  # a paper needs at least this cosine
MAX_DF = 0.5         # terms in more than this share of papers tell nothing apart
COMMON = 1000        # in a large archive, terms in more papers than this (and more than
                     # MAX_DF of the first 2,000) are left out of the products: they weigh
                     # little and cost the most (the product's work is the sum of df squared)
BLOCK = 512          # rows of the similarity matrix computed at once
EMBEDDING_THRESHOLD = 0.5  # no paper with a lower embedding cosine is listed (not tuned: see above)
EMBEDDING_GATE = True  # the topic gate applies to the matches by meaning too (measured on text only)
_DIGITS = 6          # scores are compared rounded, so float noise never decides an order

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(ENGLISH_STOP_WORDS) | frozenset(
    "using use used based new show shows propose proposed paper approach method methods results "
    "model models task tasks et al via work study".split())


class Stemmer:
    """Snowball stems with a memo of the words already seen (one per run)."""

    def __init__(self):
        self._stemmer = snowballstemmer.stemmer("english")
        self._known: dict[str, str] = {}

    def words(self, text: str) -> list[str]:
        stems = []
        for word in _WORD.findall(text.lower()):
            if word in _STOP or len(word) < 2 or word.isdigit():
                continue
            stem = self._known.get(word)
            if stem is None:
                stem = self._known[word] = self._stemmer.stemWord(word)
            stems.append(stem)
        return stems


def paper_terms(paper: Paper, stemmer: Stemmer | None = None) -> tuple[str, ...]:
    """The terms of one paper: the stems of its abstract; the stems of its
    title and their pairs of neighbours, `TITLE_WEIGHT` times."""
    stemmer = stemmer or Stemmer()
    title = stemmer.words(paper.title)
    title += [f"{left} {right}" for left, right in zip(title, title[1:])]
    return tuple(title * TITLE_WEIGHT + stemmer.words(paper.abstract))


class RelatedCache:
    """What `related_papers` can reuse from its last run, by content hash; owned by
    the caller (no module-level state). `terms`: a paper's terms by the digest of
    its title and abstract (kept for the last run's papers only), so only edited
    papers are stemmed again. `key` and `candidates`: the digest of every slug,
    title and abstract (and the settings) and, per paper in slug order, the other
    papers that can be listed with their scores; while no text changed, a run
    reuses them and only picks the lists (tags break ties, so a tag edit costs no
    product). `to_json` and `from_json` carry the candidates across processes."""

    def __init__(self):
        self.terms: dict[str, tuple[str, ...]] = {}
        self.key: str | None = None
        self.candidates: list[tuple[list[int], list[float]]] = []
        self.vector_key: str | None = None  # the same for the matches by meaning
        self.vector_candidates: list[tuple[list[int], list[float]]] = []

    def to_json(self) -> str:
        return json.dumps({"version": VERSION, "key": self.key, "candidates": self.candidates,
                           "vector_key": self.vector_key, "vector_candidates": self.vector_candidates},
                          separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> "RelatedCache":
        """The cache `to_json` wrote; an empty one for any other text (a stale or
        damaged file only costs a recomputation)."""
        cache = cls()
        try:
            data = json.loads(text)
            candidates = [(list(map(int, others)), list(map(float, scores)))
                          for others, scores in data["candidates"]]
            by_meaning = [(list(map(int, others)), list(map(float, scores)))
                          for others, scores in data.get("vector_candidates") or []]
            if data["version"] == VERSION and isinstance(data["key"], str):
                cache.key, cache.candidates = data["key"], candidates
                if isinstance(data.get("vector_key"), str):
                    cache.vector_key, cache.vector_candidates = data["vector_key"], by_meaning
        except (ValueError, TypeError, KeyError):
            pass
        return cache


def text_digest(paper: Paper) -> str:
    """The content hash of what a paper's terms are made from."""
    return hashlib.sha256(f"{VERSION}\0{paper.title}\0{paper.abstract}".encode()).hexdigest()


def _archive_key(ordered: list[Paper], count: int) -> str:
    """The content hash of everything the candidates depend on."""
    digest = hashlib.sha256(repr((VERSION, count, TITLE_WEIGHT, THRESHOLD, MAX_DF, COMMON, _DIGITS)).encode())
    for paper in ordered:
        digest.update(f"{paper.slug}\0{paper.title}\0{paper.abstract}\0".encode())
    return digest.hexdigest()


def related_papers(papers: Iterable[Paper], count: int = RELATED_COUNT,
                   terms: Callable[[Paper], tuple[str, ...]] | None = None,
                   cache: RelatedCache | None = None, topics: frozenset[str] | None = None,
                   vectors: Mapping[str, np.ndarray] | None = None,
                   gate_embeddings: bool = EMBEDDING_GATE) -> dict[str, list[str]]:
    """Slug -> the slugs of at most `count` related papers, best first; with
    `topics`, only papers sharing one of these tags (the matches by meaning too
    when `gate_embeddings`); `vectors`: unit vectors by slug, for the papers that
    have one; with a `cache`, nothing is recomputed that the papers' text and
    vector hashes say is unchanged."""
    ordered = sorted(papers, key=lambda paper: paper.slug)
    related: dict[str, list[str]] = {paper.slug: [] for paper in ordered}
    if len(ordered) < 2 or count < 1:
        return related
    key = _archive_key(ordered, count) if cache is not None else None
    if cache is not None and cache.key == key and len(cache.candidates) == len(ordered):
        candidates = cache.candidates
    else:
        candidates = _all_candidates(_terms_of(ordered, terms, cache), count)
        if cache is not None:
            cache.key, cache.candidates = key, candidates
    has_vector = [bool(vectors) and paper.slug in vectors for paper in ordered]
    by_meaning = _meaning_candidates(ordered, vectors, count, cache) if any(has_vector) else []
    tags = [frozenset(paper.tags) for paper in ordered]
    for index, (others, scores) in enumerate(candidates):
        mine = tags[index] & topics or tags[index] if topics is not None else None  # broad tags only: any
        if mine is not None:
            others, scores = _pairs(pair for pair in zip(others, scores) if mine & tags[pair[0]])
        if not has_vector[index]:
            related[ordered[index].slug] = _best(ordered, tags, index, others, scores, count)
            continue
        near, cosines = by_meaning[index]
        if mine is not None and gate_embeddings:
            near, cosines = _pairs(pair for pair in zip(near, cosines) if mine & tags[pair[0]])
        listed = _closest(ordered, tags, index, near, cosines, count)
        best = scores[0] if scores else None  # the paper's best text score, with or without a vector
        others, scores = _pairs(pair for pair in zip(others, scores) if not has_vector[pair[0]])
        related[ordered[index].slug] = listed + _best(ordered, tags, index, others, scores, count - len(listed),
                                                      taken=len(listed), best=best)
    return related


def _meaning_candidates(ordered: list[Paper], vectors: Mapping[str, np.ndarray], count: int,
                        cache: RelatedCache | None) -> list[tuple[list[int], list[float]]]:
    """For each paper, the papers with a vector that can be listed by meaning
    (empty for a paper without one), from the cache while the vectors are equal."""
    digest = hashlib.sha256(repr((VERSION, count, EMBEDDING_THRESHOLD, _DIGITS)).encode())
    for paper in ordered:
        vector = vectors.get(paper.slug)
        digest.update(paper.slug.encode() + b"\0" + (np.asarray(vector, np.float32).tobytes() if vector is not None
                                                     else b"-") + b"\0")
    key = digest.hexdigest()
    if cache is not None and cache.vector_key == key and len(cache.vector_candidates) == len(ordered):
        return cache.vector_candidates
    found = _cosine_candidates(ordered, vectors, count)
    if cache is not None:
        cache.vector_key, cache.vector_candidates = key, found
    return found


def _cosine_candidates(ordered: list[Paper], vectors: Mapping[str, np.ndarray],
                       count: int) -> list[tuple[list[int], list[float]]]:
    """Cosines in blocks of `BLOCK` rows: for each paper with a vector, the
    others scoring at least `EMBEDDING_THRESHOLD` that are among its `count`
    best or tied with the last of them, best first (ties by index). Only those
    are sorted, never every paper over the threshold."""
    found: list[tuple[list[int], list[float]]] = [([], [])] * len(ordered)
    have = np.array([index for index, paper in enumerate(ordered) if paper.slug in vectors])
    if len(have) < 2:
        return found
    matrix = np.stack([np.asarray(vectors[ordered[index].slug], dtype=np.float32) for index in have])
    for start in range(0, len(have), BLOCK):
        block = np.round((matrix[start:start + BLOCK] @ matrix.T).astype(np.float64), _DIGITS)
        for row, scores in enumerate(block):
            scores[start + row] = -np.inf
            keep = np.flatnonzero(scores >= EMBEDDING_THRESHOLD)
            if len(keep) > count:  # the `count`th best score, found without sorting the row
                last = np.partition(scores[keep], len(keep) - count)[len(keep) - count]
                keep = keep[scores[keep] >= last]  # with every paper tied with it
            keep = keep[np.lexsort((keep, -scores[keep]))]  # best first
            found[int(have[start + row])] = (have[keep].tolist(), [float(score) for score in scores[keep]])
    return found


def _closest(ordered: list[Paper], tags: list[frozenset], index: int, others: list[int], cosines: list[float],
             count: int) -> list[str]:
    """The `count` best matches by meaning: cosine, then shared tags, then slug."""
    mine = tags[index]
    ranked = sorted((-cosine, -len(mine & tags[other]), ordered[other].slug) for other, cosine in zip(others, cosines))
    return [slug for _, _, slug in ranked[:count]]


def _pairs(pairs: Iterable[tuple[int, float]]) -> tuple[list[int], list[float]]:
    kept = list(pairs)
    return [other for other, _ in kept], [score for _, score in kept]


def _terms_of(ordered: list[Paper], terms: Callable[[Paper], tuple[str, ...]] | None,
              cache: RelatedCache | None) -> list[tuple[str, ...]]:
    """Each paper's terms: from `terms` if given, else from the cache by text
    digest or stemmed now; the cache then keeps those of these papers only."""
    if terms is None:
        stemmer = Stemmer()

        def terms(paper: Paper) -> tuple[str, ...]:
            return paper_terms(paper, stemmer)

    if cache is None:
        return [terms(paper) for paper in ordered]
    known, cache.terms = cache.terms, {}
    for paper in ordered:
        digest = text_digest(paper)
        cache.terms[digest] = known[digest] if digest in known else terms(paper)
    return [cache.terms[text_digest(paper)] for paper in ordered]


def _all_candidates(documents: list[tuple[str, ...]], count: int) -> list[tuple[list[int], list[float]]]:
    """For each document, the indices of the others that can be listed (best
    first) and their scores."""
    found: list[tuple[list[int], list[float]]] = [([], [])] * len(documents)
    vectorizer = TfidfVectorizer(analyzer=lambda document: document, sublinear_tf=True,
                                 max_df=MAX_DF if len(documents) >= 20 else 1.0, dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform(documents)
    except ValueError:  # no term left in any paper
        return found
    frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
    common = frequency > max(COMMON, MAX_DF * min(len(documents), 2000))
    if common.any():  # only in archives of thousands of papers
        matrix = matrix[:, np.flatnonzero(~common)]
    transposed = matrix.T.tocsr()
    for start in range(0, len(documents), BLOCK):
        for row, (others, scores) in enumerate(_candidates(matrix[start:start + BLOCK] @ transposed, start, count)):
            # plain floats of `_DIGITS` digits: what JSON reads back is the same number
            found[start + row] = (others.tolist(), [round(score, _DIGITS) for score in scores.tolist()])
    return found


def _candidates(block, start: int, count: int):
    """For each row of a block of the (sparse) similarity matrix, whose first row
    is paper `start`: the other papers scoring at least `THRESHOLD` (the product
    holds only papers sharing a term) that are among its `count` best or tied
    with the last of them, best first, and their scores rounded to `_DIGITS`.
    Only the entries over the threshold are sorted, never a dense row."""
    block = block.tocsr()  # a product of CSR matrices: one entry per pair, indices unsorted
    rows = np.repeat(np.arange(block.shape[0]), np.diff(block.indptr))
    scores = np.round(block.data, _DIGITS)
    keep = (scores >= THRESHOLD) & (block.indices != rows + start)
    rows, others, scores = rows[keep], block.indices[keep], scores[keep]
    order = np.lexsort((-scores, rows))  # by row, best first
    rows, others, scores = rows[order], others[order], scores[order]
    first = np.searchsorted(rows, np.arange(block.shape[0] + 1))
    for row in range(block.shape[0]):
        mine = slice(first[row], first[row + 1])
        top = scores[mine]
        if len(top) > count:  # every paper tied with the `count`th stays a candidate
            mine = slice(first[row], first[row] + int(np.count_nonzero(top >= top[count - 1])))
        yield others[mine], scores[mine]


def _best(ordered: list[Paper], tags: list[frozenset], index: int, others: list[int], scores: list[float],
          count: int, taken: int = 0, best: float | None = None) -> list[str]:
    """The `count` best of the candidates `others` (best first, with their
    `scores`): score, then shared tags, then slug; none under `RELATIVE` of
    `best` (else the first's score); placed after `taken` places of the list
    (matches by meaning), so past `CLOSE_COUNT` places of the whole list only
    those scoring `THRESHOLD_MORE`."""
    if not len(others) or count < 1:
        return []
    floor = max(THRESHOLD, RELATIVE * float(scores[0] if best is None else best))
    mine = tags[index]
    candidates = sorted((-float(score), -len(mine & tags[other]), ordered[other].slug)
                        for other, score in zip(others, scores) if score >= floor)
    return [slug for place, (score, _, slug) in enumerate(candidates[:count], taken)
            if place < CLOSE_COUNT or -score >= THRESHOLD_MORE]
