"""Contributor edits against the invariants tests/test_live_content.py asserts
of content/: whatever `check` accepts keeps them; an edit that breaks them is
refused with advice. Each test edits a copy of the fixture archive (real dumps
and the records imported from them), never a paper of content/, which
contributors may edit."""

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.store import ContentDir
from tests.support import ABSTRACT_STYLE, FIXTURE_CONTENT
from tests.test_live_content import dump_entry_problems, reimport_changes

UGR = "a-unified-generative-retriever-for-knowledge-intensive-language-tasks-via-prompt"
UGR_TITLE = "A Unified Generative Retriever for Knowledge-Intensive Language Tasks via Prompt Learning"


@pytest.fixture
def archive(tmp_path, monkeypatch) -> ContentDir:
    """The fixture archive copied into a temporary directory, the working directory."""
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return ContentDir(tmp_path / "content")


def edit(content: ContentDir, slug: str, old: str, new: str) -> Path:
    path = content.paper_path(slug)
    text = path.read_text("utf-8")
    assert text.count(old) >= 1
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def check(content: ContentDir, capsys) -> tuple[int, list[str]]:
    """`check`'s exit status and its errors (formatting warnings set aside)."""
    capsys.readouterr()
    status = main(["--content", str(content.root), "check"])
    return status, [line for line in capsys.readouterr().out.splitlines() if ": warning: " not in line and not line.endswith("all valid")]


def test_a_field_a_dump_supplies_may_be_left_out_or_corrected(archive, tmp_path, capsys):
    """The next import fills a field left out again (no value changes) and
    keeps a corrected value."""
    edit(archive, UGR, "published: 2023-04-28\n", "")
    edit(archive, UGR, "authors_count: 7\n", "")
    edit(archive, "deep-task-specific-bottom-representation-network-for-multi-task-recommendation",
         "authors_count: 5", "authors_count: 15")
    assert check(archive, capsys) == (0, [])
    assert dump_entry_problems(archive) == []
    assert reimport_changes(archive.root, tmp_path / "reimport") == []


def test_the_title_and_the_abstract_may_both_be_corrected(archive, tmp_path, capsys):
    edit(archive, UGR, f"title: {UGR_TITLE}", f"title: {UGR_TITLE} (UGR)")
    edit(archive, UGR, "(KILTs)", "(KILT)")
    assert check(archive, capsys) == (0, [])
    assert dump_entry_problems(archive) == []
    assert reimport_changes(archive.root, tmp_path / "reimport") == []


def test_a_record_made_into_another_paper_is_refused_with_advice(archive, capsys):
    path = archive.paper_path(UGR)
    text = path.read_text("utf-8")
    text = text.replace(f"title: {UGR_TITLE}", "title: Fast Style Transfer")
    path.write_text(text[:text.index("abstract:")] + f"abstract: {ABSTRACT_STYLE}\n", "utf-8")
    status, lines = check(archive, capsys)
    advice = ("has no entry with this paper's title or abstract, nor one like them; list only the dumps the paper "
              "was seen in (a paper added by hand has none); if this file held the dump's paper and now holds "
              "another, restore it and add the other paper as a new file")
    assert status == 1
    assert lines == [f"content/papers/{UGR}.yaml:8: sources: '003_ced3532d949757d8.txt' {advice}"]
    assert dump_entry_problems(archive) == [  # what the advice prevents: the dump's paper lost
        f"003_ced3532d949757d8.txt:165: no record is {UGR_TITLE!r}"]


def test_a_reimport_that_adds_a_record_is_named(archive, tmp_path):
    """What the invariant refuses: a paper of a dump lost from content/ comes back."""
    archive.paper_path(UGR).unlink()
    assert reimport_changes(archive.root, tmp_path / "reimport") == [f"papers/{UGR}.yaml: added",
                                                                         "tags-written.yaml: added"]
