"""A topic of the vocabulary (content/tags.yaml)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Tag:
    """A topic: its slug names its pages; `match` lists the phrases that tag a
    new paper with it (see ingest/tagging.py)."""

    slug: str
    name: str
    description: str
    match: tuple[str, ...]
