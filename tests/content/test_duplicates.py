"""Records that are the same paper, refused naming both files."""

import itertools
import random

import pytest

from generator.content.duplicates import arxiv_key, duplicate_problems, similar_abstracts
from generator.model.likeness import agreement_of, word_pairs
from generator.model.paper import Paper

ADVICE = "if it is the same paper, keep one file and add the other's name under aliases"
ABSTRACT = ("We study how multitask prompt tuning transfers to new tasks. A single prompt is learned from "
            "several source tasks by distillation and then adapted with a low-rank update to each target "
            "task, which matches full fine-tuning with far fewer parameters on twenty benchmarks.")
OTHER = ("Diffusion models generate images by reversing a noising process. We show that a smaller "
         "denoiser trained with a consistency objective samples in four steps at similar quality.")


def paper(slug, title="Multitask Prompt Tuning", abstract=ABSTRACT, **fields) -> Paper:
    return Paper(slug=slug, title=title, abstract=abstract, tags=("nlp",), **fields)


def test_the_same_arxiv_id_without_its_version():
    found = duplicate_problems([paper("b", "B", OTHER, arxiv_id="2403.01234v2"),
                                paper("a", "A", ABSTRACT, arxiv_id="2403.01234")],
                               lines={"b": {"arxiv_id": 6}}.get)
    assert [problem.text() for problem in found] == [
        f"content/papers/b.yaml:6: arxiv_id: the same arXiv id as content/papers/a.yaml; {ADVICE}"]


def test_old_style_ids_compare_without_case_or_version():
    assert arxiv_key("math.AG/0601001v3") == arxiv_key("math.ag/0601001") == "math.ag/0601001"
    found = duplicate_problems([paper("a", "A", ABSTRACT, arxiv_id="cs/0601001"),
                                paper("b", "B", OTHER, arxiv_id="CS/0601001v2")])
    assert [(problem.path, problem.field) for problem in found] == [("content/papers/b.yaml", "arxiv_id")]


def test_the_same_title_after_normalisation():
    found = duplicate_problems([paper("a", "Multitask Prompt Tuning", ABSTRACT),
                                paper("b", "MULTITASK  prompt-tuning.", OTHER)], lines={"b": {"title": 1}}.get)
    assert [problem.text() for problem in found] == [
        f"content/papers/b.yaml:1: title: the same title as content/papers/a.yaml; {ADVICE}"]


def test_a_copy_with_one_word_of_title_and_abstract_changed():
    copy = paper("b", "Multitask Prompt Tuning Works", ABSTRACT.replace("single", "lone"))
    found = duplicate_problems([paper("a"), copy], lines={"b": {"abstract": 9}}.get)
    assert [problem.text() for problem in found] == [
        f"content/papers/b.yaml:9: abstract: nearly the same abstract as content/papers/a.yaml "
        f"(agreement 0.91); {ADVICE}"]


def test_one_problem_per_pair_the_first_kind_found():
    found = duplicate_problems([paper("a", arxiv_id="2403.01234"), paper("b", arxiv_id="2403.01234")])
    assert [problem.field for problem in found] == ["arxiv_id"]


def test_different_papers_pass():
    assert duplicate_problems([paper("a"), paper("b", "Consistency Denoisers", OTHER),
                               paper("c", "Untitled", "Short.")]) == []


@pytest.mark.parametrize("threshold", [0.2, 0.3, 0.5, 0.9])
def test_prefix_filtering_finds_exactly_what_all_pairs_finds(threshold):
    rng = random.Random(threshold)
    words = [f"w{number}" for number in range(60)]
    abstracts = []
    for _ in range(120):  # variants of a few bases, so many pairs sit near any threshold
        base = abstracts[rng.randrange(len(abstracts))].split() if abstracts and rng.random() < 0.7 else \
            [rng.choice(words) for _ in range(rng.randrange(1, 40))]
        edited = [word if rng.random() > 0.15 else rng.choice(words) for word in base]
        abstracts.append(" ".join(edited))
    papers = [paper(f"p{number:03}", f"T{number}", text) for number, text in enumerate(abstracts)]
    sets = [word_pairs(text) for text in abstracts]
    expected = [(i, j) for i, j in itertools.combinations(range(len(sets)), 2)
                if sets[i] and sets[j] and agreement_of(sets[i], sets[j]) >= threshold]
    assert expected  # the case is not empty
    assert [(i, j) for i, j, _ in similar_abstracts(papers, threshold)] == expected
