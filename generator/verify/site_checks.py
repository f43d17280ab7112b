"""Checks of a built site: nothing lost, no broken internal link or anchor, no
active content coming from data, no markup in search titles, a size within
the budget per paper.

The one rule here on a record's own text, the search title (the title in
its plain form, as the renderer writes it: `title_text`, given by the caller,
since verify does not import render), holds for every record `check`
accepts: both sides are compared with their whitespace normalised, so a
no-break space (which `check` accepts with a warning) makes no difference.

Active content is judged by an ALLOW-LIST. Inside the page content (Material's
`<article class="md-content__inner">`, where generated text lands; the theme's
own markup around it is not checked) only the elements and attributes in
ALLOWED may appear, and every URL-valued attribute must be http:, https:,
mailto:, relative or a fragment, as the browser reads it. Anything else is a
problem naming the page, the line and the element or attribute.

To let the renderer write something new, add it to ALLOWED (element -> attribute
-> kind). What no entry can let through: NEVER_ELEMENTS, NEVER_ATTRIBUTES, event
handlers (on*) and namespaced attributes (xlink:href, xml:base, ...); a table
that names one fails at import."""

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.model.problems import Problem
from generator.verify.redirect_checks import paper_page_files, redirect_problems
from generator.verify.search import read_fragments, search_bundles
from generator.content.store import ContentDir, display_path
from generator.model.text import normalise_whitespace
from generator.model.urls import SEARCH_PARTS, is_search_bundle, url_for_paper
from generator.content.load import load_archive, load_yaml_file

CONTENT_CLASS = "md-content__inner"  # Material's <article>: where generated text lands

# Kinds of attribute value: TEXT is any text; URL is checked against SAFE_SCHEMES;
# a frozenset lists the only values allowed.
TEXT = "text"
URL = "url"
SVG_NAMESPACE = frozenset({"http://www.w3.org/2000/svg"})

_HEADING = {"id": TEXT}  # ids: the renderer's <h2 id>, and toc's on Markdown headings
# Pagefind's markers, with the only values the renderer writes (render/paper_page.py)
_FLAG = frozenset({None, ""})  # an attribute written without a value
_IGNORE = {"data-pagefind-ignore": _FLAG}
_SEARCH_FIELD = {"data-pagefind-meta": frozenset({"title", "date", "tags"}),
                 "data-pagefind-filter": frozenset({"year"}),
                 "data-pagefind-sort": frozenset({"newest", "oldest"})}
# MathML as render/markup.py writes it from KaTeX's output: element -> attributes
_MATH_VALUE = TEXT  # the renderer admits only [\w .#%+-] in these values
_MATHML = {
    "math": {"xmlns": frozenset({"http://www.w3.org/1998/Math/MathML"}), "display": _MATH_VALUE},
    "semantics": {}, "annotation": {"encoding": frozenset({"application/x-tex"})},
    "mrow": {**_IGNORE}, "mi": {"mathvariant": _MATH_VALUE}, "mn": {"mathvariant": _MATH_VALUE},
    "mo": {name: _MATH_VALUE for name in "stretchy fence separator lspace rspace minsize maxsize mathvariant "
           "largeop movablelimits symmetric accent".split()},
    "mtext": {"mathvariant": _MATH_VALUE}, "ms": {}, "mspace": {"width": _MATH_VALUE},
    "msup": {}, "msub": {}, "msubsup": {}, "mfrac": {"linethickness": _MATH_VALUE}, "msqrt": {}, "mroot": {},
    "mover": {"accent": _MATH_VALUE}, "munder": {"accentunder": _MATH_VALUE}, "munderover": {},
    "mstyle": {"scriptlevel": _MATH_VALUE, "displaystyle": _MATH_VALUE},
    "mpadded": {name: _MATH_VALUE for name in "width height depth lspace voffset".split()}, "mphantom": {},
    "menclose": {"notation": _MATH_VALUE},
    "mtable": {name: _MATH_VALUE for name in "rowspacing columnalign columnspacing rowlines columnlines".split()},
    "mtr": {}, "mtd": {},
}

# element -> {attribute -> kind}. Names as HTMLParser reports them: lower case
# (SVG's viewBox is "viewbox"). `class` values are not enumerated.
ALLOWED: dict[str, dict[str, object]] = {
    # --- written by the renderer (render/paper_page, listings, missing_page, markup.link)
    "a": {"href": URL, "class": TEXT, "rel": TEXT, "title": TEXT, "download": TEXT,
          "data-pagefind-filter": frozenset({"tag"})},
    "p": {"class": TEXT, **_IGNORE},
    # data-pagefind-body: the part of a paper page the search indexes; hidden: its search fields
    "div": {"class": TEXT, "data-pagefind-body": _FLAG, "hidden": _FLAG, **_IGNORE},
    "span": {"class": TEXT, **_IGNORE, **_SEARCH_FIELD},
    "nav": {"class": TEXT, "aria-label": TEXT, **_IGNORE},
    "ul": {"class": TEXT, **_IGNORE},
    "ol": {"start": TEXT},
    "li": {},
    "h1": _HEADING, "h2": {**_HEADING, **_IGNORE}, "h3": _HEADING, "h4": _HEADING, "h5": _HEADING, "h6": _HEADING,
    "pre": {"class": TEXT, **_IGNORE},
    "code": {"class": TEXT},  # fenced code: <code class="language-...">
    "br": {},
    "table": {"class": TEXT}, "thead": {}, "tbody": {}, "tr": {}, "th": {}, "td": {},
    "details": {"class": TEXT, "id": TEXT}, "summary": {},
    # --- Markdown of docs/*.md and of `## ` headings (toc: <a class="headerlink" href="#..." title="Permanent link">).
    # Table alignment (`:---`) writes style= and so does not pass.
    "strong": {}, "em": {}, "blockquote": {}, "hr": {},
    "img": {"src": URL, "alt": TEXT, "title": TEXT},
    # --- Material inside the article: <h1>, the edit button's inline icon
    "svg": {"xmlns": SVG_NAMESPACE, "viewbox": TEXT},
    "path": {"d": TEXT},
    # --- math in titles and abstracts (render/markup.py math_text)
    **_MATHML,
}

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})  # plus relative and fragment URLs
# Checked as URLs whatever ALLOWED says of them
URL_ATTRIBUTES = frozenset("href src cite poster data codebase longdesc usemap manifest icon lowsrc dynsrc "
                           "profile classid archive".split())
# Never allowed, whatever ALLOWED says: elements that run, load, submit or restyle
NEVER_ELEMENTS = frozenset("script style base meta link iframe frame frameset object embed applet param form "
                           "input button textarea select option template noscript foreignobject use animate "
                           "animatemotion animatetransform set handler listener".split())
# ... and attributes (plus on* and any namespaced name such as xlink:href)
NEVER_ATTRIBUTES = frozenset("style srcdoc srcset formaction action background ping http-equiv is nonce "
                             "target".split())


def never_allowed(attribute: str) -> bool:
    return attribute.startswith("on") or ":" in attribute or attribute in NEVER_ATTRIBUTES


def allow_list_errors(table: dict[str, dict[str, object]]) -> list[str]:
    """Entries of an allow-list that the rules above forbid."""
    errors = [f"<{tag}> may never be allowed" for tag in table if tag in NEVER_ELEMENTS]
    errors += [f"{name}= of <{tag}> may never be allowed"
               for tag, attributes in table.items() for name in attributes if never_allowed(name)]
    return errors


if allow_list_errors(ALLOWED):
    raise ValueError("generator/site_checks.py: " + "; ".join(allow_list_errors(ALLOWED)))

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_C0_OR_SPACE = "".join(map(chr, range(0x21)))


def url_scheme(url: str) -> str | None:
    """The scheme a browser reads in an attribute value (character references
    already decoded), lower case; None for a relative or fragment URL."""
    url = _TAB_OR_NEWLINE.sub("", url.strip(_C0_OR_SPACE))
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else None


def active_content(tag: str, attrs: list[tuple[str, str | None]]) -> list[str]:
    """What is not allowed in one start tag inside the page content."""
    allowed = ALLOWED.get(tag)
    if allowed is None or tag in NEVER_ELEMENTS:
        return [f"<{tag}> is not allowed inside the page content"]
    found = []
    for name, value in attrs:  # a list: a repeated attribute is checked each time
        kind = allowed.get(name)
        if kind is None or never_allowed(name):
            found.append(f"attribute {name}= of <{tag}> is not allowed inside the page content")
        elif kind == URL or name in URL_ATTRIBUTES:
            scheme = url_scheme(value or "")
            if scheme is not None and scheme not in SAFE_SCHEMES:
                found.append(f"{name}={(value or '')[:60]!r} of <{tag}>: scheme {scheme}: is not allowed "
                             "inside the page content")
        elif isinstance(kind, frozenset) and value not in kind:
            found.append(f"{name}={(value or '')[:60]!r} of <{tag}> is not allowed inside the page content")
    return found


LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src"}


@dataclass
class PageScan:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)   # (line, url)
    unsafe: list[tuple[int, str]] = field(default_factory=list)  # (line, what)


class _Scanner(HTMLParser):
    """Ids and links of the whole page; active content of the page content,
    which runs from the content <article> to the page's LAST </article>: an
    </article> written by data cannot end the checked part early."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self.in_content = False
        self.closed = False  # a </article> was seen since the content started
        self.pending: list[tuple[int, str]] = []  # found since the last </article>

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        line = self.getpos()[0]
        if "id" in attributes:
            self.scan.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.scan.ids.add(attributes["name"])
        url = attributes.get(LINK_ATTRIBUTES.get(tag, ""))
        if url is not None:
            self.scan.links.append((line, url))
        if self.in_content:
            self.pending += [(line, what) for what in active_content(tag, attrs)]
        elif tag == "article" and CONTENT_CLASS in (attributes.get("class") or "").split():
            self.in_content = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)  # `/>` closes nothing in HTML

    def handle_endtag(self, tag):
        if self.in_content and tag == "article":
            self.scan.unsafe += self.pending
            self.pending = []
            self.closed = True

    def close(self):
        super().close()
        if not self.closed:  # no </article> at all: the rest of the page counts as content
            self.scan.unsafe += self.pending


def scan_page(html_text: str) -> PageScan:
    scanner = _Scanner()
    scanner.feed(html_text)
    scanner.close()
    return scanner.scan


def _target(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points at; None for external links."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None
    if not parts.path:
        return page, parts.fragment
    link_path = unquote(parts.path)
    if link_path.startswith("/"):  # root-relative: from the site's root
        path = posixpath.normpath(link_path.lstrip("/"))
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page.relative_to(site).as_posix()), link_path))
    target = site / path
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


# The published size: 18 KiB a paper (the budget of BENCHMARKS.md, met at 20,000
# and 50,000 papers) plus what every site holds whatever its size (the theme's
# assets, the screenshots, the listings of a small archive).
SIZE_PER_PAPER = 18 * 1024
SIZE_FIXED = 16 * 1024 * 1024


def size_problem(site: Path, papers: int) -> Problem | None:
    """The site's total size against SIZE_FIXED plus SIZE_PER_PAPER a paper."""
    total = sum(path.stat().st_size for path in site.rglob("*") if path.is_file() and not path.is_symlink())
    allowed = SIZE_FIXED + SIZE_PER_PAPER * papers
    if total <= allowed:
        return None
    return Problem(display_path(site), 1, "-",
                   f"the site is {total:,} bytes, more than the {allowed:,} allowed for {papers:,} "
                   f"paper{'s' if papers != 1 else ''} ({SIZE_FIXED // 1024 // 1024} MiB plus "
                   f"{SIZE_PER_PAPER // 1024} KiB a paper); is the vocabulary or a record too large?")


def check_site(site: Path, content: ContentDir, title_text: Callable[[str], str] = str) -> list[Problem]:
    """Every problem of the built site. `title_text`: a record's title as the
    renderer gives it to the search (its plain form)."""
    problems: list[Problem] = []
    pages = sorted(path for path in site.rglob("*.html") if path.name != "404.html")
    scans = {page: scan_page(page.read_text("utf-8")) for page in pages}
    records = len([path for path in content.paper_entries() if path.suffix == ".yaml"])
    archive_papers = load_archive(content)[0].papers
    built = len(paper_page_files(site, archive_papers))  # an alias's redirect page is not a paper's page
    problems += redirect_problems(site, archive_papers)
    if built != records:
        problems.append(Problem(display_path(site / "papers"), 1, "-",
                                f"{built} paper pages built for {records} records in {display_path(content.papers)}"))
    for page, scan in scans.items():
        shown = display_path(page)
        problems += [Problem(shown, line, "-", what) for line, what in scan.unsafe]
        for line, url in scan.links:
            target = _target(site, page, url)
            if target is None:
                continue
            path, fragment = target
            if not path.exists() or not path.resolve().is_relative_to(site.resolve()):
                problems.append(Problem(shown, line, "-", f"broken link {url!r}"))
            elif fragment and path in scans and fragment not in scans[path].ids:
                problems.append(Problem(shown, line, "-", f"broken anchor {url!r}"))
    index = site / "pagefind"
    listed = search_bundles(site)
    for bundle in sorted(set(listed) ^ {path for path in site.iterdir() if path.is_dir() and is_search_bundle(path.name)}):
        problems.append(Problem(display_path(bundle), 1, "-", f"a search bundle {SEARCH_PARTS} lists is missing"
                                if bundle in listed else f"a search bundle {SEARCH_PARTS} does not list"))
    documents = read_fragments(site)
    if len(documents) != records:
        problems.append(Problem(display_path(index), 1, "-", f"{len(documents)} pages in the search index for {records} records"))
    # a search title is the record's title as text: no markup, no entity from double escaping
    papers = {url_for_paper(paper.slug): paper for paper in archive_papers}
    for document in documents:
        paper = papers.get(document.url.lstrip("/"))  # fragment URLs are relative to the site root
        if paper is None:
            problems.append(Problem(display_path(index), 1, "-",
                                    f"the search index holds {document.url!r}, which is no record's page"))
        elif normalise_whitespace(document.title) != normalise_whitespace(title_text(paper.title)):
            record = content.paper_path(paper.slug)
            problems.append(Problem(display_path(record), load_yaml_file(record).lines.get("title", 1), "title",
                                    f"the search index ({display_path(index)}) holds the title as "
                                    f"{document.title[:60]!r}, not as the record writes it"))
    problems += filter(None, [size_problem(site, records)])
    return problems
