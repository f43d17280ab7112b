import datetime as dt

import pytest

from generator.ingest.dates import DateError, DumpDate, parse_entry_date, resolve


@pytest.mark.parametrize("line, expected", [
    ("Sep 27, 2024", DumpDate(9, 27, 2024, None)),
    ("Jan 7", DumpDate(1, 7, None, None)),
    ("Jul 3, 2024 3", DumpDate(7, 3, 2024, 3)),
    ("Apr 9 12", DumpDate(4, 9, None, 12)),
])
def test_parse_entry_date(line, expected):
    assert parse_entry_date(line) == expected


@pytest.mark.parametrize("line", ["Sept 27, 2024", "2024-09-27", "Feb 30, 2024", "Jan", ""])
def test_parse_entry_date_refuses_other_text(line):
    with pytest.raises(DateError):
        parse_entry_date(line)


def test_year_less_date_is_latest_on_or_before_capture():
    captured = dt.date(2026, 4, 16)
    assert resolve(DumpDate(1, 7, None, None), captured) == dt.date(2026, 1, 7)
    assert resolve(DumpDate(4, 16, None, None), captured) == dt.date(2026, 4, 16)
    assert resolve(DumpDate(4, 17, None, None), captured) == dt.date(2025, 4, 17)
    assert resolve(DumpDate(2, 29, None, None), captured) == dt.date(2024, 2, 29)


def test_unknown_capture_date_invents_nothing():
    assert resolve(DumpDate(1, 7, None, None), None) is None
    assert resolve(DumpDate(1, 7, 2023, None), None) == dt.date(2023, 1, 7)
