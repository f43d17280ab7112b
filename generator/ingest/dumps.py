"""Parse a raw "Daily Papers" text dump into entries (pure: text in, data out).

Layouts handled: blank-line separated title/abstract paragraphs; strictly
alternating title/abstract lines with the header glued to the first title
(`SubscribeTitle`); entries followed by a metadata block
(`  • 5 authors` or an organisation line, `·`, a date line).
"""

import datetime as dt
import re
from dataclasses import dataclass

from generator.ingest.dates import PAGE_DATE, DateError, parse_entry_date, resolve
from generator.model.text import normalise_whitespace

HEADER_LINES = frozenset({
    "new",
    "Get trending papers in your email inbox!",
    "Get trending papers in your email inbox once a day!",
    "Subscribe",
    "Daily Papers",
    "byAK and the research community",
})
GLUED_HEADER = "Subscribe"
META_SEPARATOR = "·"
_AUTHORS = re.compile(r"^•\s*(\d+)\s+authors?$")

# A title is a line of at most this many characters; an abstract has at least
# ABSTRACT_MIN_CHARS. (Measured on the seeds: titles <= 142, abstracts >= 458.)
TITLE_MAX_CHARS = 300
ABSTRACT_MIN_CHARS = 100


@dataclass(frozen=True)
class Entry:
    """One paper as one dump shows it."""

    title: str
    abstract: str
    line: int  # 1-based line of the title in the dump
    published: dt.date | None = None
    authors_count: int | None = None
    organization: str | None = None
    upvotes: int | None = None


@dataclass(frozen=True)
class ParseProblem:
    line: int
    field: str  # the record field the problem concerns, "-" for none
    message: str


@dataclass(frozen=True)
class ParsedDump:
    entries: tuple[Entry, ...]
    problems: tuple[ParseProblem, ...]
    page_date: str | None  # e.g. "Oct 9": the page's own date, year unknown


def decode(raw: bytes) -> str:
    """Dump bytes to text: UTF-8 with or without a byte-order mark, any line ends."""
    text = raw.decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _numbered_lines(text: str) -> list[tuple[int, str]]:
    return [(number, line.strip()) for number, line in enumerate(text.split("\n"), 1) if line.strip()]


def _strip_header(lines: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], str | None]:
    page_date = None
    position = 0
    while position < len(lines):
        number, line = lines[position]
        if line in HEADER_LINES:
            position += 1
        elif PAGE_DATE.match(line) and page_date is None:
            page_date = line
            position += 1
        elif line.startswith(GLUED_HEADER) and line != GLUED_HEADER:
            # `SubscribeGlobal Rhythm ...`: the header is glued to the first title
            lines = lines[position:]
            lines[0] = (number, line[len(GLUED_HEADER):].strip())
            return lines, page_date
        else:
            break
    return lines[position:], page_date


def _apply_metadata(entry: Entry, block: list[tuple[int, str]], captured: dt.date | None) -> tuple[Entry, list[ParseProblem]]:
    (who_line, who), _, (date_line, date_text) = block
    problems = []
    fields: dict = {}
    authors = _AUTHORS.match(who)
    if authors:
        fields["authors_count"] = int(authors.group(1))
    elif who.startswith("•"):
        problems.append(ParseProblem(who_line, "authors_count", f"expected '• N authors', found {who!r}"))
    else:
        fields["organization"] = who
    try:
        date = parse_entry_date(date_text)
    except DateError as error:
        problems.append(ParseProblem(date_line, "published", str(error)))
    else:
        fields["published"] = resolve(date, captured)
        fields["upvotes"] = date.upvotes
    return Entry(**{**entry.__dict__, **fields}), problems


def parse_dump(text: str, captured: dt.date | None = None) -> ParsedDump:
    """Entries and problems of one dump; `captured` resolves year-less dates."""
    lines, page_date = _strip_header(_numbered_lines(text))
    entries: list[Entry] = []
    problems: list[ParseProblem] = []
    pending: tuple[int, str] | None = None  # a title waiting for its abstract
    position = 0
    while position < len(lines):
        number, line = lines[position]
        is_meta = position + 1 < len(lines) and lines[position + 1][1] == META_SEPARATOR
        if is_meta or line == META_SEPARATOR:
            block = lines[position:position + 3]
            position += 3 if is_meta else 1
            if pending is not None or not entries or len(block) < 3 or line == META_SEPARATOR:
                problems.append(ParseProblem(number, "-", "metadata block (authors · date) does not follow an abstract"))
                continue
            entries[-1], found = _apply_metadata(entries[-1], block, captured)
            problems.extend(found)
            continue
        position += 1
        if pending is None:
            if len(line) > TITLE_MAX_CHARS:
                problems.append(ParseProblem(number, "title", f"a paragraph of {len(line)} characters has no title before it"))
            else:
                pending = (number, line)
        elif len(line) < ABSTRACT_MIN_CHARS:
            problems.append(ParseProblem(pending[0], "abstract", f"title {pending[1]!r} has no abstract"))
            pending = (number, line)
        else:
            entries.append(Entry(normalise_whitespace(pending[1]), normalise_whitespace(line), pending[0]))
            pending = None
    if pending is not None:
        problems.append(ParseProblem(pending[0], "abstract", f"title {pending[1]!r} has no abstract"))
    return ParsedDump(tuple(entries), tuple(problems), page_date)
