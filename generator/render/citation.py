"""How a paper is cited: a BibTeX entry and the machine-readable head metadata
(Highwire `citation_*` tags, Schema.org JSON-LD) that scholarly indexers read.
Only fields the record has are used; nothing is invented."""

import json
import re

import bibtexparser
from bibtexparser.middlewares.parsestack import default_unparse_stack
from bibtexparser.model import Entry, Field

from generator.model.paper import Paper
from generator.model.tex import math_problems, math_spans
from generator.render.full_text import arxiv_url, paper_links, pdf_url
from generator.render.plain_text import plain_text

_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&",
                   "#": r"\#", "_": r"\_", "$": r"\$", "^": r"\^{}", "~": r"\~{}"}


def _escaped(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(char, char) for char in text)


def bibtex_text(text: str) -> str:
    """Plain text as a BibTeX value: specials escaped, braces keep capitals."""
    return "{" + _escaped(" ".join(text.split())) + "}"


_UNSAFE_IN_MATH = re.compile(r"(?<!\\)[%#&]")  # a comment or an alignment: LaTeX fails on them unescaped


def _balanced(braces: list[str]) -> bool:
    depth = 0
    for brace in braces:
        depth += 1 if brace == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def _safe_math(tex: str) -> bool:
    """A formula BibTeX and LaTeX read as typed: braces balanced for both (BibTeX
    counts `\\{` too, LaTeX does not), no bare `%`, `#`, `&`."""
    return (_balanced(re.findall(r"[{}]", tex)) and _balanced(re.findall(r"(?<!\\)[{}]", tex))
            and not _UNSAFE_IN_MATH.search(tex))


def bibtex_title(text: str) -> str:
    """A title as a BibTeX value: its formulas (`$…$`, as the page renders them)
    (model/tex.py) kept as typed, so LaTeX typesets them; everything else as `bibtex_text`.
    A formula LaTeX could not read as typed, or a title the page shows as
    typed (its math breaks the rules of model/tex.py), is escaped as text."""
    text = " ".join(text.split())
    parts, end = [], 0
    for match in [] if math_problems(text) else math_spans(text):
        if _safe_math(match.group(1)):
            parts += [_escaped(text[end:match.start()]), match.group(0)]
            end = match.end()
    return "{" + "".join([*parts, _escaped(text[end:])]) + "}"


def bibtex_entry(paper: Paper, url: str) -> Entry:
    """The paper as arXiv cites it (@misc with eprint and archivePrefix) when
    its id is known; `url` (the archive's page) only without one."""
    fields = [Field("title", bibtex_title(paper.title))]
    if paper.authors:
        fields.append(Field("author", " and ".join(bibtex_text(name)[1:-1] for name in paper.authors)))
    if paper.published:
        fields += [Field("year", str(paper.published.year)), Field("month", str(paper.published.month))]
    if paper.venue:
        fields.append(Field("howpublished", bibtex_text(paper.venue)))
    if paper.arxiv_id:
        fields += [Field("eprint", paper.arxiv_id), Field("archivePrefix", "arXiv")]
    fields.append(Field("url", arxiv_url(paper) or url))
    return Entry("misc", paper.slug, fields)


def bibtex_entry_text(paper: Paper, url: str) -> str:
    """One paper's BibTeX entry as text (a paper's page and each of its tags'
    .bib files show it: the caller renders it once)."""
    # the default middleware, allowed to change the entry in place: it is made here for this call only (by
    # default every write deep-copies it first, ~15% of rendering a paper page)
    return bibtexparser.write_string(bibtexparser.Library([bibtex_entry(paper, url)]),
                                     unparse_stack=default_unparse_stack(allow_inplace_modification=True)).strip() + "\n"


def bibtex_file(entries: list[str]) -> str:
    """A .bib file of entries made by `bibtex_entry_text`."""
    return "\n".join(entries)


def citation_meta(paper: Paper, url: str) -> list[list[str]]:
    """[name, content] pairs for <meta name=... content=...> in the page head,
    as Google Scholar's inclusion guidelines (Highwire Press tags) and Zotero
    read them: a preprint is a technical report of arXiv."""
    meta = [["citation_title", plain_text(paper.title)]]
    meta += [["citation_author", name] for name in paper.authors]
    if paper.published:
        meta.append(["citation_publication_date", paper.published.strftime("%Y/%m/%d")])
    if paper.arxiv_id:
        meta += [["citation_technical_report_institution", "arXiv"],
                 ["citation_technical_report_number", f"arXiv:{paper.arxiv_id}"],
                 ["citation_arxiv_id", paper.arxiv_id],
                 ["citation_pdf_url", pdf_url(paper)]]
    meta.append(["citation_abstract_html_url", url])
    return meta


def json_ld(paper: Paper, url: str, tag_names: list[str]) -> str:
    """Schema.org ScholarlyArticle, safe inside <script type="application/ld+json">.
    Without the abstract: the page shows it, and a copy in the head was ~12% of
    every paper page. The title once, as `headline` (what Google reads for an
    article; `name` repeated it)."""
    data = {"@context": "https://schema.org", "@type": "ScholarlyArticle", "headline": plain_text(paper.title),
            "url": url, "keywords": tag_names}
    if paper.published:
        data["datePublished"] = paper.published.isoformat()
    if paper.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in paper.authors]
    if paper.organization:
        data["sourceOrganization"] = {"@type": "Organization", "name": paper.organization}
    if paper.arxiv_id:
        data["sameAs"] = [link for _, link in paper_links(paper) if link != pdf_url(paper)]
        data["identifier"] = f"arXiv:{paper.arxiv_id}"
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # `<`, `>` and `&` as JSON escapes: no data can close the script element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
