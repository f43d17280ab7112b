"""The labelled sets of eval/: every slug in them checked against the records
and their aliases, at its file and line (`stale_slugs`, which `check` runs).
The ledger of written tags is checked in test_retag."""

from generator.content.eval_sets import stale_slugs


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


def test_every_slug_that_names_no_paper_fails_at_its_line_with_a_hint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_eval(tmp_path)
    hint = "(renamed? update the slug here; removed? drop it)"
    assert [problem.text() for problem in stale_slugs(tmp_path / "eval", {"mtl", "style"})] == [
        f"eval/tags.yaml:4: papers[1].slug: no paper 'old-name' in content/papers {hint}",
        f"eval/related.yaml:7: papers[0].useful[1]: no paper 'gone' in content/papers {hint}",
        f"eval/related.yaml:13: papers[1].weak[0]: no paper 'renamed-once' in content/papers {hint}",
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
    (tmp_path / "eval" / "tags.yaml").write_bytes(b"papers:\n  - slug: mtl\n\xc3(\n")
    (tmp_path / "eval" / "related.yaml").write_text("papers: [\n", "utf-8")
    found = [problem.text() for problem in stale_slugs(tmp_path / "eval", {"mtl", "style", "old-name"})]
    assert found[0] == "eval/tags.yaml:3: -: not UTF-8 text (byte 0xc3 at offset 22)"
    assert len(found) == 2 and found[1].startswith("eval/related.yaml:")
