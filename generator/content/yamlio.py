"""YAML in and out for untrusted files.

Reading builds values straight from libyaml's event stream, so nothing a file
says is ever expanded or constructed: every scalar is kept as the text typed
(`arxiv_id: 2405.00010` is "2405.00010", `title: Yes` is "Yes"; only an
unquoted empty value, `~` or `null` means "no value"), and the
caller turns the fields its schema types as numbers or dates into them
(`validate.typed_fields`). Anchors, aliases, explicit tags, complex keys,
duplicate keys, several documents, deep nesting and control characters are
refused with a line number before anything is built from them. Line
numbers are those an editor shows: only a line feed ends a line, so a line
separator (U+2028, U+2029, U+0085) or a lone carriage return, which YAML would
count as a line break, is refused before parsing. A syntax error is explained
for the slip that causes it (`syntax.py`), naming the field of its line.

Writing is the one canonical form that the importer, `fmt` and `enrich` use."""

import re

import yaml

from generator.content.syntax import (comment_message, explain, field_at, hidden_line_break_message,
                                      indicator_message, split_line)


class YamlError(Exception):
    """A file that is not the plain YAML content files are made of."""

    def __init__(self, line: int, field: str, message: str):
        super().__init__(f"line {line}: {field}: {message}")
        self.line, self.field, self.message = line, field, message


EMPTY_PLAIN_SCALARS = frozenset({"", "~", "null"})  # unquoted: "no value"
MAX_DEPTH = 6  # records need 2 (mapping > list); the tag vocabulary 4
# C0 controls but tab and newline, DEL, C1 controls, surrogates and noncharacters:
# never part of a title or abstract, and some are read differently by other parsers.
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000))
    + "]")

# libyaml's parser where PyYAML was built with it (~10x faster), else Python's.
_Loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


# Line breaks for YAML, not for editors and GitHub: refused before parsing.
_HIDDEN_LINE_BREAK = re.compile("[\u2028\u2029\x85]|\r(?!\n)")


def forbidden_character(text: str) -> str | None:
    """A description of the first character content text may not hold, if any."""
    found = FORBIDDEN_CHARACTERS.search(text)
    return f"control character or noncharacter U+{ord(found.group()):04X} is not allowed" if found else None


def _line(event) -> int:
    return event.start_mark.line + 1


class _Builder:
    """Plain values from events: dicts, lists and strings, with the line of
    every key and item (`tags`, `tags[0]`, `dumps[1].file`)."""

    def __init__(self, source_lines: list[str]):
        self.stack: list[list] = []  # [container, path, pending key]
        self.root = None
        self.lines: dict[str, int] = {}
        self.source_lines = source_lines

    def _path(self) -> str:
        if not self.stack:
            return ""
        container, path, key = self.stack[-1]
        if isinstance(container, list):
            return f"{path}[{len(container)}]"
        return f"{path}.{key}" if path else key

    def _place(self, value, line: int) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        container, _, key = frame
        self.lines.setdefault(self._path(), line)
        if isinstance(container, list):
            container.append(value)
        else:
            container[key] = value
            frame[2] = None

    def _expecting_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1][0], dict) and self.stack[-1][2] is None

    def feed(self, event) -> None:
        line = _line(event)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            # `title: *Bold* words` is an alias to YAML: say what to do, not what YAML saw
            source = self.source_lines[line - 1] if line <= len(self.source_lines) else ""
            key, value = split_line(source)
            raise YamlError(line, field_at(self.source_lines, line),
                            indicator_message(key, value) if value[:1] in ("&", "*")
                            and isinstance(event, (yaml.AliasEvent, yaml.ScalarEvent)) else
                            "anchors (&) and aliases (*) are not allowed")
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and event.tag not in (None, "!"):
            raise YamlError(line, self._path() or "-", f"explicit tags such as {event.tag!r} are not allowed")
        if self._expecting_key():
            if isinstance(event, yaml.MappingEndEvent):
                self.stack.pop()
                return
            if not isinstance(event, yaml.ScalarEvent):
                raise YamlError(line, self.stack[-1][1] or "-", "a key must be plain text")
            self._key(event.value, line)
        elif isinstance(event, yaml.ScalarEvent):
            self._check_text(event.value, line)
            if event.style in (None, "") and event.value and self.stack:
                self._check_comment(event)
            empty = event.style in (None, "") and event.value in EMPTY_PLAIN_SCALARS
            self._place(None if empty else event.value, line)
        elif isinstance(event, yaml.CollectionStartEvent):
            if len(self.stack) >= MAX_DEPTH:
                raise YamlError(line, self._path() or "-", f"nested deeper than {MAX_DEPTH} levels")
            value = {} if isinstance(event, yaml.MappingStartEvent) else []
            path = self._path()
            self._place(value, line)
            self.stack.append([value, path, None])
        elif isinstance(event, yaml.SequenceEndEvent):
            self.stack.pop()

    def _key(self, key: str, line: int) -> None:
        container, path, _ = self.stack[-1]
        self._check_text(key, line)
        full = f"{path}.{key}" if path else key
        if key in container:
            raise YamlError(line, full, f"duplicate key (first at line {self.lines[full]})")
        self.lines[full] = line
        container[key] = None  # keeps the key's place in file order
        self.stack[-1][2] = key

    def _check_comment(self, event) -> None:
        """A ` #` after an unquoted value starts a comment, so the value
        silently stops before it: refused after free text, as the `#` was
        most likely meant; after a date, a slug, a number or a URL (the
        fields of `COMMENT_FIELDS`) it is an ordinary comment."""
        if _INDEX.sub("", self._path()) in COMMENT_FIELDS:
            return
        mark = event.end_mark
        rest = self.source_lines[mark.line][mark.column:] if mark.line < len(self.source_lines) else ""
        if _COMMENT_AFTER_VALUE.match(rest):
            container, path, key = self.stack[-1]
            shown_key = key if isinstance(container, dict) else None
            raise YamlError(_line(event), field_at(self.source_lines, _line(event)),
                            comment_message(shown_key, event.value + rest))

    def _check_text(self, text: str, line: int) -> None:
        problem = forbidden_character(text)
        if problem:
            raise YamlError(line, self._path() or "-", problem)


_COMMENT_AFTER_VALUE = re.compile(r"[ \t]+#")
_INDEX = re.compile(r"\[[0-9]+\]")
# A record's fields whose values hold no spaces or `#` (dates, slugs, ids,
# numbers, URLs, dump names): a ` #` after one starts a comment. Paths with
# list indices left out (`tags`, not `tags[0]`); `tags.description` is free text.
COMMENT_FIELDS = frozenset({"published", "tags", "sources", "aliases", "arxiv_id", "authors_count", "upvotes",
                            "code_url", "project_url", "links"})


def load_mapping(text: str) -> tuple[dict, dict[str, int]]:
    """Parse one YAML document that must be a mapping: every scalar a string,
    with the line of each key and list item. Raise YamlError otherwise."""
    source_lines = [line.removesuffix("\r") for line in text.split("\n")]
    hidden = _HIDDEN_LINE_BREAK.search(text)
    if hidden:
        line = text.count("\n", 0, hidden.start()) + 1
        raise YamlError(line, field_at(source_lines, line), hidden_line_break_message(hidden.group()))
    builder = _Builder(source_lines)
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlError(_line(event), "-", "only one document per file (remove the `---` line)")
            elif isinstance(event, yaml.NodeEvent) or isinstance(event, yaml.CollectionEndEvent):
                builder.feed(event)
    except yaml.MarkedYAMLError as error:
        line, message = explain(error, source_lines)
        raise YamlError(line, field_at(source_lines, line), message) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise YamlError(line, "-", f"control character or noncharacter U+{error.character:04X} is not allowed"
                        if isinstance(error.character, int) else f"invalid YAML: {error.reason}") from None
    except yaml.YAMLError as error:
        raise YamlError(1, "-", f"invalid YAML: {error}") from None
    if builder.root is None:
        raise YamlError(1, "-", "the file is empty; expected a mapping of fields")
    if not isinstance(builder.root, dict):
        raise YamlError(1, "-", "expected a mapping of fields at the top level")
    return builder.root, builder.lines


class _CanonicalDumper(yaml.SafeDumper):
    # no timestamp resolver: a date is written plain (`published: 2024-09-27`)
    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in entries if tag != "tag:yaml.org,2002:timestamp"]
        for first, entries in yaml.SafeDumper.yaml_implicit_resolvers.items()
    }

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)  # indent list items under their key


def dump_mapping(data: dict, order: tuple[str, ...]) -> str:
    """The canonical text of a record: keys in `order`, any others after them
    sorted, empty values left out, block style, UTF-8. Strings that another
    YAML reader would take for a number or a boolean are quoted."""
    ordered = {key: data[key] for key in order if _present(data.get(key))}
    ordered.update({key: data[key] for key in sorted(data, key=str) if key not in ordered and _present(data[key])})
    return dump_document(ordered)


def dump_document(data) -> str:
    """Plain block-style YAML for manifests and vocabularies."""
    return yaml.dump(data, Dumper=_CanonicalDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=88)


def _present(value) -> bool:
    return value is not None and value != [] and value != () and value != ""
