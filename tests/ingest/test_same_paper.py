"""`SamePapers`: the one notion of the same paper, found through an index."""

from generator.content.load import load_archive
from generator.ingest.same_paper import SamePapers
from generator.model.likeness import SAME_ABSTRACT, agreement_of, word_pairs
from tests.support import ABSTRACT_MTL, ABSTRACT_STYLE


def test_each_kind_of_likeness_is_found_best_first():
    papers = SamePapers()
    papers.add("mtl", "Shared Encoders for MTL", ABSTRACT_MTL)
    papers.add("style", "Fast Style Transfer", ABSTRACT_STYLE)
    assert papers.matches("shared  encoders for mtl", "Another abstract.") == ["mtl"]        # same title
    assert papers.matches("Another Title", ABSTRACT_STYLE.upper()) == ["style"]              # same abstract
    assert papers.matches("Fast style-transfer!", "Another abstract.") == ["style"]          # same title key
    assert papers.matches("Another Title", ABSTRACT_MTL.replace("eleven", "twelve")) == ["mtl"]  # agreeing abstracts
    assert papers.matches("Fast Style Transfer", ABSTRACT_MTL) == ["style", "mtl"]
    assert papers.best("Fast Style Transfer", ABSTRACT_MTL) == "style"
    assert papers.matches("Another Title", "Another abstract.") == []
    assert papers.best("Another Title", "Another abstract.") is None


def test_the_index_finds_exactly_the_abstracts_a_comparison_of_every_pair_finds(fixture_content):
    archive, _ = load_archive(fixture_content)
    papers = SamePapers()
    for paper in archive.papers:
        papers.add(paper.slug, "", paper.abstract)
    pairs = {paper.slug: word_pairs(paper.abstract) for paper in archive.papers}
    for paper in archive.papers:
        words = paper.abstract.split()
        for query in (paper.abstract, " ".join(words[: len(words) // 2]), " ".join(words[len(words) // 3:])):
            asked = word_pairs(query)
            expected = {slug for slug, other in pairs.items() if agreement_of(asked, other) >= SAME_ABSTRACT}
            assert set(papers.matches("", query)) == expected, paper.slug
