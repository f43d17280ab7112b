"""Rule-based tagging of new papers: the vocabulary's phrases, found in the
title and abstract as runs of word stems.

How a paper is tagged (the phrase lists are described on `Tag`):

1. Title and abstract are cut into words at every character that is not a
   letter or digit, and words are cut again where a lowercase letter meets a
   capital or a letter meets a digit ("MaskGAN" -> Mask GAN, "CLIP2Point" ->
   CLIP 2 Point). Each word is reduced to its Snowball (Porter 2) stem, so
   "classifiers" finds "classifier" and "generalizes" finds "generalization".
2. A phrase is found where the stems of a run of words, joined, equal the
   joined stems of its words: "multi-task", "multi task" and "multitask" are
   one phrase, and "life-long" is "lifelong". A phrase written in capitals
   (an acronym such as MTL) is compared as written, a final plural "s" of the
   text aside ("LLMs" is LLM). Snowball also strips derivations ("adapter",
   "adaptive" and "adaptation" share a stem, as do "transferable" and
   "transfer"), so a phrase word written longer than its stem takes only the
   words that begin with it ("adapter" finds "adapters", not "adaptive");
   a word written as its stem ("transfer") takes every word of that stem.
3. A word counts once for a tag: of a tag's phrases that overlap, only the
   longest counts ("multi-task learning" does not count "multi-task" again,
   two spellings found at one place count once). Across tags, a `support`
   phrase inside a longer phrase of another tag does not count ("topic
   segmentation" leaves no "segmentation" for visual recognition, "large
   language model" no "language model" for pretrained language models); a
   `match` phrase does, since it names its topic wherever it stands ("meta
   reinforcement learning" is reinforcement learning too): other senses of a
   match phrase are its tag's `exclude` phrases. A tag's `exclude` phrases
   remove its own phrases they overlap.
4. A tag scores TITLE_WEIGHT for each phrase found in the title and 1 for each
   in the abstract (at most MAX_REPEATS for one phrase); `support` phrases add
   at most as much as the tag's `match` phrases scored (nothing without them).
5. A paper gets every tag scoring MIN_SCORE or more, minus those that yield to
   another tag it gets, the MAX_TAGS best by score; when no tag reaches
   MIN_SCORE, the single best one that a `match` phrase found. When every tag
   it gets is `broad` (a broad tag alone says little), the best specific tag a
   `match` phrase found joins them (and replaces those that yield to it).
"""

import re
from dataclasses import dataclass

import snowballstemmer

from generator.model.tags import Tag

TITLE_WEIGHT = 3  # a phrase in the title counts as much as three in the abstract
MAX_REPEATS = 3   # occurrences of one phrase in the abstract that count
MIN_SCORE = 3     # below this a tag is assigned only when no tag reaches it
MAX_TAGS = 5
MAX_RUN = 8       # words one phrase may span in the text ("multi-task-learning" is three)

_WORDS = re.compile(r"[^\W_]+")
# Pieces of one word: capitals before a capitalised word ("LLM" of "LLMAgent"),
# a capitalised or lowercase word, capitals, digits, other letters.
_PIECES = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\W\d_]+")
_ACRONYM_PLURAL = re.compile(r"[A-Z][A-Z\d]*[A-Z]s")


@dataclass(frozen=True)
class Hit:
    """A phrase of a tag found in one field: words [start, end)."""
    slug: str
    kind: str      # "match", "support" or "exclude"
    phrase: str
    start: int
    end: int


@dataclass(frozen=True)
class Token:
    exact: str  # as written (an acronym's plural "s" removed)
    stem: str   # lowercased Snowball stem


class Tagger:
    """The vocabulary's phrases, compiled once: look-up tables from the joined
    form of a phrase to (slug, kind, phrase)."""

    def __init__(self, vocabulary: tuple[Tag, ...]):
        self.vocabulary = vocabulary
        self._stemmer = snowballstemmer.stemmer("english")
        self._stems: dict[str, str] = {}
        # joined form -> (slug, kind, phrase, the phrase's words in lowercase; None: compared as written)
        self.by_stem: dict[str, list[tuple[str, str, str, tuple[str, ...] | None]]] = {}
        self.by_exact: dict[str, list[tuple[str, str, str, tuple[str, ...] | None]]] = {}
        for tag in vocabulary:
            for kind, phrases in (("match", tag.match), ("support", tag.support), ("exclude", tag.exclude)):
                for phrase in phrases:
                    tokens = self.tokens(phrase)
                    if phrase.isupper():
                        self.by_exact.setdefault("".join(t.exact for t in tokens), []).append(
                            (tag.slug, kind, phrase, None))
                    else:
                        self.by_stem.setdefault("".join(t.stem for t in tokens), []).append(
                            (tag.slug, kind, phrase, tuple(t.exact.lower() for t in tokens)))

    def stem(self, word: str) -> str:
        if word not in self._stems:
            self._stems[word] = self._stemmer.stemWord(word.lower())
        return self._stems[word]

    def tokens(self, text: str) -> list[Token]:
        found = []
        for word in _WORDS.findall(text):
            if _ACRONYM_PLURAL.fullmatch(word):
                word = word[:-1]
            for piece in _PIECES.findall(word):
                found.append(Token(piece, self.stem(piece)))
        return found

    def hits(self, text: str) -> list[Hit]:
        """Every phrase found in `text`, overlaps resolved (step 3 above)."""
        tokens = self.tokens(text)
        candidates = []
        for start in range(len(tokens)):
            stem = exact = ""
            for end in range(start + 1, min(start + MAX_RUN, len(tokens)) + 1):
                stem += tokens[end - 1].stem
                exact += tokens[end - 1].exact
                for slug, kind, phrase, words in self.by_stem.get(stem, []) + self.by_exact.get(exact, []):
                    if words is None or self._same_form(words, tokens[start:end]):
                        candidates.append(Hit(slug, kind, phrase, start, end))
        excluded = [hit for hit in candidates if hit.kind == "exclude"]
        candidates = [hit for hit in candidates if hit.kind != "exclude" and not any(
            other.slug == hit.slug and _overlap(hit, other) for other in excluded)]
        taken: list[Hit] = []
        for hit in sorted(candidates, key=lambda hit: (hit.start - hit.end, -len(hit.phrase), hit.start)):
            if not any(_hides(other, hit) for other in taken):
                taken.append(hit)
        return sorted(taken, key=lambda hit: (hit.start, hit.slug))

    def _same_form(self, words: tuple[str, ...], tokens: list[Token]) -> bool:
        """Whether text words whose stems equal a phrase's are a form the phrase
        names (step 2): a phrase word that is its own stem ("transfer") takes every
        word of that stem, one written longer ("transferable", "adapter") only
        words that begin with it ("adapters", not "transfer" or "adaptive")."""
        if len(words) != len(tokens):  # written as one word or as several: compare the joined forms
            words, found = ("".join(words),), ("".join(token.exact.lower() for token in tokens),)
        else:
            found = tuple(token.exact.lower() for token in tokens)
        return all(self.stem(word) == word or text.startswith(word) for word, text in zip(words, found))

    def scores(self, title: str, abstract: str) -> dict[str, int]:
        """Each tag's score (step 4), for tags a `match` phrase found."""
        points: dict[str, dict[str, int]] = {}
        for weight, hits in ((TITLE_WEIGHT, self.hits(title)), (1, self.hits(abstract))):
            counted: dict[tuple[str, str], int] = {}
            for hit in hits:
                key = (hit.slug, hit.phrase)
                counted[key] = counted.get(key, 0) + 1
                if weight == TITLE_WEIGHT or counted[key] <= MAX_REPEATS:
                    kinds = points.setdefault(hit.slug, {"match": 0, "support": 0})
                    kinds[hit.kind] += weight
        return {slug: kinds["match"] + min(kinds["support"], kinds["match"])
                for slug, kinds in points.items() if kinds["match"]}

    def assign(self, title: str, abstract: str) -> tuple[str, ...]:
        scores = self.scores(title, abstract)
        yields = {tag.slug: set(tag.yields_to) for tag in self.vocabulary}
        ranked = sorted(scores, key=lambda slug: (-scores[slug], slug))
        strong = [slug for slug in ranked if scores[slug] >= MIN_SCORE]
        kept = [slug for slug in strong if not yields.get(slug, set()) & set(strong)][:MAX_TAGS] or ranked[:1]
        broad = {tag.slug for tag in self.vocabulary if tag.broad}
        specific = [slug for slug in ranked if slug not in broad]
        if specific and set(kept) <= broad:  # a broad tag alone says little: add the best specific one
            kept = [slug for slug in kept if specific[0] not in yields.get(slug, set())][:MAX_TAGS - 1] + specific[:1]
        return tuple(sorted(kept))


def _overlap(one: Hit, other: Hit) -> bool:
    return one.start < other.end and other.start < one.end


def _hides(longer: Hit, hit: Hit) -> bool:
    """Whether a phrase already found (as long as `hit` or longer) leaves `hit`
    uncounted (step 3): it overlaps a phrase of the same tag, or it is a
    `support` phrase inside a longer phrase of another tag."""
    if not _overlap(longer, hit):
        return False
    if longer.slug == hit.slug:
        return True
    return (hit.kind == "support" and longer.start <= hit.start and hit.end <= longer.end
            and (longer.start, longer.end) != (hit.start, hit.end))


def tag_scores(vocabulary: tuple[Tag, ...], title: str, abstract: str) -> dict[str, int]:
    return Tagger(vocabulary).scores(title, abstract)


def assign_tags(vocabulary: tuple[Tag, ...], title: str, abstract: str) -> tuple[str, ...]:
    """Tags for one paper (sorted); () when no phrase of the vocabulary is found.
    To tag many papers, make one `Tagger(vocabulary)` and call its `assign`."""
    return Tagger(vocabulary).assign(title, abstract)
