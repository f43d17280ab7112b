"""The third tagging rules (stems with word forms, overlaps resolved across
tags, the best specific tag beside broad ones: issue 15's second pass), kept in
behaviour so that `retag` can tell a tag list these rules wrote from one a
person edited: see ingest/retag.py. Frozen: never change this matching or
tagging_v3.json (the vocabulary's phrases as they were, in their order)."""

import json
import re
from importlib import resources

import snowballstemmer

TITLE_WEIGHT, MAX_REPEATS, MIN_SCORE, MAX_TAGS, MAX_RUN = 3, 3, 3, 5, 8

_WORDS = re.compile(r"[^\W_]+")
_PIECES = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\W\d_]+")
_ACRONYM_PLURAL = re.compile(r"[A-Z][A-Z\d]*[A-Z]s")

# slug, match, support, exclude, yields_to, broad of every tag (data, frozen).
VOCABULARY: tuple[dict, ...] = tuple(json.loads(
    resources.files("generator.ingest").joinpath("tagging_v3.json").read_text("utf-8")))


class _Rules:
    def __init__(self, vocabulary: tuple[dict, ...]):
        self._stemmer = snowballstemmer.stemmer("english")
        self.yields = {tag["slug"]: set(tag["yields_to"]) for tag in vocabulary}
        self.broad = {tag["slug"] for tag in vocabulary if tag["broad"]}
        self.by_stem: dict[str, list[tuple]] = {}
        self.by_exact: dict[str, list[tuple]] = {}
        for tag in vocabulary:
            for kind in ("match", "support", "exclude"):
                for phrase in tag[kind]:
                    tokens = self.tokens(phrase)
                    if phrase.isupper():
                        self.by_exact.setdefault("".join(t[0] for t in tokens), []).append(
                            (tag["slug"], kind, phrase, None))
                    else:
                        self.by_stem.setdefault("".join(t[1] for t in tokens), []).append(
                            (tag["slug"], kind, phrase, tuple(t[0].lower() for t in tokens)))

    def stem(self, word: str) -> str:
        return self._stemmer.stemWord(word.lower())

    def tokens(self, text: str) -> list[tuple[str, str]]:
        found = []
        for word in _WORDS.findall(text):
            if _ACRONYM_PLURAL.fullmatch(word):
                word = word[:-1]
            for piece in _PIECES.findall(word):
                found.append((piece, self.stem(piece)))
        return found

    def hits(self, text: str) -> list[tuple[str, str, str, int, int]]:
        tokens = self.tokens(text)
        candidates = []
        for start in range(len(tokens)):
            stem = exact = ""
            for end in range(start + 1, min(start + MAX_RUN, len(tokens)) + 1):
                stem += tokens[end - 1][1]
                exact += tokens[end - 1][0]
                for slug, kind, phrase, words in self.by_stem.get(stem, []) + self.by_exact.get(exact, []):
                    if words is None or self._same_form(words, tokens[start:end]):
                        candidates.append((slug, kind, phrase, start, end))
        excluded = [hit for hit in candidates if hit[1] == "exclude"]
        candidates = [hit for hit in candidates if hit[1] != "exclude" and not any(
            other[0] == hit[0] and _overlap(hit, other) for other in excluded)]
        taken: list[tuple[str, str, str, int, int]] = []
        for hit in sorted(candidates, key=lambda hit: (hit[3] - hit[4], -len(hit[2]), hit[3])):
            if not any(_hides(other, hit) for other in taken):
                taken.append(hit)
        return sorted(taken, key=lambda hit: (hit[3], hit[0]))

    def _same_form(self, words: tuple[str, ...], tokens: list[tuple[str, str]]) -> bool:
        if len(words) != len(tokens):
            words, found = ("".join(words),), ("".join(token[0].lower() for token in tokens),)
        else:
            found = tuple(token[0].lower() for token in tokens)
        return all(self.stem(word) == word or text.startswith(word) for word, text in zip(words, found))

    def assign(self, title: str, abstract: str) -> tuple[str, ...]:
        points: dict[str, dict[str, int]] = {}
        for weight, hits in ((TITLE_WEIGHT, self.hits(title)), (1, self.hits(abstract))):
            counted: dict[tuple[str, str], int] = {}
            for slug, kind, phrase, _, _ in hits:
                counted[slug, phrase] = counted.get((slug, phrase), 0) + 1
                if weight == TITLE_WEIGHT or counted[slug, phrase] <= MAX_REPEATS:
                    kinds = points.setdefault(slug, {"match": 0, "support": 0})
                    kinds[kind] += weight
        scores = {slug: kinds["match"] + min(kinds["support"], kinds["match"])
                  for slug, kinds in points.items() if kinds["match"]}
        ranked = sorted(scores, key=lambda slug: (-scores[slug], slug))
        strong = [slug for slug in ranked if scores[slug] >= MIN_SCORE]
        kept = [slug for slug in strong if not self.yields.get(slug, set()) & set(strong)][:MAX_TAGS] or ranked[:1]
        specific = [slug for slug in ranked if slug not in self.broad]
        if specific and set(kept) <= self.broad:
            kept = [slug for slug in kept if specific[0] not in self.yields.get(slug, set())][:MAX_TAGS - 1] + specific[:1]
        return tuple(sorted(kept))


def _overlap(one: tuple, other: tuple) -> bool:
    return one[3] < other[4] and other[3] < one[4]


def _hides(longer: tuple, hit: tuple) -> bool:
    if not _overlap(longer, hit):
        return False
    if longer[0] == hit[0]:
        return True
    return hit[1] == "support" and longer[3] <= hit[3] and hit[4] <= longer[4] and (longer[3], longer[4]) != (hit[3], hit[4])


_RULES = _Rules(VOCABULARY)  # package data only: no cache of what it has read


def assign_tags_v3(title: str, abstract: str) -> tuple[str, ...]:
    """The tags the third rules gave a paper of this title and abstract."""
    return _RULES.assign(title, abstract)
