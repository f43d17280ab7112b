"""Checks of a built site: nothing lost, no broken internal link or anchor, no
active content coming from data, no markup in search titles."""

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.problems import Problem
from generator.search import read_fragments
from generator.store import ContentDir, display_path
from generator.text import normalise_whitespace
from generator.urls import url_for_paper
from generator.validate import load_archive

CONTENT_CLASS = "md-content__inner"  # Material's <article>: where generated text lands
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src"}
VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta source track wbr".split())


@dataclass
class PageScan:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)   # (line, url)
    unsafe: list[tuple[int, str]] = field(default_factory=list)  # (line, what)


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self.depth_in_content = 0  # >0 inside the article that holds generated text

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        line = self.getpos()[0]
        if self.depth_in_content:
            self.depth_in_content += tag not in VOID_ELEMENTS
        elif tag == "article" and CONTENT_CLASS in (attributes.get("class") or "").split():
            self.depth_in_content = 1
        if "id" in attributes:
            self.scan.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.scan.ids.add(attributes["name"])
        url = attributes.get(LINK_ATTRIBUTES.get(tag, ""))
        if url is not None:
            self.scan.links.append((line, url))
        if self.depth_in_content:
            self._check_active_content(tag, attributes, line)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.depth_in_content and tag not in VOID_ELEMENTS:
            self.depth_in_content -= 1

    def _check_active_content(self, tag, attributes, line):
        if tag in ("script", "iframe", "object", "embed"):
            self.scan.unsafe.append((line, f"<{tag}> inside the page content"))
        for name, value in attributes.items():
            if name.startswith("on"):
                self.scan.unsafe.append((line, f"event handler attribute {name}= inside the page content"))
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(UNSAFE_SCHEMES):
                self.scan.unsafe.append((line, f"{name}={value[:40]!r} inside the page content"))


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


def check_site(site: Path, content: ContentDir) -> list[Problem]:
    problems: list[Problem] = []
    pages = sorted(path for path in site.rglob("*.html") if path.name != "404.html")
    scans = {page: scan_page(page.read_text("utf-8")) for page in pages}
    records = len([path for path in content.paper_files() if path.suffix == ".yaml"])
    built = len(list(site.glob("papers/*/index.html")))
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
    documents = read_fragments(site) if index.is_dir() else []
    if len(documents) != records:
        problems.append(Problem(display_path(index), 1, "-", f"{len(documents)} pages in the search index for {records} records"))
    # a search title is the record's title as text: no markup, no entity from double escaping
    titles = {url_for_paper(paper.slug): normalise_whitespace(paper.title)
              for paper in load_archive(content, require_canonical=False)[0].papers}
    for document in documents:
        expected = titles.get(document.url.lstrip("/"))  # fragment URLs are relative to the site root
        if document.title != expected:
            problems.append(Problem(display_path(index), 1, "title",
                                    f"search title {document.title[:60]!r} of {document.url!r} is not the record's title"))
    return problems
