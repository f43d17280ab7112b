"""Building blocks of generated pages, escaping by construction.

Markup is `markupsafe.Markup`: `html(template, *values)` escapes every value
that is not already Markup, and so do `+`, `join` and `%` on Markup. A value
nobody escaped therefore shows as literal text, never as markup: `*`, `_`, `` ` ``,
`$`, `{{ }}`, `|`, `---` and `<script>` all show as the characters. Pages are
raw HTML blocks that Markdown leaves alone; page metadata is a `Page`'s dict,
handed to the theme by the glue, never front matter."""

import datetime as dt
import functools
import json
import re
from html.parser import HTMLParser
from typing import NamedTuple
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from generator.model.text import normalise_whitespace

TEASER_CHARS = 180
# A full stop and a space end a sentence, unless the stop closes one of the
# abbreviations abstracts use mid-sentence ("e.g. BERT", "Smith et al. show",
# "Figs. 2"); "etc." often ends one, so it does.
_SENTENCE_END = re.compile(r"(?i)(?<!\be\.g)(?<!\bi\.e)(?<!\bet al)(?<!\bcf)(?<!\bvs)(?<!\bresp)(?<!\bfig)(?<!\bfigs)"
                           r"(?<!\beq)(?<!\beqs)(?<!\bsec)(?<!\bapprox)\. ")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # English on any locale

EMPTY = Markup("")
NEWLINE = Markup("\n")


@functools.lru_cache(maxsize=512)  # the templates are this package's literals: a few dozen
def _split(template: str) -> tuple[str, ...] | None:
    """The literal parts around a template's `{}` fields; None when it has any
    other field syntax (`{0}`, `{name}`, `{:spec}`, `{{`), which goes through
    Markup.format."""
    parts = template.split("{}")
    return None if any("{" in part or "}" in part for part in parts) else tuple(parts)


def _html_text(value) -> str:
    """A value as HTML text, as markupsafe's `escape` gives it (the same five
    characters, the same entities), without making a Markup object per value:
    Markup as it is, anything else escaped."""
    if type(value) is not str:
        if hasattr(value, "__html__"):
            return value.__html__()
        value = str(value)
    return (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


def html(template: str, *values, **named) -> Markup:
    """`template` (trusted, written in this package) with the values escaped.
    Templates with `{}` fields only are filled without string.Formatter (the
    same text as Markup.format, at a fraction of the cost: ~900,000 calls at
    20,000 papers): each value escaped as markupsafe does, Markup as it is."""
    parts = None if named else _split(template)
    if parts is None or len(parts) != len(values) + 1:
        return Markup(template).format(*values, **named)
    out = [parts[0]]
    for value, part in zip(values, parts[1:]):
        out += (_html_text(value), part)
    return Markup("".join(out))


def join(parts, separator: str = "") -> Markup:
    """Parts joined; plain strings among them are escaped (as Markup.join does)."""
    return Markup(str.join(separator, map(_html_text, parts)))  # str's join: Markup's would escape again


def is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def link(href: str, text: str, css: str | None = None, external: bool = False) -> Markup:
    """An <a> element; external links must be http(s) or become plain text."""
    if external and not is_web_url(href):
        return html("{}", text)
    attributes = html(' class="{}"', css) if css else EMPTY
    if external:
        attributes += Markup(' rel="nofollow"')  # no target="_blank", so no opener to cut
    return html('<a href="{}"{}>{}</a>', href, attributes, text)


class Page(NamedTuple):
    """A generated page: the metadata the theme reads (title, template, head
    tags) and the body. The metadata travels as Python values through the
    engine glue, never as text another parser reads back (front matter)."""

    meta: dict
    body: Markup
    markdown: bool = True  # False: the body is raw HTML blocks only, and needs no Markdown pass

    def text(self) -> str:
        """A readable form for snapshots and debugging: metadata as JSON, then the body."""
        return json.dumps(self.meta, ensure_ascii=False, sort_keys=True, indent=1) + "\n\n" + str(self.body)


def page(title: str, body: Markup, markdown: bool = True, **meta) -> Page:
    """A page with its title on one line and escaped (themes print `page.title`
    as it is); the body must be Markup, so text that skipped escaping cannot
    reach it. `markdown=False`: the body is only `block`s (raw HTML that
    Markdown would pass through as it is), so the glue skips the Markdown pass."""
    if not isinstance(body, Markup):
        raise TypeError(f"the body of {title!r} is {type(body).__name__}, not Markup")
    return Page({"title": html("{}", normalise_whitespace(title)), **meta}, body, markdown)


def block(content: Markup) -> Markup:
    """A raw HTML block for Markdown: on its own lines, blank lines around, and
    no blank line inside (one would end the block)."""
    if not isinstance(content, Markup):
        raise TypeError(f"a block is Markup, not {type(content).__name__}")
    lines = str.split(content, "\n")  # str's methods: Markup's would wrap every line (the content is Markup already)
    return Markup("\n".join(line for line in lines if not line.isspace() and line) + "\n\n")


def heading(level: int, text: str) -> Markup:
    """A Markdown heading (MkDocs gives it an anchor and a table-of-contents entry)."""
    return html("{} {}\n\n", "#" * level, text)


def date_text(date: dt.date | None) -> str:
    return f"{MONTHS[date.month - 1][:3]} {date.day}, {date.year}" if date else "date unknown"


def teaser(abstract: str, limit: int = TEASER_CHARS) -> str:
    """The first sentence, or the first `limit` characters cut at a word."""
    end = next((stop.start() for stop in _SENTENCE_END.finditer(abstract, 0, limit + 1)), -1)
    sentence = abstract[:end + 1] if 0 < end < limit else abstract
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


# --- Math: `$…$` in titles and abstracts as MathML, rendered at build time by KaTeX
# (PyPI `pykatex`: KaTeX in QuickJS, no Node). MathML needs no script, style sheet or
# font in the browser. Without pykatex (a platform it has no wheel for) the text stays
# as typed. KaTeX's output is never trusted as it is: it is parsed, every element and
# attribute must be in MATHML below, and the markup is written again from the parsed
# values, escaped; anything else (an error rendering, an unknown command) keeps the text.

MATH_SPAN = re.compile(r"(?<![\\$])\$(?=[^\s$])((?:[^$\\]|\\.)+?)(?<=[^\s\\])\$(?![\d$])")
# command names that reached the record without their backslash: text, not math
LOST_BACKSLASH = re.compile(r"(?<!\\)\b(?:textbf|textit|mathbf|mathrm|mathcal|frac|text)\{")
# element -> attributes KaTeX writes; values are checked against MATHML_VALUE
MATHML: dict[str, frozenset[str]] = {
    name: frozenset(attributes.split()) for name, attributes in {
        "math": "xmlns display", "semantics": "", "annotation": "encoding", "mrow": "", "mi": "mathvariant",
        "mn": "mathvariant", "mo": "stretchy fence separator lspace rspace minsize maxsize mathvariant "
        "largeop movablelimits symmetric accent", "mtext": "mathvariant", "ms": "", "mspace": "width",
        "msup": "", "msub": "", "msubsup": "", "mfrac": "linethickness", "msqrt": "", "mroot": "",
        "mover": "accent", "munder": "accentunder", "munderover": "", "mstyle": "scriptlevel displaystyle",
        "mpadded": "width height depth lspace voffset", "mphantom": "", "menclose": "notation",
        "mtable": "rowspacing columnalign columnspacing rowlines columnlines", "mtr": "", "mtd": "",
    }.items()}
MATHML_VALUE = re.compile(r"[\w .#%+\-]*")  # no quotes, brackets or colons: no URL, no script
MATHML_FIXED = {"xmlns": "http://www.w3.org/1998/Math/MathML", "encoding": "application/x-tex"}  # the only values
MATH_ROOT = "katex-mathml-root"  # the span class wrapping one formula


def _katex():
    try:
        import pykatex
    except ImportError:  # no wheel for this platform: math stays as typed
        return None
    return pykatex


def _mathml_value(name: str, value: str) -> bool:
    return value == MATHML_FIXED[name] if name in MATHML_FIXED else bool(MATHML_VALUE.fullmatch(value))


class _MathMLRewriter(HTMLParser):
    """KaTeX's MathML parsed and written again from its values; `ok` is False
    as soon as anything outside MATHML appears."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[Markup] = []
        self.ok = True
        self.depth = 0  # inside <math>

    def handle_starttag(self, tag, attrs):
        if tag == "span" and self.depth == 0:
            return  # KaTeX's <span class="katex"> wrapper: replaced by ours
        names = MATHML.get(tag)
        if names is None or not all(_mathml_value(name, value or "") for name, value in attrs if name in names) \
                or any(name not in names for name, _ in attrs):
            self.ok = False
            return
        self.depth += 1
        # The presentation is left out of the search index; the TeX (<annotation>) stays in it.
        extra = Markup(" data-pagefind-ignore") if tag == "mrow" and self.parts[-1:] == [Markup("<semantics>")] else EMPTY
        self.parts.append(html("<{}{}{}>", Markup(tag), join(html(' {}="{}"', Markup(name), value or "")
                                                              for name, value in attrs), extra))

    def handle_endtag(self, tag):
        if tag == "span" and self.depth == 0:
            return
        if tag not in MATHML:
            self.ok = False
            return
        self.depth -= 1
        self.parts.append(html("</{}>", Markup(tag)))

    def handle_data(self, data):
        self.parts.append(html("{}", data))


def _mathml(tex: str) -> Markup | None:
    katex = _katex()
    if katex is None or LOST_BACKSLASH.search(tex):
        return None
    try:
        rendered = katex.renderToString(tex, output="mathml", throwOnError=True, trust=False, strict="ignore")
    except Exception:  # KaTeX's ParseError, or anything else it raises: keep the text
        return None
    rewriter = _MathMLRewriter()
    rewriter.feed(rendered)
    rewriter.close()
    if not rewriter.ok or rewriter.depth != 0 or not rewriter.parts:
        return None
    return html('<span class="{}">{}</span>', MATH_ROOT, join(rewriter.parts))


def math_text(text: str) -> Markup:
    """`text` escaped, with each balanced `$…$` that KaTeX renders as MathML. Text
    with an odd number of unescaped `$` is left as typed: one of them is no delimiter."""
    if "$" not in text or len(re.findall(r"(?<!\\)\$", text)) % 2:
        return html("{}", text)
    parts, end = [], 0
    for match in MATH_SPAN.finditer(text):
        formula = _mathml(match.group(1))
        if formula is not None:
            parts += [html("{}", text[end:match.start()]), formula]
            end = match.end()
    return join([*parts, html("{}", text[end:])])
