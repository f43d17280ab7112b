"""The manifest of dumps (content/sources.yaml): which files, captured when."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    file: str                  # name of the dump under content/dumps/
    label: str                 # a short human description
    captured: dt.date | None   # capture date where known; resolves year-less dates
    page_date: str | None      # the page's own date as printed (no year), if any


def sources_from_mapping(data: dict) -> tuple[tuple[Source, ...], list[tuple[str, str]]]:
    """Sources and (field, message) problems from the manifest's mapping."""
    sources, problems = [], []
    entries = data.get("dumps")
    if not isinstance(entries, list):
        return (), [("dumps", "expected a list of dumps")]
    for index, entry in enumerate(entries):
        where = f"dumps[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            problems.append((where, "expected a mapping with at least 'file'"))
            continue
        captured = entry.get("captured")
        try:
            captured = dt.date.fromisoformat(captured) if captured else None
        except (TypeError, ValueError):
            problems.append((f"{where}.captured", f"expected a date YYYY-MM-DD, found {captured!r}"))
            continue
        sources.append(Source(entry["file"], str(entry.get("label") or ""), captured, entry.get("page_date")))
    names = [source.file for source in sources]
    problems.extend(("dumps", f"{name!r} is listed twice") for name in sorted(set(names)) if names.count(name) > 1)
    return tuple(sources), problems


def source_to_mapping(source: Source) -> dict:
    mapping = {"file": source.file, "label": source.label}
    mapping["captured"] = source.captured.isoformat() if source.captured else None
    if source.page_date:
        mapping["page_date"] = source.page_date
    return mapping
