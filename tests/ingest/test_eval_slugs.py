"""The files of eval/ keyed by slug: read through the store (size limit, UTF-8,
no symlink) with file:line errors, and every slug in them checked against the
records and their aliases (`stale_slugs`, which `check` runs)."""

import pytest

from generator.cli import main
from generator.content.eval_sets import stale_slugs
from generator.ingest.retag import read_tags
from generator.model.problems import ContentError
from tests.ingest.test_tags_report import archive  # noqa: F401 (the fixture)

LEDGER_HEAD = "# Papers given their read tags.\n# One slug a line.\n"


def test_a_ledger_with_a_byte_that_is_not_utf8_is_one_line_naming_its_line(archive, monkeypatch, capsys):
    content, labels = archive
    monkeypatch.chdir(labels.parent)
    labels.with_name("tags-written.txt").write_bytes(LEDGER_HEAD.encode() + b"mtl\nsty\xffle\n")
    with pytest.raises(ContentError) as raised:
        read_tags(content, labels)
    assert [problem.text() for problem in raised.value.problems] == [
        "tags-written.txt:4: -: not UTF-8 text (byte 0xff at offset 58)"]
    assert main(["--content", "content", "retag", "--reviewed", "labels.yaml"]) == 1
    assert capsys.readouterr().err == "tags-written.txt:4: -: not UTF-8 text (byte 0xff at offset 58)\n"


def test_a_ledger_that_is_a_symlink_is_not_followed(archive, monkeypatch):
    content, labels = archive
    monkeypatch.chdir(labels.parent)
    (labels.parent / "elsewhere.txt").write_text("mtl\n", "utf-8")
    labels.with_name("tags-written.txt").symlink_to(labels.parent / "elsewhere.txt")
    with pytest.raises(ContentError) as raised:
        read_tags(content, labels)
    assert [problem.text() for problem in raised.value.problems] == [
        "tags-written.txt:1: -: symbolic links are not allowed here"]


TAGS_SET = """papers:
  - slug: mtl
    tags: [multi-task-learning]
  - slug: old-name
    tags: [style-transfer]
"""

RELATED_SET = """papers:
  - slug: style
    split: tune
    best: [mtl]
    useful:
      - mtl
      - gone
    weak: []
  - slug: mtl
    split: tune
    best: []
    useful: []
    weak: [renamed-once]
"""


def write_eval(tmp_path) -> None:
    folder = tmp_path / "eval"
    folder.mkdir()
    (folder / "tags.yaml").write_text(TAGS_SET, "utf-8")
    (folder / "related.yaml").write_text(RELATED_SET, "utf-8")
    (folder / "tags-written.txt").write_text(LEDGER_HEAD + "mtl\nold-name\nstyle\n", "utf-8")


def test_every_slug_that_names_no_paper_fails_at_its_line_with_a_hint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_eval(tmp_path)
    hint = "(renamed? update the slug here; removed? drop it)"
    assert [problem.text() for problem in stale_slugs(tmp_path / "eval", {"mtl", "style"})] == [
        f"eval/tags.yaml:4: papers[1].slug: no paper 'old-name' in content/papers {hint}",
        f"eval/related.yaml:7: papers[0].useful[1]: no paper 'gone' in content/papers {hint}",
        f"eval/related.yaml:13: papers[1].weak[0]: no paper 'renamed-once' in content/papers {hint}",
        f"eval/tags-written.txt:4: -: no paper 'old-name' in content/papers {hint}",
    ]


def test_a_slug_that_is_an_alias_of_a_paper_is_not_stale(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_eval(tmp_path)
    assert stale_slugs(tmp_path / "eval", {"mtl", "style", "old-name", "gone", "renamed-once"}) == []


def test_no_eval_folder_means_nothing_to_check(tmp_path):
    assert stale_slugs(tmp_path / "eval", set()) == []


def test_an_eval_file_that_cannot_be_read_is_reported_not_raised(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_eval(tmp_path)
    (tmp_path / "eval" / "tags-written.txt").write_bytes(b"mtl\n\xc3(\n")
    (tmp_path / "eval" / "related.yaml").write_text("papers: [\n", "utf-8")
    found = [problem.text() for problem in stale_slugs(tmp_path / "eval", {"mtl", "style", "old-name"})]
    assert found[-1] == "eval/tags-written.txt:2: -: not UTF-8 text (byte 0xc3 at offset 4)"
    assert len(found) == 2 and found[0].startswith("eval/related.yaml:")
