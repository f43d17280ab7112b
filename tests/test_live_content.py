"""The live content/ that contributors edit. Only invariants every valid edit
keeps are asserted here: no counts, no particular paper, no byte equality with
a fresh import (a contributor's date fix must never break CI). Each invariant is
a function of a content directory, so tests/test_contributor_edits.py can
apply it to a copy with a contributor's edit."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.hand_typed import hand_typed
from tests.support import FIXTURE_CONTENT, ROOT, build_site, copy_repo
from generator.ingest.dumps import decode, parse_dump
from generator.ingest.importer import run_import
from generator.ingest.same_paper import SamePapers
from generator.content.load import load_archive, load_record
from generator.model.problems import errors
from generator.content.store import ContentDir

LIVE = ContentDir(ROOT / "content")
SEEDS = ROOT.parent / "shared" / "seeds"


def test_check_passes():
    _, problems = load_archive(LIVE, dt.date.today())
    assert errors(problems) == []


def dump_entry_problems(content: ContentDir) -> list[str]:
    """Each dump entry that no record is, found the way the importer finds it
    (`SamePapers`): a contributor may correct a title or an abstract, never
    lose the paper (a reimport would add it again). One paper in two records
    is `check`'s duplicate rule."""
    archive, _ = load_archive(content)
    records = SamePapers()
    for paper in archive.papers:
        records.add(paper.slug, paper.title, paper.abstract)
    problems = []
    for source in archive.sources:
        for entry in parse_dump(decode((content.dumps / source.file).read_bytes()), source.captured).entries:
            if records.best(entry.title, entry.abstract) is None:
                problems.append(f"{source.file}:{entry.line}: no record is {entry.title!r}")
    return problems


def test_every_dump_entry_is_a_record():
    assert dump_entry_problems(LIVE) == []


def reimport_changes(root: Path, tmp_path: Path) -> list[str]:
    """What a fresh import of a copy of `root` changes beyond what it may: it may
    fill a field a record leaves empty, add a dump to `sources` and rewrite a
    record into canonical form; it never changes a value a record holds, adds or
    removes a file, or rewrites any other file. One line per change, naming the
    file and the field."""
    shutil.copytree(root, tmp_path / "content")
    copy = ContentDir(tmp_path / "content")

    def meanings() -> dict:
        found = {}
        for path in sorted(copy.root.rglob("*")):
            name = path.relative_to(copy.root).as_posix()
            if path.is_file() and path.parent == copy.papers:
                found[name] = load_record(path)[1]
            elif path.is_file():
                found[name] = path.read_bytes()
        return found

    before = meanings()
    run_import(copy, [], progress=lambda message: None)
    after = meanings()
    changes = [f"{name}: {'added' if name in after else 'removed'}" for name in sorted(before.keys() ^ after.keys())]
    for name in sorted(before.keys() & after.keys()):
        old, new = before[name], after[name]
        if not isinstance(old, dict) or not isinstance(new, dict):
            changes += [f"{name}: rewritten"] if old != new else []
            continue
        for field in sorted(old.keys() | new.keys()):
            if field == "sources" and set(old.get(field) or ()) <= set(new.get(field) or ()):
                continue  # a sighting added
            if field in old and old[field] != new.get(field):
                changes.append(f"{name}: {field}: {old[field]!r} became {new.get(field)!r}")
    return changes


def test_reimporting_changes_no_value(tmp_path):
    assert reimport_changes(LIVE.root, tmp_path) == []


@pytest.mark.slow
def test_the_strict_build_passes(tmp_path):
    repo = copy_repo(tmp_path, ROOT / "content")
    result = build_site(repo, repo / "site")
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_kept_dumps_are_the_seeds():
    for seed in sorted(SEEDS.glob("*.txt")):
        assert (LIVE.dumps / seed.name).read_bytes() == seed.read_bytes()
