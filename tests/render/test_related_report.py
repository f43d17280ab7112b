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
        "Papers read twice with a best match in both readings: 2; the same best match for 1 (50.0%); "
        "the first reading's best among the second's useful papers for 2 (100.0%)")


@pytest.mark.parametrize("change, problems", [
    (("second_best: [c]", "second_best: [nope]"), [(2, "papers[0]", "no such paper in content/papers: nope"),
                                                    (2, "papers[0].second_best",
                                                     "every second_best match must also be in second_useful")]),
    (("second_best: [c]", "second_best: [a]"), [(2, "papers[0].second_best",
                                                 "every second_best match must also be in second_useful")]),
    (("    second_useful: [a]\n", ""), [(9, "papers[1]", "a second reading needs both second_best and second_useful")]),
    (("slug: c", "slug: b"), [(16, "papers[2].slug", "'b' is labelled twice")]),
])
def test_bad_labels_are_refused_at_their_line(tmp_path, change, problems):
    path = tmp_path / "related.yaml"
    path.write_text(LABELS.replace(*change), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_labels(path, {"a", "b", "c"})
    assert [(p.line, p.field, p.message) for p in caught.value.problems] == problems
