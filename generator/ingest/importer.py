"""`import`: merge dump entries into the YAML records without losing edits.

An entry is merged into the record that is the same paper (`SamePapers`, the
notion `check` shares); a record `check` would refuse is reported, never
written. The merge is pure (record mapping + entry -> record mapping);
`run_import` does the I/O around it through the store."""

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator.ingest.dumps import ENTRY, Entry, ParsedDump, decode, parse_dump
from generator.content.load import load_record, load_sources, load_vocabulary, load_yaml_file
from generator.content.validate import check_paper, typed_fields
from generator.ingest.same_paper import SamePapers
from generator.model.paper import FIELD_ORDER
from generator.model.problems import ContentError, Problem, printable
from generator.model.slugs import unique_slug
from generator.model.sources import Source, source_to_mapping
from generator.content.store import MAX_RECORD_BYTES, ContentDir, display_path, read_bytes, read_dump, write_atomic
from generator.content.tags_ledger import load_ledger, write_ledger, written
from generator.ingest.tagging import Tagger
from generator.model.text import find_links
from generator.model.urls import RESERVED_PAPER_SLUGS
from generator.content.yamlio import dump_document, dump_mapping, forbidden_character


def entries(problems: list[Problem]) -> int:
    """How many dump entries the problems are about (one line each)."""
    return len({(problem.path, problem.line) for problem in problems})


@dataclass
class ImportReport:
    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    not_parsed: list[Problem] = field(default_factory=list)   # dump entries not read, or whose record check refuses
    untagged: list[Problem] = field(default_factory=list)     # papers no tag rule matches
    metadata_not_read: list[Problem] = field(default_factory=list)  # metadata lines (the papers are kept)

    @property
    def problems(self) -> list[Problem]:
        return self.not_parsed + self.metadata_not_read + self.untagged

    def summary(self) -> str:
        metadata, not_parsed = len(self.metadata_not_read), entries(self.not_parsed)
        return (f"{len(self.new)} new, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
                f"{not_parsed} entr{'y' if not_parsed == 1 else 'ies'} not parsed, "
                f"{len(self.untagged)} paper{'' if len(self.untagged) == 1 else 's'} without a tag"
                + (f", {metadata} metadata line{'' if metadata == 1 else 's'} not read" if metadata else ""))


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


def record_problems(record: dict, slug: str, tag_slugs: frozenset[str], source_files: frozenset[str],
                    today: dt.date) -> list[tuple[str, str]]:
    """(field, message) for each rule of `check` the record, as the importer
    would write it, breaks: its size and the per-record rules (`check_paper`).
    A record without tags is not judged by its tags (the import reports it apart)."""
    text = dump_mapping(record, FIELD_ORDER)
    size = len(text.encode("utf-8"))
    if size > MAX_RECORD_BYTES:
        return [("-", f"its record would be {size:,} bytes, larger than the {MAX_RECORD_BYTES:,} bytes `check` accepts")]
    loaded = load_yaml_file(Path(f"{slug}.yaml"), MAX_RECORD_BYTES, text)
    if loaded.data is None:
        return [(problem.field, problem.message) for problem in loaded.problems]
    data, found = typed_fields(loaded.data)
    found += [(problem.field, problem.message)
              for problem in check_paper(slug, slug, data, loaded.lines, tag_slugs, source_files, today)]
    untagged = not record.get("tags")  # kept, and reported apart for a human to tag
    return [(field, message) for field, message in found if not (untagged and field.startswith("tags"))]


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
    same = SamePapers()
    for slug in sorted(records):  # first slug wins a tie
        same.add(slug, str(records[slug].get("title") or ""), str(records[slug].get("abstract") or ""))
    tag_slugs = frozenset(tag.slug for tag in vocabulary)
    source_files = frozenset(source.file for source in sources)
    today = dt.date.today()
    before = dict(records)  # as read: only records a sighting changed are written again
    report = ImportReport()
    for source in chosen:
        parsed = _parse(read_dump(content, source.file), content.dump_path(source.file), source.captured)
        shown = display_path(content.dump_path(source.file))
        not_parsed = [Problem(shown, p.line, p.field, p.message) for p in parsed.problems if p.kind == ENTRY]
        report.metadata_not_read += [Problem(shown, p.line, p.field, p.message) for p in parsed.problems if p.kind != ENTRY]
        read = 0
        for entry in parsed.entries:
            unreadable = forbidden_character(entry.title + entry.abstract)
            if unreadable:
                not_parsed.append(Problem(shown, entry.line, "-", unreadable))
                continue
            found = same.best(entry.title, entry.abstract)
            slug = found if found is not None else unique_slug(entry.title, set(records) | RESERVED_PAPER_SLUGS)
            record = merge_entry(records[slug], entry, source.file) if found is not None else new_record(entry, source.file, tagger)
            refused = [] if record == records.get(slug) else record_problems(record, slug, tag_slugs, source_files, today)
            if refused and found is not None:  # a merge is judged by what it adds, not by the record's own problems
                kept = set(record_problems(records[slug], slug, tag_slugs, source_files, today))
                refused = [problem for problem in refused if problem not in kept]
            if refused:  # never written: `check` would refuse it
                not_parsed += [Problem(shown, entry.line, field, message) for field, message in refused]
                continue
            records[slug] = record
            read += 1
            if found is None:
                same.add(slug, entry.title, entry.abstract)
            if not record.get("tags"):
                report.untagged.append(Problem(shown, entry.line, "tags", f"no tag rule matches {entry.title!r}; add a tag by hand"))
        progress(f"{source.file}: {read} entries read, {entries(not_parsed)} not parsed")
        report.not_parsed += not_parsed

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
