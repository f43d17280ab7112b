import random

from generator.model.paper import Paper
from generator.render import related as related_module
from generator.render.related import Stemmer, paper_terms, related_papers


def paper(slug, title, abstract, tags=("a",)):
    return Paper(slug=slug, title=title, abstract=abstract, tags=tags, sources=("d.txt",))


FILLER = (
    paper("birds", "Migration routes of songbirds", "Songbirds cross deserts at night, guided by stars and magnetism."),
    paper("bread", "Sourdough fermentation kinetics", "Wild yeast and lactobacilli leaven dough over long proofing."),
    paper("tides", "Tidal harmonics in estuaries", "Estuaries amplify tidal constituents through shoaling channels."),
)


def test_word_forms_meet():
    papers = FILLER + (
        paper("rewrite", "Rewrite arguments politely", "An argument is rewritten so its tone is polite."),
        paper("rewriting", "Rewriting inappropriate argumentation", "Rewriting arguments with polite tone."),
    )
    related = related_papers(papers)
    assert related["rewrite"] == ["rewriting"]
    assert related["rewriting"] == ["rewrite"]
    assert Stemmer().words("Rewriting rewrites rewritten") == ["rewrit", "rewrit", "rewritten"]


def test_nothing_close_gives_an_empty_list():
    assert related_papers(FILLER) == {"birds": [], "bread": [], "tides": []}
    assert related_papers(FILLER[:1]) == {"birds": []}
    assert related_papers(()) == {}


def test_ties_are_broken_by_shared_tags_then_slug():
    text = ("Contrastive sentence embeddings", "Sentence embeddings trained with a contrastive loss.")
    papers = FILLER + (
        paper("query", *text, tags=("nlp", "embeddings")),
        paper("z-two-tags", *text, tags=("nlp", "embeddings")),
        paper("b-one-tag", *text, tags=("nlp",)),
        paper("a-one-tag", *text, tags=("embeddings",)),
        paper("0-no-tag", *text, tags=("vision",)),
    )
    assert related_papers(papers)["query"] == ["z-two-tags", "a-one-tag", "b-one-tag", "0-no-tag"]


def test_text_similarity_outranks_shared_tags():
    papers = FILLER + (
        paper("merging", "Adaptive model merging", "Merging checkpoints with entropy coefficients.", tags=("m", "x")),
        paper("merging-2", "Model merging by averaging", "Averaging checkpoints for merging.", tags=("other",)),
        paper("same-tags", "Speech rhythm transfer", "Prosody of a speaker and merging.", tags=("m", "x")),
    )
    assert related_papers(papers)["merging"][0] == "merging-2"


def test_deterministic_whatever_the_input_order():
    papers = list(FILLER) + [
        paper(f"p{number}", f"Sentence embeddings study {number}",
              f"Contrastive sentence embeddings with {word} negatives and {word} batches.")
        for number, word in enumerate(["hard", "soft", "large", "small", "mined", "random"])
    ]
    expected = related_papers(tuple(papers))
    for seed in range(3):
        random.Random(seed).shuffle(papers)
        assert related_papers(tuple(papers)) == expected
    assert all(slug not in found for slug, found in expected.items())
    assert all(len(found) <= 5 for found in expected.values())
    assert related_papers(tuple(papers), count=2)["p0"] == expected["p0"][:2]


def test_threshold_and_relative_floor(monkeypatch):
    papers = FILLER + (
        paper("query", "Style transfer for fonts", "Glyph style transfer keeps the letter shapes of a font."),
        paper("close", "Font style transfer", "Glyph style transfer between fonts keeps letter shapes."),
        paper("far", "Sourdough style", "A bakery style of dough and songbirds at night."),
    )
    assert related_papers(papers)["query"] == ["close"]
    monkeypatch.setattr(related_module, "THRESHOLD", 0.0)
    monkeypatch.setattr(related_module, "RELATIVE", 0.0)
    assert related_papers(papers)["query"][:2] == ["close", "far"]
    monkeypatch.setattr(related_module, "THRESHOLD", 0.99)
    assert related_papers(papers)["query"] == []


def test_terms_weigh_the_title_and_pair_its_words():
    terms = paper_terms(paper("x", "Style transfer", "Glyphs."))
    assert terms.count("style transfer") == related_module.TITLE_WEIGHT
    assert "glyph" in terms and "the" not in terms


def test_terms_can_come_from_the_caller():
    papers = FILLER + (paper("one", "Alpha", "Alpha."), paper("two", "Beta", "Beta."))
    shared = {"one": ("same", "words"), "two": ("same", "words")}
    related = related_papers(papers, terms=lambda p: shared.get(p.slug) or paper_terms(p))
    assert related["one"] == ["two"] and related["two"] == ["one"]
