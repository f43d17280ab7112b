"""`retag` and the ledger of written tags (content/tags-written.yaml) on a tiny
inline archive. Its rules give mtl [multi-task-learning], style [style-transfer]
(transfer-learning yields to it) and both [multi-task-learning, style-transfer];
every record starts with [multi-task-learning]."""

import pytest
import yaml

from generator.cli import main
from generator.content.tags_ledger import (HEAD, Written, ledger_problems, ledger_text, load_ledger, parse_ledger,
                                           written)
from generator.ingest.retag import read_tags, retag
from generator.model.problems import ContentError
from tests.ingest.test_tags_report import TAGS, archive  # noqa: F401 (the fixture)

MTL = ("multi-task-learning",)


def set_ledger(content, **entries: Written) -> None:
    content.tags_ledger.write_text(ledger_text(entries), "utf-8")


def tags_of(content, slug: str) -> list[str]:
    return yaml.safe_load(content.paper_path(slug).read_text("utf-8"))["tags"]


def edit_tags(content, slug: str, tags: list[str]) -> None:
    """The edit a person makes: the record's tag list replaced, nothing else."""
    path = content.paper_path(slug)
    record = yaml.safe_load(path.read_text("utf-8"))
    path.write_text(yaml.safe_dump({**record, "tags": tags}, sort_keys=False), "utf-8")


def snapshot(content) -> dict:
    return {path.name: path.read_bytes() for path in content.papers.iterdir()}


def test_retag_replaces_what_the_rules_wrote_and_keeps_edited_lists(archive):
    content, _ = archive
    # the rules wrote [multi-task-learning] into mtl and both; into style they wrote
    # [style-transfer], which a person has since changed
    set_ledger(content, mtl=written(MTL), both=written(MTL), style=written(["style-transfer"]))
    report = retag(content)
    assert (report.retagged, report.current, report.edited) == (["both"], ["mtl"], ["style"])
    assert (content.papers / "both.yaml").read_text("utf-8") == (
        "title: Multi-task Style Transfer\ntags:\n  - multi-task-learning\n  - style-transfer\n"
        "abstract: One model for style and tasks.\n")
    assert tags_of(content, "style") == ["multi-task-learning"]
    assert load_ledger(content) == ({"both": written(["multi-task-learning", "style-transfer"]), "mtl": written(MTL),
                                     "style": written(["style-transfer"])}, [])
    assert retag(content).retagged == []


def test_the_ledger_is_one_paper_a_line_in_slug_order(archive):
    content, _ = archive
    set_ledger(content, mtl=written(MTL), both=written(MTL), style=written(["style-transfer"]))
    retag(content, read_tags(content, content.root.parent / "labels.yaml"))
    assert content.tags_ledger.read_text("utf-8") == HEAD + (
        "read:\n"
        "  both: [style-transfer]\n"
        "  mtl: [multi-task-learning]\n"
        "rules:\n"
        "  style: [style-transfer]\n")


def test_a_rules_change_needs_no_freeze(archive):
    content, _ = archive
    set_ledger(content, mtl=written(MTL), style=written(MTL), both=written(MTL))
    retag(content)
    assert [tags_of(content, slug) for slug in ("style", "both")] == [["style-transfer"],
                                                                      ["multi-task-learning", "style-transfer"]]
    edit_tags(content, "style", ["style-transfer", "transfer-learning"])  # a person's edit, kept
    # the rules change: multi-task learning is now found by "tasks" only
    content.tags_file.write_text(TAGS.replace("      - multi-task\n", "      - tasks\n"), "utf-8")
    report = retag(content)
    assert (report.retagged, report.current, report.edited, report.no_rule) == (["both"], [], ["style"], ["mtl"])
    assert tags_of(content, "both") == ["style-transfer"]
    assert tags_of(content, "style") == ["style-transfer", "transfer-learning"]
    assert load_ledger(content)[0]["both"] == written(["style-transfer"])


def test_retag_writes_read_tags_over_the_rules_and_keeps_them(archive):
    content, labels = archive
    set_ledger(content, mtl=written(MTL), style=written(MTL), both=written(MTL))
    read = read_tags(content, labels)
    assert read == {"mtl": {"multi-task-learning"}, "style": {"style-transfer", "transfer-learning"},
                    "both": {"style-transfer"}}
    report = retag(content, read)
    assert (report.retagged, report.read, report.current, report.edited) == ([], ["both", "style"], ["mtl"], [])
    assert (content.papers / "style.yaml").read_text("utf-8") == (
        "title: Fast Style Transfer\ntags:\n  - style-transfer\n  - transfer-learning\n"
        "abstract: Style transfer in one pass, with transfer learning.\n")
    assert load_ledger(content)[0] == {"mtl": written(MTL, read=True), "both": written(["style-transfer"], read=True),
                                       "style": written(["style-transfer", "transfer-learning"], read=True)}
    # without the labelled set, the rules never replace a reading
    before = snapshot(content)
    assert retag(content).summary() == "0 retagged, 0 given their read tags, 3 already current, 0 edited by a person and kept"
    assert snapshot(content) == before


def test_a_read_list_a_person_cut_to_the_rules_output_is_kept(archive):
    """The case the ledger exists for: a person removes one tag from a read list,
    which leaves exactly what the current rules give; neither a run with the
    labels nor a run of the rules alone puts it back or changes it."""
    content, labels = archive
    set_ledger(content, mtl=written(MTL), style=written(MTL), both=written(MTL))
    retag(content, read_tags(content, labels))
    edit_tags(content, "style", ["style-transfer"])  # the rules' output for style
    edit_tags(content, "mtl", ["style-transfer"])
    before = snapshot(content)
    report = retag(content, read_tags(content, labels))
    assert (report.read, report.current, report.edited) == ([], ["both"], ["mtl", "style"])
    assert retag(content).edited == ["mtl", "style"]
    content.tags_file.write_text(TAGS.replace("      - multi-task\n", "      - multi-task\n      - style\n"), "utf-8")
    assert retag(content).edited == ["mtl", "style"]
    assert snapshot(content) == before
    assert retag(content, read_tags(content, labels)).summary() == (
        "0 retagged, 0 given their read tags, 1 already current, 2 edited by a person and kept")


def test_a_new_reading_replaces_an_earlier_one(archive):
    content, labels = archive
    set_ledger(content, mtl=written(MTL, read=True), style=written(MTL, read=True), both=written(MTL, read=True))
    report = retag(content, read_tags(content, labels))
    assert (report.read, report.current) == (["both", "style"], ["mtl"])
    assert tags_of(content, "both") == ["style-transfer"]


def test_a_list_a_person_edited_before_the_reading_is_kept(archive):
    content, labels = archive
    # the rules wrote these; "style" and "both" were edited since
    set_ledger(content, mtl=written(MTL), style=written(["style-transfer"]),
               both=written(["multi-task-learning", "style-transfer"]))
    report = retag(content, read_tags(content, labels))
    assert (report.read, report.current, report.edited) == ([], ["mtl"], ["both", "style"])
    assert load_ledger(content)[0] == {"mtl": written(MTL, read=True), "style": written(["style-transfer"]),
                                       "both": written(["multi-task-learning", "style-transfer"])}


def test_a_record_not_in_the_ledger_is_a_person_s_even_when_it_equals_a_command_s_output(archive):
    content, labels = archive
    before = snapshot(content)
    # mtl's list is both its rules' and its read tags; no command wrote it
    assert retag(content, read_tags(content, labels)).edited == ["both", "mtl", "style"]
    assert retag(content).edited == ["both", "mtl", "style"]
    assert snapshot(content) == before and not content.tags_ledger.exists()


def test_a_list_in_another_order_is_not_an_edit(archive):
    content, _ = archive
    set_ledger(content, both=written(["style-transfer", "multi-task-learning"]))
    edit_tags(content, "both", ["style-transfer", "multi-task-learning"])
    assert retag(content).current == ["both"]


def test_a_list_the_rules_find_no_tag_for_is_kept(archive):
    content, _ = archive
    content.tags_file.write_text(TAGS.replace("      - multi-task\n", "      - nothing-like-this\n"), "utf-8")
    set_ledger(content, mtl=written(MTL))
    report = retag(content)
    assert report.no_rule == ["mtl"] and tags_of(content, "mtl") == ["multi-task-learning"]
    assert report.summary() == ("0 retagged, 0 given their read tags, 0 already current, 2 edited by a person and kept, "
                                "1 kept as the rules find no tag for them")
    assert load_ledger(content)[0] == {"mtl": written(MTL)}


def test_a_renamed_paper_keeps_its_entry_and_its_reading(archive):
    content, labels = archive
    set_ledger(content, mtl=written(MTL), style=written(MTL), both=written(MTL))
    old = content.paper_path("style")
    content.paper_path("fast-style").write_text(old.read_text("utf-8") + "aliases:\n  - style\n", "utf-8")
    old.unlink()
    assert ledger_problems(content, {"mtl", "both", "fast-style", "style"}) == []
    report = retag(content, read_tags(content, labels))
    assert report.read == ["both", "fast-style"]
    assert tags_of(content, "fast-style") == ["style-transfer", "transfer-learning"]
    assert set(load_ledger(content)[0]) == {"both", "fast-style", "mtl"}


def test_a_removed_paper_s_entry_is_reported_at_its_line_and_dropped_by_retag(archive, monkeypatch):
    content, _ = archive
    monkeypatch.chdir(content.root.parent)
    set_ledger(content, mtl=written(MTL), style=written(MTL), both=written(MTL, read=True))
    content.paper_path("style").unlink()
    content.paper_path("both").unlink()
    assert [problem.text() for problem in ledger_problems(content, {"mtl"})] == [
        "content/tags-written.yaml:6: read.both: no paper 'both' in content/papers (renamed or removed? drop this line, "
        "or run `python -m generator retag`)",
        "content/tags-written.yaml:9: rules.style: no paper 'style' in content/papers (renamed or removed? drop this "
        "line, or run `python -m generator retag`)"]
    retag(content)
    assert ledger_problems(content, {"mtl"}) == [] and set(load_ledger(content)[0]) == {"mtl"}


def test_a_ledger_line_retag_would_not_write_fails_at_its_line(archive, monkeypatch, capsys):
    content, _ = archive
    monkeypatch.chdir(content.root.parent)
    set_ledger(content, mtl=written(MTL))
    text = content.tags_ledger.read_text("utf-8")
    content.tags_ledger.write_text(text + "<<<<<<< HEAD\n  style: [style-transfer]\n  mtl: []\n", "utf-8")
    hint = ("not a line `retag` writes: `read:`, `rules:`, or `  <paper slug>: [<tag>, <tag>]` under one of them "
            "(run `python -m generator retag` after fixing a merge)")
    expected = [f"content/tags-written.yaml:8: -: {hint}",
                "content/tags-written.yaml:10: rules.mtl: listed twice (first at line 7)"]
    before = snapshot(content)
    with pytest.raises(ContentError) as raised:
        retag(content)
    assert [problem.text() for problem in raised.value.problems] == expected
    assert [problem.text() for problem in ledger_problems(content, {"mtl", "style"})] == expected
    assert main(["--content", "content", "retag"]) == 1
    assert capsys.readouterr().err == "".join(line + "\n" for line in expected)
    assert snapshot(content) == before


def test_a_ledger_with_a_byte_that_is_not_utf8_is_one_line_naming_its_line(archive, monkeypatch, capsys):
    content, labels = archive
    monkeypatch.chdir(labels.parent)
    content.tags_ledger.write_bytes(b"# a ledger\nrules:\n  mtl: [multi-task-learning]\n  sty\xffle: []\n")
    line = "content/tags-written.yaml:4: -: not UTF-8 text (byte 0xff at offset 52)"
    with pytest.raises(ContentError) as raised:
        retag(content)
    assert [problem.text() for problem in raised.value.problems] == [line]
    assert [problem.text() for problem in ledger_problems(content, set())] == [line]
    assert main(["--content", "content", "retag", "--reviewed", "labels.yaml"]) == 1
    assert capsys.readouterr().err == line + "\n"


def test_a_ledger_that_is_a_symlink_is_not_followed(archive, monkeypatch):
    content, labels = archive
    monkeypatch.chdir(labels.parent)
    (labels.parent / "elsewhere.yaml").write_text(ledger_text({"mtl": written(["style-transfer"])}), "utf-8")
    content.tags_ledger.symlink_to(labels.parent / "elsewhere.yaml")
    with pytest.raises(ContentError) as raised:
        retag(content)
    assert [problem.text() for problem in raised.value.problems] == [
        "content/tags-written.yaml:1: -: symbolic links are not allowed here"]


def test_the_ledger_text_reads_back_as_written():
    entries = {"b": written(["z-tag", "a-tag"]), "a": written([], read=True), "c-3": written(["x"], read=True)}
    entries_read, lines, problems = parse_ledger(ledger_text(entries), "ledger")
    assert (entries_read, problems) == (entries, [])
    assert lines == {"a": 6, "c-3": 7, "b": 9}


def test_a_record_renamed_to_a_name_that_is_not_a_slug_leaves_the_ledger_readable(archive):
    content, _ = archive
    set_ledger(content, style=written(MTL))
    old = content.paper_path("style")
    content.paper_path("Fast_Style").write_text(old.read_text("utf-8") + "aliases:\n  - style\n", "utf-8")
    old.unlink()
    retag(content)
    assert load_ledger(content) == ({}, [])
