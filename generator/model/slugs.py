"""File-name slugs: portable, unique, deterministic."""

import hashlib
import re

from slugify import slugify

SLUG_MAX_CHARS = 80
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _digest(title: str) -> str:
    return hashlib.sha256(title.encode("utf-8")).hexdigest()[:8]


def base_slug(title: str) -> str:
    """python-slugify of the title, capped; titles with no Latin letters or
    digits left after transliteration (symbols, emoji) fall back to a hash."""
    slug = slugify(title, max_length=SLUG_MAX_CHARS, word_boundary=True)
    return slug or f"paper-{_digest(title)}"


def organisation_slug(name: str) -> str:
    """The slug of an organisation's page (orgs/<slug>/)."""
    return base_slug(name)


def unique_slug(title: str, taken: set[str]) -> str:
    """The base slug, or with the title's hash appended when another paper has
    it already: the same title always gets the same suffix."""
    slug = base_slug(title)
    if slug not in taken:
        return slug
    suffixed = f"{slug[:SLUG_MAX_CHARS - 9].rstrip('-')}-{_digest(title)}"
    counter = 2
    candidate = suffixed
    while candidate in taken:  # only on a hash collision
        candidate = f"{suffixed}-{counter}"
        counter += 1
    return candidate


def is_valid_slug(slug: str) -> bool:
    return len(slug) <= SLUG_MAX_CHARS + 9 and bool(SLUG_PATTERN.match(slug))
