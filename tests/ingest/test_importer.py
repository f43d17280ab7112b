import datetime as dt

import pytest

from tests.support import ABSTRACT_MTL, ABSTRACT_STYLE, write_dump
from generator.cli import main
from generator.ingest.importer import run_import
from generator.model.problems import ContentError
from generator.content.validate import typed_fields
from generator.content.yamlio import load_mapping


def quiet(message):
    pass


def records(content):
    return {path.stem: typed_fields(load_mapping(path.read_text("utf-8"))[0])[0] for path in content.paper_entries()}


def snapshot(content):
    return {path: path.read_bytes() for path in sorted(content.root.rglob("*")) if path.is_file()}


def test_import_creates_one_record_per_paper_and_registers_the_dump(content, tmp_path):
    dump = write_dump(tmp_path, "new.txt", [("Shared Encoders for MTL", ABSTRACT_MTL), ("Fast Style Transfer", ABSTRACT_STYLE)])
    report = run_import(content, [dump], dt.date(2026, 4, 16), progress=quiet)
    assert report.summary() == "2 new, 0 updated, 0 unchanged, 0 entries not parsed, 0 papers without a tag"
    assert records(content)["shared-encoders-for-mtl"] == {
        "title": "Shared Encoders for MTL",
        "tags": ["multi-task-learning"],
        "links": ["https://github.com/example/mtl."[:-1]],
        "sources": ["new.txt"],
        "abstract": ABSTRACT_MTL,
    }
    assert records(content)["fast-style-transfer"]["tags"] == ["style-transfer"]
    assert (content.dumps / "new.txt").read_bytes() == dump.read_bytes()
    manifest, _ = load_mapping(content.sources_file.read_text("utf-8"))
    assert manifest["dumps"] == [{"file": "new.txt", "label": "dump new.txt", "captured": "2026-04-16"}]


def test_reimport_changes_no_byte(content, tmp_path):
    dump = write_dump(tmp_path, "d.txt", [("Shared Encoders for MTL", ABSTRACT_MTL)])
    run_import(content, [dump], progress=quiet)
    before = snapshot(content)
    report = run_import(content, [], progress=quiet)
    assert report.summary() == "0 new, 0 updated, 1 unchanged, 0 entries not parsed, 0 papers without a tag"
    assert snapshot(content) == before


def test_reimport_keeps_contributor_edits_and_adds_sightings(content, tmp_path):
    run_import(content, [write_dump(tmp_path, "a.txt", [("Shared Encoders for MTL", ABSTRACT_MTL)])], progress=quiet)
    path = content.paper_path("shared-encoders-for-mtl")
    edited = path.read_text("utf-8").replace("tags:\n  - multi-task-learning\n",
                                             "published: 2020-01-02\ntags:\n  - style-transfer\nvenue: ICLR 2021\n")
    path.write_text(edited, encoding="utf-8")
    dump = tmp_path / "b.txt"
    dump.write_text(f"Shared  Encoders for MTL\n\n{ABSTRACT_MTL}\n\n  • 4 authors\n·\nSep 27, 2024 7\n", encoding="utf-8")
    report = run_import(content, [dump], progress=quiet)
    assert report.summary() == "0 new, 1 updated, 0 unchanged, 0 entries not parsed, 0 papers without a tag"
    record = records(content)["shared-encoders-for-mtl"]
    assert record["published"] == "2020-01-02"  # the contributor's date wins
    assert record["tags"] == ["style-transfer"]
    assert record["venue"] == "ICLR 2021"
    assert record["authors_count"] == 4 and record["upvotes"] == 7  # empty fields filled
    assert record["sources"] == ["a.txt", "b.txt"]


def test_a_retitled_paper_is_recognised_by_its_abstract(content, tmp_path):
    run_import(content, [write_dump(tmp_path, "a.txt", [("Shared Encoders for MTL", ABSTRACT_MTL)])], progress=quiet)
    path = content.paper_path("shared-encoders-for-mtl")
    path.write_text(path.read_text("utf-8").replace("title: Shared Encoders for MTL", "title: Shared Encoders for Multi-Task Learning"), "utf-8")
    report = run_import(content, [write_dump(tmp_path, "b.txt", [("Shared Encoders for MTL", ABSTRACT_MTL)])], progress=quiet)
    assert (len(report.new), len(report.updated)) == (0, 1)


def test_titles_that_slugify_alike_get_two_files(content, tmp_path):
    """(Titles equal once punctuation is set aside are one paper's, `title_key`.)"""
    dump = write_dump(tmp_path, "d.txt", [("Transfer Learning for MTL+", ABSTRACT_MTL), ("Transfer learning for MTL?", ABSTRACT_STYLE)])
    report = run_import(content, [dump], progress=quiet)
    assert len(report.new) == 2
    titles = sorted(record["title"] for record in records(content).values())
    assert titles == ["Transfer Learning for MTL+", "Transfer learning for MTL?"]


def test_symbols_only_and_non_latin_titles_get_portable_files(content, tmp_path):
    dump = write_dump(tmp_path, "d.txt", [("∑∂ ⚡️ MTL", ABSTRACT_MTL), ("大规模 style transfer 模型", ABSTRACT_STYLE)])
    run_import(content, [dump], progress=quiet)
    found = records(content)
    assert sorted(record["title"] for record in found.values()) == ["∑∂ ⚡️ MTL", "大规模 style transfer 模型"]
    assert all(slug.isascii() for slug in found)


def test_unparsed_entries_are_reported_with_file_and_line(content, tmp_path):
    dump = tmp_path / "bad.txt"
    dump.write_text(f"Lonely Title\n\nShared Encoders for MTL\n\n{ABSTRACT_MTL}\n", encoding="utf-8")
    report = run_import(content, [dump], progress=quiet)
    assert [problem.text() for problem in report.problems] == [
        "content/dumps/bad.txt:1: abstract: title 'Lonely Title' has no abstract"]
    assert report.new == ["shared-encoders-for-mtl"]


def test_a_paper_no_rule_matches_is_reported(content, tmp_path):
    abstract = "An unrelated study of sorting networks and their depth, with proofs of optimality for small n and a search over comparator layouts."
    report = run_import(content, [write_dump(tmp_path, "d.txt", [("Sorting Networks", abstract)])], progress=quiet)
    assert [problem.field for problem in report.problems] == ["tags"]
    assert report.new == ["sorting-networks"]  # kept, for a human to tag


def test_import_refuses_to_merge_into_unreadable_content(content, tmp_path):
    (content.papers / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        run_import(content, [write_dump(tmp_path, "d.txt", [("Shared Encoders for MTL", ABSTRACT_MTL)])], progress=quiet)
    assert caught.value.problems[0].text().startswith("content/papers/broken.yaml:1: title: the list in brackets")
    assert [path.name for path in content.paper_entries()] == ["broken.yaml"]


def test_a_stray_metadata_block_is_reported_not_a_crash(content, tmp_path):
    dump = tmp_path / "stray.txt"
    dump.write_text(f"  • 2 authors\n·\nJan 7\n\nShared Encoders for MTL\n\n{ABSTRACT_MTL}\n", encoding="utf-8")
    report = run_import(content, [dump], progress=quiet)
    assert [problem.text() for problem in report.problems] == [
        "content/dumps/stray.txt:1: -: metadata block (authors · date) does not follow an abstract"]
    assert report.new == ["shared-encoders-for-mtl"]


def test_the_summary_counts_each_kind_of_problem_apart(content, tmp_path):
    sorting = "An unrelated study of sorting networks and their depth, with proofs of optimality for small n."
    dump = tmp_path / "mixed.txt"
    dump.write_text(f"Lonely Title\n\nShared Encoders for MTL\n\n{ABSTRACT_MTL}\n\n  • 2 authors\n·\nFeb 30, 2024\n\n"
                    f"Sorting Networks\n\n{sorting}\n", encoding="utf-8")
    report = run_import(content, [dump], progress=quiet)
    assert report.summary() == ("2 new, 0 updated, 0 unchanged, 1 entry not parsed, 1 paper without a tag, "
                                "1 metadata line not read")
    assert [problem.text() for problem in report.problems] == [
        "content/dumps/mixed.txt:1: abstract: title 'Lonely Title' has no abstract",
        "content/dumps/mixed.txt:9: published: no such day: 'Feb 30, 2024'",
        "content/dumps/mixed.txt:11: tags: no tag rule matches 'Sorting Networks'; add a tag by hand"]


def test_an_entry_whose_record_check_would_refuse_is_reported_not_written(content, tmp_path, capsys):
    """`import` applies `check`'s rules for one record to each record it writes."""
    dump = write_dump(tmp_path, "d.txt", [("MTL " + "x" * 100_000, ABSTRACT_MTL),
                                          (r"MTL $\raisebox{30em}{x}$", "Multi-task learning, a study."),
                                          ("Shared MTL", r"$\def\a{b}\a$ multi-task learning, a study."),
                                          ("Fast Style Transfer", ABSTRACT_STYLE)])
    assert main(["import", str(dump)]) == 1
    out, err = capsys.readouterr()
    assert out == "1 new, 0 updated, 0 unchanged, 3 entries not parsed, 0 papers without a tag\n"
    assert err.splitlines() == [
        "d.txt: 1 entries read, 3 not parsed",
        "content/dumps/d.txt:3: -: its record would be 100,249 bytes, larger than the 65,536 bytes `check` accepts",
        r"content/dumps/d.txt:7: title: the command \raisebox is not allowed in math ($\raisebox{30em}{x}$); "
        "allowed commands are listed in CONTRIBUTING.md",
        r"content/dumps/d.txt:11: abstract: macro definitions (\def) are not allowed in math ($\def\a{b}\a$); "
        "write the formula out in full",
        r"content/dumps/d.txt:11: abstract: the command \a is not allowed in math ($\def\a{b}\a$); "
        "allowed commands are listed in CONTRIBUTING.md"]
    assert [path.name for path in content.paper_entries()] == ["fast-style-transfer.yaml"]
    assert main(["check"]) == 0


def test_a_sighting_that_would_make_a_record_refused_is_not_merged(content, tmp_path):
    run_import(content, [write_dump(tmp_path, "a.txt", [("Shared Encoders for MTL", ABSTRACT_MTL)])], progress=quiet)
    dump = tmp_path / "b.txt"
    dump.write_text(f"Shared Encoders for MTL\n\n{ABSTRACT_MTL}\n\n  • 4 authors\n·\nSep 27, 2099 7\n", encoding="utf-8")
    report = run_import(content, [dump], progress=quiet)
    assert [problem.text() for problem in report.problems] == [
        f"content/dumps/b.txt:1: published: 2099-09-27 is in the future (today is {dt.date.today().isoformat()})"]
    assert "published" not in records(content)["shared-encoders-for-mtl"]


def test_a_nul_byte_is_counted_once_as_not_parsed(content, tmp_path, capsys):
    dump = tmp_path / "nul.txt"
    dump.write_text(f"Daily Papers\n\nNul\x00 MTL\n\n{ABSTRACT_MTL}\n", encoding="utf-8")
    assert main(["import", str(dump)]) == 1
    out, err = capsys.readouterr()
    assert out == "0 new, 0 updated, 0 unchanged, 1 entry not parsed, 0 papers without a tag\n"
    assert err.splitlines() == ["nul.txt: 0 entries read, 1 not parsed",
                                "content/dumps/nul.txt:3: -: control character or noncharacter U+0000 is not allowed"]


def test_a_paper_whose_title_and_abstract_were_both_corrected_is_still_found(content, tmp_path):
    """The same paper as `check` judges it: the title key, or abstracts that agree."""
    run_import(content, [write_dump(tmp_path, "a.txt", [("Shared Encoders for MTL", ABSTRACT_MTL)])], progress=quiet)
    path = content.paper_path("shared-encoders-for-mtl")
    path.write_text(path.read_text("utf-8").replace("title: Shared Encoders for MTL", "title: Shared Encoders for MTL (SEM)")
                    .replace("eleven", "twelve"), "utf-8")
    report = run_import(content, [write_dump(tmp_path, "b.txt", [("Shared Encoders for MTL", ABSTRACT_MTL)])], progress=quiet)
    assert (report.new, report.updated) == ([], ["shared-encoders-for-mtl"])
    retitled = run_import(content, [write_dump(tmp_path, "c.txt", [("Shared Encoders, for MTL (SEM)", "Another abstract.")])],
                          progress=quiet)
    assert (retitled.new, retitled.updated) == ([], ["shared-encoders-for-mtl"])
