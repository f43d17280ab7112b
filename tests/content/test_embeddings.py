"""content/embeddings/: the stored SPECTER2 vectors (format specter2-v1), their
reader and validator, their size and how well they keep the neighbours.

There are no real SPECTER2 vectors here: `clustered_vectors` builds 768-d
vectors whose neighbours are known (topics around a shared direction, as
SPECTER2's vectors share one, and papers spread inside a topic), and the
measures compare the stored vectors against the full ones."""

import os
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import spearmanr

from generator.content.embeddings import (DIMS, FIRST_LINE, Embeddings, arxiv_year, bare_arxiv_id, decode, encode,
                                          file_text, load_embeddings, parse_file, quantise, stale_problems,
                                          vectors_by_slug)
from generator.content.load import load_archive
from generator.model.paper import Paper
from generator.model.problems import WARNING


def clustered_vectors(topics=20, per_topic=20, shared=3.0, seed=1) -> np.ndarray:
    """Unit vectors: a direction every paper shares (weight `shared`), a topic
    direction, and an offset of a random size per paper; the nearest neighbours
    of a paper are in its topic, ordered by the offsets."""
    rng = np.random.default_rng(seed)

    def unit(x):
        return x / np.linalg.norm(x, axis=-1, keepdims=True)

    common = unit(rng.standard_normal(DIMS))
    rows = [shared * common + centre
            + rng.standard_normal(DIMS) * rng.uniform(0.02, 0.06)
            for centre in unit(rng.standard_normal((topics, DIMS))) for _ in range(per_topic)]
    return unit(np.array(rows))


def stored_vectors(full: np.ndarray) -> np.ndarray:
    """The full vectors as stored and read back (through the file text)."""
    ids = [f"2106.{10000 + index}" for index in range(len(full))]
    into = Embeddings()
    assert parse_file(file_text(dict(zip(ids, quantise(full)))), "f.tsv", 2021, into) == []
    found = decode(into.vectors)
    return np.array([found[arxiv_id] for arxiv_id in ids])


def top_agreement(full: np.ndarray, reduced: np.ndarray, k: int = 5) -> float:
    """The share of each paper's `k` nearest neighbours by the full vectors that
    are also among its `k` nearest by the stored ones, averaged over papers."""
    first, second = full @ full.T, reduced @ reduced.T
    np.fill_diagonal(first, -np.inf)
    np.fill_diagonal(second, -np.inf)
    return float(np.mean([len(set(np.argsort(-a)[:k]) & set(np.argsort(-b)[:k])) / k
                          for a, b in zip(first, second)]))


def near_spearman(full: np.ndarray, reduced: np.ndarray, k: int = 20) -> float:
    """Spearman's correlation between the full and the stored cosines over each
    paper's `k` nearest neighbours by the full vectors (the order that decides
    its list), averaged over papers."""
    first, second = full @ full.T, reduced @ reduced.T
    np.fill_diagonal(first, -np.inf)
    values = []
    for row in range(len(full)):
        near = np.argsort(-first[row])[:k]
        values.append(spearmanr(first[row, near], second[row, near]).correlation)
    return float(np.mean(values))


def test_the_stored_vectors_keep_the_neighbours_and_cost_under_1_kib_a_paper():
    full = clustered_vectors()
    stored = stored_vectors(full)
    assert top_agreement(full, stored) >= 0.95
    assert near_spearman(full, stored) >= 0.95
    text = file_text(dict(zip([f"2106.{10000 + index}" for index in range(len(full))], quantise(full))))
    assert len(text.encode("utf-8")) / len(full) <= 1024
    assert max(len(line.encode("utf-8")) + 1 for line in text.splitlines()[1:]) == 972


def test_the_measures_can_fail():
    """A random orthogonal projection to 256 dimensions (what was tried first) loses neighbours."""
    full = clustered_vectors()
    projection = np.linalg.qr(np.random.default_rng(2).standard_normal((DIMS, 256)))[0]
    reduced = full @ projection
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True)
    assert top_agreement(full, reduced) < 0.95


def test_quantise_scales_the_largest_coordinate_to_127_and_refuses_zero():
    vector = np.zeros(DIMS)
    vector[:3] = [0.5, -1.0, 0.25]
    stored, zero = quantise(np.array([vector, np.zeros(DIMS)]))
    assert list(np.frombuffer(stored, dtype=np.int8)[:4]) == [64, -127, 32, 0]  # 63.5 rounds to even
    assert zero is None


@pytest.mark.parametrize("given, bare, year", [
    ("2106.15928v2", "2106.15928", 2021), ("0704.0001", "0704.0001", 2007),
    ("hep-th/9901001v1", "hep-th/9901001", 1999), ("math.AG/0601001", "math.AG/0601001", 2006),
])
def test_arxiv_ids_lose_their_version_and_have_a_year(given, bare, year):
    assert bare_arxiv_id(given) == bare
    assert arxiv_year(bare) == year


@pytest.mark.parametrize("text", ["2106.15928v2", "ARXIV:2106.15928", "2024.00001", "2100.00001", "hep-th/9913001"])
def test_arxiv_year_refuses_what_is_not_an_id(text):
    assert arxiv_year(text) is None


VECTOR = encode(bytes([1] * DIMS))


@pytest.mark.parametrize("line, field, message", [
    ("2106.15928", "-", "expected an arXiv id, a tab and a vector, found 1 field"),
    (f"2106.15928\t{VECTOR}\textra", "-", "expected an arXiv id, a tab and a vector, found 3 fields"),
    (f"2106.15928v2\t{VECTOR}", "-", "'2106.15928v2' is not an arXiv id without version"),
    (f"2207.00001\t{VECTOR}", "2207.00001", "2207.00001 belongs in specter2-v1-2022.tsv"),
    ("2106.15928\tabc", "2106.15928", "the vector must be 960 base85 characters (768 bytes), found 3"),
    (f"2106.15928\t{VECTOR[:-1]}\"", "2106.15928", "the vector is not base85"),
    (f"2106.15928\t{encode(bytes(DIMS))}", "2106.15928", "the vector is all zeros"),
])
def test_a_line_not_in_the_format_is_named_at_its_line(line, field, message):
    into = Embeddings()
    problems = parse_file(f"{FIRST_LINE}\n# a comment\n{line}\n", "content/embeddings/specter2-v1-2021.tsv", 2021, into)
    assert [problem.text() for problem in problems] == [
        f"content/embeddings/specter2-v1-2021.tsv:3: {field}: {message} "
        "(this file is written by `python -m generator embeddings`; do not edit it)"]
    assert into.vectors == {}


def test_duplicates_and_disorder_are_refused():
    text = f"{FIRST_LINE}\n2106.20000\t{VECTOR}\n2106.10000\t{VECTOR}\n2106.20000\t{VECTOR}\n"
    into = Embeddings()
    problems = parse_file(text, "f.tsv", 2021, into)
    assert [problem.text() for problem in problems] == [
        "f.tsv:3: 2106.10000: 2106.10000 is out of order (the lines are sorted by arXiv id) "
        "(this file is written by `python -m generator embeddings`; do not edit it)",
        "f.tsv:4: 2106.20000: 2106.20000 is stored twice (first at f.tsv:2) "
        "(this file is written by `python -m generator embeddings`; do not edit it)"]
    assert list(into.vectors) == ["2106.20000"]


@pytest.mark.parametrize("text", ["", "2106.15928\tx\n", "# specter2-v2: another format\n"])
def test_the_first_line_names_the_version(text):
    problems = parse_file(text, "f.tsv", 2021, Embeddings())
    assert [problem.text() for problem in problems] == [
        "f.tsv:1: -: the first line must name the format specter2-v1 as the writer puts it "
        "(this file is written by `python -m generator embeddings`; do not edit it)"]


def test_load_reads_every_year_and_names_stray_entries(content):
    folder = content.root / "embeddings"
    folder.mkdir()
    (folder / "specter2-v1-2021.tsv").write_text(f"{FIRST_LINE}\n2106.15928\t{VECTOR}\n", encoding="utf-8")
    (folder / "specter2-v1-1999.tsv").write_text(f"{FIRST_LINE}\nhep-th/9901001\t{VECTOR}\n", encoding="utf-8")
    (folder / "notes.txt").write_text("hello\n", encoding="utf-8")
    os.symlink(folder / "specter2-v1-2021.tsv", folder / "specter2-v1-2020.tsv")
    found, problems = load_embeddings(content)
    assert sorted(found.vectors) == ["2106.15928", "hep-th/9901001"]
    assert found.lines["2106.15928"] == ("content/embeddings/specter2-v1-2021.tsv", 2)
    texts = [problem.text() for problem in problems]
    assert texts[0] == ("content/embeddings/notes.txt:1: -: not an embeddings file: expected specter2-v1-YYYY.tsv "
                        "(this file is written by `python -m generator embeddings`; do not edit it)")
    assert len(texts) == 2 and texts[1].startswith("content/embeddings/specter2-v1-2020.tsv:1: -: ")
    assert "symbolic link" in texts[1]


def test_a_windows_checkout_reads_as_the_same_vectors():
    text = f"{FIRST_LINE}\n# a comment\n2106.10000\t{VECTOR}\n2106.20000\t{VECTOR}\n"
    plain, crlf = Embeddings(), Embeddings()
    assert parse_file(text, "f.tsv", 2021, plain) == []
    assert parse_file(text.replace("\n", "\r\n"), "f.tsv", 2021, crlf) == []
    assert crlf == plain and len(crlf.vectors) == 2


def test_git_checks_the_embeddings_out_with_unix_line_endings():
    attributes = (Path(__file__).parents[2] / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "content/embeddings/*.tsv text eol=lf" in attributes


def test_a_symlinked_folder_is_refused_without_reading_it(content, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "specter2-v1-2021.tsv").write_text(f"{FIRST_LINE}\n2106.15928\t{VECTOR}\n", encoding="utf-8")
    os.symlink(elsewhere, content.root / "embeddings")
    found, problems = load_embeddings(content)
    assert found == Embeddings()
    assert [problem.text() for problem in problems] == [
        "content/embeddings:1: -: symbolic links are not allowed here"]


def test_a_file_in_place_of_the_folder_is_a_problem(content):
    (content.root / "embeddings").write_text("hello\n", encoding="utf-8")
    assert [problem.text() for problem in load_embeddings(content)[1]] == [
        "content/embeddings:1: -: must be a folder of specter2-v1-YYYY.tsv files "
        "(this file is written by `python -m generator embeddings`; do not edit it)"]


def test_check_reports_a_symlink_in_the_folder_once(content):
    folder = content.root / "embeddings"
    folder.mkdir()
    (folder / "specter2-v1-2021.tsv").write_text(f"{FIRST_LINE}\n", encoding="utf-8")
    os.symlink(folder / "specter2-v1-2021.tsv", folder / "specter2-v1-2020.tsv")
    os.symlink(folder, content.root / "embeddings-link")
    texts = [problem.text() for problem in load_archive(content)[1]]
    assert texts == ["content/embeddings-link:1: -: symbolic links are not allowed here",
                     "content/embeddings/specter2-v1-2020.tsv:1: -: symbolic links are not allowed here"]


def test_no_folder_is_no_embeddings(content):
    assert load_embeddings(content) == (Embeddings(), [])


def paper(slug, arxiv_id=None):
    return Paper(slug=slug, title="T", abstract="A", tags=("a",), sources=("d.txt",), arxiv_id=arxiv_id)


def test_a_stored_id_no_record_holds_is_a_warning_at_its_line():
    into = Embeddings()
    parse_file(f"{FIRST_LINE}\n2106.10000\t{VECTOR}\n2106.20000\t{VECTOR}\n", "f.tsv", 2021, into)
    problems = stale_problems(into, (paper("kept", "2106.10000v3"),))
    assert [(problem.text(), problem.severity) for problem in problems] == [
        ("f.tsv:3: 2106.20000: warning: no record has this arXiv id; the line is unused and the next weekly "
         "run drops it", WARNING)]


def test_vectors_by_slug_match_records_by_id_without_version():
    into = Embeddings()
    parse_file(f"{FIRST_LINE}\n2106.10000\t{VECTOR}\n", "f.tsv", 2021, into)
    found = vectors_by_slug(into, (paper("with", "2106.10000v2"), paper("without"), paper("other", "2106.99999")))
    assert list(found) == ["with"]
    assert found["with"].dtype == np.float32 and abs(float(np.linalg.norm(found["with"])) - 1) < 1e-6


def test_the_digest_changes_with_any_vector_and_not_with_the_lines():
    first, second = Embeddings(), Embeddings()
    parse_file(f"{FIRST_LINE}\n2106.10000\t{VECTOR}\n", "f.tsv", 2021, first)
    parse_file(f"{FIRST_LINE}\n# moved\n2106.10000\t{VECTOR}\n", "g.tsv", 2021, second)
    assert first.digest() == second.digest() != Embeddings().digest()
    second.vectors["2106.10000"] = bytes([2] * DIMS)
    assert second.digest() != first.digest()
