"""The live content/ that contributors edit. Only invariants every valid edit
keeps are asserted here: no counts, no particular paper, no byte equality with
a fresh import (a contributor's date fix must never break CI)."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.hand_typed import hand_typed
from tests.support import FIXTURE_CONTENT, ROOT, build_site, copy_repo
from generator.ingest.dumps import decode, parse_dump
from generator.ingest.importer import identity, run_import
from generator.content.load import load_archive, load_record
from generator.model.problems import errors
from generator.content.store import ContentDir

LIVE = ContentDir(ROOT / "content")
SEEDS = ROOT.parent / "shared" / "seeds"


def test_check_passes():
    _, problems = load_archive(LIVE, dt.date.today())
    assert errors(problems) == []


def test_every_dump_entry_is_exactly_one_record_with_the_dump_text():
    """Found the way the importer finds it (same title or same abstract), and the
    record still holds the dump's text in at least one of them: a contributor may
    correct a title, never lose the paper."""
    archive, _ = load_archive(LIVE)
    keys = [(identity(paper.title), identity(paper.abstract), paper) for paper in archive.papers]
    for source in archive.sources:
        for entry in parse_dump(decode((LIVE.dumps / source.file).read_bytes()), source.captured).entries:
            title, abstract = identity(entry.title), identity(entry.abstract)
            matches = [paper for paper_title, paper_abstract, paper in keys
                       if paper_title == title or paper_abstract == abstract]
            assert len(matches) == 1, (source.file, entry.line, [paper.slug for paper in matches])
            assert entry.title == matches[0].title or entry.abstract == matches[0].abstract, (source.file, entry.line)


def reimport_changes(root: Path, tmp_path: Path) -> list[str]:
    """The files whose meaning a fresh import of a copy of `root` changes: a record
    whose values differ (its sources compared as a set), a file added or removed,
    any other file rewritten. The import may put a record into canonical form."""
    shutil.copytree(root, tmp_path / "content")
    copy = ContentDir(tmp_path / "content")

    def meanings() -> dict:
        found = {}
        for path in sorted(copy.root.rglob("*")):
            if path.is_file() and path.parent == copy.papers:
                _, data, _ = load_record(path)
                found[path.name] = {**data, "sources": sorted(data.get("sources") or [])}
            elif path.is_file():
                found[path.relative_to(copy.root).as_posix()] = path.read_bytes()
        return found

    before = meanings()
    run_import(copy, [], progress=lambda message: None)
    after = meanings()
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def test_reimporting_changes_no_record(tmp_path):
    assert reimport_changes(LIVE.root, tmp_path) == []


def test_reimporting_accepts_a_valid_record_in_any_form(tmp_path):
    """The invariant above holds for every valid record, canonical or not."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    path = content / "papers" / "deep-task-specific-bottom-representation-network-for-multi-task-recommendation.yaml"
    _, data, _ = load_record(path)
    assert len(data["sources"]) > 1
    path.write_bytes(hand_typed({**data, "sources": data["sources"][::-1]}).encode("utf-8"))  # out of order
    _, problems = load_archive(ContentDir(content), dt.date.today())
    assert errors(problems) == []
    assert reimport_changes(content, tmp_path / "reimport") == []


@pytest.mark.slow
def test_the_strict_build_passes(tmp_path):
    repo = copy_repo(tmp_path, ROOT / "content")
    result = build_site(repo, repo / "site")
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_kept_dumps_are_the_seeds():
    for seed in sorted(SEEDS.glob("*.txt")):
        assert (LIVE.dumps / seed.name).read_bytes() == seed.read_bytes()
