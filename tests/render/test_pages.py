"""Rendering is pure and escapes everything that comes from data."""

import datetime as dt
import html
import re

import markdown
import pytest

from generator.render.markup import math_text, teaser
from generator.render.missing_page import missing_by_field, render_missing
from generator.model.paper import Paper
from generator.render.context import Neighbours, SiteContext, SiteOptions
from generator.render.paper_page import metadata_line, render_paper
from generator.model.sources import Source
from generator.model.tags import Tag
from generator.model.text import normalise_whitespace

HOSTILE = [
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "*bold* _it_ `code`", "back\\slash",
    "$x^2 and $$y$$", "$ 5 and $ 10", "$ <b>x</b> $", "$\\href{javascript:alert(1)}{x}$", "[x](javascript:alert(1))", "a | b | c", "{{ config.site_name }}", "line\n---\nbreak",
    "&amp; entity", "<!-- comment -->", "# heading", "1. list", "> quote", "\u202eRTL", "🚀 emoji 大模型",
    "line\u2028separator", "tab\there", "quote \" and \\u0041",
]
CONTEXT = SiteContext(
    {"style-transfer": Tag("style-transfer", "Style <transfer>", "Desc.", ("style transfer",))},
    {"d.txt": Source("d.txt", "a <b>label</b>", None, None)},
    SiteOptions(edit_base="https://github.com/o/r/edit/main/"),
)


def paper(**fields) -> Paper:
    base = dict(slug="p", title="T", abstract="A.", tags=("style-transfer",), sources=("d.txt",))
    return Paper(**{**base, **fields})


def html_of(page) -> str:
    return markdown.markdown(page.body, extensions=["toc"])


def visible_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_abstract_shows_as_literal_text(hostile):
    rendered = html_of(render_paper(paper(abstract=hostile), [], Neighbours(), CONTEXT))
    abstract = re.search(r'<div class="paper-abstract"><p>(.*?)</p></div>', rendered, re.S).group(1)
    assert normalise_whitespace(visible_text(abstract)) == normalise_whitespace(hostile)  # as a browser shows it
    assert "<script" not in rendered and "onerror=" not in rendered.replace("onerror=&#34;", "")
    assert "javascript:" not in re.sub(r">[^<]*<", "><", rendered)  # never inside a tag


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_title_is_escaped_in_page_metadata(hostile):
    title = render_paper(paper(title=hostile), [], Neighbours(), CONTEXT).meta["title"]
    assert "<" not in title and visible_text(title) == normalise_whitespace(hostile)


def test_only_http_links_become_links():
    rendered = html_of(render_paper(paper(links=("https://github.com/x/y", "javascript:alert(1)")), [], Neighbours(), CONTEXT))
    assert '<a href="https://github.com/x/y" rel="nofollow">Code (GitHub)</a>' in rendered
    assert 'href="javascript:' not in rendered


def test_paper_page_links_tags_related_and_edit():
    other = paper(slug="q", title="Q <i>", published=dt.date(2024, 1, 2))
    rendered = render_paper(paper(), [other], Neighbours(), CONTEXT).body
    assert ('<a href="../../tags/style-transfer/" class="md-tag" data-pagefind-filter="tag">Style &lt;transfer&gt;</a>'
            in rendered)
    assert '<a href="../q/">Q &lt;i&gt;</a> <span class="paper-date">Jan 2, 2024</span>' in rendered
    assert 'href="https://github.com/o/r/edit/main/content/papers/p.yaml"' in rendered
    # provenance: in a reader's words, never the dump's file name or its label (the importer's terms)
    assert "<li>a page of unknown date</li>" in rendered and "d.txt" not in rendered and "label&lt;" not in rendered
    assert rendered.index('<details class="paper-provenance"') > rendered.index('id="related-papers"')


def test_metadata_line():
    ignored = '<span data-pagefind-ignore>{}</span>'.format
    unnamed = ignored("Author names not yet recorded")
    assert metadata_line(paper()) == ignored("Date unknown") + " · " + unnamed
    assert metadata_line(paper(published=dt.date(2024, 9, 27), authors_count=5, upvotes=1, arxiv_id="2409.1")) == \
        " · ".join([ignored("Published Sep 27, 2024"), ignored("5 authors, names not yet recorded"), ignored("1 upvote"),
                    '<span class="paper-id">arXiv:2409.1</span>'])
    assert metadata_line(paper(organization="facebook <AI> at Meta", authors=("Ada",)), "papers/p/") == \
        ignored("Date unknown") + ' · Ada · <a href="../../orgs/facebook-ai-at-meta/">facebook &lt;AI&gt; at Meta</a>'


def test_unnamed_authors_link_to_the_record_to_add_them():
    edit = '<a href="https://github.com/o/r/edit/main/content/papers/p.yaml" rel="nofollow">add them</a>'
    body = render_paper(paper(authors_count=6), [], Neighbours(), CONTEXT).body
    assert f"<span data-pagefind-ignore>6 authors, names not yet recorded — {edit}</span>" in body
    body = render_paper(paper(), [], Neighbours(), CONTEXT).body
    assert f"<span data-pagefind-ignore>Author names not yet recorded — {edit}</span>" in body
    named = render_paper(paper(authors=("Ada Lovelace",), authors_count=6), [], Neighbours(), CONTEXT).body
    assert "Ada Lovelace" in named and "not yet recorded" not in named


def test_provenance_names_the_saved_pages_by_date():
    sources = {"a.txt": Source("a.txt", "Daily Papers search, blank-line layout", dt.date(2026, 4, 16), "Apr 16"),
               "b.txt": Source("b.txt", "alternating lines, header glued to first title", None, "Oct 9")}
    context = SiteContext(CONTEXT.tags, sources, CONTEXT.options)
    body = render_paper(paper(sources=("a.txt", "b.txt", "c.txt")), [], Neighbours(), context).body
    provenance = re.search(r'<details class="paper-provenance".*?</details>', body, re.S).group(0)
    assert [line for line in visible_text(provenance).split("\n") if line] == [
        "Where this record comes from", "Imported from saved pages of Hugging Face Daily Papers search results:",
        "the page saved on Apr 16, 2026", "a page dated Oct 9 (the page shows no year)", "a page of unknown date"]
    by_hand = render_paper(paper(sources=()), [], Neighbours(), context).body
    assert "Added by hand by a contributor, not imported from Hugging Face Daily Papers." in by_hand


def indexed_part(body: str) -> str:
    """The search index's body of a paper page, less what it ignores (as Pagefind reads it)."""
    record = re.search(r"<div class=\"paper-record\" data-pagefind-body>(.*?)</div>\n</div>", body, re.S).group(1)
    return re.sub(r"<(nav|div|span|mrow)\b[^>]*data-pagefind-ignore[^>]*>.*?</\1>", "", record, flags=re.S)


def test_only_the_record_is_indexed_with_date_tags_and_year_as_search_fields():
    other = paper(slug="q", title="Related title", published=dt.date(2024, 1, 2))
    body = render_paper(paper(title="Own title", abstract="Own abstract.", published=dt.date(2023, 5, 6),
                              authors=("Ada Lovelace",), organization="Org", arxiv_id="2305.1"),
                        [other], Neighbours(), CONTEXT).body
    assert body.count("data-pagefind-body") == 1
    text = visible_text(indexed_part(body))
    for own in ("Own title", "Own abstract.", "Ada Lovelace", "Org", "arXiv:2305.1", "Style <transfer>"):
        assert own in text
    for other_text in ("Related title", "Published", "label", "@misc", "Edit this paper", "Read the paper"):
        assert other_text not in text
    assert '<span data-pagefind-meta="date">May 6, 2023</span>' in body
    assert '<span data-pagefind-filter="year">2023</span>' in body
    assert '<span data-pagefind-sort="newest">2023-05-06</span>' in body
    assert '<span data-pagefind-meta="tags">Style &lt;transfer&gt;</span>' in body
    assert '<h2 id="abstract">Abstract</h2>' in body  # results quote this section
    undated = render_paper(paper(), [], Neighbours(), CONTEXT).body
    assert '<span data-pagefind-filter="year">Undated</span>' in undated and 'data-pagefind-meta="date"' not in undated


def test_balanced_math_becomes_mathml_and_the_rest_stays_text():
    page = render_paper(paper(title="$R^2$-Tuning", abstract="Costs $5 and $10; $x<y$ holds."), [], Neighbours(), CONTEXT)
    assert page.meta["title"] == "R²-Tuning"  # the page title (and the search's): the plain form
    assert '<span data-pagefind-meta="title">R²-Tuning</span>' in page.body
    h1 = re.search(r"<h1>(.*?)</h1>", page.body).group(1)
    assert h1.startswith('<span class="katex-mathml-root"><math xmlns="http://www.w3.org/1998/Math/MathML">')
    assert '<annotation encoding="application/x-tex">R^2</annotation>' in h1 and h1.endswith("-Tuning")
    abstract = re.search(r'<div class="paper-abstract"><p>(.*?)</p></div>', page.body).group(1)
    assert abstract.startswith("Costs $5 and $10; <span") and "<mo>&lt;</mo>" in abstract
    tagged = render_paper(paper(abstract="$<b>x</b>$"), [], Neighbours(), CONTEXT).body  # math of < b > ...
    assert "<b>" not in tagged and "<mo>&lt;</mo>" in tagged


@pytest.mark.parametrize("text", ["odd $x", "$ spaced $", "$\\href{javascript:alert(1)}{x}$", "$\\frac{$",
                                  "$textbf{lost} backslash$", "$\\color{red} x$", "$$y$$"])
def test_math_that_is_unbalanced_invalid_or_untrusted_stays_text(text):
    from generator.render.markup import math_text

    assert math_text(text) == html.escape(text, quote=True).replace("&#x27;", "&#39;")


def test_teaser_is_first_sentence_or_cut_at_a_word():
    assert teaser("One. Two.") == "One."
    assert teaser("Models (e.g. BERT) and data (i.e. text) help. Two.") == "Models (e.g. BERT) and data (i.e. text) help."
    assert teaser("E.g. models, data, etc. We show. Two.") == "E.g. models, data, etc."
    assert teaser("As Smith et al. show, vs. Cf. Figs. 2 it works. Two.") == "As Smith et al. show, vs. Cf. Figs. 2 it works."
    assert teaser("word " * 100).endswith(" …") and len(teaser("word " * 100)) <= 182


def test_listings_are_paginated_with_stable_urls():
    from generator.render.listings import paginate, pager
    papers = [paper(slug=f"p{number:03}") for number in range(250)]
    pages = paginate(papers)
    assert [len(chunk) for chunk in pages] == [100, 100, 50]
    assert paginate([]) == [[]]
    assert pager("tags/x/", 1, 1) == ""
    assert 'href="page/2/" rel="next"' in pager("tags/x/", 1, 3)
    middle = pager("tags/x/", 2, 3)
    assert 'href="../../" rel="prev"' in middle and 'href="../3/" rel="next"' in middle and "Page 2 of 3" in middle


def full_text_links(page) -> dict[str, str]:
    nav = re.search(r'<nav class="paper-full-text".*?</nav>', page.body, re.S).group(0)
    return {html.unescape(text): html.unescape(href) for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)}


def test_the_paper_is_one_click_away_before_the_abstract():
    page = render_paper(paper(arxiv_id="2409.01234", links=("https://github.com/x/y",)), [], Neighbours(), CONTEXT)
    assert page.body.index("paper-full-text") < page.body.index("paper-abstract")
    assert full_text_links(page) == {"arXiv": "https://arxiv.org/abs/2409.01234", "PDF": "https://arxiv.org/pdf/2409.01234",
                                     "Hugging Face": "https://huggingface.co/papers/2409.01234",
                                     "Code (GitHub)": "https://github.com/x/y"}


def test_without_an_id_the_exact_title_is_searched():
    from urllib.parse import parse_qs, urlsplit

    links = full_text_links(render_paper(paper(title='A "Quoted" & <Odd> Title'), [], Neighbours(), CONTEXT))
    assert set(links) == {"Hugging Face Papers", "arXiv", "Semantic Scholar"}
    for url in links.values():
        assert '"A \\"Quoted\\" & <Odd> Title"' not in url  # encoded, not raw
        assert '"A "Quoted" & <Odd> Title"' in [value for values in parse_qs(urlsplit(url).query).values() for value in values]


def test_titles_show_math_in_listings_related_papers_and_neighbour_links():
    from generator.render.listings import paper_list

    other = paper(slug="q", title="$R^2$-Tuning <b>", published=dt.date(2024, 1, 2))
    listed = paper_list([other], "tags/x/", CONTEXT)
    title = re.search(r'<li><a href="../../papers/q/">(.*?)</a>', listed).group(1)
    assert title.startswith('<span class="katex-mathml-root"><math') and title.endswith("-Tuning &lt;b&gt;")
    teaser = paper_list([paper(abstract="We fit $x_i$ fast. Then more.")], "tags/x/", CONTEXT)
    assert re.search(r"<p>We fit <span class=\"katex-mathml-root\"><math.*?</math></span> fast\.</p>", teaser)
    page = render_paper(paper(), [other], Neighbours("style-transfer", other, other), CONTEXT)
    related = re.search(r'<ul class="paper-related".*?</ul>', page.body, re.S).group(0)
    assert related.count("<math") == 1 and "$R^2$" not in visible_text(related).replace("R^2", "")
    nav = re.search(r'<nav class="paper-nav".*?</nav>', page.body, re.S).group(0)
    assert nav.count('<span class="paper-nav__title"><span class="katex-mathml-root"><math') == 2
    assert 'title="Key: k"' in nav and 'title="Key: j"' in nav
    assert render_paper(other, [], Neighbours(), CONTEXT).meta["title"] == "R²-Tuning &lt;b&gt;"


def test_listings_link_each_tag_but_the_one_listed():
    from generator.render.listings import paper_list

    context = SiteContext({**CONTEXT.tags, "b": Tag("b", "B & c", "Desc.", ("b",))}, CONTEXT.sources, CONTEXT.options)
    tagged = paper(tags=("style-transfer", "b"))
    assert ('<p class="paper-tags"><a href="../style-transfer/" class="md-tag">Style &lt;transfer&gt;</a> '
            '<a href="../b/" class="md-tag">B &amp; c</a></p></li>') in paper_list([tagged], "tags/x/", context)
    assert ('<p class="paper-tags"><a href="../b/" class="md-tag">B &amp; c</a></p></li>'
            in paper_list([tagged], "tags/style-transfer/", context, listed_tag="style-transfer"))
    assert "paper-tags" not in paper_list([paper(tags=("b",))], "tags/b/", context, listed_tag="b")


def test_listings_link_the_pdf_when_the_id_is_known():
    from generator.render.listings import paper_list

    listed = paper_list([paper(arxiv_id="2409.01234"), paper(slug="q")], "tags/x/", CONTEXT)
    assert listed.count('href="https://arxiv.org/pdf/2409.01234"') == 1 and listed.count(">PDF<") == 1


def test_the_missing_metadata_page_shows_titles_with_their_math_and_sorts_them_as_read():
    """A title's formula shows as math, as in every listing, and sorts as the
    characters it shows (`$R^2$-Tuning` among the R's, not before the A's)."""
    papers = (paper(slug="r", title="$R^2$-Tuning"), paper(slug="a", title="Adapters"), paper(slug="s", title="Sparse"))
    body = render_missing(papers, CONTEXT).body
    assert "$R^2$" not in body and str(math_text("$R^2$-Tuning")) in body
    assert [paper.slug for paper in missing_by_field(papers)["published"]] == ["a", "r", "s"]
