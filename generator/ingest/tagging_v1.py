"""The first tagging rules (until the vocabulary gained `support`, `exclude`
and `yields_to`), kept byte for byte in behaviour so that `retag` can tell a
tag list these rules wrote from one a person edited: see ingest/retag.py.
Frozen: never change these phrases or this matching."""

import json
import re
from importlib import resources

TITLE_WEIGHT, MIN_SCORE, MAX_TAGS = 3, 2, 5

# content/tags.yaml's `match` phrases as they were, slug -> phrases (data, frozen).
PHRASES: dict[str, tuple[str, ...]] = {
    slug: tuple(phrases) for slug, phrases in
    json.loads(resources.files("generator.ingest").joinpath("tagging_v1.json").read_text("utf-8")).items()}


def _phrase_pattern(phrase: str) -> re.Pattern:
    words = [re.escape(word) for word in re.split(r"[\s-]+", phrase.strip())]
    body = r"[\s-]?".join(words)
    flags = 0 if phrase.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){body}(?![\w])", flags)


_PATTERNS = {slug: tuple(map(_phrase_pattern, phrases)) for slug, phrases in PHRASES.items()}


def assign_tags_v1(title: str, abstract: str) -> tuple[str, ...]:
    """The tags the first rules gave a paper of this title and abstract."""
    scores = {}
    for slug, patterns in _PATTERNS.items():
        score = sum(TITLE_WEIGHT * len(pattern.findall(title)) + len(pattern.findall(abstract)) for pattern in patterns)
        if score:
            scores[slug] = score
    ranked = sorted(scores, key=lambda slug: (-scores[slug], slug))
    strong = [slug for slug in ranked if scores[slug] >= MIN_SCORE]
    return tuple(sorted((strong or ranked[:1])[:MAX_TAGS]))
