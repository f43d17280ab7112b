"""`retag`: give the committed records the tags of the current rules, or the
tags a reader gave them in a labelled set (eval/tags.yaml: reviewed tags),
wherever no person edited the tag list.

How an edited tag list is recognised: the ledger content/tags-written.yaml
(`content.tags_ledger`) holds the list a command last wrote into each record
(`import` the rules' tags of a new paper, `retag` every list it writes). A
record whose tags equal its entry (order aside) still carries what a command
wrote; any other list, and the list of a record with no entry, is a person's
and is kept as it is (with its entry: a list put back as it was written is the
command's again). So the rules can change freely: their next run finds every
list they wrote in the ledger.

Which tags replace a written list: the tags read for the paper, when the
labelled set has some; else, for a list the rules wrote, the current rules'
tags (a list the rules find no tag for is kept); a list copied from a reading
stays until a new reading replaces it, so the rules never overwrite a reading.

A renamed paper lists its old slug under `aliases`: its ledger entry and its
reading are found under that name, and the ledger moves the entry to the new
slug. An entry that names no record and no alias (a removed paper) is dropped.

The merge follows the importer: only `tags` changes, the record is written in
canonical form and only when it changed, and nothing is written when any
record or the ledger cannot be read."""

from dataclasses import dataclass, field
from pathlib import Path

from generator.content.load import load_record, load_vocabulary
from generator.content.store import ContentDir, write_atomic
from generator.content.tags_ledger import Written, load_ledger, write_ledger, written
from generator.content.yamlio import dump_mapping
from generator.ingest.tagging import Tagger
from generator.ingest.tags_report import load_labels
from generator.model.paper import FIELD_ORDER
from generator.model.problems import ContentError
from generator.model.slugs import is_valid_slug


@dataclass
class RetagReport:
    retagged: list[str] = field(default_factory=list)   # rules' tags replaced by the current rules'
    read: list[str] = field(default_factory=list)       # written tags replaced by the tags read for the paper
    current: list[str] = field(default_factory=list)    # already the current rules' or the read tags
    edited: list[str] = field(default_factory=list)     # a person's tags, kept
    no_rule: list[str] = field(default_factory=list)    # rules' tags kept: the current rules find no tag

    def summary(self) -> str:
        return (f"{len(self.retagged)} retagged, {len(self.read)} given their read tags, "
                f"{len(self.current)} already current, {len(self.edited)} edited by a person and kept"
                + (f", {len(self.no_rule)} kept as the rules find no tag for them" if self.no_rule else ""))


def retagged_record(record: dict, tagger: Tagger, entry: Written | None,
                    read: frozenset[str] | None = None) -> tuple[dict, str, Written | None]:
    """The record with its `read` tags, or else the current rules', when its tag
    list is the ledger's `entry` (what a command wrote), which of RetagReport's
    lists it belongs to, and its ledger entry afterwards."""
    title, abstract, tags = record.get("title"), record.get("abstract"), record.get("tags")
    if entry is None or not (isinstance(title, str) and isinstance(abstract, str) and isinstance(tags, list)
                             and all(isinstance(tag, str) for tag in tags) and entry.matches(tags)):
        return record, "edited", entry
    if read is not None:
        new, kind = written(read, read=True), "read"
    elif entry.read:
        return record, "current", entry
    else:
        new, kind = written(tagger.assign(title, abstract)), "retagged"
        if not new.tags:
            return record, "no_rule", entry
    if new.matches(tags):
        return record, "current", new
    return {**record, "tags": list(new.tags)}, kind, new


def _records(content: ContentDir) -> dict[Path, dict]:
    """Every record by path; ContentError when any cannot be read."""
    records, problems = {}, []
    for path in content.paper_entries():
        _, data, found = load_record(path)
        problems += found
        if data is not None:
            records[path] = data
    if problems:
        raise ContentError(sorted(problems))
    return records


def _names(record: dict, slug: str) -> list[str]:
    """The slug of a record, then its earlier slugs (`aliases`)."""
    aliases = record.get("aliases")
    return [slug, *(alias for alias in aliases if isinstance(alias, str))] if isinstance(aliases, list) else [slug]


def read_tags(content: ContentDir, labels_path: Path) -> dict[str, frozenset[str]]:
    """The tags read for papers, by the slug (or an alias) the labelled set
    names; ContentError naming the line of an unknown paper or tag."""
    vocabulary, problems = load_vocabulary(content)
    if problems:
        raise ContentError(sorted(problems))
    known = {name for path, record in _records(content).items() for name in _names(record, path.stem)}
    labels = load_labels(labels_path, known, {tag.slug for tag in vocabulary})
    return {label.slug: label.tags for label in labels}


def retag(content: ContentDir, read: dict[str, frozenset[str]] | None = None) -> RetagReport:
    """Rewrite the records whose tags a command wrote (the ledger's entries):
    the tags `read` for a paper where there are some, the current rules'
    elsewhere; then write the ledger, each entry under its record's slug."""
    vocabulary, problems = load_vocabulary(content)
    ledger, found = load_ledger(content)
    if problems + found:
        raise ContentError(sorted(problems + found))
    records = _records(content)  # never rewrite content we cannot read
    tagger = Tagger(vocabulary)
    read = read or {}
    report, entries = RetagReport(), {}
    for path, record in sorted(records.items()):
        names = [name for name in _names(record, path.stem) if name == path.stem or content.paper_path(name) not in records]
        entry = next((ledger[name] for name in names if name in ledger), None)
        labels = next((read[name] for name in names if name in read), None)
        new, kind, entry = retagged_record(record, tagger, entry, labels)
        getattr(report, kind).append(path.stem)
        if new is not record:
            write_atomic(path, dump_mapping(new, FIELD_ORDER))
        if entry is not None and is_valid_slug(path.stem):  # `check` names a file that is not a slug
            entries[path.stem] = entry
    write_ledger(content, entries)
    return report
