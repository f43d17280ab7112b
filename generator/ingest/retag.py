"""`retag`: give the committed records the tags of the current rules, or the
tags a reader gave them in a labelled set (eval/tags.yaml: reviewed tags),
wherever no person edited the tag list.

How an edited tag list is recognised: the importer writes a new paper's tags
from its title and abstract and never touches them again, so a record whose
tags equal what a known version of the rules gives for its title and abstract
was written by the rules; any other tag list was edited by a person and is
kept as it is. The known versions are the first rules, frozen in
`tagging_v1`, the second (issue 15's first pass), frozen in `tagging_v2`, the
third (its second pass), frozen in `tagging_v3`, and the current rules (so
running `retag` twice changes nothing).
A contributor who corrects a title or abstract also makes the record count as
edited: keeping tags is the safe side. Before the rules change again, freeze
the current ones the way `tagging_v1` freezes the first, and add them to
`KNOWN_RULES`.

Reviewed tags (`--reviewed eval/tags.yaml`): a labelled set holds the tags a
reader gave each paper after reading it; `retag` writes them in place of the
rules' tags, by the same rule (never over a list a person edited). Once
written they differ from every rules' output, so they count as edited: later
runs and later rules keep them.

The merge follows the importer: only `tags` changes, the record is written in
canonical form and only when it changed, and nothing is written when any
record cannot be read."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.load import load_record, load_vocabulary
from generator.content.store import ContentDir, write_atomic
from generator.content.yamlio import dump_mapping
from generator.ingest.tagging import Tagger
from generator.ingest.tags_report import load_labels
from generator.ingest.tagging_v1 import assign_tags_v1
from generator.ingest.tagging_v2 import assign_tags_v2
from generator.ingest.tagging_v3 import assign_tags_v3
from generator.model.paper import FIELD_ORDER
from generator.model.problems import ContentError

# Earlier rules whose output counts as "not edited": (title, abstract) -> tags.
KNOWN_RULES: tuple[Callable[[str, str], tuple[str, ...]], ...] = (assign_tags_v1, assign_tags_v2, assign_tags_v3)


@dataclass
class RetagReport:
    retagged: list[str] = field(default_factory=list)   # rules' tags replaced by the current rules'
    current: list[str] = field(default_factory=list)    # already the current rules' tags
    edited: list[str] = field(default_factory=list)     # a person's tags, kept

    def summary(self) -> str:
        return (f"{len(self.retagged)} retagged, {len(self.current)} already current, "
                f"{len(self.edited)} edited by a person and kept")


def retagged_record(record: dict, tagger: Tagger, reviewed: frozenset[str] | None = None) -> tuple[dict, str]:
    """The record with the `reviewed` tags, or else the current rules', when its
    tags are a rules' output, and which of RetagReport's lists it belongs to."""
    title, abstract, tags = record.get("title"), record.get("abstract"), record.get("tags")
    if not (isinstance(title, str) and isinstance(abstract, str) and isinstance(tags, list)):
        return record, "edited"
    new = sorted(reviewed) if reviewed is not None else list(tagger.assign(title, abstract))
    if sorted(tags) == new:
        return record, "current"
    if not new or not any(sorted(tags) == list(rules(title, abstract)) for rules in (*KNOWN_RULES, tagger.assign)):
        return record, "edited"
    return {**record, "tags": new}, "retagged"


def reviewed_tags(content: ContentDir, labels_path: Path) -> dict[str, frozenset[str]]:
    """Slug -> the tags a reader gave the paper, from a labelled set; ContentError
    naming the line of an unknown paper or tag."""
    vocabulary, problems = load_vocabulary(content)
    if problems:
        raise ContentError(sorted(problems))
    labels = load_labels(labels_path, {path.stem for path in content.paper_entries()}, {tag.slug for tag in vocabulary})
    return {label.slug: label.tags for label in labels}


def retag(content: ContentDir, reviewed: dict[str, frozenset[str]] | None = None) -> RetagReport:
    """Rewrite the records whose tags the rules wrote: with `reviewed` (slug ->
    tags a reader gave the paper), those tags where there are some, the
    current rules' elsewhere."""
    reviewed = reviewed or {}
    vocabulary, problems = load_vocabulary(content)
    tagger = Tagger(vocabulary)
    records: dict = {}
    for path in content.paper_entries():
        _, data, found = load_record(path)
        problems += found
        if data is not None:
            records[path] = data
    if problems:  # never rewrite content we cannot read
        raise ContentError(sorted(problems))
    report = RetagReport()
    for path, record in sorted(records.items()):
        new, kind = retagged_record(record, tagger, reviewed.get(path.stem))
        getattr(report, kind).append(path.stem)
        if kind == "retagged":
            write_atomic(path, dump_mapping(new, FIELD_ORDER))
    return report
