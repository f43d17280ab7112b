"""Smaller pages, the same to a reader: the theme's markup around the page
content, never the content itself (record text is never rewritten here).

- `squeeze`: in text between tags, each run of whitespace that holds a line
  break becomes one line break; tags (so attribute values) and the insides of
  <pre>, <textarea>, <script> and <style> are left as they are. A browser
  renders a whitespace run as one space wherever white-space is normal, so
  the page looks the same; Jinja's indentation is ~15% of a page.
- `IconSprites`: each inline <svg> icon (Material repeats the same 5 in every
  header, ~2.5 KB) becomes a reference to one symbol of a sprite file that the
  build writes once; the icon is drawn the same (its colour is inherited,
  `fill: currentColor`)."""

import hashlib
import re

_VERBATIM = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)  # and any tag
_BREAK = re.compile(r"[ \t\r\f]*\n[ \t\r\f\n]*")
_ICON = re.compile(r'<svg xmlns="http://www\.w3\.org/2000/svg" viewBox="([0-9 .]+)"( aria-hidden="true")?>'
                   r'((?:(?!</?svg)[^<]|<(?!/?svg\b))*)</svg>')
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def squeeze(text: str) -> str:
    """`text` with every whitespace run between tags that holds a line break
    made one line break (never inside a tag, <pre>, <textarea>, <script>, <style>)."""
    out, start = [], 0
    for match in _VERBATIM.finditer(text):
        out += [_BREAK.sub("\n", text[start:match.start()]), match.group(0)]
        start = match.end()
    out.append(_BREAK.sub("\n", text[start:]))
    return "".join(out)


class IconSprites:
    """The icons found so far (symbol id -> <symbol>), and the rewriting of
    inline icons into references to them."""

    def __init__(self):
        self.symbols: dict[str, str] = {}

    def use(self, text: str, sprite_url: str) -> str:
        """`text` with each inline icon replaced by `<svg viewBox><use href>`."""
        def replace(match: re.Match) -> str:
            view_box, hidden, inner = match.group(1), match.group(2) or "", match.group(3)
            symbol = f'<symbol viewBox="{view_box}">{_COMMENT.sub("", inner)}</symbol>'
            ident = "i" + hashlib.sha1(symbol.encode()).hexdigest()[:10]
            self.symbols.setdefault(ident, symbol.replace("<symbol ", f'<symbol id="{ident}" ', 1))
            # the comment (an icon set's licence) moves to the sprite file with the icon
            if (comment := _COMMENT.search(inner)) and ident + "-licence" not in self.symbols:
                self.symbols[ident + "-licence"] = comment.group(0)
            return f'<svg viewBox="{view_box}"{hidden}><use href="{sprite_url}#{ident}"/></svg>'
        return _ICON.sub(replace, text)

    def sprite(self) -> str:
        """The sprite file: every symbol, in a stable order."""
        body = "\n".join(self.symbols[key] for key in sorted(self.symbols))
        return f'<svg xmlns="http://www.w3.org/2000/svg">\n{body}\n</svg>\n'


def compact_page(text: str, content: str, sprites: IconSprites, sprite_url: str) -> str:
    """A page of the theme, compacted around its `content` (left as it is):
    whitespace squeezed, and icons outside the <article> made sprite references
    (check-site allows no <use> inside it). A page whose content is not
    found exactly once is left as it is."""
    if not content or text.count(content) != 1:
        return text
    before, after = text.split(content)
    start = before.find("<article")
    start = len(before) if start < 0 else start
    end = after.rfind("</article>")
    end = 0 if end < 0 else end + len("</article>")
    return (squeeze(sprites.use(before[:start], sprite_url) + before[start:]) + content
            + squeeze(after[:end] + sprites.use(after[end:], sprite_url)))
