"""`check`: validate every content file against the schema and the rules a
schema cannot express. Every problem is collected; nothing stops at the first."""

import datetime as dt
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jsonschema

from generator.paper import Paper
from generator.problems import ContentError, Problem
from generator.slugs import is_valid_slug
from generator.sources import Source, sources_from_mapping
from generator.store import ContentDir, display_path, read_text
from generator.tags import Tag
from generator.yamlio import YamlError, dump_mapping, load_mapping


@dataclass(frozen=True)
class Archive:
    papers: tuple[Paper, ...]  # sorted by slug
    vocabulary: tuple[Tag, ...]
    sources: tuple[Source, ...]


def paper_schema() -> dict:
    return json.loads(resources.files("generator").joinpath("paper.schema.json").read_text("utf-8"))


@dataclass(frozen=True)
class LoadedFile:
    text: str | None          # None: not readable as text
    data: dict | None         # None: not a YAML mapping
    lines: dict[str, int]     # field (or `field[i]`) -> line
    problems: list[Problem]


def load_yaml_file(path: Path) -> LoadedFile:
    try:
        text = read_text(path)
    except ContentError as error:
        return LoadedFile(None, None, {}, error.problems)
    except FileNotFoundError:
        return LoadedFile(None, None, {}, [Problem(display_path(path), 1, "-", "file is missing")])
    try:
        data, lines = load_mapping(text)
    except YamlError as error:
        return LoadedFile(text, None, {}, [Problem(display_path(path), error.line, error.field, error.message)])
    return LoadedFile(text, data, lines, [])


def canonical_problem(path: Path, text: str, data: dict) -> Problem | None:
    """The first line where the file differs from what the importer would write."""
    expected = dump_mapping(data)
    if text == expected:
        return None
    pairs = zip(text.splitlines(), expected.splitlines())
    line = next((number for number, (found, wanted) in enumerate(pairs, 1) if found != wanted),
                min(len(text.splitlines()), len(expected.splitlines())) + 1)
    return Problem(display_path(path), line, "-", "not in canonical form (key order, quoting, wrapping); "
                                                   "run `python -m generator fmt` to rewrite it")


def _schema_problems(shown: str, data: dict, lines: dict[str, int], validator) -> list[Problem]:
    problems = []
    for error in validator.iter_errors(data):
        if error.validator == "additionalProperties":
            known = ", ".join(sorted(error.schema["properties"]))
            for field in sorted(set(data) - set(error.schema["properties"])):
                problems.append(Problem(shown, lines.get(str(field), 1), str(field), f"unknown field (known fields: {known})"))
        elif error.validator == "required":
            field = error.message.split("'")[1]
            problems.append(Problem(shown, 1, field, "required field is missing"))
        else:
            field = str(error.absolute_path[0]) if error.absolute_path else "-"
            where = "".join(f"[{part}]" for part in list(error.absolute_path)[1:])
            line = lines.get(field + where, lines.get(field, 1))
            problems.append(Problem(shown, line, field, f"{where + ': ' if where else ''}{error.message}"))
    return problems


def check_paper(path: Path, data: dict, lines: dict[str, int], tag_slugs: set[str],
                source_files: set[str], validator) -> list[Problem]:
    """Problems of one paper record (an already-parsed mapping)."""
    shown = display_path(path)
    problems = _schema_problems(shown, data, lines, validator)
    published = data.get("published")
    if isinstance(published, str):
        try:
            dt.date.fromisoformat(published)
        except ValueError:
            problems.append(Problem(shown, lines["published"], "published", f"not a calendar date: {published!r} (expected YYYY-MM-DD)"))
    for index, tag in enumerate(_list(data.get("tags"))):
        if isinstance(tag, str) and tag not in tag_slugs:
            problems.append(Problem(shown, lines.get(f"tags[{index}]", 1), "tags", f"unknown tag {tag!r} (see content/tags.yaml)"))
    for index, source in enumerate(_list(data.get("sources"))):
        if isinstance(source, str) and source not in source_files:
            problems.append(Problem(shown, lines.get(f"sources[{index}]", 1), "sources",
                                    f"{source!r} is not a dump listed in content/sources.yaml"))
    if path.suffix != ".yaml":
        problems.append(Problem(shown, 1, "-", "paper files must end in .yaml"))
    elif not is_valid_slug(path.stem):
        problems.append(Problem(shown, 1, "-", "file name must be a slug: lowercase letters, digits and single hyphens"))
    return problems


def _list(value) -> list:
    return value if isinstance(value, list) else []


def load_vocabulary(content: ContentDir) -> tuple[tuple[Tag, ...], list[Problem]]:
    loaded = load_yaml_file(content.tags_file)
    data, lines, problems = loaded.data, loaded.lines, loaded.problems
    if data is None:
        return (), problems
    shown = display_path(content.tags_file)
    tags: list[Tag] = []
    for index, entry in enumerate(data.get("tags") or []):
        fields = ("slug", "name", "description")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(key), str) and entry[key] for key in fields) \
                or not isinstance(entry.get("match"), list) or not all(isinstance(p, str) and p.strip() for p in entry["match"]):
            problems.append(Problem(shown, lines.get("tags", 1), f"tags[{index}]",
                                    "expected slug, name, description (text) and match (a list of phrases)"))
            continue
        if not is_valid_slug(entry["slug"]) or Tag(entry["slug"], "", "", ()) in tags:
            problems.append(Problem(shown, lines.get("tags", 1), f"tags[{index}].slug", f"invalid or repeated slug {entry['slug']!r}"))
            continue
        tags.append(Tag(entry["slug"], entry["name"], entry["description"], tuple(entry["match"])))
    if not tags:
        problems.append(Problem(shown, 1, "tags", "the vocabulary has no tags"))
    return tuple(tags), problems


def load_sources(content: ContentDir) -> tuple[tuple[Source, ...], list[Problem]]:
    loaded = load_yaml_file(content.sources_file)
    data, lines, problems = loaded.data, loaded.lines, loaded.problems
    if data is None:
        return (), problems
    sources, found = sources_from_mapping(data)
    shown = display_path(content.sources_file)
    problems += [Problem(shown, lines.get("dumps", 1), field, message) for field, message in found]
    problems += [Problem(shown, lines.get("dumps", 1), "file", f"{source.file!r} is not in {display_path(content.dumps)}")
                 for source in sources if not (content.dumps / source.file).is_file()]
    return sources, problems


# Results of earlier loads in this process, for `mkdocs serve`'s rebuilds: a file
# whose size and modification time have not changed is not parsed again.
_checked_files: dict[tuple, tuple[Paper | None, list[Problem]]] = {}


def _check_file(path: Path, tag_slugs: frozenset, source_files: frozenset, validator,
                require_canonical: bool) -> tuple[Paper | None, list[Problem]]:
    """One paper file: its record when valid, and its problems."""
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size, tag_slugs, source_files, require_canonical)
    if key not in _checked_files:
        loaded = load_yaml_file(path)
        data, found = loaded.data, loaded.problems
        if data is not None:
            found = check_paper(path, data, loaded.lines, tag_slugs, source_files, validator)
            if require_canonical:
                found += filter(None, [canonical_problem(path, loaded.text, data)])
        paper = Paper.from_mapping(path.stem, data) if data is not None and not found else None
        _checked_files[key] = (paper, found)
    return _checked_files[key]


def load_archive(content: ContentDir, require_canonical: bool = True) -> tuple[Archive, list[Problem]]:
    """Read and validate all of content/; the archive holds the valid papers.
    The canonical-form rule (slow: it re-emits every file) can be left to `check`."""
    vocabulary, problems = load_vocabulary(content)
    sources, found = load_sources(content)
    problems += found
    tag_slugs = frozenset(tag.slug for tag in vocabulary)
    source_files = frozenset(source.file for source in sources)
    validator = jsonschema.Draft202012Validator(paper_schema())
    papers, seen = [], {}
    for path in content.paper_files():
        paper, found = _check_file(path, tag_slugs, source_files, validator, require_canonical)
        folded = path.stem.casefold()
        if folded in seen:
            problems.append(Problem(display_path(path), 1, "-", f"slug clashes with {display_path(seen[folded])}"))
            paper = None
        seen[folded] = path
        problems += found
        if paper is not None:
            papers.append(paper)
    return Archive(tuple(papers), vocabulary, sources), sorted(problems)
