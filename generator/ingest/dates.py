"""Dates as the dumps write them: `Sep 27, 2024`, `Jan 7`, `Jul 3, 2024 3`.

Month names come from a fixed English table, never from the locale (the
pages are English whatever LC_TIME the importer runs under)."""

import datetime as dt
import re
from dataclasses import dataclass

_MONTH_SPELLINGS = (
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
    ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
    ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
)
# Every accepted spelling, lower case -> month number: `Sep`, `Sept`, `September`, ...
MONTHS = {spelling: number for number, spellings in enumerate(_MONTH_SPELLINGS, 1) for spelling in spellings}
_MONTH = "|".join(sorted(MONTHS, key=lambda spelling: (-len(spelling), spelling)))
PAGE_DATE = re.compile(rf"^({_MONTH}) (\d{{1,2}})$", re.IGNORECASE)
_ENTRY_DATE = re.compile(rf"^({_MONTH}) (\d{{1,2}})(?:, (\d{{4}}))?(?: (\d+))?$", re.IGNORECASE)


@dataclass(frozen=True)
class DumpDate:
    month: int
    day: int
    year: int | None
    upvotes: int | None


class DateError(ValueError):
    pass


def parse_entry_date(line: str) -> DumpDate:
    """Parse a metadata date line; raise DateError on anything else."""
    match = _ENTRY_DATE.match(line.strip())
    if not match:
        raise DateError(f"expected a date like 'Sep 27, 2024' or 'Jan 7', found {line.strip()!r}")
    month, day = MONTHS[match.group(1).lower()], int(match.group(2))
    year = int(match.group(3)) if match.group(3) else None
    upvotes = int(match.group(4)) if match.group(4) else None
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: Feb 29 passes
    except ValueError:
        raise DateError(f"no such day: {line.strip()!r}") from None
    return DumpDate(month, day, year, upvotes)


def resolve(date: DumpDate, captured: dt.date | None) -> dt.date | None:
    """The calendar date meant: a year-less date is the latest one on or before
    the capture date; None when the year is unknown (nothing is invented)."""
    if date.year is not None:
        return dt.date(date.year, date.month, date.day)
    if captured is None:
        return None
    for year in range(captured.year, captured.year - 8, -1):
        try:
            candidate = dt.date(year, date.month, date.day)
        except ValueError:  # Feb 29 in a common year
            continue
        if candidate <= captured:
            return candidate
    return None
