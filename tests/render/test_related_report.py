"""The related-papers report's labels and the agreement of two readings."""

import pytest

from generator.model.problems import ContentError
from generator.render.related_report import agreement_line, load_labels

LABELS = """papers:
  - slug: a
    split: held-out
    best: [b]
    useful: [b, c]
    weak: []
    second_best: [c]
    second_useful: [b, c]
  - slug: b
    split: held-out
    best: [a]
    useful: [a]
    weak: []
    second_best: [a]
    second_useful: [a]
  - slug: c
    split: tune
    best: [a]
    useful: [a]
    weak: []
"""


def test_two_readings_are_compared_on_the_papers_read_twice(tmp_path):
    path = tmp_path / "related.yaml"
    path.write_text(LABELS, "utf-8")
    labelled = load_labels(path, {"a", "b", "c"})
    assert [(item.second_best, item.second_useful) for item in labelled] == [
        ({"c"}, {"b", "c"}), ({"a"}, {"a"}), (None, None)]
    assert agreement_line(labelled) == (
        "Two readings of 2 papers with a best match in both: the same best match for 1 (50.0%); "
        "the first reading's best among the second's useful papers for 2 (100.0%)")


def test_a_second_reading_naming_an_unknown_paper_is_refused(tmp_path):
    path = tmp_path / "related.yaml"
    path.write_text(LABELS.replace("second_best: [c]", "second_best: [nope]"), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_labels(path, {"a", "b", "c"})
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (2, "no such paper in content/papers: nope")]
