"""`tags_report` on a tiny inline archive (also the archive of the `retag` tests)."""

import pytest

from generator.content.store import ContentDir
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
