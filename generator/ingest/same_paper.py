"""When a dump entry and a record are the same paper, for the importer, the
claims check and the live-content tests alike: the same title or abstract
(case and spacing set aside, `identity`), the same `title_key`, or abstracts
agreeing at least `SAME_ABSTRACT` (`model/likeness`), as `check`'s duplicate rule judges.

Abstracts are found through an index from each word pair to the texts that
hold it: the pairs a query shares with each text are counted from the index,
never by comparing the query with every text."""

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterator

from generator.model.likeness import SAME_ABSTRACT, title_key, word_pairs
from generator.model.text import normalise_whitespace


def identity(text: str) -> str:
    """A title or abstract with case and spacing set aside."""
    return normalise_whitespace(text).casefold()


class SamePapers:
    """Texts (title, abstract) under keys, asked which keys are the same paper
    as a given title and abstract. Texts may be added between questions."""

    def __init__(self, threshold: float = SAME_ABSTRACT):
        self.threshold = threshold
        self._exact: dict[str, list[Hashable]] = defaultdict(list)   # identity of a title or abstract
        self._titles: dict[str, list[Hashable]] = defaultdict(list)  # title_key
        self._postings: dict[tuple, list[Hashable]] = defaultdict(list)  # word pair -> keys
        self._pairs: dict[Hashable, frozenset] = {}

    def add(self, key: Hashable, title: str, abstract: str) -> None:
        for text in {identity(title), identity(abstract)} - {""}:  # an empty text is no paper's
            self._exact[text].append(key)
        if title_key(title):
            self._titles[title_key(title)].append(key)
        pairs = word_pairs(abstract)
        self._pairs[key] = pairs
        for pair in pairs:
            self._postings[pair].append(key)

    def matches(self, title: str, abstract: str) -> list[Hashable]:
        """The keys that are the same paper, best first: the same title or
        abstract, then the same title key, then abstracts by agreement (each
        key once, in the order it was added within a kind)."""
        return list(dict.fromkeys(self._found(title, abstract)))

    def best(self, title: str, abstract: str) -> Hashable | None:
        """The first of `matches`, None when there is none; abstracts are
        compared only when no title or abstract is the same."""
        return next(self._found(title, abstract), None)

    def _found(self, title: str, abstract: str) -> Iterator[Hashable]:
        yield from self._exact.get(identity(title) or None, ())
        yield from self._exact.get(identity(abstract) or None, ())
        yield from self._titles.get(title_key(title), ())
        yield from (key for _, key in self._similar(word_pairs(abstract)))

    def _similar(self, pairs: frozenset) -> list[tuple[float, Hashable]]:
        """(agreement, key) of the abstracts agreeing at least the threshold, highest first."""
        shared = Counter(key for pair in pairs for key in self._postings.get(pair, ()))
        scored = [(count / (len(pairs) + len(self._pairs[key]) - count), key) for key, count in shared.items()]
        return sorted(((score, key) for score, key in scored if score >= self.threshold),
                      key=lambda item: -item[0])
