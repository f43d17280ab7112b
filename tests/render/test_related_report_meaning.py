"""`related-report` with embeddings: the lines that tune the ranking by meaning."""

import numpy as np

from generator.model.paper import Paper
from generator.render.related_report import Labelled, related_report


def paper(slug, title, tags):
    return Paper(slug=slug, title=title, abstract=f"{title}.", tags=tags, sources=("d.txt",))


def unit(*weights):
    vector = np.zeros(4, dtype=np.float32)
    vector[:len(weights)] = weights
    return vector / np.linalg.norm(vector)


PAPERS = (paper("a", "Alpha transfer", ("transfer",)), paper("b", "Beta robust", ("vision",)),
          paper("c", "Gamma words", ("transfer",)), paper("d", "Delta", ("transfer",)))
LABELLED = [Labelled("a", "tune", frozenset({"b"}), frozenset({"b"}), frozenset({"c"}))]
VECTORS = {"a": unit(1.0, 0.1), "b": unit(1.0, 0.2), "c": unit(1.0, 0.9)}


def test_without_vectors_the_report_has_no_lines_about_meaning():
    assert "embedding" not in related_report(PAPERS, LABELLED, frozenset({"transfer", "vision"}))


def test_with_vectors_it_prints_the_ungated_figures_and_the_cosines_by_judgement():
    report = related_report(PAPERS, LABELLED, frozenset({"transfer", "vision"}), vectors=VECTORS)
    lines = report.splitlines()
    assert "| all | 1 | 1 |   0.0% | 100.0% |   0.0% | 0/1   0.0% | 0/0 |" in lines  # gated: b is on another topic
    at = lines.index("Without the topic gate on the matches by meaning:")
    assert lines[at + 3] == "| all | 1 | 2 |  50.0% |  50.0% |   0.0% | 1/1 100.0% | 0/0 |"
    assert "Papers with an embedding: 3 of 4 (the lists above rank by meaning where both papers have one)." in lines
    assert lines[-1] == ("Cosines of the listed pairs with a vector each (ungated), median (count): "
                         "useful 0.995 (1), weak 0.806 (1), unrelated - (0), best 0.995 (1); listed from 0.50.")
