"""The live content/ that contributors edit. Only invariants every valid edit
keeps are asserted here: no counts, no particular paper, no byte equality with
a fresh import (a contributor's date fix must never break CI)."""

import datetime as dt
import shutil

import pytest

from tests.support import ROOT, build_site, copy_repo
from generator.ingest.dumps import decode, parse_dump
from generator.ingest.importer import identity, run_import
from generator.content.load import load_archive
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


def test_reimporting_changes_no_byte(tmp_path):
    shutil.copytree(LIVE.root, tmp_path / "content")
    copy = ContentDir(tmp_path / "content")
    before = {path: path.read_bytes() for path in sorted((tmp_path / "content").rglob("*")) if path.is_file()}
    run_import(copy, [], progress=lambda message: None)
    after = {path: path.read_bytes() for path in sorted((tmp_path / "content").rglob("*")) if path.is_file()}
    assert [path.name for path in after if before.get(path) != after[path]] == []


@pytest.mark.slow
def test_the_strict_build_passes(tmp_path):
    repo = copy_repo(tmp_path, ROOT / "content")
    result = build_site(repo, repo / "site")
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_kept_dumps_are_the_seeds():
    for seed in sorted(SEEDS.glob("*.txt")):
        assert (LIVE.dumps / seed.name).read_bytes() == seed.read_bytes()
