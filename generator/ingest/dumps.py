"""Parse a raw "Daily Papers" text dump into entries (pure: text in, data out).

Layouts handled (every seed is one of them): blank-line separated paragraphs,
one per line; lines with no blank lines between them and the header glued to
the first title (`SubscribeTitle`); either of these with a metadata block after
each abstract (`  • 5 authors` or an organisation line, `·`, a date line).

Title or abstract is decided by structure, never by length. After the header
the text lines alternate title, abstract, starting with a title; a metadata
block closes a paper, so the line before it is an abstract and the line after
it a title. Position alone decides, except that a title never ends with a full
stop (none of the 557 seed titles does): a line that would make one is a
broken alternation. Where a part between metadata blocks has an odd number of
lines, one of them lost its partner; it is placed where no title ends with a
full stop and every abstract has a sentence end (every seed abstract has).
When that leaves more than one reading, the lines concerned are reported,
not guessed at; nothing is left out without a problem naming its line.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

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
_CLOSING = ")]}\"'”’»"
_SENTENCE_INSIDE = re.compile(r"\.\s")

Line = tuple[int, str]  # 1-based line number, stripped text


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
    # where the rest of the entry was read (not part of its value)
    abstract_line: int = field(default=0, compare=False)
    metadata_line: int | None = field(default=None, compare=False)  # first line of its metadata block


ENTRY, METADATA = "entry", "metadata"  # the kinds of ParseProblem


@dataclass(frozen=True)
class ParseProblem:
    line: int
    field: str  # the record field the problem concerns, "-" for none
    message: str
    kind: str = ENTRY  # ENTRY: text left out of every entry; METADATA: a metadata line not read
    end: int | None = field(default=None, compare=False)  # the last line it concerns, when more than one

    @property
    def lines(self) -> range:
        """The dump lines this problem covers."""
        return range(self.line, (self.end or self.line) + 1)


@dataclass(frozen=True)
class ParsedDump:
    entries: tuple[Entry, ...]
    problems: tuple[ParseProblem, ...]
    page_date: str | None  # e.g. "Oct 9": the page's own date, year unknown


def decode(raw: bytes) -> str:
    """Dump bytes to text: UTF-8 with or without a byte-order mark, any line ends."""
    text = raw.decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _numbered_lines(text: str) -> list[Line]:
    return [(number, line.strip()) for number, line in enumerate(text.split("\n"), 1) if line.strip()]


def _strip_header(lines: list[Line]) -> tuple[list[Line], str | None]:
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


def _ends_sentence(text: str) -> bool:
    """Ends with a full stop: an abstract may, a title never does."""
    return text.rstrip(_CLOSING).endswith(".")


def _is_prose(text: str) -> bool:
    """Has a sentence end somewhere, as every abstract of the seeds has."""
    return _ends_sentence(text) or bool(_SENTENCE_INSIDE.search(text))


@dataclass(frozen=True)
class _Part:
    """The text lines between two metadata blocks; `block` is the metadata
    block that closes the part (it belongs to the part's last paper)."""

    lines: list[Line]
    block: list[Line] | None


def _split_at_metadata(lines: list[Line]) -> tuple[list[_Part], list[ParseProblem]]:
    parts: list[_Part] = []
    problems: list[ParseProblem] = []
    current: list[Line] = []
    position = 0
    while position < len(lines):
        number, line = lines[position]
        if position + 1 < len(lines) and lines[position + 1][1] == META_SEPARATOR:
            block = lines[position:position + 3]
            position += 3
            if len(block) < 3:
                problems.append(ParseProblem(number, "-", "metadata block (authors · date) has no date line", METADATA,
                                             end=block[-1][0]))
                continue
            parts.append(_Part(current, block))
            current = []
        elif line == META_SEPARATOR:
            problems.append(ParseProblem(number, "-", "metadata block (authors · date) does not follow an abstract", METADATA))
            position += 1
        else:
            current.append(lines[position])
            position += 1
    parts.append(_Part(current, None))
    return parts, problems


def _pairs(count: int, orphan: int | None) -> list[tuple[int, int]]:
    """(title, abstract) indexes of `count` alternating lines, one `orphan` left out."""
    order = [index for index in range(count) if index != orphan]
    return list(zip(order[::2], order[1::2]))


def _readings(lines: list[Line], closed: bool) -> tuple[list[int | None], list[int | None]]:
    """The possible places of the line without a partner (None: every line has
    one): those that put no full stop at the end of a title, and among them
    those whose abstracts are all prose. Linear in the number of lines."""
    count = len(lines)
    if count % 2 == 0:
        titles_ok = not any(_ends_sentence(lines[index][1]) for index in range(0, count, 2))
        prose = all(_is_prose(lines[index][1]) for index in range(1, count, 2))
        return ([None], [None] if prose else []) if titles_ok else ([], [])
    # an orphan at even index p: titles are the even lines before p and the odd ones after, abstracts the rest
    ends = [_ends_sentence(text) for _, text in lines]
    prose = [_is_prose(text) for _, text in lines]
    bad_title_before, bad_abstract_before = [False], [False]  # over lines [0, p)
    for index in range(count):
        title = index % 2 == 0
        bad_title_before.append(bad_title_before[-1] or (title and ends[index]))
        bad_abstract_before.append(bad_abstract_before[-1] or (not title and not prose[index]))
    bad_title_after, bad_abstract_after = [False] * (count + 1), [False] * (count + 1)  # over lines (p, count)
    for index in range(count - 1, -1, -1):
        title = index % 2 == 1
        bad_title_after[index] = bad_title_after[index + 1] or (title and ends[index])
        bad_abstract_after[index] = bad_abstract_after[index + 1] or (not title and not prose[index])
    # a closed part ends with an abstract: its last line has a partner
    places = [index for index in range(0, count, 2) if not (closed and count > 1 and index == count - 1)]
    fits = [place for place in places if not (bad_title_before[place] or bad_title_after[place + 1])]
    confirmed = [place for place in fits if not (bad_abstract_before[place] or bad_abstract_after[place + 1])]
    return fits, confirmed


def _orphan_problem(number: int, text: str) -> ParseProblem:
    if _is_prose(text):
        return ParseProblem(number, "title", f"a paragraph of {len(text)} characters has no title before it")
    return ParseProblem(number, "abstract", f"title {text!r} has no abstract")


def _read_part(lines: list[Line], closed: bool) -> tuple[list[tuple[Line, Line]], list[ParseProblem]]:
    """The (title, abstract) pairs of a part and its problems. Lines whose
    pairing the structure leaves open are reported together and left out."""
    if not lines:
        return [], []
    count = len(lines)
    fits, confirmed = _readings(lines, closed)
    if len(fits) == 1 or len(confirmed) == 1:
        orphan = fits[0] if len(fits) == 1 else confirmed[0]
        problems = [] if orphan is None else [_orphan_problem(*lines[orphan])]
        return [(lines[title], lines[abstract]) for title, abstract in _pairs(count, orphan)], problems
    kept: list[tuple[Line, Line]] = []
    if fits:  # several places for the line without a partner: keep what all readings agree on
        places = [place for place in (confirmed or fits) if place is not None]
        first, last = min(places), max(places)
        kept = [(lines[title], lines[abstract]) for title, abstract in _pairs(count, first)
                if abstract < first or title > last]
        reason = "one of them has no partner and the layout does not show which"
    elif count % 2 == 0:
        first, last = 0, count - 1
        title = next(title for title, _ in _pairs(count, None) if _ends_sentence(lines[title][1]))
        reason = f"line {lines[title][0]} ends with a full stop where a title is expected"
    else:
        first, last = 0, count - 1
        reason = "one of them has no partner, and every choice of which ends a title with a full stop"
    span = f"lines {lines[first][0]}-{lines[last][0]}"
    return kept, [ParseProblem(lines[first][0], "-", f"{span} do not pair up as title then abstract: {reason}",
                               end=lines[last][0])]


def _apply_metadata(entry: Entry, block: list[Line], captured: dt.date | None) -> tuple[Entry, list[ParseProblem]]:
    (who_line, who), _, (date_line, date_text) = block
    problems = []
    fields: dict = {}
    authors = _AUTHORS.match(who)
    if authors:
        fields["authors_count"] = int(authors.group(1))
    elif who.startswith("•"):
        problems.append(ParseProblem(who_line, "authors_count", f"expected '• N authors', found {who!r}", METADATA))
    else:
        fields["organization"] = who
    try:
        date = parse_entry_date(date_text)
    except DateError as error:
        problems.append(ParseProblem(date_line, "published", str(error), METADATA))
    else:
        fields["published"] = resolve(date, captured)
        fields["upvotes"] = date.upvotes
    return Entry(**{**entry.__dict__, **fields, "metadata_line": who_line}), problems


def parse_dump(text: str, captured: dt.date | None = None) -> ParsedDump:
    """Entries and problems of one dump; `captured` resolves year-less dates."""
    lines, page_date = _strip_header(_numbered_lines(text))
    parts, problems = _split_at_metadata(lines)
    entries: list[Entry] = []
    for part in parts:
        pairs, found = _read_part(part.lines, closed=part.block is not None)
        problems += found
        part_entries = [Entry(normalise_whitespace(title), normalise_whitespace(abstract), number,
                              abstract_line=abstract_number)
                        for (number, title), (abstract_number, abstract) in pairs]
        if part.block is not None:
            if pairs and pairs[-1][1] == part.lines[-1]:
                part_entries[-1], found = _apply_metadata(part_entries[-1], part.block, captured)
                problems += found
            else:
                problems.append(ParseProblem(part.block[0][0], "-", "metadata block (authors · date) does not follow an abstract",
                                             METADATA, end=part.block[-1][0]))
        entries += part_entries
    return ParsedDump(tuple(entries), tuple(sorted(problems, key=lambda problem: problem.line)), page_date)
