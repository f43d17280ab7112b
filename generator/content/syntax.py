"""YAML syntax errors in a contributor's words: which slip made libyaml stop
(a `: ` or ` #` in an unquoted value, an apostrophe inside single quotes, a
tab, a line out of line with its neighbours), the fix with an example, and
the field of the line. Pure: the parser's error and the file's lines in,
(line, message) out."""

import re

import yaml

# A line's key: `title: ...`, `  - slug: ...` (a list item that is a mapping)
_KEY = re.compile(r"^([ \t]*)(?:- +)?([A-Za-z_][A-Za-z0-9_-]*) *:(?: |\t|$)")
_BARE_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*) *$")  # a field name with its `:` forgotten
_VALUE = re.compile(r"^( *)(?:- +)?(?:([A-Za-z_][A-Za-z0-9_-]*) *: +)?(.*)$")
LONGEST_EXAMPLE = 100  # characters: a longer line gets a short example instead

HIDDEN_LINE_BREAKS = {"\u2028": "the line separator U+2028", "\u2029": "the paragraph separator U+2029",
                      "\x85": "the next-line character U+0085", "\r": "a carriage return (U+000D) with no line feed"}


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def field_at(lines: list[str], number: int) -> str:
    """The key written on line `number` (1-based), else the key of the nearest
    line above that holds it (a list item or a continued value); "-" if none."""
    number = max(1, min(number, len(lines)))
    own = lines[number - 1]
    match = _KEY.match(own) or _BARE_KEY.match(own)
    if match:
        return match.groups()[-1]
    indent = _indent(own) if _content(own) else None
    item = own.lstrip(" \t").startswith("-")
    for line in reversed(lines[:number - 1]):
        match = _KEY.match(line)
        if not match:
            continue
        key_indent = len(match.group(1))
        if indent is None or key_indent < indent or (item and key_indent <= indent):
            return match.group(2)
    return "-"


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _example(key: str | None, value: str, generic: str) -> str:
    line = f"{key}: {single_quoted(value)}" if key else f"- {single_quoted(value)}"
    return line if len(line) <= LONGEST_EXAMPLE else generic


def comment_message(key: str | None, value: str) -> str:
    """An unquoted value with ` #` in it: YAML kept only the part before."""
    return ("` #` starts a comment in YAML, so the value stops before it; if the `#` belongs to the value, "
            f"put the whole value in single quotes: `{_example(key, value, COMMENT_EXAMPLE)}`")


def hidden_line_break_message(character: str) -> str:
    return (f"{HIDDEN_LINE_BREAKS[character]} is not allowed: YAML reads it as a line break that editors and "
            "GitHub do not show; delete it, or type a space or a plain line break instead")


TAB_MESSAGE = ("a tab is used for indentation; YAML indents with spaces only: replace the tab with spaces "
               "(two for each level)")
COLON_EXAMPLE = "title: 'AdaMerging: Adaptive Model Merging'"
COMMENT_EXAMPLE = "title: 'C# Programs #1'"
APOSTROPHE_EXAMPLE = "title: 'It''s Time'"


def explain(error: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str]:
    """The line (1-based, as an editor counts) and a message for a parser error."""
    problem, context = error.problem or "", error.context or ""
    problem_line = error.problem_mark.line + 1 if error.problem_mark else 1
    context_line = error.context_mark.line + 1 if error.context_mark else problem_line
    line = _line(lines, problem_line)
    if "tab" in problem or "\t" in line[:_indent(line)]:
        return problem_line, TAB_MESSAGE
    if "quoted scalar" in context and "end of stream" in problem:
        return context_line, _unclosed_quote(_line(lines, context_line))
    if "mapping values are not allowed" in problem:
        return _colon(lines, problem_line)
    if any(words in problem for words in ("did not find expected key", "expected <document start>",
                                          "expected '-' indicator")):
        apostrophe = _apostrophe(line)
        return (problem_line, apostrophe) if apostrophe else (problem_line, _misaligned(lines, problem_line))
    if "could not find expected ':'" in problem:
        return context_line, ("this line has no `:` after its field name: write it as `field: value` (a value "
                              "continued on the next lines is indented under its field)")
    if "flow sequence" in context or "flow mapping" in context:
        return context_line, ("the list in brackets that starts on this line is not closed, or an item in it holds "
                              "`[`, `]`, `{`, `}`, `:` or `#`: write it on one line as `[a, b]`, put such an item in "
                              "single quotes, or write the items as `- item` lines")
    return problem_line, (f"YAML cannot read this line ({problem or context}); check its quotes, colons and "
                          "indentation, or put the whole value in single quotes")


def _colon(lines: list[str], number: int) -> tuple[int, str]:
    """`mapping values are not allowed`: a `: ` inside an unquoted value, a
    line indented under the value above it, or a line with no `:`."""
    line = _line(lines, number)
    key, value = _split(line)
    if value and not value.startswith(("'", '"')) and (": " in value or value.endswith(":")):
        return number, ("the value holds `: `, which YAML reads as the start of another field; put the whole "
                        f"value in single quotes: `{_example(key, value, COLON_EXAMPLE)}`")
    above = _previous(lines, number)
    if above and ":" not in lines[above - 1]:
        return above, ("this line has no `:` after its field name: write it as `field: value`")
    if above and _indent(line) > _indent(lines[above - 1]):
        return number, _misaligned(lines, number)
    return number, ("YAML cannot read this line as `field: value`; if the value holds `: ` or `#`, put the "
                    f"whole value in single quotes: `{COLON_EXAMPLE}`")


def _apostrophe(line: str) -> str | None:
    """A value in single quotes that ends early, at an apostrophe not doubled."""
    key, value = _split(line)
    inner = value[1:] if value.startswith("'") else ""
    closing = re.search(r"'(?!')", inner.replace("''", "\0\0"))
    if not closing or closing.end() == len(inner.rstrip()):
        return None
    text = inner.rstrip()
    text = text[:-1] if text.endswith("'") else text
    example = _example(key, text.replace("''", "'"), APOSTROPHE_EXAMPLE)
    return ("the value is in single quotes and holds an apostrophe, which ends it early; inside single quotes "
            f"write the apostrophe twice: `{example}`")


def _unclosed_quote(line: str) -> str:
    key, value = _split(line)
    quote = value[:1] if value[:1] in ("'", '"') else "'"
    message = f"the quote {quote} that starts this value is never closed: end the value with {quote}"
    if quote == "'":
        text = value.rstrip()
        message += ("; if the `'` belongs to the text, write the apostrophe twice inside single quotes: "
                    f"`{_example(key, text, APOSTROPHE_EXAMPLE)}`")
    return message


def _misaligned(lines: list[str], number: int) -> str:
    """A line whose indentation matches no level above it: compared with the
    line of its kind (list item or field) above it whose column is closest."""
    line = _line(lines, number)
    kind, here, name = (_positions(line) or [(None, _indent(line), None)])[0]
    above = [(abs(column - here), -other, other, column, other_name) for other in range(1, number)
             for other_kind, column, other_name in _positions(lines[other - 1])
             if other_kind == kind and column != here]
    if not _previous(lines, number):
        return "this line is indented; the fields of a file start at the first column"
    if not above:
        return "indent the lines of one level by the same number of spaces (two more for each level)"
    _, _, other, there, other_name = min(above)
    if kind == "item":
        return (f"this list item starts at column {here + 1}, the one on line {other} at column {there + 1}: start "
                "every `- ` of one list at the same column")
    return (f"the field `{name}` starts at column {here + 1}, the field `{other_name}` on line {other} at column "
            f"{there + 1}: start the fields of one level at the same column (the top-level fields at column 1)")


def _positions(line: str) -> list[tuple[str, int, str | None]]:
    """Where a line's list item (`-`) and field (its key) start: (kind, column, key)."""
    found = []
    if line.lstrip(" \t").startswith("- ") or line.strip() == "-":
        found.append(("item", _indent(line), None))
    match = _KEY.match(line)
    if match:
        found.append(("field", match.start(2), match.group(2)))
    return found


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _split(line: str) -> tuple[str | None, str]:
    match = _VALUE.match(line)
    return (match.group(2), match.group(3).strip()) if match else (None, line.strip())


def _previous(lines: list[str], number: int) -> int | None:
    """The number of the nearest line above `number` with content."""
    for above in range(number - 1, 0, -1):
        if _content(lines[above - 1]):
            return above
    return None
