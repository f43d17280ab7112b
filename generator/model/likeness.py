"""When two texts are the same paper's: titles equal once case, spacing and
punctuation are set aside, abstracts that share most of their word pairs.
The importer's enrich step and `check`'s duplicate rule both judge by these."""

import re
import unicodedata

_LATEX = re.compile(r"\\[A-Za-z]+|[$\\{}]")
_WORD = re.compile(r"[^\W_]+")


def title_key(title: str) -> str:
    """A title with case, whitespace and punctuation set aside: two titles are
    the same when their keys are equal."""
    text = unicodedata.normalize("NFKC", title).casefold()
    return "".join(char for char in text if not (char.isspace() or unicodedata.category(char).startswith("P")))


def abstract_words(text: str) -> list[str]:
    """The words of an abstract, after NFKC, case and LaTeX markup are set aside."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(_LATEX.sub(" ", text))


def word_pairs(text: str) -> frozenset[tuple[str, str]]:
    """The distinct pairs of adjacent words of an abstract."""
    words = abstract_words(text)
    return frozenset(zip(words, words[1:]))


def agreement_of(first: frozenset, second: frozenset) -> float:
    """The Jaccard index of two sets of word pairs; 0 when both are empty."""
    union = len(first | second)
    return len(first & second) / union if union else 0.0


def abstract_agreement(first: str, second: str) -> float:
    """0 (no word pair in common) to 1 (the same words in the same order)."""
    return agreement_of(word_pairs(first), word_pairs(second))
