"""The rules a record must keep, on one already-parsed mapping: the JSON Schema,
typed fields, and what a schema cannot say (known tags, listed dumps, dates not
in the future, one-line text, slugs that are free). Also the formatting advice
`check` gives as warnings. Pure: mappings in, problems out."""

import datetime as dt
import difflib
import json
import re
from functools import cache
from importlib import resources

import jsonschema
from slugify import slugify

from generator.model.paper import FIELD_ORDER
from generator.model.tex import math_problems
from generator.model.problems import WARNING, Problem
from generator.model.slugs import is_valid_slug, organisation_slug
from generator.model.text import bidi_controls, has_visible, is_one_line, to_plain_spaces, unicode_spaces
from generator.model.urls import RESERVED_ORG_SLUGS, RESERVED_PAPER_SLUGS
from generator.content.link_rules import link_problems
from generator.content.syntax import field_at
from generator.content.yamlio import dump_mapping

FUTURE_DAYS_ALLOWED = 3   # time zones and a paper announced for tomorrow
MULTILINE_FIELDS = frozenset({"abstract"})  # every other text is one line
FREE_TEXT_FIELDS = frozenset({"title", "abstract", "authors", "organization", "venue"})
_WHOLE_NUMBER = re.compile(r"^[0-9]+$")


@cache
def paper_schema() -> dict:
    return json.loads(resources.files("generator.content").joinpath("paper.schema.json").read_text("utf-8"))


@cache
def paper_validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(paper_schema())


@cache
def integer_fields() -> frozenset[str]:
    return frozenset(name for name, spec in paper_schema()["properties"].items() if spec.get("type") == "integer")


def typed_fields(data: dict) -> tuple[dict, list[tuple[str, str]]]:
    """The loader keeps every scalar as typed text; this reads the fields the
    schema types as integers (`7`, not `7.0` or `seven`) and drops fields left
    empty (`venue:` with nothing after it). Returns the mapping and
    (field, message) problems."""
    typed, problems = {}, []
    for key, value in data.items():
        if value is None:
            continue
        if key in integer_fields() and isinstance(value, str):
            if _WHOLE_NUMBER.match(value):
                value = int(value)
            else:
                problems.append((key, f"expected a whole number such as 3, found {value!r}"))
                continue
        typed[key] = value
    return typed, problems


def _schema_problems(shown: str, data: dict, lines: dict[str, int],
                     tag_slugs: frozenset[str] | None) -> list[Problem]:
    problems = []
    properties = paper_schema()["properties"]
    for error in paper_validator().iter_errors(data):
        if error.validator == "additionalProperties":
            for field in sorted(set(data) - set(properties)):
                problems.append(Problem(shown, lines.get(field, 1), field, _unknown_field(field, properties)))
            continue
        if error.validator == "required":
            field = error.message.split("'")[1]
            problems.append(Problem(shown, 1, field, "required field is missing"))
            continue
        field = str(error.absolute_path[0]) if error.absolute_path else "-"
        where = "".join(f"[{part}]" for part in list(error.absolute_path)[1:])
        line = lines.get(field + where, lines.get(field, 1))
        message = _message(field, error)
        if error.validator == "pattern":
            message += _slug_hint(field, error.instance, tag_slugs)
        problems.append(Problem(shown, line, field + where, message))
    return problems


def _slug_hint(field: str, value, tag_slugs: frozenset[str] | None) -> str:
    """`; did you mean ...?` for a tag or an alias typed in another form than
    a slug (`Cross-Lingual-Transfer`, `old-name.yaml`, a page's URL)."""
    if not isinstance(value, str) or field not in ("tags", "aliases"):
        return ""
    text = value.strip()
    if field == "aliases":
        text = text.split("?")[0].split("#")[0].rstrip("/").rsplit("/", 1)[-1]
        text = text.removesuffix(".yaml").removesuffix(".yml").removesuffix(".html")
    slug = slugify(text)
    if field == "tags" and tag_slugs is not None and slug not in tag_slugs:
        slug = did_you_mean(slug, tag_slugs) or ""
    return f"; did you mean `{slug}`?" if slug and is_valid_slug(slug) and slug != value else ""


def did_you_mean(word: str, known) -> str | None:
    """The known word closest to a misspelt one, if one is close."""
    found = difflib.get_close_matches(word, sorted(known), n=1)
    return found[0] if found else None


def _unknown_field(field: str, properties) -> str:
    close = did_you_mean(field, properties)
    if close:
        return f"unknown field; did you mean `{close}`?"
    return f"unknown field (known fields: {', '.join(sorted(properties))})"


def _shown(value) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "fields (a mapping)"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


DATE_EXAMPLE = "a date such as 2024-03-05"
LIST_SHAPE = "a list: write it as `- item` lines or [a, b]"
# What a value of a pattern-checked field looks like, in words (never the pattern)
EXPECTED_FORM = {
    "published": DATE_EXAMPLE,
    "tags": "a tag slug (lowercase letters, digits and single hyphens) such as multi-task-learning",
    "arxiv_id": "an arXiv id such as 2310.01234 or 2310.01234v2",
    "aliases": "the old file name as a slug, without `.yaml`, e.g. `old-name`",
    "code_url": "an https URL such as https://github.com/org/repo",
    "project_url": "an https URL such as https://example.org/project",
    "links": "an http(s) URL such as https://github.com/org/repo",
}
TYPE_WORDS = {"string": "text", "integer": "a whole number such as 3", "array": LIST_SHAPE,
              "object": "fields (a mapping)"}


def _message(field: str, error: jsonschema.ValidationError) -> str:
    """The rule broken, in words, with the expected shape and an example;
    a long value is not echoed back."""
    limit, found = error.validator_value, _shown(error.instance)
    if error.validator == "type":
        return f"expected {TYPE_WORDS.get(limit, limit)}, found {found}"
    if error.validator == "pattern":
        if limit == "\\S":
            return "must not be blank"
        return f"expected {EXPECTED_FORM.get(field, 'a value of the documented form')}, found {found}"
    if error.validator == "minLength":
        return "must not be empty"
    if error.validator == "maxLength":
        return f"longer than {limit:,} characters"
    if error.validator == "minItems":
        return f"expected at least {limit} item{'s' if limit != 1 else ''}"
    if error.validator == "maxItems":
        return f"more than {limit:,} items"
    if error.validator == "uniqueItems":
        repeated = next(item for index, item in enumerate(error.instance) if item in error.instance[:index])
        return f"lists {_shown(repeated)} twice"
    if error.validator == "minimum":
        return f"must be at least {limit:,}"
    if error.validator == "maximum":
        return f"must be at most {limit:,}"
    return error.message if len(error.message) <= 300 else error.message[:297] + "..."


def check_paper(shown: str, slug: str, data: dict, lines: dict[str, int], tag_slugs: frozenset[str] | None,
                source_files: frozenset[str] | None, today: dt.date) -> list[Problem]:
    """Problems of one typed paper mapping (see `typed_fields`). `tag_slugs`,
    `source_files`: None leaves out the tags or sources checks (the vocabulary
    or the manifest has errors of its own, reported first)."""
    problems = _schema_problems(shown, data, lines, tag_slugs)
    problems += link_problems(shown, data, lines)
    for field in ("title", "abstract"):
        if isinstance(data.get(field), str):
            problems += [Problem(shown, lines.get(field, 1), field, message) for message in math_problems(data[field])]
    published = data.get("published")
    if isinstance(published, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", published):
        try:
            date = dt.date.fromisoformat(published)
        except ValueError:
            problems.append(Problem(shown, lines["published"], "published",
                                    f"not a calendar date: {published!r} (expected {DATE_EXAMPLE})"))
        else:
            if date > today + dt.timedelta(days=FUTURE_DAYS_ALLOWED):
                problems.append(Problem(shown, lines["published"], "published",
                                        f"{published} is in the future (today is {today.isoformat()})"))
    for field, value in data.items():
        for where, text in _texts(field, value):
            if field not in MULTILINE_FIELDS and not is_one_line(text):
                problems.append(Problem(shown, lines.get(where, lines.get(field, 1)), where,
                                        "must be on one line (no line breaks or tabs)"))
            if field in FREE_TEXT_FIELDS and text.strip() and not has_visible(text):
                problems.append(Problem(shown, lines.get(where, lines.get(field, 1)), where, invisible_message(field)))
            if field in FREE_TEXT_FIELDS - MULTILINE_FIELDS:
                problems += [Problem(shown, lines.get(where, lines.get(field, 1)), where, bidi_message(name))
                             for name in bidi_controls(text)]
    problems += _arxiv_problems(shown, data.get("arxiv_id"), lines)
    for index, tag in enumerate(_list(data.get("tags")) if tag_slugs is not None else []):
        if isinstance(tag, str) and is_valid_slug(tag) and tag not in tag_slugs:
            close = did_you_mean(tag, tag_slugs)
            hint = f"; did you mean {close!r}?" if close else ""
            problems.append(Problem(shown, lines.get(f"tags[{index}]", 1), "tags",
                                    f"unknown tag {tag!r}{hint} (see content/tags.yaml)"))
    for index, source in enumerate(_list(data.get("sources")) if source_files is not None else []):
        if isinstance(source, str) and source not in source_files:
            problems.append(Problem(shown, lines.get(f"sources[{index}]", 1), "sources",
                                    f"{source!r} is not a dump listed in content/sources.yaml"))
    organization = data.get("organization")
    if isinstance(organization, str) and organisation_slug(organization) in RESERVED_ORG_SLUGS:
        problems.append(Problem(shown, lines["organization"], "organization",
                                f"{organization!r} would take the reserved page orgs/{organisation_slug(organization)}/"))
    if not is_valid_slug(slug):
        problems.append(Problem(shown, 1, "-", "file name must be a slug: lowercase letters, digits and single hyphens"))
    elif slug in RESERVED_PAPER_SLUGS:
        problems.append(Problem(shown, 1, "-", f"the file name {slug!r} is reserved for a generated page"))
    return problems


def invisible_message(field: str) -> str:
    return ("must not be blank: it holds no letter, digit, symbol or punctuation mark, only invisible characters "
            "(zero-width, formatting or combining marks); write the text"
            + ("" if field in paper_schema()["required"] else " or leave the field out"))


def bidi_message(name: str) -> str:
    return (f"the {name} is not allowed in a one-line field: it reorders the text shown after it on the page; "
            "delete it; right-to-left text needs no control character")


_NEW_ARXIV_ID = re.compile(r"^([0-9]{2})([0-9]{2})\.([0-9]{4,5})(v[0-9]+)?$")
FIVE_DIGITS_FROM = 1501  # YYMM: new-style ids have 4 digits after the dot from 0704 to 1412, then 5


def _arxiv_problems(shown: str, arxiv_id, lines: dict[str, int]) -> list[Problem]:
    """A new-style arXiv id whose number has the wrong count of digits for its month."""
    match = _NEW_ARXIV_ID.match(arxiv_id) if isinstance(arxiv_id, str) else None
    if not match:
        return []
    month, number = int(match.group(1) + match.group(2)), match.group(3)
    if month >= FIVE_DIGITS_FROM and len(number) == 4:
        message = (f"{arxiv_id!r} has 4 digits after the dot; arXiv ids from January 2015 (1501) on have 5, "
                   "such as 2310.01234: copy the id from the paper's arXiv page")
    elif month < FIVE_DIGITS_FROM and len(number) == 5:
        message = (f"{arxiv_id!r} has 5 digits after the dot; arXiv ids before 2015 (0704 to 1412) have 4, "
                   "such as 1412.6980: copy the id from the paper's arXiv page")
    else:
        return []
    return [Problem(shown, lines.get("arxiv_id", 1), "arxiv_id", message)]


def _texts(field: str, value) -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(field, value)]
    return [(f"{field}[{index}]", item) for index, item in enumerate(_list(value)) if isinstance(item, str)]


def _list(value) -> list:
    return value if isinstance(value, list) else []


def format_advice(shown: str, text: str, data: dict, lines: dict[str, int]) -> list[Problem]:
    """Warnings that say how the file differs from canonical form: Windows
    line endings, Unicode spaces in one-line fields, then the fields to move,
    or else the first line written differently. Advice only: `fmt`, the
    importer and the pre-commit hook write canonical form."""
    advice = []
    if "\r\n" in text:
        advice.append(Problem(shown, 1, "-", f"Windows line endings (CRLF); `{FMT}` rewrites them", WARNING))
        text = text.replace("\r\n", "\n")
    for field, value in data.items():
        for where, line_text in _texts(field, value) if field not in MULTILINE_FIELDS else ():
            for name in unicode_spaces(line_text):
                advice.append(Problem(shown, lines.get(where, lines.get(field, 1)), where,
                                      f"{name} in a one-line field; `{FMT}` turns it into a plain space", WARNING))
    canonical = dump_mapping(plain_spaces(data), FIELD_ORDER)
    if text == canonical:
        return advice
    present = [key for key in data if key in FIELD_ORDER]
    wanted = [key for key in FIELD_ORDER if key in data]
    moves = []
    for position, key in enumerate(wanted):
        if present[position] != key:
            place = f"after `{wanted[position - 1]}`" if position else "to the top"
            moves.append(Problem(shown, lines.get(key, 1), key, f"move `{key}` {place} (canonical field order)", WARNING))
            present.remove(key)
            present.insert(position, key)
    if moves or advice:
        return advice + moves
    found, written = text.splitlines(), canonical.splitlines()
    matcher = difflib.SequenceMatcher(None, found, written, autojunk=False)
    for kind, first, last, other, _ in matcher.get_opcodes():
        if kind == "equal":
            continue
        number = min(first + 1, len(found)) if found else 1
        line = found[number - 1] if found else ""
        field = field_at(found, number) if line.strip() and not line.lstrip().startswith("#") else "-"
        if kind == "delete":
            message = "canonical form leaves out this line (an empty field, a blank line or a comment"
        else:
            message = (f"canonical form writes {'this line as' if kind == 'replace' else 'here'} "
                       f"`{written[other].strip()}` (quoting, wrapping, spacing or a comment")
        return [Problem(shown, number, field, f"{message}; `{FMT}` rewrites it)", WARNING)]
    return [Problem(shown, 1, "-", f"not in canonical form (blank lines, comments or line breaks); `{FMT}` rewrites it",
                    WARNING)]


FMT = "python -m generator fmt"


def plain_spaces(data: dict) -> dict:
    """The record with every Unicode space (a no-break space...) of its one-line
    fields made a plain space: what `fmt` writes."""
    return {field: value if field in MULTILINE_FIELDS else _plain(value) for field, value in data.items()}


def _plain(value):
    if isinstance(value, str):
        return to_plain_spaces(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
