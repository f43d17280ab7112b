"""Rule-based tagging of new papers: the vocabulary's phrases, matched in the
title and abstract."""

import re

from generator.model.tags import Tag

TITLE_WEIGHT = 3  # a phrase in the title counts as much as three in the abstract
MIN_SCORE = 2     # below this a tag is assigned only when no tag reaches it
MAX_TAGS = 5


def _phrase_pattern(phrase: str) -> re.Pattern:
    """A phrase matches as whole words, case-insensitively, with `-` and a space
    interchangeable (`multi-task` also matches `multi task`). A phrase written
    in capitals (an acronym such as `MTL`) matches case-sensitively."""
    words = [re.escape(word) for word in re.split(r"[\s-]+", phrase.strip())]
    body = r"[\s-]?".join(words)
    flags = 0 if phrase.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){body}(?![\w])", flags)


def tag_scores(vocabulary: tuple[Tag, ...], title: str, abstract: str) -> dict[str, int]:
    scores = {}
    for tag in vocabulary:
        score = 0
        for pattern in map(_phrase_pattern, tag.match):
            score += TITLE_WEIGHT * len(pattern.findall(title)) + len(pattern.findall(abstract))
        if score:
            scores[tag.slug] = score
    return scores


def assign_tags(vocabulary: tuple[Tag, ...], title: str, abstract: str) -> tuple[str, ...]:
    """Tags for a new paper: every tag scoring MIN_SCORE or more (best first, at
    most MAX_TAGS), else the single best-scoring tag; () when nothing matches."""
    scores = tag_scores(vocabulary, title, abstract)
    ranked = sorted(scores, key=lambda slug: (-scores[slug], slug))
    strong = [slug for slug in ranked if scores[slug] >= MIN_SCORE]
    return tuple(sorted((strong or ranked[:1])[:MAX_TAGS]))
