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
INDICATOR_EXAMPLE = "title: '@Home: Robots'"
_INDICATORS = frozenset("@`%&*|>!")  # start a token of YAML's syntax, not text


def explain(error: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str]:
    """The line (1-based, as an editor counts) and a message for a parser error."""
    problem, context = error.problem or "", error.context or ""
    problem_line = _within(lines, error.problem_mark.line + 1 if error.problem_mark else 1)
    context_line = _within(lines, error.context_mark.line + 1 if error.context_mark else problem_line)
    line = _line(lines, problem_line)
    if "tab" in problem or "\t" in line[:_indent(line)]:
        return problem_line, TAB_MESSAGE
    first = split_line(line)[1][:1]
    if first in _INDICATORS and ("cannot start any token" in problem or "anchor" in context or "alias" in context
                                or "block scalar" in context):
        return problem_line, indicator_message(*split_line(line))
    if "block sequence entries are not allowed" in problem:
        return problem_line, ("a list cannot start on its field's line: write each item on a line of its own, "
                              "`- item` indented under the field, or the whole list as [a, b]")
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
    if any(words in context for words in ("flow sequence", "flow mapping", "flow node")):
        return context_line, ("the list in brackets that starts on this line is not closed, or an item in it holds "
                              "`[`, `]`, `{`, `}`, `:` or `#`: write it on one line as `[a, b]`, put such an item in "
                              "single quotes, or write the items as `- item` lines")
    return problem_line, (f"YAML cannot read this line ({problem or context}); check its quotes, colons and "
                          "indentation, or put the whole value in single quotes")


def _colon(lines: list[str], number: int) -> tuple[int, str]:
    """`mapping values are not allowed`: a `: ` inside an unquoted value, a
    line indented under the value above it, or a line with no `:`."""
    line = _line(lines, number)
    key, value = split_line(line)
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


def indicator_message(key: str | None, value: str) -> str:
    """An unquoted value starting with a character YAML reads as syntax."""
    shown = "a backtick" if value[:1] == "`" else f"`{value[:1]}`"
    return (f"an unquoted value cannot start with {shown}, which YAML reads as syntax; put the whole value in "
            f"single quotes: `{_example(key, value, INDICATOR_EXAMPLE)}`")


def _apostrophe(line: str) -> str | None:
    """A value in quotes that ends early: at an apostrophe inside a word
    (`'It's'`), or at the quote closing a quoted word it starts with."""
    key, value = split_line(line)
    value = value.rstrip()
    if value[:1] not in ("'", '"'):
        return None
    closing = re.search(f"{value[0]}(?!{value[0]})", value[1:].replace(value[0] * 2, "\0\0"))
    if not closing or closing.end() == len(value) - 1:
        return None
    if value[0] == "'" and value[1 + closing.end():][:1].isalnum():  # an apostrophe inside a word
        text = value[1:-1] if value.endswith("'") else value[1:]
        example = _example(key, text.replace("''", "'"), APOSTROPHE_EXAMPLE)
        return ("the value is in single quotes and holds an apostrophe, which ends it early; inside single quotes "
                f"write the apostrophe twice: `{example}`")
    example = _example(key, value, APOSTROPHE_EXAMPLE)
    return ("the value starts with a quote, so YAML ends it at the next quote and cannot read the rest; put the "
            f"whole value in single quotes, writing each apostrophe twice: `{example}`")


def _unclosed_quote(line: str) -> str:
    key, value = split_line(line)
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


def _within(lines: list[str], number: int) -> int:
    """A line the file has: the end of the text (where the parser may point
    past its last line) is its last line with content."""
    if number <= len(lines) and _content(lines[number - 1]):
        return number
    return min(number, _previous(lines, len(lines) + 1) or 1)


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def split_line(line: str) -> tuple[str | None, str]:
    """A line's key (None for a list item) and its value as typed."""
    match = _VALUE.match(line)
    return (match.group(2), match.group(3).strip()) if match else (None, line.strip())


def _previous(lines: list[str], number: int) -> int | None:
    """The number of the nearest line above `number` with content."""
    for above in range(number - 1, 0, -1):
        if _content(lines[above - 1]):
            return above
    return None
