import datetime as dt
import json

import bibtexparser
import pytest

from generator.render.citation import bibtex_entry_text, citation_meta, json_ld
from generator.model.paper import Paper


def paper(**fields) -> Paper:
    base = dict(slug="p", title="T", abstract="A.", tags=("t",), sources=("d.txt",))
    return Paper(**{**base, **fields})


@pytest.mark.parametrize("title", ["50% of {x} & $y_1$ #2 ~ ^ \\ end", "Ünïcödé — 大模型", "Plain Title"])
def test_bibtex_round_trips_through_a_parser(title):
    text = bibtex_entry_text(paper(title=title, authors=("Ada Lovelace", "Alan Turing"), published=dt.date(2024, 9, 27),
                                    arxiv_id="2409.01234"), "https://e.org/papers/p/")
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert entry.key == "p" and entry.entry_type == "misc"
    fields = entry.fields_dict
    assert fields["author"].value == "Ada Lovelace and Alan Turing"
    assert (fields["year"].value, fields["eprint"].value, fields["archivePrefix"].value) == ("2024", "2409.01234", "arXiv")
    assert fields["url"].value == "https://arxiv.org/abs/2409.01234"  # the paper, not the archive
    assert fields["title"].value.startswith("{")
    if "%" in title:
        assert "\\%" in fields["title"].value


def test_bibtex_invents_nothing():
    fields = bibtexparser.parse_string(bibtex_entry_text(paper(), "u")).entries[0].fields_dict
    assert set(fields) == {"title", "url"}


def test_citation_meta_only_from_present_fields():
    assert citation_meta(paper(), "u") == [["citation_title", "T"], ["citation_abstract_html_url", "u"]]
    dated = dict(citation_meta(paper(published=dt.date(2024, 1, 2)), "u"))
    assert dated["citation_publication_date"] == "2024/01/02"


def test_json_ld_is_valid_and_cannot_close_its_script():
    text = json_ld(paper(title="</script><script>alert(1)</script>", published=dt.date(2024, 1, 2),
                         organization="Org & Co"), "https://e.org/p/", ["Tag"])
    assert "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    assert data["@context"] == "https://schema.org" and data["@type"] == "ScholarlyArticle"
    assert data["headline"] == "</script><script>alert(1)</script>"
    assert data["datePublished"] == "2024-01-02" and data["url"] == "https://e.org/p/"
    assert data["sourceOrganization"]["name"] == "Org & Co"


def test_without_an_arxiv_id_the_archive_page_is_the_url():
    fields = bibtexparser.parse_string(bibtex_entry_text(paper(), "https://e.org/papers/p/")).entries[0].fields_dict
    assert fields["url"].value == "https://e.org/papers/p/"


def test_citation_meta_follows_the_highwire_conventions_for_a_preprint():
    meta = citation_meta(paper(authors=("Ada Lovelace", "Alan Turing"), published=dt.date(2024, 9, 27),
                               arxiv_id="2409.01234"), "https://e.org/papers/p/")
    assert [value for name, value in meta if name == "citation_author"] == ["Ada Lovelace", "Alan Turing"]
    named = dict(meta)
    assert named["citation_publication_date"] == "2024/09/27"
    assert named["citation_pdf_url"] == "https://arxiv.org/pdf/2409.01234"
    assert named["citation_technical_report_institution"] == "arXiv"
    assert named["citation_technical_report_number"] == "arXiv:2409.01234"
    assert named["citation_abstract_html_url"] == "https://e.org/papers/p/"


def test_json_ld_names_the_paper_on_arxiv():
    data = json.loads(json_ld(paper(arxiv_id="2409.01234"), "https://e.org/p/", []))
    assert data["sameAs"] == ["https://arxiv.org/abs/2409.01234", "https://huggingface.co/papers/2409.01234"]
    assert data["identifier"] == "arXiv:2409.01234"


TITLE = "$R^2$-Tuning: Efficient Image-to-Video Transfer Learning"


@pytest.mark.parametrize("title, expected", [
    (TITLE, "{$R^2$-Tuning: Efficient Image-to-Video Transfer Learning}"),
    ("Re$^3$Sim & $\\mathcal{O}(n)$ #1", "{Re$^3$Sim \\& $\\mathcal{O}(n)$ \\#1}"),
    ("$a\\{b$ and $c%d$", "{\\$a\\textbackslash{}\\{b\\$ and \\$c\\%d\\$}"),  # LaTeX could not read these as typed
    ("Costs $5 and $10", "{Costs \\$5 and \\$10}"),  # no formula
    ("odd $x^2", "{odd \\$x\\^{}2}"),  # an odd number of `$`: no formula
])
def test_bibtex_keeps_formulas_as_typed_and_round_trips(title, expected):
    text = bibtex_entry_text(paper(title=title), "u")
    assert text.splitlines()[1].strip() == f"title = {{{expected}}},"  # braced once more: capitals kept
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    assert library.entries[0].fields_dict["title"].value == expected


def test_head_metadata_has_the_plain_form_of_a_title():
    assert citation_meta(paper(title=TITLE), "u")[0] == ["citation_title", "R²-Tuning: Efficient Image-to-Video "
                                                         "Transfer Learning"]
    assert json.loads(json_ld(paper(title="Re$^3$Sim"), "u", []))["headline"] == "Re³Sim"


def test_feeds_have_the_plain_form_of_titles_and_abstracts():
    import feedparser

    from generator.render.feeds import atom_feed

    dated = paper(title=TITLE, abstract="We fit $x_i$ in $\\mathcal{O}(n)$.", published=dt.date(2024, 1, 2))
    feed = feedparser.parse(atom_feed("F", "A", "https://e.org/f.xml", "https://e.org/", [dated],
                                      lambda p: "https://e.org/p/", {}))
    (entry,) = feed.entries
    assert entry.title == "R²-Tuning: Efficient Image-to-Video Transfer Learning"
    assert entry.summary == "We fit xᵢ in \\mathcal{O}(n)."
