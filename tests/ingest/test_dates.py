import datetime as dt
import locale
import subprocess
import sys

import pytest

from generator.ingest.dates import PAGE_DATE, DateError, DumpDate, parse_entry_date, resolve
from tests.support import ROOT


@pytest.mark.parametrize("line, expected", [
    ("Sep 27, 2024", DumpDate(9, 27, 2024, None)),
    ("Jan 7", DumpDate(1, 7, None, None)),
    ("Jul 3, 2024 3", DumpDate(7, 3, 2024, 3)),
    ("Apr 9 12", DumpDate(4, 9, None, 12)),
    ("Sept 27, 2024", DumpDate(9, 27, 2024, None)),
    ("September 27, 2024", DumpDate(9, 27, 2024, None)),
    ("June 3", DumpDate(6, 3, None, None)),
    ("July 4, 2023 8", DumpDate(7, 4, 2023, 8)),
    ("May 31", DumpDate(5, 31, None, None)),
    ("sept 27, 2024", DumpDate(9, 27, 2024, None)),
    ("DEC 1", DumpDate(12, 1, None, None)),
])
def test_parse_entry_date(line, expected):
    assert parse_entry_date(line) == expected


@pytest.mark.parametrize("line", ["2024-09-27", "Feb 30, 2024", "Jan", "", "Sept 31", "Septembre 27, 2024",
                                  "Mai 3", "Junee 3", "Sep27, 2024"])
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


@pytest.mark.parametrize("line, matches", [("Oct 9", True), ("September 8", True), ("Sept 8", True),
                                           ("june 3", True), ("Llama 3", False), ("Sep 8, 2024", False)])
def test_page_date_is_a_month_and_a_day(line, matches):
    assert bool(PAGE_DATE.match(line)) is matches


LOCALISED_MONTH_ABBR = ["", "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."]
PARSE_ENGLISH_DATES = ("from generator.ingest.dates import parse_entry_date\n"
                       "print([parse_entry_date(line).month for line in ('Oct 9, 2024', 'May 3', 'Dec 1', 'Sept 2')])\n")


def _run(script: str, **env: str) -> str:
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", **env}, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_month_names_are_english_whatever_the_calendar_module_says():
    # what `calendar.month_abbr` gives under a German LC_TIME, without needing that locale installed
    prelude = f"import calendar\ncalendar.month_abbr = {LOCALISED_MONTH_ABBR!r}\ncalendar.month_name = calendar.month_abbr\n"
    assert _run(prelude + PARSE_ENGLISH_DATES) == "[10, 5, 12, 9]\n"


def _installed_non_english_locale() -> str | None:
    saved = locale.setlocale(locale.LC_TIME)
    try:
        for name in ("de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8", "ru_RU.UTF-8", "ja_JP.UTF-8"):
            try:
                locale.setlocale(locale.LC_TIME, name)
            except locale.Error:
                continue
            return name
        return None
    finally:
        locale.setlocale(locale.LC_TIME, saved)


def test_month_names_are_english_under_a_real_non_english_lc_time():
    name = _installed_non_english_locale()
    if name is None:
        pytest.skip("no non-English locale is installed here")
    prelude = "import locale\nlocale.setlocale(locale.LC_TIME, '')\n"
    assert _run(prelude + PARSE_ENGLISH_DATES, LC_TIME=name) == "[10, 5, 12, 9]\n"
