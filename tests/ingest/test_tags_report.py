"""`tags_report` and `retag` on a tiny inline archive."""

import pytest

from generator.content.store import ContentDir
from generator.ingest.retag import read_tags, retag
from generator.ingest.tags_report import tags_report
from generator.model.problems import ContentError

TAGS = """tags:
  - slug: multi-task-learning
    name: Multi-task learning
    description: One model, several tasks.
    match:
      - multi-task
  - slug: style-transfer
    name: Style transfer
    description: Moving the style of one input onto another.
    match:
      - style transfer
    support:
      - style
  - slug: transfer-learning
    name: Transfer learning
    description: Reuse.
    broad: true
    yields_to:
      - style-transfer
    match:
      - transfer learning
"""

PAPERS = {
    "mtl": ("Multi-task Encoders", "We train multi-task encoders."),
    "style": ("Fast Style Transfer", "Style transfer in one pass, with transfer learning."),
    "both": ("Multi-task Style Transfer", "One model for style and tasks."),
}

LABELS = """seed: '1'
papers:
  - slug: mtl
    split: tune
    tags:
      - multi-task-learning
  - slug: style
    split: tune
    tags:
      - style-transfer
      - transfer-learning
  - slug: both
    split: held-out
    tags:
      - style-transfer
    second_reading:
      - multi-task-learning
      - style-transfer
"""


@pytest.fixture
def archive(tmp_path):
    root = tmp_path / "content"
    (root / "papers").mkdir(parents=True)
    (root / "dumps").mkdir()
    (root / "tags.yaml").write_text(TAGS, "utf-8")
    (root / "sources.yaml").write_text("dumps: []\n", "utf-8")
    for slug, (title, abstract) in PAPERS.items():
        (root / "papers" / f"{slug}.yaml").write_text(f"title: {title}\ntags:\n  - multi-task-learning\n"
                                                      f"abstract: {abstract}\n", "utf-8")
    (tmp_path / "labels.yaml").write_text(LABELS, "utf-8")
    return ContentDir(root), tmp_path / "labels.yaml"


def test_report_counts_precision_recall_and_names_the_wrong_papers(archive):
    content, labels = archive
    report = tags_report(content, labels)
    lines = report.splitlines()
    assert lines[0].endswith("labels.yaml: 3 labelled papers (held-out 1, tune 2)")
    # assigned: mtl {mtl}, style {style} (transfer-learning yields), both {mtl, style}: 4 given, 3 right, 4 labelled
    assert lines[3].split() == ["all", "3", "75.0%", "75.0%", "4", "4", "3", "3/3"]
    assert lines[4].split() == ["held-out", "1", "50.0%", "100.0%", "2", "1", "1", "1/1"]
    assert lines[5].split() == ["tune", "2", "100.0%", "66.7%", "2", "3", "2", "2/2"]
    assert lines[7] == ("Papers read twice: 1; the second reading gives 2 tags, the first 1, 1 in both "
                        "(precision 50.0%, recall 100.0% taking the first as right)")
    assert lines[10].split() == ["multi-task-learning", "1", "2", "1", "50.0%", "100.0%", "66.7%"]
    assert lines[12].split() == ["transfer-learning", "1", "0", "0", "-", "0.0%", "0.0%"]
    assert report.endswith("Papers each tag gets wrong\nmulti-task-learning:\n  wrongly given: both\n"
                           "transfer-learning:\n  missed:        style\n")


def test_report_rejects_labels_naming_unknown_papers_or_tags(archive):
    content, labels = archive
    labels.write_text(LABELS.replace("slug: mtl", "slug: nope").replace("- transfer-learning", "- robotics")
                      .replace("      - multi-task-learning\n      - style", "      - speech\n      - style"), "utf-8")
    with pytest.raises(ContentError) as caught:
        tags_report(content, labels)
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("papers[0].slug", "no paper 'nope' in content/papers (renamed or removed? change or drop this entry)"),
        ("papers[1].tags", "not in the vocabulary: robotics"),
        ("papers[2].second_reading", "not in the vocabulary: speech")]
    labels.write_text(LABELS.replace("slug: both", "slug: mtl"), "utf-8")
    with pytest.raises(ContentError) as caught:
        tags_report(content, labels)
    assert [(p.line, p.field, p.message) for p in caught.value.problems] == [(12, "papers[2].slug", "'mtl' is labelled twice")]


def test_no_agreement_line_without_a_second_reading(archive):
    content, labels = archive
    labels.write_text(LABELS.split("    second_reading:")[0], "utf-8")
    assert "read twice" not in tags_report(content, labels)


def test_a_label_longer_than_a_record_takes_is_refused(archive):
    content, labels = archive
    nine = "".join(f"      - {tag}\n" for tag in ["style-transfer"] * 9)
    labels.write_text(LABELS.replace("      - style-transfer\n      - transfer-learning\n", nine), "utf-8")
    with pytest.raises(ContentError) as caught:
        tags_report(content, labels)
    assert [(p.field, p.message) for p in caught.value.problems] == [("papers[1].tags", "9 tags: a record takes at most 8")]


def test_retag_replaces_rules_output_and_keeps_edited_lists(archive, monkeypatch):
    content, _ = archive
    # "mtl" and "both" carry what these stand-in old rules give; "style" was edited by a person
    old_rules = lambda title, abstract: ("multi-task-learning",) if "Fast" not in title else ("style-transfer",)
    monkeypatch.setattr("generator.ingest.retag.KNOWN_RULES", (old_rules,))
    report = retag(content)
    assert (report.retagged, report.current, report.edited) == (["both"], ["mtl"], ["style"])
    assert (content.papers / "both.yaml").read_text("utf-8") == (
        "title: Multi-task Style Transfer\ntags:\n  - multi-task-learning\n  - style-transfer\n"
        "abstract: One model for style and tasks.\n")
    assert "  - multi-task-learning\n" in (content.papers / "style.yaml").read_text("utf-8")
    assert retag(content).retagged == []


def test_retag_writes_read_tags_over_the_rules_and_keeps_them(archive, monkeypatch):
    content, labels = archive
    # every record carries what the stand-in old rules give, so none counts as edited
    monkeypatch.setattr("generator.ingest.retag.KNOWN_RULES", (lambda title, abstract: ("multi-task-learning",),))
    read = read_tags(content, labels)
    assert (read.tags, read.written) == ({"mtl": {"multi-task-learning"}, "style": {"style-transfer", "transfer-learning"},
                                          "both": {"style-transfer"}}, frozenset())
    report = retag(content, read)
    assert (report.retagged, report.read, report.current, report.edited) == ([], ["both", "style"], ["mtl"], [])
    assert (content.papers / "style.yaml").read_text("utf-8") == (
        "title: Fast Style Transfer\ntags:\n  - style-transfer\n  - transfer-learning\n"
        "abstract: Style transfer in one pass, with transfer learning.\n")
    ledger = labels.with_name("tags-written.txt")
    assert [line for line in ledger.read_text("utf-8").splitlines() if not line.startswith("#")] == ["both", "mtl", "style"]
    # a person then edits two read lists, one into exactly what the rules give: both are kept,
    # by later runs with the labels and by runs of the rules alone
    for slug, old, new in (("mtl", "multi-task-learning", "style-transfer"), ("both", "  - style-transfer", "  - multi-task-learning")):
        path = content.papers / f"{slug}.yaml"
        path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")
    before = {path.name: path.read_bytes() for path in content.papers.iterdir()}
    report = retag(content, read_tags(content, labels))
    assert (report.read, report.current, report.edited) == ([], ["style"], ["both", "mtl"])
    assert {path.name: path.read_bytes() for path in content.papers.iterdir()} == before
    assert retag(content, read_tags(content, labels)).summary() == (
        "0 retagged, 0 given their read tags, 1 already current, 2 edited by a person and kept")


def test_a_list_a_person_edited_before_the_reading_is_kept_and_not_in_the_ledger(archive, monkeypatch):
    content, labels = archive
    monkeypatch.setattr("generator.ingest.retag.KNOWN_RULES", ())
    # "mtl" carries the current rules' tags; "style" and "both" lists no rules give
    report = retag(content, read_tags(content, labels))
    assert (report.read, report.current, report.edited) == ([], ["mtl"], ["both", "style"])
    assert read_tags(content, labels).written == {"mtl"}
