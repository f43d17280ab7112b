"""A topic of the vocabulary (content/tags.yaml)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Tag:
    """A topic: its slug names its pages. The phrase lists tag a new paper with
    it (see ingest/tagging.py):

    - `match`: phrases that name the topic;
    - `support`: phrases that add weight only when a `match` phrase is found too
      (words with several senses, such as "manipulation", and passing mentions
      of a field, such as "computer vision");
    - `exclude`: phrases whose words never count for this tag (the other senses:
      "face manipulation", "zero-shot quantization");
    - `yields_to`: more specific tags that replace this one when a paper gets them;
    - `broad`: the tag alone says little about a paper (the evaluation asks for
      at least one correct tag that is not broad)."""

    slug: str
    name: str
    description: str
    match: tuple[str, ...]
    support: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    yields_to: tuple[str, ...] = ()
    broad: bool = False


def topic_tags(vocabulary: tuple[Tag, ...]) -> frozenset[str]:
    """The slugs of the tags that say what a paper is about (not broad)."""
    return frozenset(tag.slug for tag in vocabulary if not tag.broad)
