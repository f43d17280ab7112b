"""The manifest of dumps (content/sources.yaml): which files, captured when."""

import datetime as dt
from dataclasses import dataclass

from generator.model.text import is_one_line

MAX_LABEL_CHARS = 200
MAX_DUMPS = 2_000  # entries of the manifest


@dataclass(frozen=True)
class Source:
    file: str                  # bare name of the dump under content/dumps/
    label: str                 # a short human description
    captured: dt.date | None   # capture date where known; resolves year-less dates
    page_date: str | None      # the page's own date as printed (no year), if any


def _one_line(value, limit: int) -> bool:
    return isinstance(value, str) and is_one_line(value, limit)


def sources_from_mapping(data: dict) -> tuple[tuple[Source, ...], list[tuple[str, str]]]:
    """Sources and (field, message) problems from the manifest's mapping (as
    the safe loader gives it: text, or None where no value was written). A
    file listed again is reported at its repeated entry, and kept once."""
    sources, problems, seen = [], [], set()
    entries = data.get("dumps")
    if not isinstance(entries, list):
        return (), [("dumps", "expected a list of dumps")]
    for index, entry in enumerate(entries):
        where = f"dumps[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            problems.append((where, "expected a mapping with at least 'file'"))
            continue
        label, page_date, captured = entry.get("label") or "", entry.get("page_date"), entry.get("captured")
        if not _one_line(label, MAX_LABEL_CHARS):
            problems.append((f"{where}.label", f"expected one line of at most {MAX_LABEL_CHARS} characters"))
            continue
        if page_date is not None and not _one_line(page_date, 20):
            problems.append((f"{where}.page_date", "expected a short date as printed, such as Oct 9"))
            continue
        try:
            captured = dt.date.fromisoformat(captured) if captured is not None else None
        except (TypeError, ValueError):
            problems.append((f"{where}.captured", f"expected a date YYYY-MM-DD, found {str(captured)[:40]!r}"))
            continue
        if entry["file"] in seen:
            problems.append((f"{where}.file", f"{entry['file']!r} is listed twice; remove this entry"))
            continue
        seen.add(entry["file"])
        sources.append(Source(entry["file"], label, captured, page_date))
    return tuple(sources), problems


def source_to_mapping(source: Source) -> dict:
    mapping = {"file": source.file, "label": source.label}
    mapping["captured"] = source.captured.isoformat() if source.captured else None
    if source.page_date:
        mapping["page_date"] = source.page_date
    return mapping
