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
from html import unescape
from typing import NamedTuple
from urllib.parse import urlsplit

import latex2mathml.converter
from markupsafe import Markup

from generator.model.tex import formula_problems, math_problems, math_spans
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


# --- Math: `$…$` in titles and abstracts as MathML, rendered at build time by
# latex2mathml (pure Python, every platform). MathML needs no script, style sheet or
# font in the browser. Only formulas that keep the rules of model/tex.py are rendered
# (bounded length and depth, allowed commands only); the others stay as typed.
# latex2mathml's output is never trusted as it is: its element tree (never its text,
# which turns `<` typed in `\text{}` into markup) is walked, every element and
# attribute must be in MATHML below and every element that takes a fixed number of
# arguments must have them, and the markup is written again from the tree's values,
# escaped. Anything else, and any error while rendering, keeps the text.

# command names that reached the record without their backslash: text, not math
LOST_BACKSLASH = re.compile(r"(?<!\\)\b(?:textbf|textit|mathbf|mathrm|mathcal|frac|text)\{")
# element -> attributes latex2mathml writes for the allowed commands; values are checked against MATHML_VALUE
MATHML: dict[str, frozenset[str]] = {
    name: frozenset(attributes.split()) for name, attributes in {
        "mrow": "", "mi": "mathvariant", "mn": "mathvariant", "mtext": "mathvariant",
        "mo": "stretchy fence lspace rspace minsize maxsize mathvariant movablelimits accent",
        "mspace": "width", "msup": "", "msub": "", "msubsup": "", "mfrac": "linethickness", "msqrt": "",
        "mroot": "", "mover": "accent", "munder": "", "munderover": "",
        "mstyle": "scriptlevel displaystyle",
    }.items()}
MATHML_LEFT_OUT = frozenset({"form"})  # an operator's form: the browser reads it from its place in the row
MATHML_ARGUMENTS = {"msup": 2, "msub": 2, "msubsup": 3, "mfrac": 2, "mroot": 2, "mover": 2, "munder": 2,
                    "munderover": 3}
MATHML_VALUE = re.compile(r"[\w .#%+\-]*")  # no quotes, brackets or colons: no URL, no script
MATH_ROOT = "katex-mathml-root"  # the span class wrapping one formula


def _content(element) -> Markup | None:
    """What an element of latex2mathml's tree holds (text and children), written
    again from its values, or None when anything in it is outside MATHML."""
    parts = [html("{}", unescape(element.text or ""))]  # latex2mathml writes symbols as character references
    for child in element:
        part = _rewritten(child)
        if part is None:
            return None
        parts += (part, html("{}", unescape(child.tail or "")))
    return join(parts)


def _rewritten(element) -> Markup | None:
    """One element and its content written again, or None when it is outside
    MATHML, has an attribute or value outside it, or lacks arguments."""
    names = MATHML.get(element.tag)
    attributes = {name: value for name, value in element.attrib.items() if name not in MATHML_LEFT_OUT}
    if names is None or not names.issuperset(attributes) \
            or not all(MATHML_VALUE.fullmatch(value) for value in attributes.values()) \
            or len(element) != MATHML_ARGUMENTS.get(element.tag, len(element)):
        return None
    content = _content(element)
    return None if content is None else html(
        "<{}{}>{}</{}>", Markup(element.tag),
        join(html(' {}="{}"', Markup(name), value) for name, value in sorted(attributes.items())), content,
        Markup(element.tag))


@functools.lru_cache(maxsize=4096)  # titles recur in every list of related papers; keyed on formula text only
def _mathml(tex: str) -> Markup | None:
    """One formula as MathML with its TeX as annotation, or None: it breaks the
    rules, latex2mathml refuses it or writes something outside MATHML."""
    if formula_problems(tex) or LOST_BACKSLASH.search(tex):
        return None
    try:
        root = latex2mathml.converter.convert_to_element(tex)  # <math><mrow>…</mrow></math>
        row = root[0] if len(root) == 1 and root[0].tag == "mrow" and not root[0].attrib else None
        content = None if row is None else _content(row)
    except Exception:  # a refusal, or any failure at all (RecursionError included): keep the text
        return None
    if content is None:
        return None
    return html('<span class="{}"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics>'
                '<mrow data-pagefind-ignore>{}</mrow><annotation encoding="application/x-tex">{}</annotation>'
                '</semantics></math></span>', MATH_ROOT, content, tex)


def math_text(text: str) -> Markup:
    """`text` escaped, with each formula (see model/tex.py: `$…$`, never when
    `text` has an odd number of unescaped `$`) as MathML when it keeps the math
    rules and renders; when the field breaks a rule, all of it stays as typed."""
    spans = math_spans(text)
    if not spans or math_problems(text):
        return html("{}", text)
    parts, end = [], 0
    for span in spans:
        formula = _mathml(span.group(1))
        if formula is not None:
            parts += [html("{}", text[end:span.start()]), formula]
            end = span.end()
    return join([*parts, html("{}", text[end:])])
