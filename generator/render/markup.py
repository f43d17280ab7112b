"""Building blocks of generated pages. Everything that comes from data goes
through `escape`, inside raw HTML blocks that Markdown leaves alone, so no
record text can become markup: `*`, `_`, `` ` ``, `$`, `{{ }}`, `|`, `---` and
`<script>` all show as the literal characters. Page metadata is a `Page`'s
dict, handed to the theme by the glue, never front matter."""

import datetime as dt
import html
import json
from typing import NamedTuple
from urllib.parse import urlsplit

from generator.model.text import normalise_whitespace

TEASER_CHARS = 180


def escape(text: str) -> str:
    """Data as HTML text, on one line (a newline could end a raw HTML block)."""
    return html.escape(normalise_whitespace(text), quote=True)


def is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def link(href: str, text: str, css: str | None = None, external: bool = False) -> str:
    """An <a> element; external links must be http(s) or become plain text."""
    if external and not is_web_url(href):
        return escape(text)
    attributes = f' class="{css}"' if css else ""
    if external:
        attributes += ' rel="nofollow noopener"'
    return f'<a href="{escape(href)}"{attributes}>{escape(text)}</a>'


class Page(NamedTuple):
    """A generated page: the metadata the theme reads (title, template, head
    tags) and the body. The metadata travels as Python values through the
    engine glue, never as text another parser reads back (front matter)."""

    meta: dict
    body: str

    def text(self) -> str:
        """A readable form for snapshots and debugging: metadata as JSON, then the body."""
        return json.dumps(self.meta, ensure_ascii=False, sort_keys=True, indent=1) + "\n\n" + self.body


def page(title: str, body: str, **meta) -> Page:
    """A page with its title escaped: themes print `page.title` unescaped."""
    return Page({"title": escape(title), **meta}, body)


def block(html_text: str) -> str:
    """A raw HTML block: on its own lines, blank lines around, no blank line inside."""
    return "\n".join(line for line in html_text.split("\n") if line.strip()) + "\n\n"


def date_text(date: dt.date | None) -> str:
    return f"{date:%b} {date.day}, {date.year}" if date else "date unknown"


def teaser(abstract: str, limit: int = TEASER_CHARS) -> str:
    """The first sentence, or the first `limit` characters cut at a word."""
    end = abstract.find(". ")
    sentence = abstract[:end + 1] if 0 < end < limit else abstract
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
