"""`import`: merge dump entries into the YAML records without losing edits.

The merge is pure (record mapping + entry -> record mapping); `run_import`
does the I/O around it through the store."""

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator.ingest.dumps import ENTRY, Entry, ParsedDump, decode, parse_dump
from generator.content.load import load_record, load_sources, load_vocabulary
from generator.model.paper import FIELD_ORDER
from generator.model.problems import ContentError, Problem, printable
from generator.model.slugs import unique_slug
from generator.model.sources import Source, source_to_mapping
from generator.content.store import ContentDir, display_path, read_bytes, read_dump, write_atomic
from generator.content.tags_ledger import load_ledger, write_ledger, written
from generator.ingest.tagging import Tagger
from generator.model.text import find_links, normalise_whitespace
from generator.model.urls import RESERVED_PAPER_SLUGS
from generator.content.yamlio import dump_document, dump_mapping, forbidden_character


@dataclass
class ImportReport:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    not_parsed: list[Problem] = field(default_factory=list)   # dump entries that could not be read
    untagged: list[Problem] = field(default_factory=list)     # papers no tag rule matches
    metadata_not_read: list[Problem] = field(default_factory=list)  # metadata lines (the papers are kept)

    @property
    def problems(self) -> list[Problem]:
        return self.not_parsed + self.metadata_not_read + self.untagged

    def summary(self) -> str:
        metadata = len(self.metadata_not_read)
        return (f"{len(self.new)} new, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
                f"{len(self.not_parsed)} entr{'y' if len(self.not_parsed) == 1 else 'ies'} not parsed, "
                f"{len(self.untagged)} paper{'' if len(self.untagged) == 1 else 's'} without a tag"
                + (f", {metadata} metadata line{'' if metadata == 1 else 's'} not read" if metadata else ""))


def identity(text: str) -> str:
    """How two sightings of one paper are recognised: same title or same abstract,
    ignoring case and spacing."""
    return normalise_whitespace(text).casefold()


def new_record(entry: Entry, source: str, tagger: Tagger) -> dict:
    """The first record of a paper, from its first sighting."""
    record = {
        "title": entry.title,
        "abstract": entry.abstract,
        "tags": list(tagger.assign(entry.title, entry.abstract)),
        "sources": [source],
        "links": list(find_links(entry.abstract)),
    }
    return merge_entry(record, entry, source)


def merge_entry(record: dict, entry: Entry, source: str) -> dict:
    """A later sighting adds its source and fills fields the record lacks; it
    never changes a value that is there (a contributor may have set it)."""
    merged = dict(record)
    merged["sources"] = sorted(set(record.get("sources") or []) | {source})
    sighted = {
        "published": entry.published.isoformat() if entry.published else None,
        "authors_count": entry.authors_count,
        "organization": entry.organization,
        "upvotes": entry.upvotes,
    }
    for key, value in sighted.items():
        if merged.get(key) is None and value is not None:
            merged[key] = value
    return merged


def _register_dump(content: ContentDir, sources: list[Source], dump: Path, captured: dt.date | None) -> Source:
    """The manifest entry of a dump, copying a new dump into content/dumps/ only
    once it reads as a dump: text with at least one paper (nothing is left
    behind when it does not, so a corrected retry is accepted)."""
    for source in sources:
        if source.file == dump.name:
            return source
    target = content.dump_path(dump.name)
    raw = read_bytes(dump)
    parsed = _parse(raw, dump, captured)
    if not parsed.entries:
        raise ContentError([Problem(display_path(dump), 1, "-", "no paper found in this file: "
                                    "is this a saved Daily Papers page?")]
                           + [Problem(display_path(dump), p.line, p.field, p.message) for p in parsed.problems])
    if target.exists() and read_dump(content, dump.name) != raw:
        raise ContentError([Problem(display_path(target), 1, "-", "a different dump of this name is already there")])
    if not target.exists():
        write_atomic(target, raw)
    source = Source(dump.name, f"dump {dump.name}", captured, None)
    sources.append(source)
    return source


def _parse(raw: bytes, path: Path, captured: dt.date | None) -> ParsedDump:
    """A dump's entries; ContentError with the line when it is not UTF-8 text."""
    try:
        return parse_dump(decode(raw), captured)
    except UnicodeDecodeError as error:
        raise ContentError([Problem(display_path(path), raw[:error.start].count(b"\n") + 1, "-",
                                    "not UTF-8 text: is this a saved Daily Papers page?")]) from None


def run_import(content: ContentDir, dumps: list[Path], captured: dt.date | None = None,
               progress=lambda message: print(printable(message), file=sys.stderr)) -> ImportReport:
    vocabulary, problems = load_vocabulary(content)
    tagger = Tagger(vocabulary)
    manifest, found = load_sources(content)
    problems += found
    ledger, found = load_ledger(content)  # the tags written; a new paper's go in
    problems += found
    records: dict[str, dict] = {}
    for path in content.paper_entries():
        _, data, found = load_record(path)
        problems += found
        if data is not None:
            records[path.stem] = data
    if problems:  # never merge into content we cannot read: the edits could be lost
        raise ContentError(sorted(problems))

    sources = list(manifest)
    chosen = [_register_dump(content, sources, dump, captured) for dump in dumps] if dumps else sources
    by_key: dict[str, str] = {}
    for slug, record in sorted(records.items(), reverse=True):  # first slug wins a tie
        for text in (record.get("abstract"), record.get("title")):
            if isinstance(text, str):
                by_key[identity(text)] = slug
    before = dict(records)  # as read: only records a sighting changed are written again
    report = ImportReport()
    for source in chosen:
        parsed = _parse(read_dump(content, source.file), content.dump_path(source.file), source.captured)
        not_parsed = [p for p in parsed.problems if p.kind == ENTRY]
        progress(f"{source.file}: {len(parsed.entries)} entries, {len(not_parsed)} not parsed")
        shown = display_path(content.dump_path(source.file))
        report.not_parsed += [Problem(shown, p.line, p.field, p.message) for p in not_parsed]
        report.metadata_not_read += [Problem(shown, p.line, p.field, p.message) for p in parsed.problems if p.kind != ENTRY]
        for entry in parsed.entries:
            unreadable = forbidden_character(entry.title + entry.abstract)
            if unreadable:
                report.not_parsed.append(Problem(shown, entry.line, "-", unreadable))
                continue
            slug = by_key.get(identity(entry.title)) or by_key.get(identity(entry.abstract))
            if slug is None:
                slug = unique_slug(entry.title, set(records) | RESERVED_PAPER_SLUGS)
                records[slug] = new_record(entry, source.file, tagger)
                by_key[identity(entry.title)] = by_key[identity(entry.abstract)] = slug
            else:
                records[slug] = merge_entry(records[slug], entry, source.file)
            if not records[slug].get("tags"):
                report.untagged.append(Problem(shown, entry.line, "tags", f"no tag rule matches {entry.title!r}; add a tag by hand"))

    for slug in sorted(records):
        if slug not in before:
            report.new.append(slug)
        elif records[slug] != before[slug]:
            report.updated.append(slug)
        else:
            report.unchanged.append(slug)
            continue
        write_atomic(content.paper_path(slug), dump_mapping(records[slug], FIELD_ORDER))
    if sources != list(manifest):
        write_atomic(content.sources_file, _manifest_text(sources))
    if report.new:
        write_ledger(content, {**ledger, **{slug: written(records[slug]["tags"]) for slug in report.new}})
    return report


def _manifest_text(sources: list[Source]) -> str:
    header = ("# The dumps under content/dumps/ and when each page was captured.\n"
              "# `captured` resolves dates printed without a year; leave it empty when unknown.\n")
    return header + dump_document({"dumps": [source_to_mapping(source) for source in sources]})
