"""The importer on real dumps (two of the seeds, kept in the fixture archive):
the fixture's imported records are exactly its output."""

import re
import shutil

import pytest

from tests.support import FIXTURE_CONTENT
from generator.ingest.dumps import decode, parse_dump
from generator.ingest.importer import run_import
from generator.content.store import ContentDir
from generator.content.yamlio import load_mapping

HAND_ADDED = {"hand-added-sparse-attention.yaml", "hostile-markup-in-every-field.yaml"}


@pytest.fixture(scope="module")
def fresh_import(tmp_path_factory):
    """The fixture's content/ rebuilt from its dumps, manifest and vocabulary alone."""
    root = tmp_path_factory.mktemp("reimport") / "content"
    root.mkdir()
    shutil.copytree(FIXTURE_CONTENT / "dumps", root / "dumps")
    for name in ("sources.yaml", "tags.yaml"):
        shutil.copy(FIXTURE_CONTENT / name, root / name)
    content = ContentDir(root)
    report = run_import(content, [], progress=lambda message: None)
    return content, report


def test_every_entry_of_both_dumps_is_imported_without_problems(fresh_import):
    content, report = fresh_import
    assert report.problems == []
    assert len(report.new) == 47 + 36 - 10  # ten papers are in both dumps


def test_fixture_records_are_exactly_the_import_output(fresh_import, fixture_content):
    content, _ = fresh_import
    fresh = {path.name: path.read_bytes() for path in content.paper_entries()}
    kept = {path.name: path.read_bytes() for path in fixture_content.paper_entries() if path.name not in HAND_ADDED}
    assert fresh == kept


def test_every_metadata_block_of_the_dump_is_in_a_record(fixture_content):
    dump = fixture_content.dumps / "003_ced3532d949757d8.txt"
    lines = decode(dump.read_bytes()).split("\n")
    blocks = [index for index, line in enumerate(lines) if line.strip() == "·"]
    records = [load_mapping(path.read_text("utf-8"))[0] for path in fixture_content.paper_entries()]
    from_dump = [record for record in records if dump.name in (record.get("sources") or [])]
    assert len(from_dump) == len(blocks) == 36
    assert all("published" in record for record in from_dump)
    assert sum("authors_count" in record for record in from_dump) == sum(
        bool(re.match(r"\s*• \d+ authors", lines[index - 1])) for index in blocks)
    upvoted = [lines[index + 1] for index in blocks if re.search(r"\d{4} \d+$|[A-Z][a-z]{2} \d+ \d+$", lines[index + 1])]
    assert sum("upvotes" in record for record in from_dump) == len(upvoted)
