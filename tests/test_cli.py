from tests.support import ABSTRACT_MTL, ABSTRACT_STYLE, write_dump
from generator.cli import main


def test_import_then_check_passes(content, tmp_path, capsys):
    dump = write_dump(tmp_path, "d.txt", [("Shared Encoders for MTL", ABSTRACT_MTL)])
    assert main(["import", str(dump)]) == 0
    assert capsys.readouterr().out == "1 new, 0 updated, 0 unchanged, 0 entries not parsed, 0 papers without a tag\n"
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "1 papers, 2 tags, 1 dumps: all valid\n"


def test_check_reports_every_problem_without_traceback(content, tmp_path, capsys):
    main(["import", str(write_dump(tmp_path, "d.txt", [("Shared Encoders for MTL", ABSTRACT_MTL)]))])
    capsys.readouterr()
    path = content.paper_path("shared-encoders-for-mtl")
    path.write_text(path.read_text("utf-8") + "published: 2024-13-45\nsources: []\n", encoding="utf-8")
    assert main(["check"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "content/papers/shared-encoders-for-mtl.yaml:11: sources: duplicate key (first at line 6)"]
    assert "Traceback" not in captured.err and captured.err == "1 problem found\n"


def test_check_github_format_gives_annotations(content, tmp_path, capsys):
    main(["import", str(write_dump(tmp_path, "d.txt", [("Shared Encoders for MTL", ABSTRACT_MTL)]))])
    path = content.paper_path("shared-encoders-for-mtl")
    path.write_text(path.read_text("utf-8").replace("  - multi-task-learning", "  - nope"), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--format", "github"]) == 1
    assert capsys.readouterr().out == (
        "::error file=content/papers/shared-encoders-for-mtl.yaml,line=3::tags: unknown tag 'nope' (see content/tags.yaml)\n")


def test_import_of_a_missing_dump_is_one_clear_line(content, capsys):
    assert main(["import", "no-such.txt"]) == 1
    assert capsys.readouterr().err == "error: no-such.txt: no such file\n"


def test_fmt_rewrites_into_canonical_form_and_check_then_passes(content, tmp_path, capsys):
    main(["import", str(write_dump(tmp_path, "d.txt", [("Shared Encoders for MTL", ABSTRACT_MTL)]))])
    path = content.paper_path("shared-encoders-for-mtl")
    canonical = path.read_text("utf-8")
    path.write_text('{"title": "Shared Encoders for MTL", "tags": ["multi-task-learning"], "sources": ["d.txt"], '
                    f'"links": ["https://github.com/example/mtl"], "abstract": "{ABSTRACT_MTL}"}}\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["check"]) == 0  # formatting is advice: warnings, exit 0
    captured = capsys.readouterr()
    assert "warning: move `links` after `tags`" in captured.out
    assert captured.err == "1 warning (advice only; `python -m generator fmt` rewrites the formatting ones)\n"
    assert main(["fmt"]) == 0
    assert capsys.readouterr().out == "1 file rewritten\n"
    assert path.read_text("utf-8") == canonical
    assert main(["check"]) == 0


def test_the_warning_count_promises_fmt_nothing_it_does_not_rewrite(content, capsys):
    from generator.content.embeddings import DIMS, FIRST_LINE, encode
    (content.root / "embeddings").mkdir()
    (content.root / "embeddings" / "specter2-v1-2021.tsv").write_text(
        f"{FIRST_LINE}\n2106.15928\t{encode(bytes([1] * DIMS))}\n", encoding="utf-8")
    assert main(["check"]) == 0
    captured = capsys.readouterr()
    assert "2106.15928: warning: no record has this arXiv id" in captured.out
    assert "formatting" not in captured.err.split(";")[0]
    assert captured.err == "1 warning (advice only; `python -m generator fmt` rewrites the formatting ones)\n"


def test_check_site_on_the_built_site(built_site, capsys, monkeypatch):
    from tests.support import FIXTURE_CONTENT
    assert main(["--content", str(FIXTURE_CONTENT), "check-site", "--site", str(built_site)]) == 0
    assert capsys.readouterr().out == f"{built_site}: all links, anchors and pages check out\n"


def test_retag_keeps_a_person_s_tags_and_is_idempotent(content, tmp_path, capsys):
    main(["import", str(write_dump(tmp_path, "d.txt", [("Shared Encoders for MTL", ABSTRACT_MTL),
                                                         ("Training-Free Style Transfer", ABSTRACT_STYLE)]))])
    edited = content.paper_path("training-free-style-transfer")
    edited.write_text(edited.read_text("utf-8").replace("  - style-transfer", "  - multi-task-learning"), "utf-8")
    before = edited.read_bytes()
    capsys.readouterr()
    assert main(["retag"]) == 0
    assert capsys.readouterr().out == (
        "0 retagged, 0 given their read tags, 1 already current, 1 edited by a person and kept\n")
    assert edited.read_bytes() == before


def test_import_records_the_tags_it_writes_so_a_rules_change_reaches_them(content, tmp_path, capsys):
    main(["import", str(write_dump(tmp_path, "d.txt", [("Shared Encoders for MTL", ABSTRACT_MTL)]))])
    ledger = content.root / "tags-written.yaml"
    assert ledger.read_text("utf-8").endswith("read:\nrules:\n  shared-encoders-for-mtl: [multi-task-learning]\n")
    main(["import", str(write_dump(tmp_path, "e.txt", [("Training-Free Style Transfer", ABSTRACT_STYLE),
                                                         ("Shared Encoders for MTL", ABSTRACT_MTL)]))])
    assert ledger.read_text("utf-8").endswith("rules:\n  shared-encoders-for-mtl: [multi-task-learning]\n"
                                              "  training-free-style-transfer: [style-transfer]\n")
    edited = content.paper_path("training-free-style-transfer")
    edited.write_text(edited.read_text("utf-8").replace("  - style-transfer", "  - multi-task-learning"), "utf-8")
    # the rules change, with no copy of the old ones: "encoders" now finds style transfer
    content.tags_file.write_text(content.tags_file.read_text("utf-8") + "      - encoders\n", "utf-8")
    capsys.readouterr()
    assert main(["retag"]) == 0
    assert capsys.readouterr().out == "1 retagged, 0 given their read tags, 0 already current, 1 edited by a person and kept\n"
    assert "  - multi-task-learning\n  - style-transfer\n" in content.paper_path("shared-encoders-for-mtl").read_text("utf-8")
    assert "  - multi-task-learning\nsources" in edited.read_text("utf-8")
    assert ledger.read_text("utf-8").endswith("rules:\n  shared-encoders-for-mtl: [multi-task-learning, style-transfer]\n"
                                              "  training-free-style-transfer: [style-transfer]\n")
    before = ledger.stat().st_ino  # a write replaces the file
    main(["import", str(tmp_path / "e.txt")])  # nothing new: the ledger is not written
    assert ledger.stat().st_ino == before


def test_retag_writes_the_read_tags_of_eval_tags_yaml_beside_the_content(content, tmp_path, capsys, monkeypatch):
    main(["import", str(write_dump(tmp_path, "d.txt", [("Shared Encoders for MTL", ABSTRACT_MTL),
                                                         ("Training-Free Style Transfer", ABSTRACT_STYLE)]))])
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "tags.yaml").write_text(
        "papers:\n  - slug: training-free-style-transfer\n    split: tune\n"
        "    tags: [multi-task-learning, style-transfer]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "eval")  # found beside the content folder, wherever the command runs
    capsys.readouterr()
    assert main(["--content", str(tmp_path / "content"), "retag"]) == 0
    assert capsys.readouterr().out == (
        "0 retagged, 1 given their read tags, 1 already current, 0 edited by a person and kept\n")
    assert "  - multi-task-learning\n  - style-transfer\n" in content.paper_path(
        "training-free-style-transfer").read_text("utf-8")
    assert (tmp_path / "content" / "tags-written.yaml").read_text("utf-8").endswith(
        "read:\n  training-free-style-transfer: [multi-task-learning, style-transfer]\n"
        "rules:\n  shared-encoders-for-mtl: [multi-task-learning]\n")
    assert main(["--content", str(tmp_path / "content"), "retag", "--reviewed", str(tmp_path / "missing.yaml")]) == 1
    assert capsys.readouterr().err == "../missing.yaml:1: -: file is missing\n"


def test_tags_report_against_labels(content, tmp_path, capsys):
    main(["import", str(write_dump(tmp_path, "d.txt", [("Shared Encoders for MTL", ABSTRACT_MTL)]))])
    labels = tmp_path / "labels.yaml"
    labels.write_text("papers:\n  - slug: shared-encoders-for-mtl\n    split: tune\n    tags: [multi-task-learning]\n",
                      encoding="utf-8")
    capsys.readouterr()
    assert main(["tags-report", "--labels", str(labels)]) == 0
    report = capsys.readouterr().out
    assert report.startswith("Tagging rules against ") and "100.0%" in report


def test_tags_report_names_the_line_of_a_bad_label(content, tmp_path, capsys):
    labels = tmp_path / "labels.yaml"
    labels.write_text("papers:\n  - slug: no-such-paper\n    tags: [multi-task-learning]\n", encoding="utf-8")
    assert main(["tags-report", "--labels", str(labels)]) == 1
    assert "no paper 'no-such-paper' in content/papers" in capsys.readouterr().err


def test_related_report_against_labels(content, tmp_path, capsys):
    main(["import", str(write_dump(tmp_path, "d.txt", [("Shared Encoders for MTL", ABSTRACT_MTL),
                                                         ("Training-Free Style Transfer", ABSTRACT_STYLE)]))])
    labels = tmp_path / "labels.yaml"
    labels.write_text("papers:\n  - slug: shared-encoders-for-mtl\n    split: tune\n    best: []\n    useful: []\n"
                      "    weak: []\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["related-report", "--labels", str(labels)]) == 0
    assert capsys.readouterr().out.startswith("| papers | labelled | listed |")
    labels.write_text("papers:\n  - slug: shared-encoders-for-mtl\n    best: [nope]\n    useful: []\n    weak: []\n",
                      encoding="utf-8")
    assert main(["related-report", "--labels", str(labels)]) == 1
    assert "no such paper in content/papers: nope" in capsys.readouterr().err


def test_a_file_that_cannot_be_read_is_one_line_not_a_traceback(content, tmp_path, capsys):
    (tmp_path / "folder.txt").mkdir()
    assert main(["import", "folder.txt"]) == 1
    assert capsys.readouterr().err == "error: folder.txt: Is a directory\n"
