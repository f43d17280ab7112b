"""Building blocks of generated pages. Everything that comes from data goes
through `escape`, inside raw HTML blocks that Markdown leaves alone, so no
record text can become markup: `*`, `_`, `` ` ``, `$`, `{{ }}`, `|`, `---` and
`<script>` all show as the literal characters."""

import datetime as dt
import html
import json
from urllib.parse import urlsplit

from generator.text import normalise_whitespace

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


def _one_line(value):
    """Strings on one line, recursively: a line `---` would end the front matter."""
    if isinstance(value, str):
        return normalise_whitespace(value)
    if isinstance(value, dict):
        return {key: _one_line(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_one_line(item) for item in value]
    return value


def front_matter(title: str, **meta) -> str:
    """YAML front matter, one `key: <JSON>` line per key (JSON is YAML, and
    json.dumps is many times faster than a YAML emitter). The title is escaped
    because themes print it raw."""
    data = _one_line({"title": escape(title), **meta})
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


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
