import dataclasses
import random

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

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


def test_with_topics_only_papers_sharing_a_topic_are_listed():
    text = ("Contrastive sentence embeddings", "Sentence embeddings trained with a contrastive loss.")
    papers = FILLER + (
        paper("query", *text, tags=("embeddings", "broad")),
        paper("shares-a-topic", *text, tags=("embeddings",)),
        paper("shares-a-broad-tag", *text, tags=("broad",)),
        paper("shares-nothing", *text, tags=("vision",)),
    )
    assert related_papers(papers)["query"] == ["shares-a-broad-tag", "shares-a-topic", "shares-nothing"]
    topics = frozenset({"embeddings", "vision"})
    gated = related_papers(papers, topics=topics)
    assert gated["query"] == ["shares-a-topic"]
    assert gated["shares-a-broad-tag"] == ["query"]  # broad tags only: they are its topics
    assert gated["shares-nothing"] == []
    # the gate picks among the same candidates: a cached run gives the same lists
    cache = related_module.RelatedCache()
    assert related_papers(papers, cache=cache) == related_papers(papers)
    assert related_papers(papers, cache=cache, topics=topics) == gated


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


def near(slug, extra, tags=("a",)):
    """A paper about glyph style transfer, with `extra` words of its own."""
    return paper(slug, "Glyph style transfer", f"Glyph style transfer for fonts keeps letter shapes. {extra}", tags)


def test_places_past_close_count_need_the_higher_threshold(monkeypatch):
    papers = FILLER + tuple(near(f"n{number}", word) for number, word in
                            enumerate(["Kerning", "Serifs", "Ligatures", "Hinting", "Strokes", "Baselines"]))
    monkeypatch.setattr(related_module, "THRESHOLD_MORE", 1.0)
    assert len(related_papers(papers)["n0"]) == related_module.CLOSE_COUNT == 3
    monkeypatch.setattr(related_module, "CLOSE_COUNT", 1)
    assert len(related_papers(papers)["n0"]) == 1
    monkeypatch.setattr(related_module, "THRESHOLD_MORE", 0.0)
    assert len(related_papers(papers)["n0"]) == 5


def test_papers_tied_with_the_last_place_compete_on_tags():
    text = ("Contrastive sentence embeddings", "Sentence embeddings trained with a contrastive loss.")
    papers = FILLER + (
        paper("query", *text, tags=("nlp", "embeddings")),
        paper("a-no-tag", *text, tags=("vision",)),
        paper("b-no-tag", *text, tags=("vision",)),
        paper("c-one-tag", *text, tags=("nlp",)),
        paper("z-two-tags", *text, tags=("nlp", "embeddings")),
    )
    assert related_papers(papers, count=2)["query"] == ["z-two-tags", "c-one-tag"]


def test_no_shared_term_is_never_listed(monkeypatch):
    monkeypatch.setattr(related_module, "THRESHOLD", 0.0)
    monkeypatch.setattr(related_module, "RELATIVE", 0.0)
    monkeypatch.setattr(related_module, "THRESHOLD_MORE", 0.0)
    assert related_papers(FILLER) == {"birds": [], "bread": [], "tides": []}


def _dense_reference(papers, count):
    """The rules of related.py spelled out on the dense cosine matrix."""
    ordered = sorted(papers, key=lambda p: p.slug)
    documents = [paper_terms(p) for p in ordered]
    matrix = TfidfVectorizer(analyzer=lambda d: d, sublinear_tf=True, max_df=related_module.MAX_DF,
                             dtype=np.float32).fit_transform(documents)
    scores = np.round((matrix @ matrix.T).toarray(), 6)
    found = {}
    for index, paper_ in enumerate(ordered):
        others = sorted((-float(scores[index, other]), -len(set(paper_.tags) & set(ordered[other].tags)),
                         ordered[other].slug) for other in range(len(ordered))
                        if other != index and scores[index, other] >= related_module.THRESHOLD)
        if others:
            floor = related_module.RELATIVE * -others[0][0]
            others = [item for item in others if -item[0] >= floor][:count]
        found[paper_.slug] = [slug for place, (score, _, slug) in enumerate(others)
                              if place < related_module.CLOSE_COUNT or -score >= related_module.THRESHOLD_MORE]
    return found


def test_blocks_of_the_sparse_product_give_the_dense_answer(monkeypatch):
    rng = random.Random(7)
    words = "glyph font kerning serif style transfer speech prosody tide estuary bread yeast bird route".split()
    papers = tuple(paper(f"p{number:02}", " ".join(rng.sample(words, 3)), " ".join(rng.choices(words, k=12)) + ".",
                         tags=tuple(rng.sample("abc", rng.randint(1, 2))))
                   for number in range(40))
    monkeypatch.setattr(related_module, "BLOCK", 3)  # rows split over many blocks
    for count in (1, 2, 5):
        assert related_papers(papers, count=count) == _dense_reference(papers, count)


def test_cache_gives_the_same_lists_and_skips_what_did_not_change(monkeypatch):
    papers = list(FILLER) + [near(f"n{number}", word, tags=("a", f"t{number}")) for number, word in
                             enumerate(["Kerning", "Serifs", "Ligatures", "Hinting"])]
    cache = related_module.RelatedCache()
    expected = related_papers(papers)
    assert related_papers(papers, cache=cache) == expected
    assert len(cache.terms) == len(papers) and len(cache.candidates) == len(papers)

    tagged = list(papers)
    tagged[3] = dataclasses.replace(papers[3], tags=("a", "t2"))  # n0 now shares a tag with n2: a tag edit
    expected_tagged = related_papers(tagged)
    assert expected_tagged != expected

    def no_products(*args):
        raise AssertionError("candidates recomputed")

    products = related_module._all_candidates
    monkeypatch.setattr(related_module, "_all_candidates", no_products)
    assert related_papers(list(reversed(papers)), cache=cache) == expected
    assert related_papers(tagged, cache=cache) == expected_tagged
    assert related_papers(tagged, cache=related_module.RelatedCache.from_json(cache.to_json())) == expected_tagged
    monkeypatch.setattr(related_module, "_all_candidates", products)
    papers = tagged

    stemmed = []

    def counting_terms(paper_):
        stemmed.append(paper_.slug)
        return paper_terms(paper_)

    papers[3] = dataclasses.replace(papers[3], abstract="Sourdough leaven and yeast.")  # a text edit
    assert related_papers(papers, terms=counting_terms, cache=cache) == related_papers(papers)
    assert stemmed == ["n0"]
    assert len(cache.terms) == len(papers)  # the old text's terms are dropped
    monkeypatch.setattr(related_module, "THRESHOLD", 0.2)  # a setting is part of the key
    key = cache.key
    assert related_papers(papers, cache=cache) == related_papers(papers)
    assert cache.key != key


def test_cache_from_any_other_text_is_empty():
    for text in ("", "[]", '{"version": "old", "key": "k", "candidates": []}', '{"candidates": [[1]]}'):
        cache = related_module.RelatedCache.from_json(text)
        assert cache.key is None and cache.candidates == []
    papers = FILLER + (near("one", "Kerning"), near("two", "Serifs"))
    assert related_papers(papers, cache=related_module.RelatedCache.from_json("{")) == related_papers(papers)


# --- By meaning: embeddings where both papers have one -------------------------------------

def unit_vector(*weights, dims=8):
    vector = np.zeros(dims, dtype=np.float32)
    vector[:len(weights)] = weights
    return vector / np.linalg.norm(vector)


# The example: the transfer papers share a topic, not their words; the
# punctuation paper shares the words ("invariant", "transfer"), not the topic.
INVARIANCE = paper("invariance", "Understanding the role of invariance in transfer learning",
                   "Invariant representations and how they transfer to downstream tasks.", tags=("transfer",))
ROBUST = paper("robust", "Do adversarially robust ImageNet models transfer better?",
               "Adversarial robustness of ImageNet classifiers improves fine-tuning on new datasets.",
               tags=("transfer",))
PUNCTUATION = paper("punctuation", "Punctuation restoration with invariant transfer",
                    "Invariant transfer of punctuation restoration across speech transcripts.", tags=("transfer",))
MEANING = {"invariance": unit_vector(1.0, 0.1), "robust": unit_vector(1.0, 0.2), "punctuation": unit_vector(0.1, 1.0)}


def test_with_vectors_on_both_sides_the_ranking_is_by_meaning():
    papers = FILLER + (INVARIANCE, ROBUST, PUNCTUATION)
    assert related_papers(papers)["invariance"] == ["punctuation"]  # by words
    by_meaning = related_papers(papers, vectors=MEANING)
    assert by_meaning["invariance"] == ["robust"]
    assert by_meaning["robust"] == ["invariance"]
    assert by_meaning["punctuation"] == []  # cosine 0.3 with either: under EMBEDDING_THRESHOLD


def test_a_paper_without_a_vector_keeps_its_ranking_by_words():
    papers = FILLER + (INVARIANCE, ROBUST, PUNCTUATION)
    vectors = {slug: MEANING[slug] for slug in ("invariance", "robust")}
    related = related_papers(papers, vectors=vectors)
    assert related["punctuation"] == related_papers(papers)["punctuation"] == ["invariance"]


def test_places_left_by_meaning_are_filled_by_words_from_papers_without_a_vector():
    """A pair where one paper has a vector is judged by its words; the
    scores of the two kinds are never compared: matches by meaning come first."""
    papers = FILLER + (INVARIANCE, ROBUST, PUNCTUATION)
    vectors = {slug: MEANING[slug] for slug in ("invariance", "robust")}
    assert related_papers(papers, vectors=vectors)["invariance"] == ["robust", "punctuation"]
    assert related_papers(papers, vectors=vectors, count=1)["invariance"] == ["robust"]


def test_with_no_vector_at_all_the_lists_are_the_text_lists():
    papers = FILLER + (INVARIANCE, ROBUST, PUNCTUATION)
    assert related_papers(papers, vectors={}) == related_papers(papers)


def test_the_topic_gate_applies_to_matches_by_meaning_unless_turned_off():
    other_topic = dataclasses.replace(ROBUST, tags=("vision",))
    papers = FILLER + (INVARIANCE, other_topic, PUNCTUATION)
    topics = frozenset({"transfer", "vision"})
    assert related_papers(papers, vectors=MEANING, topics=topics)["invariance"] == []
    assert related_papers(papers, vectors=MEANING, topics=topics, gate_embeddings=False)["invariance"] == ["robust"]


def test_by_meaning_ties_are_broken_by_shared_tags_then_slug():
    papers = FILLER + (
        paper("query", "Alpha", "One.", tags=("nlp", "embeddings")),
        paper("z-two-tags", "Beta", "Two.", tags=("nlp", "embeddings")),
        paper("b-one-tag", "Gamma", "Three.", tags=("nlp",)),
        paper("a-one-tag", "Delta", "Four.", tags=("embeddings",)),
    )
    same = unit_vector(1.0)
    vectors = {slug: same for slug in ("query", "z-two-tags", "b-one-tag", "a-one-tag")}
    assert related_papers(papers, vectors=vectors)["query"] == ["z-two-tags", "a-one-tag", "b-one-tag"]


def test_by_meaning_the_best_count_are_listed_in_order_of_cosine(monkeypatch):
    monkeypatch.setattr(related_module, "BLOCK", 2)  # several blocks
    papers = FILLER + tuple(paper(f"p{index}", f"Title {index}", "Text.") for index in range(8))
    vectors = {f"p{index}": unit_vector(np.cos(index / 10), np.sin(index / 10)) for index in range(8)}  # angles
    related = related_papers(papers, vectors=vectors, count=3)
    assert related["p0"] == ["p1", "p2", "p3"]
    assert related["p4"] == ["p3", "p5", "p2"]  # p3, p5 (and p2, p6) tie up to float noise: rounded, then by slug
    assert related["birds"] == []


def test_the_cache_keeps_the_matches_by_meaning_and_notices_a_changed_vector(monkeypatch):
    papers = FILLER + (INVARIANCE, ROBUST, PUNCTUATION)
    cache = related_module.RelatedCache()
    first = related_papers(papers, vectors=MEANING, cache=cache)
    restored = related_module.RelatedCache.from_json(cache.to_json())
    assert restored.vector_key == cache.vector_key and restored.vector_candidates == cache.vector_candidates

    def refuse(*args):
        raise AssertionError("computed again")

    monkeypatch.setattr(related_module, "_cosine_candidates", refuse)
    assert related_papers(papers, vectors=MEANING, cache=restored) == first
    monkeypatch.undo()
    moved = {**MEANING, "punctuation": unit_vector(1.0, 0.15)}
    assert related_papers(papers, vectors=moved, cache=restored)["invariance"] == ["punctuation", "robust"]


def every_candidate_sorted(ordered, vectors, count):
    """`_cosine_candidates` as first written: every cosine over the threshold sorted."""
    found = [([], [])] * len(ordered)
    have = np.array([index for index, one in enumerate(ordered) if one.slug in vectors])
    matrix = np.stack([np.asarray(vectors[ordered[index].slug], dtype=np.float32) for index in have])
    scores_all = np.round((matrix @ matrix.T).astype(np.float64), 6)
    for row, scores in enumerate(scores_all):
        scores[row] = -np.inf
        keep = np.flatnonzero(scores >= related_module.EMBEDDING_THRESHOLD)
        keep = keep[np.lexsort((keep, -scores[keep]))]
        if len(keep) > count:
            keep = keep[:int(np.count_nonzero(scores[keep] >= scores[keep[count - 1]]))]
        found[int(have[row])] = (have[keep].tolist(), [float(score) for score in scores[keep]])
    return found


def test_the_matches_by_meaning_sort_only_the_best_and_equal_sorting_them_all(monkeypatch):
    monkeypatch.setattr(related_module, "BLOCK", 16)  # several blocks
    rng = np.random.default_rng(7)
    # high typical cosines (a shared direction) and many exact ties (few distinct values)
    raw = rng.integers(0, 3, size=(60, 8)).astype(np.float32) + np.array([6] + [0] * 7, dtype=np.float32)
    ordered = [paper(f"p{index:02d}", "T", "A") for index in range(70)]
    vectors = {one.slug: raw[index] / np.linalg.norm(raw[index]) for index, one in enumerate(ordered[:60])}
    sorted_lengths = []
    lexsort = np.lexsort

    def counted(keys, *args, **kwargs):
        sorted_lengths.append(len(keys[0]))
        return lexsort(keys, *args, **kwargs)

    monkeypatch.setattr(related_module.np, "lexsort", counted)
    for count in (1, 3, 5):
        expected = every_candidate_sorted(ordered, vectors, count)
        sorted_lengths.clear()
        found = related_module._cosine_candidates(ordered, vectors, count)
        assert found == expected
        assert max(sorted_lengths) == max(len(others) for others, _ in found) < 59


def test_a_text_fill_after_matches_by_meaning_counts_their_places(monkeypatch):
    """`CLOSE_COUNT` and `THRESHOLD_MORE` hold on the whole list, matches by
    meaning included, not within the text fill alone."""
    papers = FILLER + tuple(near(f"n{number}", word) for number, word in
                            enumerate(["Kerning", "Serifs", "Ligatures", "Hinting", "Strokes", "Baselines"]))
    vectors = {"n0": unit_vector(1.0, 0.1), "n1": unit_vector(1.0, 0.2), "n2": unit_vector(1.0, 0.3)}
    assert related_papers(papers, vectors=vectors)["n0"][:2] == ["n1", "n2"]
    monkeypatch.setattr(related_module, "THRESHOLD_MORE", 1.0)
    assert related_papers(papers, vectors=vectors)["n0"][:2] == ["n1", "n2"]
    assert len(related_papers(papers, vectors=vectors)["n0"]) == related_module.CLOSE_COUNT == 3


def test_a_text_fill_is_held_to_the_papers_best_text_score():
    """Under a list's first match by meaning, `RELATIVE` is of the paper's best
    text score, even when that text match has a vector (and is not listed)."""
    words = {"query": ("glyph", "kern", "serif", "font"), "twin": ("glyph", "kern", "serif", "font"),
             "weak": ("glyph", "bake", "tide", "bird"), "mate": ("alpha", "beta")}
    papers = FILLER + tuple(paper(slug, slug.title(), "Text.") for slug in words)
    vectors = {"query": unit_vector(1.0, 0.1), "mate": unit_vector(1.0, 0.2), "twin": unit_vector(0.0, 1.0)}

    def terms(one):
        return words.get(one.slug) or paper_terms(one)

    assert related_papers(papers, terms=terms)["query"] == ["twin"]  # weak is under RELATIVE of twin's score
    assert related_papers(papers, terms=terms, vectors={})["query"] == ["twin"]
    assert related_papers(papers, terms=terms, vectors=vectors)["query"] == ["mate"]
