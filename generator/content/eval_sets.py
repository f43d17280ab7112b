"""Labelled evaluation sets (eval/*.yaml): `papers:`, a list of mappings, one per
labelled paper, read with the safe loader. The reports check each entry's own
fields; this finds the entries and their lines, and the slugs in them that name
no paper (`stale_slugs`, for `check`)."""

from pathlib import Path

from generator.content.load import load_yaml_file
from generator.content.store import display_path
from generator.model.problems import Problem

TAGS_SET, RELATED_SET = "tags.yaml", "related.yaml"  # under eval/
# The lists of paper slugs an entry of each set may hold, besides its own `slug`.
SLUG_LISTS = {TAGS_SET: (), RELATED_SET: ("best", "useful", "weak", "pooled_useful", "pooled_weak",
                                          "second_best", "second_useful")}
STALE_HINT = "renamed? update the slug here; removed? drop it"


def eval_entries(path: Path) -> tuple[list[tuple[str, int, object]], list[Problem]]:
    """(where, line, entry) for each entry of `papers`, and the problems of the
    file (a paper labelled twice among them)."""
    found, problems, _ = _entries(path)
    return found, problems


def _entries(path: Path) -> tuple[list[tuple[str, int, object]], list[Problem], dict[str, int]]:
    """eval_entries, and the line of every key and item of the file."""
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
    return found, problems, loaded.lines


def stale_slugs(eval_dir: Path, known: set[str]) -> list[Problem]:
    """Every slug in the labelled sets under `eval_dir` that is not in `known`
    (the records' slugs and their aliases), at its file and line, and the
    problems of reading those files. A file that is not there is skipped."""
    problems: list[Problem] = []
    for name, lists in SLUG_LISTS.items():
        path = eval_dir / name
        if not path.is_file():
            continue
        entries, found, lines = _entries(path)
        problems += found
        for where, line, entry in entries:
            if not isinstance(entry, dict):
                continue
            named = [(f"{where}.slug", line, entry.get("slug"))]
            for key in lists:
                values = entry.get(key)
                named += [(f"{where}.{key}[{index}]", lines.get(f"{where}.{key}[{index}]", line), value)
                          for index, value in enumerate(values if isinstance(values, list) else [])]
            problems += [Problem(display_path(path), at, field, f"no paper {slug!r} in content/papers ({STALE_HINT})")
                         for field, at, slug in named if isinstance(slug, str) and slug not in known]
    return problems


def percent(part: int, whole: int) -> str:
    """A share for the reports' tables, five characters wide; `-` of nothing."""
    return f"{100 * part / whole:5.1f}%" if whole else "    -"
