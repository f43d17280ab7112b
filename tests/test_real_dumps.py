"""The importer on the real dumps: the committed records are exactly its output."""

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from generator.dumps import decode, parse_dump
from generator.importer import run_import
from generator.store import ContentDir
from generator.yamlio import load_mapping

SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def fresh_import(tmp_path_factory):
    """content/ rebuilt from the committed dumps, manifest and vocabulary alone."""
    root = tmp_path_factory.mktemp("reimport") / "content"
    root.mkdir()
    shutil.copytree(ROOT / "content" / "dumps", root / "dumps")
    for name in ("sources.yaml", "tags.yaml"):
        shutil.copy(ROOT / "content" / name, root / name)
    content = ContentDir(root)
    report = run_import(content, [], progress=lambda message: None)
    return content, report


def test_all_483_unique_papers_are_imported_without_problems(fresh_import):
    content, report = fresh_import
    assert report.problems == []
    assert len(report.new) == 483


def test_committed_records_are_exactly_the_import_output(fresh_import, repo_content):
    content, _ = fresh_import
    fresh = {path.name: path.read_bytes() for path in content.paper_files()}
    committed = {path.name: path.read_bytes() for path in repo_content.paper_files()}
    assert fresh.keys() == committed.keys()
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert changed == [], "re-run `python -m generator import` (or a contributor edit is not tested here)"


def test_every_metadata_block_of_the_dump_is_in_a_record(repo_content):
    dump = repo_content.dumps / "003_ced3532d949757d8.txt"
    lines = decode(dump.read_bytes()).split("\n")
    blocks = [index for index, line in enumerate(lines) if line.strip() == "·"]
    records = [load_mapping(path.read_text("utf-8"))[0] for path in repo_content.paper_files()]
    from_dump = [record for record in records if dump.name in record["sources"]]
    assert len(from_dump) == len(blocks) == 36
    assert all("published" in record for record in from_dump)
    assert sum("authors_count" in record for record in from_dump) == sum(
        bool(re.match(r"\s*• \d+ authors", lines[index - 1])) for index in blocks)
    upvoted = [lines[index + 1] for index in blocks if re.search(r"\d{4} \d+$|[A-Z][a-z]{2} \d+ \d+$", lines[index + 1])]
    assert sum("upvotes" in record for record in from_dump) == len(upvoted)


def test_titles_and_abstracts_are_the_exact_dump_text(repo_content):
    records = {load_mapping(path.read_text("utf-8"))[0]["title"]: load_mapping(path.read_text("utf-8"))[0]
               for path in repo_content.paper_files()}
    for dump in sorted(repo_content.dumps.iterdir()):
        for entry in parse_dump(decode(dump.read_bytes())).entries:
            assert records[entry.title]["abstract"] == entry.abstract


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the checkout")
def test_kept_dumps_are_the_seeds():
    for seed in sorted(SEEDS.glob("*.txt")):
        assert (ROOT / "content" / "dumps" / seed.name).read_bytes() == seed.read_bytes()
