"""Load content/ into an Archive: read every file through the store, parse it
with the safe loader, check it with `validate`, and keep the valid records.
Every problem is collected; nothing stops at the first."""

import datetime as dt
import hashlib
import json
import os
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from generator.model.paper import Paper
from generator.model.problems import ContentError, Problem, errors
from generator.model.slugs import is_valid_slug
from generator.model.sources import MAX_DUMPS, Source, sources_from_mapping
from generator.content.store import (MAX_DOCUMENT_BYTES, MAX_MANIFEST_BYTES, MAX_RECORD_BYTES, MAX_VOCABULARY_BYTES,
                                     SYMLINK_PROBLEM, ContentDir, display_path, entry_problem, read_bytes, read_text,
                                     symlinks_under, write_atomic)
from generator.model.tags import Tag
from generator.model.text import is_one_line, normalise_whitespace
from generator.model.urls import RESERVED_TAG_SLUGS
from generator.content.validate import check_paper, format_advice, typed_fields
from generator.content.embeddings import Embeddings, load_embeddings, stale_problems
from generator.content.yamlio import YamlError, load_mapping

TAG_TEXT_LIMITS = {"slug": 80, "name": 80, "description": 500}
MAX_MATCH_PHRASES, MAX_PHRASE_CHARS = 200, 100
# Lists of phrases (`yields_to`: of tag slugs) a tag may have; `match` is required.
TAG_PHRASE_LISTS = ("match", "support", "exclude", "yields_to")
TAG_FIELDS = (*TAG_TEXT_LIMITS, *TAG_PHRASE_LISTS, "broad")
# Every tag makes pages and a search filter: 16,000 tags made a 333 MB site.
MAX_TAGS = 500


@dataclass(frozen=True)
class Archive:
    papers: tuple[Paper, ...]  # sorted by slug
    vocabulary: tuple[Tag, ...]
    sources: tuple[Source, ...]
    embeddings: Embeddings = field(default_factory=Embeddings, compare=False)  # content/embeddings/, by arXiv id


@dataclass(frozen=True)
class LoadedFile:
    text: str | None          # None: not readable as text
    data: dict | None         # None: not a YAML mapping
    lines: dict[str, int]     # field (or `field[i]`, `field[i].key`) -> line
    problems: list[Problem]


def load_yaml_file(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES, text: str | None = None) -> LoadedFile:
    """The file parsed with the safe loader (`text`: already read by the caller)."""
    if text is None:
        try:
            text = read_text(path, max_bytes)
        except ContentError as error:
            return LoadedFile(None, None, {}, error.problems)
    try:
        data, lines = load_mapping(text)
    except YamlError as error:
        return LoadedFile(text, None, {}, [Problem(display_path(path), error.line, error.field, error.message)])
    return LoadedFile(text, data, lines, [])


class LoadCache:
    """Checked records of earlier loads, for `mkdocs serve`'s rebuilds: a file
    whose size and modification time are unchanged is not parsed again.
    Owned by whoever rebuilds (the MkDocs glue); bounded."""

    def __init__(self, limit: int = 200_000):
        self.limit = limit
        self.entries: OrderedDict[tuple, tuple[Paper | None, list[Problem]]] = OrderedDict()

    def get(self, key: tuple, compute) -> tuple[Paper | None, list[Problem]]:
        if key in self.entries:
            self.entries.move_to_end(key)
        else:
            self.entries[key] = compute()
            while len(self.entries) > self.limit:
                self.entries.popitem(last=False)
        return self.entries[key]


RECORD_CACHE = Path(".cache") / "records.json"  # under the project root


class RecordCache:
    """Records an earlier load found valid, on disk (`.cache/records.json`, not
    committed; the publish workflow keeps it between runs with actions/cache),
    so a file seen valid before is not parsed and checked again.

    An entry is the record's typed mapping under the sha256 of everything its
    validity depends on: the validating code (generator/content and
    generator/model), the vocabulary's tag slugs, the dumps' names, the file's
    name and its text. Only valid records are kept, and only those the last
    load read. The date rule (not more than a few days after today) cannot turn
    a valid record invalid later. A missing, damaged or foreign file is an empty
    cache: the worst it does is a full load."""

    MAX_BYTES = 1024 * 1024 * 1024

    def __init__(self, path: Path):
        self.path = path
        self.code = _code_digest()
        try:
            stored = json.loads(read_bytes(path, self.MAX_BYTES)) if path.is_file() else {}
        except (ContentError, OSError, ValueError):
            stored = {}
        valid = isinstance(stored, dict) and stored.get("code") == self.code and isinstance(stored.get("records"), dict)
        self.found: dict[str, dict] = stored["records"] if valid else {}
        self.kept: dict[str, dict] = {}
        self._context: tuple = (None, "")  # (tag slugs, dump names) and their text in the key

    def key(self, tag_slugs: frozenset[str], source_files: frozenset[str], name: str, text: str) -> str:
        if self._context[0] != (tag_slugs, source_files):
            self._context = ((tag_slugs, source_files), json.dumps([sorted(tag_slugs), sorted(source_files)]))
        return hashlib.sha256("\0".join((self._context[1], name, text)).encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str) -> dict | None:
        data = self.found.get(key)
        if isinstance(data, dict):
            self.kept[key] = data
            return data
        return None

    def put(self, key: str, data: dict) -> None:
        self.kept[key] = data

    def save(self) -> None:
        """Write the records of this load, if they differ from what was read
        (where the folder cannot be written, the next load is a full one)."""
        if self.kept != self.found:
            try:
                write_atomic(self.path, json.dumps({"code": self.code, "records": self.kept}, ensure_ascii=False,
                                                   separators=(",", ":")))
            except OSError:
                pass


def _code_digest() -> str:
    """The sha256 of the code that reads and validates a record."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted([*package.glob("content/*"), *package.glob("model/*")]):
        if path.suffix in (".py", ".json"):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def load_record(path: Path, text: str | None = None) -> tuple[LoadedFile, dict | None, list[Problem]]:
    """One entry of content/papers/ read, parsed and typed (`typed_fields`): the
    file, its typed mapping (None when it cannot be read) and the problems so far.
    The loader, the importer and `fmt` all read records through this."""
    problem = entry_problem(path, ".yaml")
    if problem:
        return LoadedFile(None, None, {}, []), None, [Problem(display_path(path), 1, "-", problem)]
    loaded = load_yaml_file(path, MAX_RECORD_BYTES, text)
    if loaded.data is None:
        return loaded, None, loaded.problems
    data, found = typed_fields(loaded.data)
    return loaded, data, [Problem(display_path(path), loaded.lines.get(field, 1), field, message)
                          for field, message in found]


def load_paper(path: Path, tag_slugs: frozenset[str], source_files: frozenset[str], today: dt.date,
               advice: bool, records: RecordCache | None = None) -> tuple[Paper | None, list[Problem]]:
    """One entry of content/papers/: its record when valid, and its problems
    (with formatting warnings when `advice`). `records`: valid records of
    earlier loads, looked up and kept by content (not with `advice`, whose
    warnings need the parse)."""
    text = key = None
    if records is not None and not advice and not entry_problem(path, ".yaml"):
        try:
            text = read_text(path, MAX_RECORD_BYTES)
        except ContentError:
            pass  # read again below, and reported
        else:
            key = records.key(tag_slugs, source_files, path.name, text)
            if (known := records.get(key)) is not None:
                return Paper.from_mapping(path.stem, known), []
    loaded, data, problems = load_record(path, text)
    if data is None:
        return None, problems
    shown = display_path(path)
    problems += check_paper(shown, path.stem, data, loaded.lines, tag_slugs, source_files, today)
    paper = Paper.from_mapping(path.stem, data) if not problems else None
    if key is not None and paper is not None:
        records.put(key, data)
    if advice and not problems:
        problems += format_advice(shown, loaded.text, data, loaded.lines)
    return paper, problems


def load_vocabulary(content: ContentDir) -> tuple[tuple[Tag, ...], list[Problem]]:
    """The tag vocabulary, each entry checked (`_tag_entry_problems`) and every
    `yields_to` naming another tag of it."""
    loaded = load_yaml_file(content.tags_file, MAX_VOCABULARY_BYTES)
    data, lines, problems = loaded.data, loaded.lines, list(loaded.problems)
    if data is None:
        return (), problems
    shown = display_path(content.tags_file)
    entries = data.get("tags")
    if not isinstance(entries, list):
        return (), problems + [Problem(shown, lines.get("tags", 1), "tags", "expected a list of tags")]
    if len(entries) > MAX_TAGS:
        return (), problems + [Problem(shown, lines.get("tags", 1), "tags",
                                       f"{len(entries):,} tags, more than the {MAX_TAGS:,} a vocabulary may have "
                                       "(every tag makes pages and a search filter)")]
    tags: dict[str, Tag] = {}
    where_of: dict[str, str] = {}
    slug_of_name: dict[str, str] = {}
    for index, entry in enumerate(entries):
        where = f"tags[{index}]"
        line = lines.get(where, 1)
        found = _tag_entry_problems(entry)
        if found:
            problems += [Problem(shown, lines.get(f"{where}.{field}", line), f"{where}.{field}", message)
                         for field, message in found]
        elif entry["slug"] in tags:
            problems.append(Problem(shown, lines.get(f"{where}.slug", line), f"{where}.slug",
                                    f"the slug {entry['slug']!r} is used by another tag"))
        elif (name := normalise_whitespace(entry["name"])).casefold() in slug_of_name:
            # two tags of one name would be one search filter and one name in the menus
            problems.append(Problem(shown, lines.get(f"{where}.name", line), f"{where}.name",
                                    f"the name {name!r} is used by the tag {slug_of_name[name.casefold()]!r}"))
        else:
            slug_of_name[name.casefold()] = entry["slug"]
            # spaces as Pagefind reads a filter value: trimmed, runs as one
            tags[entry["slug"]] = Tag(entry["slug"], name, entry["description"], tuple(entry["match"]),
                                      *(tuple(entry.get(field) or ()) for field in TAG_PHRASE_LISTS[1:]),
                                      entry.get("broad") == "true")
            where_of[entry["slug"]] = where
    for slug, tag in tags.items():
        field = f"{where_of[slug]}.yields_to"
        for other in tag.yields_to:
            if other not in tags or other == slug:
                problems.append(Problem(shown, lines.get(field, 1), field,
                                        f"{other!r} is not another tag of the vocabulary"))
    if not tags:
        problems.append(Problem(shown, 1, "tags", "the vocabulary has no tags"))
    return tuple(tags.values()), problems


def _tag_entry_problems(entry) -> list[tuple[str, str]]:
    """(field, message) problems of one vocabulary entry."""
    if not isinstance(entry, dict):
        return [("-", "expected slug, name, description (text) and match (a list of phrases)")]
    problems = []
    for key, limit in TAG_TEXT_LIMITS.items():
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append((key, "required text is missing"))
        elif not is_one_line(value, limit):
            problems.append((key, f"must be one line of at most {limit} characters"))
    slug = entry.get("slug")
    if isinstance(slug, str) and not is_valid_slug(slug):
        problems.append(("slug", f"{slug!r} is not a slug: lowercase letters, digits and single hyphens"))
    elif slug in RESERVED_TAG_SLUGS:
        problems.append(("slug", f"the slug {slug!r} is reserved for a generated page"))
    for key in TAG_PHRASE_LISTS:
        phrases = entry.get(key)
        if key != "match" and key not in entry:
            continue
        if not isinstance(phrases, list) or not phrases or len(phrases) > MAX_MATCH_PHRASES or not all(
                isinstance(phrase, str) and phrase.strip() and is_one_line(phrase, MAX_PHRASE_CHARS)
                and any(character.isalnum() for character in phrase)
                for phrase in phrases):
            problems.append((key, f"expected a list of 1 to {MAX_MATCH_PHRASES} phrases, each one line "
                                    f"of at most {MAX_PHRASE_CHARS} characters with a letter or digit"))
    if "broad" in entry and entry["broad"] not in ("true", "false"):
        problems.append(("broad", f"expected true or false, found {entry['broad']!r}"))
    unknown = sorted(set(entry) - set(TAG_TEXT_LIMITS) - set(TAG_PHRASE_LISTS) - {"broad"})
    problems += [(key, f"unknown field (known fields: {', '.join(TAG_FIELDS)})") for key in unknown]
    return problems


def load_sources(content: ContentDir) -> tuple[tuple[Source, ...], list[Problem]]:
    """The manifest, each entry a bare file name of a regular file in content/dumps/."""
    loaded = load_yaml_file(content.sources_file, MAX_MANIFEST_BYTES)
    data, lines, problems = loaded.data, loaded.lines, list(loaded.problems)
    if data is None:
        return (), problems
    shown = display_path(content.sources_file)
    if isinstance(data.get("dumps"), list) and len(data["dumps"]) > MAX_DUMPS:
        return (), problems + [Problem(shown, lines.get("dumps", 1), "dumps",
                                       f"{len(data['dumps']):,} dumps, more than the {MAX_DUMPS:,} the manifest may list")]
    sources, found = sources_from_mapping(data)
    problems += [Problem(shown, lines.get(field, lines.get(field.split(".")[0], lines.get("dumps", 1))), field, message)
                 for field, message in found]
    index_of = {}  # file -> its entry
    for index, entry in enumerate(data["dumps"] if isinstance(data.get("dumps"), list) else []):
        if isinstance(entry, dict) and isinstance(entry.get("file"), str):
            index_of.setdefault(entry["file"], index)
    kept = []
    for source in sources:
        where = f"dumps[{index_of[source.file]}].file"
        try:
            path = content.dump_path(source.file)
        except ContentError as error:
            problem = error.problems[0].message
        else:
            problem = entry_problem(path) if os.path.lexists(path) else \
                f"{source.file!r} is not in {display_path(content.dumps)}"
        if problem:
            problems.append(Problem(shown, lines.get(where, lines.get("dumps", 1)), where, problem))
        else:
            kept.append(source)
    return tuple(kept), problems


def symlink_problems(root: Path, folders: tuple[str, ...] = ("content", "docs", "overrides"),
                     reported_in: Path | None = None) -> list[Problem]:
    """A symbolic link in any folder the site is built from could publish a file
    from anywhere on the build machine. Links directly in `reported_in` are left
    to whoever reads that folder entry by entry."""
    return [Problem(display_path(link), 1, "-", SYMLINK_PROBLEM)
            for folder in folders if (root / folder).is_dir() for link in symlinks_under(root / folder)
            if link.parent != reported_in]


def load_archive(content: ContentDir, today: dt.date | None = None, advice: bool = False,
                 cache: LoadCache | None = None, records: RecordCache | None = None) -> tuple[Archive, list[Problem]]:
    """Read and validate all of content/; the archive holds the valid papers.
    `advice` adds the formatting warnings (`check` wants them, a build not).
    `cache`: by file status, in memory (serve); `records`: by content, on disk."""
    today = today or dt.date.today()
    problems = symlink_problems(content.root.parent, (content.root.name,), reported_in=content.papers)
    vocabulary, vocabulary_problems = load_vocabulary(content)
    sources, source_problems = load_sources(content)
    # A broken vocabulary or manifest is reported first, and the records' tags
    # or sources are not checked against it (that would flag every record).
    tag_slugs = frozenset(tag.slug for tag in vocabulary) if not errors(vocabulary_problems) else None
    source_files = frozenset(source.file for source in sources) if not errors(source_problems) else None
    if tag_slugs is None or source_files is None:
        records = None  # its keys need both
    papers = []
    entries = content.paper_entries()
    slugs = {path.stem for path in entries if path.suffix == ".yaml" and is_valid_slug(path.stem)}
    for path in entries:
        def compute(path=path):
            return load_paper(path, tag_slugs, source_files, today, advice, records)
        if cache is None:
            paper, found = compute()
        else:
            status = path.lstat()
            key = (path, status.st_mtime_ns, status.st_size, status.st_mode, tag_slugs, source_files, today, advice)
            paper, found = cache.get(key, compute)
        lower = path.stem.lower()
        if path.stem not in slugs and lower in slugs:  # only the new, misnamed file is flagged
            found = found + [Problem(display_path(path), 1, "-", "the name differs only by case from "
                                     f"{display_path(path.with_name(lower + path.suffix))}")]
        problems += found
        if paper is not None:
            papers.append(paper)
    if records is not None:
        records.save()
    embeddings, embedding_problems = load_embeddings(content)
    if advice:  # a stored vector no record uses is advice for `check`, never a reason to stop a build
        embedding_problems += stale_problems(embeddings, tuple(papers))
    reported = set(problems)  # a symlink in content/embeddings/ is reported once
    embedding_problems = [problem for problem in embedding_problems if problem not in reported]
    return (Archive(tuple(papers), vocabulary, sources, embeddings),
            sorted(vocabulary_problems) + sorted(source_problems) + sorted(problems) + sorted(embedding_problems))
