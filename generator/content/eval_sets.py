"""Labelled evaluation sets (eval/*.yaml): `papers:`, a list of mappings, one per
labelled paper, read with the safe loader. The reports check each entry's own
fields; this finds the entries and their lines."""

from pathlib import Path

from generator.content.load import load_yaml_file
from generator.model.problems import Problem


def eval_entries(path: Path) -> tuple[list[tuple[str, int, object]], list[Problem]]:
    """(where, line, entry) for each entry of `papers`, and the problems of the
    file (a paper labelled twice among them)."""
    loaded = load_yaml_file(path)
    problems = list(loaded.problems)
    entries = (loaded.data or {}).get("papers") if isinstance(loaded.data, dict) else None
    if loaded.data is not None and not isinstance(entries, list):
        problems.append(Problem(str(path), loaded.lines.get("papers", 1), "papers", "expected a list of papers"))
        entries = []
    found = [(f"papers[{index}]", loaded.lines.get(f"papers[{index}]", 1), entry)
             for index, entry in enumerate(entries or [])]
    seen: set[str] = set()
    for where, line, entry in found:
        slug = entry.get("slug") if isinstance(entry, dict) else None
        if isinstance(slug, str) and slug in seen:
            problems.append(Problem(str(path), line, f"{where}.slug", f"{slug!r} is labelled twice"))
        seen.add(slug)
    return found, problems


def percent(part: int, whole: int) -> str:
    """A share for the reports' tables, five characters wide; `-` of nothing."""
    return f"{100 * part / whole:5.1f}%" if whole else "    -"
