"""The ledger of written tags, content/tags-written.yaml: for each paper, the
tag list a command last wrote into its record. `import` records the rules'
tags of each new paper, `retag` every list it writes. A record whose tags
differ from its entry (order aside), or that has no entry, carries a person's
list, which no command changes.

Two sections: `read` holds lists copied from a reading (the labelled set), which
only a new reading replaces; `rules` holds the tagging rules' lists, which the
current rules replace. Commands write the file, one paper a line in slug order,
so a pull request's diff shows each change on its own line; a person never edits
it. It is YAML, read here line by line against the one form the commands write
(fast at any size), every problem named at its line."""

import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.content.store import ContentDir, display_path, read_text, write_atomic
from generator.model.problems import ContentError, Problem

SECTIONS = ("read", "rules")
HEAD = ("# The tag list `python -m generator import` or `retag` last wrote into each record.\n"
        "# A record whose tags differ from its line here was edited by a person: no command\n"
        "# changes its tags. `read`: copied from the labelled set; `rules`: the tagging rules'.\n"
        "# Written by those commands; never edited by hand.\n")
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_SECTION = re.compile(rf"^({'|'.join(SECTIONS)}):$")
_ENTRY = re.compile(rf"^  ({_SLUG}): \[((?:{_SLUG})(?:, {_SLUG})*)?\]$")
STALE = "no paper {slug!r} in content/papers (renamed or removed? drop this line, or run `python -m generator retag`)"


@dataclass(frozen=True)
class Written:
    """The tags a command wrote into one record (sorted), and whether they were
    copied from a reading (else the rules gave them)."""
    tags: tuple[str, ...]
    read: bool = False

    def matches(self, tags: list) -> bool:
        """Whether a record's tag list is still this one, order aside."""
        return sorted(tags) == list(self.tags)


def written(tags, read: bool = False) -> Written:
    return Written(tuple(sorted(tags)), read)


def parse_ledger(text: str, shown: str) -> tuple[dict[str, Written], dict[str, int], list[Problem]]:
    """The entries of a ledger's text, the line of each, and a problem for each
    line that is not one the commands write (`shown`: the file's name)."""
    entries: dict[str, Written] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    section = None
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if found := _SECTION.match(line):
            section = found.group(1)
        elif (found := _ENTRY.match(line)) and section:
            slug = found.group(1)
            if slug in entries:
                problems.append(Problem(shown, number, f"{section}.{slug}", f"listed twice (first at line {lines[slug]})"))
                continue
            entries[slug] = written(found.group(2).split(", ") if found.group(2) else (), section == "read")
            lines[slug] = number
        else:
            problems.append(Problem(shown, number, "-", "not a line `retag` writes: `read:`, `rules:`, or "
                                    "`  <paper slug>: [<tag>, <tag>]` under one of them (run "
                                    "`python -m generator retag` after fixing a merge)"))
    return entries, lines, problems


def ledger_text(entries: Mapping[str, Written]) -> str:
    """The file's text: the head, then each section's entries in slug order."""
    parts = [HEAD]
    for section in SECTIONS:
        slugs = sorted(slug for slug, entry in entries.items() if entry.read == (section == "read"))
        parts.append(f"{section}:\n" + "".join(f"  {slug}: [{', '.join(entries[slug].tags)}]\n" for slug in slugs))
    return "".join(parts)


def _read(content: ContentDir) -> tuple[dict[str, Written], dict[str, int], list[Problem]]:
    path = content.tags_ledger
    if not (path.exists() or path.is_symlink()):
        return {}, {}, []
    try:
        text = read_text(path)
    except ContentError as error:
        return {}, {}, error.problems
    return parse_ledger(text, display_path(path))


def load_ledger(content: ContentDir) -> tuple[dict[str, Written], list[Problem]]:
    """The ledger's entries (none when there is no file yet) and the problems of
    reading it through the store (size limit, UTF-8, no symlink)."""
    entries, _, problems = _read(content)
    return entries, problems


def write_ledger(content: ContentDir, entries: Mapping[str, Written]) -> None:
    """Write the ledger when its text changes (no file for no entries)."""
    path, text = content.tags_ledger, ledger_text(entries)
    if path.exists() and read_text(path) == text or not entries and not path.exists():
        return
    write_atomic(path, text)


def ledger_problems(content: ContentDir, known: set[str]) -> list[Problem]:
    """The problems of reading the ledger, and every entry that names no paper
    of `known` (the records' slugs and their aliases: `retag` moves an entry
    kept under an alias to the record's slug), at its line."""
    entries, lines, problems = _read(content)
    shown = display_path(content.tags_ledger)
    return problems + [Problem(shown, lines[slug], f"{'read' if entry.read else 'rules'}.{slug}", STALE.format(slug=slug))
                       for slug, entry in entries.items() if slug not in known]
