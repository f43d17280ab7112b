"""The on-disk cache of valid records (content/load.RecordCache): a second
load reads the files but parses and checks only what changed, and gives the
same archive; nothing invalid is ever taken from it."""

import json
import shutil

import pytest

import generator.content.load as load
from generator.content.load import RecordCache, load_archive
from generator.content.store import ContentDir
from tests.support import FIXTURE_CONTENT


@pytest.fixture
def fixture_content(tmp_path) -> ContentDir:
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    return ContentDir(tmp_path / "content")


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The names of the records parsed (not taken from the cache)."""
    seen, parse = [], load.load_record

    def counting(path, text=None):
        seen.append(path.name)
        return parse(path, text)
    monkeypatch.setattr(load, "load_record", counting)
    return seen


def test_a_second_load_parses_nothing_and_gives_the_same_archive(fixture_content, tmp_path, parses):
    cache = tmp_path / "records.json"
    first, problems = load_archive(fixture_content, records=RecordCache(cache))
    assert not problems and len(parses) == len(first.papers) > 50
    parses.clear()
    second, problems = load_archive(fixture_content, records=RecordCache(cache))
    assert not problems and parses == []
    assert second == first == load_archive(fixture_content)[0]


def test_an_edited_record_is_parsed_again(fixture_content, tmp_path, parses):
    cache = tmp_path / "records.json"
    load_archive(fixture_content, records=RecordCache(cache))
    path = sorted(fixture_content.papers.glob("*.yaml"))[0]
    path.write_text(path.read_text("utf-8").replace("title: ", "title: Edited ", 1), "utf-8")
    parses.clear()
    archive, _ = load_archive(fixture_content, records=RecordCache(cache))
    assert parses == [path.name]
    assert next(paper for paper in archive.papers if paper.slug == path.stem).title.startswith("Edited ")


def test_an_invalid_record_is_never_cached(fixture_content, tmp_path):
    cache = tmp_path / "records.json"
    path = sorted(fixture_content.papers.glob("*.yaml"))[0]
    path.write_text(path.read_text("utf-8") + "published: 2024-02-30\n", "utf-8")
    for _ in range(2):
        archive, problems = load_archive(fixture_content, records=RecordCache(cache))
        assert [problem.field for problem in problems if problem.severity == "error"] == ["published"]
        assert path.stem not in {paper.slug for paper in archive.papers}


def test_a_record_valid_under_the_old_vocabulary_is_checked_again(fixture_content, tmp_path):
    cache = tmp_path / "records.json"
    before, _ = load_archive(fixture_content, records=RecordCache(cache))
    used = before.papers[0].tags[0]
    tags = fixture_content.tags_file.read_text("utf-8")
    start = tags.index(f"- slug: {used}\n")
    end = tags.find("\n- slug: ", start + 1)
    fixture_content.tags_file.write_text(tags[:start] + (tags[end + 1:] if end > 0 else ""), "utf-8")
    _, problems = load_archive(fixture_content, records=RecordCache(cache))
    assert any(problem.message.startswith(f"unknown tag {used!r}") for problem in problems)


def test_only_the_records_of_the_last_load_are_kept(fixture_content, tmp_path):
    cache = tmp_path / "records.json"
    archive, _ = load_archive(fixture_content, records=RecordCache(cache))
    for path in sorted(fixture_content.papers.glob("*.yaml"))[:10]:
        path.unlink()
    load_archive(fixture_content, records=RecordCache(cache))
    assert len(json.loads(cache.read_text("utf-8"))["records"]) == len(archive.papers) - 10


@pytest.mark.parametrize("stored", ["", "not json", "[]", '{"code": "other", "records": {}}', '{"records": 5}'])
def test_a_damaged_or_foreign_cache_is_an_empty_one(fixture_content, tmp_path, parses, stored):
    cache = tmp_path / "records.json"
    cache.write_text(stored, "utf-8")
    archive, problems = load_archive(fixture_content, records=RecordCache(cache))
    assert not problems and len(parses) == len(archive.papers)
    assert archive == load_archive(fixture_content)[0]


def test_other_validating_code_ignores_the_cache(fixture_content, tmp_path, parses, monkeypatch):
    cache = tmp_path / "records.json"
    load_archive(fixture_content, records=RecordCache(cache))
    monkeypatch.setattr(load, "_code_digest", lambda: "changed")
    parses.clear()
    archive, _ = load_archive(fixture_content, records=RecordCache(cache))
    assert len(parses) == len(archive.papers)


def test_a_cache_that_cannot_be_written_costs_only_the_next_load(fixture_content, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", "utf-8")
    archive, problems = load_archive(fixture_content, records=RecordCache(blocked / "records.json"))
    assert not problems and archive == load_archive(fixture_content)[0]
