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

Read tags: `eval/tags.yaml` holds the tags a reader gave each paper after
reading it. `retag` writes them in place of the rules' tags, by the same rule
(never over a list a person edited), and notes each paper so given its read
tags in `eval/tags-written.txt`, the ledger beside the labels. A paper in the
ledger is never retagged again: its list is the reading or a person's later
edit, which cannot be told apart by comparing lists (a read list one tag away
from some rules' output is common), so the ledger, not the list, says so.

The merge follows the importer: only `tags` changes, the record is written in
canonical form and only when it changed, and nothing is written when any
record cannot be read."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.load import load_record, load_vocabulary
from generator.content.eval_sets import LEDGER, ledger_slugs
from generator.content.store import ContentDir, read_text, write_atomic
from generator.content.yamlio import dump_mapping
from generator.ingest.tagging import Tagger
from generator.ingest.tagging_v1 import assign_tags_v1
from generator.ingest.tagging_v2 import assign_tags_v2
from generator.ingest.tagging_v3 import assign_tags_v3
from generator.ingest.tags_report import load_labels
from generator.model.paper import FIELD_ORDER
from generator.model.problems import ContentError

# Earlier rules whose output counts as "not edited": (title, abstract) -> tags.
KNOWN_RULES: tuple[Callable[[str, str], tuple[str, ...]], ...] = (assign_tags_v1, assign_tags_v2, assign_tags_v3)


@dataclass(frozen=True)
class ReadTags:
    """The tags read for papers (a labelled set) and the ledger of the papers
    whose records have been given them."""
    tags: dict[str, frozenset[str]]
    written: frozenset[str]
    ledger: Path


@dataclass
class RetagReport:
    retagged: list[str] = field(default_factory=list)   # rules' tags replaced by the current rules'
    read: list[str] = field(default_factory=list)       # rules' tags replaced by the tags read for the paper
    current: list[str] = field(default_factory=list)    # already the current rules' or the read tags
    edited: list[str] = field(default_factory=list)     # a person's tags, kept

    def summary(self) -> str:
        return (f"{len(self.retagged)} retagged, {len(self.read)} given their read tags, "
                f"{len(self.current)} already current, {len(self.edited)} edited by a person and kept")


def retagged_record(record: dict, tagger: Tagger, read: frozenset[str] | None = None,
                    written: bool = False) -> tuple[dict, str]:
    """The record with its `read` tags, or else the current rules', when its tags
    are a rules' output, and which of RetagReport's lists it belongs to;
    `written`: the ledger says it was given its read tags already."""
    title, abstract, tags = record.get("title"), record.get("abstract"), record.get("tags")
    if not (isinstance(title, str) and isinstance(abstract, str) and isinstance(tags, list)):
        return record, "edited"
    if written:
        return record, "current" if read is not None and sorted(tags) == sorted(read) else "edited"
    by_rules = list(tagger.assign(title, abstract))
    new = sorted(read) if read is not None else by_rules
    if sorted(tags) == new:
        return record, "current"
    if not new or not (sorted(tags) == by_rules or any(sorted(tags) == list(rules(title, abstract))
                                                       for rules in KNOWN_RULES)):
        return record, "edited"
    return {**record, "tags": new}, "read" if read is not None else "retagged"


LEDGER_NAME = LEDGER  # beside the labelled set
LEDGER_HEAD = ("# Papers whose records `python -m generator retag` has given the tags read for them\n"
               "# (tags.yaml beside this file): retag never changes their tags again. One slug a line.\n")


def read_tags(content: ContentDir, labels_path: Path) -> ReadTags:
    """The tags read for papers and the ledger beside them (none yet: empty),
    both read through the store; ContentError naming the line of an unknown
    paper or tag, or of a ledger that is not UTF-8 text."""
    vocabulary, problems = load_vocabulary(content)
    if problems:
        raise ContentError(sorted(problems))
    labels = load_labels(labels_path, {path.stem for path in content.paper_entries()}, {tag.slug for tag in vocabulary})
    ledger = labels_path.with_name(LEDGER)
    written = ledger_slugs(ledger) if ledger.exists() or ledger.is_symlink() else []
    return ReadTags({label.slug: label.tags for label in labels}, frozenset(slug for _, slug in written), ledger)


def retag(content: ContentDir, read: ReadTags | None = None) -> RetagReport:
    """Rewrite the records whose tags the rules wrote: with `read`, the tags read
    for a paper where there are some, the current rules' elsewhere; the ledger
    then lists every paper whose record has its read tags."""
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
    labels, written = (read.tags, read.written) if read else ({}, frozenset())
    report = RetagReport()
    for path, record in sorted(records.items()):
        new, kind = retagged_record(record, tagger, labels.get(path.stem), path.stem in written)
        getattr(report, kind).append(path.stem)
        if kind in ("retagged", "read"):
            write_atomic(path, dump_mapping(new, FIELD_ORDER))
    if read:
        # every paper now carrying its read tags, and those the ledger had (while they exist)
        given = {slug for slug in report.read + report.current if slug in labels}
        given |= written & {path.stem for path in records}
        text = LEDGER_HEAD + "".join(f"{slug}\n" for slug in sorted(given))
        if not read.ledger.is_file() or read_text(read.ledger) != text:
            write_atomic(read.ledger, text)
    return report
