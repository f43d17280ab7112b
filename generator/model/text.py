"""Small text helpers shared by the parser and the renderers."""

import re
import unicodedata

# http(s) URLs as they appear in abstracts; trailing punctuation and closing
# brackets that end a sentence are not part of the URL.
_URL = re.compile(r"https?://[^\s<>\"'{}|\\^`\[\]]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}"


def normalise_whitespace(text: str) -> str:
    """Collapse every run of whitespace to one space and trim the ends."""
    return " ".join(text.split())


# Unicode spaces (category Zs) other than the plain space: the no-break space
# pasted from a PDF, thin spaces, the ideographic space...
_UNICODE_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def unicode_spaces(text: str) -> list[str]:
    """The distinct Unicode spaces other than the plain space in `text`, by
    name and code point (`no-break space U+00A0`), in order of appearance."""
    found = dict.fromkeys(_UNICODE_SPACE.findall(text))
    return [f"{unicodedata.name(char).lower()} U+{ord(char):04X}" for char in found]


def to_plain_spaces(text: str) -> str:
    """`text` with every Unicode space made a plain space."""
    return _UNICODE_SPACE.sub(" ", text)


def is_one_line(text: str, limit: int | None = None) -> bool:
    """Text with no line break or tab, of at most `limit` characters if given."""
    return "\n" not in text and "\t" not in text and (limit is None or len(text) <= limit)


def find_links(text: str) -> tuple[str, ...]:
    """The distinct http(s) URLs in `text`, in order of first appearance."""
    links: list[str] = []
    for match in _URL.finditer(text):
        url = match.group(0)
        while url and url[-1] in _TRAILING:
            # keep a closing bracket that closes one opened inside the URL
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        if url not in links and len(url) > len("https://"):
            links.append(url)
    return tuple(links)


_VISIBLE_CATEGORIES = ("L", "N", "S", "P")  # letters, digits, symbols, punctuation
# Letters and symbols drawn as nothing: the Hangul fillers, the blank braille pattern
_BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def has_visible(text: str) -> bool:
    """Whether `text` holds a character a reader sees: a letter, digit, symbol
    or punctuation mark (not only spaces, zero-width, format, combining,
    variation-selector or tag characters, nor fillers drawn as nothing)."""
    return any(unicodedata.category(char)[0] in _VISIBLE_CATEGORIES and char not in _BLANK_GLYPHS for char in text)


# Bidi embeddings, overrides and isolates: they reorder the text after them.
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def bidi_controls(text: str) -> list[str]:
    """The distinct bidi embedding, override and isolate controls in `text`,
    by name and code point (`right-to-left override U+202E`), in order."""
    found = dict.fromkeys(_BIDI_CONTROL.findall(text))
    return [f"{unicodedata.name(char).lower()} U+{ord(char):04X}" for char in found]
