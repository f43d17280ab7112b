"""A record's `sources` must name dumps that hold it."""

import dataclasses

from generator.cli import main
from generator.content.load import load_archive
from generator.ingest.claims import claim_problems, dump_papers, read_dumps
from generator.model.paper import Paper
from tests.support import ABSTRACT_MTL, ABSTRACT_STYLE, write_dump


def test_a_sources_line_copied_to_a_paper_the_dump_does_not_hold(content, tmp_path):
    dump = write_dump(tmp_path, "d.txt", [("Shared Encoders for MTL", ABSTRACT_MTL)])
    assert main(["import", str(dump)]) == 0
    (content.papers / "hand-added.yaml").write_text(
        "title: Style Transfer\ntags:\n- multi-task-learning\nsources:\n- d.txt\nabstract: " + ABSTRACT_STYLE + "\n",
        encoding="utf-8")
    archive, _ = load_archive(content)
    dumps, problems = read_dumps(content, archive.sources)
    assert problems == [] and list(dumps) == ["d.txt"]
    found = claim_problems(archive.papers, dumps, lines={"hand-added": {"sources[0]": 5}}.get)
    assert [problem.text() for problem in found] == [
        "content/papers/hand-added.yaml:5: sources: 'd.txt' has no entry with this paper's title or abstract, nor one "
        "like them; list only the dumps the paper was seen in (a paper added by hand has none); if this file held the "
        "dump's paper and now holds another, restore it and add the other paper as a new file"]


def test_a_record_is_found_by_its_title_or_its_abstract():
    dump = dump_papers("Daily Papers\n\nShared Encoders for MTL\n\n" + ABSTRACT_MTL + "\n\n")
    paper = Paper(slug="p", title="Shared Encoders for MTL", abstract=ABSTRACT_MTL, tags=("x",), sources=("d.txt",))
    edited_title = dataclasses.replace(paper, title="Shared encoders for multi-task learning")
    edited_abstract = dataclasses.replace(paper, abstract="A better abstract.")
    retyped_title = dataclasses.replace(paper, title="Shared  Encoders, for MTL", abstract="A better abstract.")
    assert claim_problems([paper, edited_title, edited_abstract, retyped_title], {"d.txt": dump}) == []
    both = dataclasses.replace(paper, title="Another Paper", abstract="Another abstract.")
    assert [problem.field for problem in claim_problems([both], {"d.txt": dump})] == ["sources"]
    assert claim_problems([both], {}) == []  # a dump that could not be read is not judged


def test_a_record_whose_title_and_abstract_were_both_corrected_is_still_found():
    """The same paper as the importer and `check`'s duplicate rule judge it:
    abstracts agreeing at least `SAME_ABSTRACT` are one paper's."""
    dump = dump_papers("Daily Papers\n\nShared Encoders for MTL\n\n" + ABSTRACT_MTL + "\n\n")
    paper = Paper(slug="p", title="Shared Encoders for MTL (SE)", abstract=ABSTRACT_MTL.replace("eleven", "twelve"),
                  tags=("x",), sources=("d.txt",))
    assert claim_problems([paper], {"d.txt": dump}) == []
    another = dataclasses.replace(paper, abstract=ABSTRACT_STYLE)
    assert [problem.field for problem in claim_problems([another], {"d.txt": dump})] == ["sources"]
