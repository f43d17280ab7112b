"""Problems found in content: collected, then reported all at once; and
`printable`, the one way text from outside is printed."""

from dataclasses import dataclass

ERROR, WARNING = "error", "warning"


def printable(text: str) -> str:
    """Outside text (dump lines, answers, file names, record values) made safe
    to print as part of one line: every character `str.isprintable` refuses
    (line breaks, U+2028, U+2029, U+0085, other controls, format characters,
    lone surrogates) is written as its Python escape (`\\n`, `\\u2028`), and a
    `::` at the start, after any spaces, has its first colon written `\\x3a`:
    GitHub's runner reads a line starting so as a workflow command."""
    if not text.isprintable():
        text = "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)
    spaces = len(text) - len(text.lstrip(" "))
    if text.startswith("::", spaces):
        text = text[:spaces] + "\\x3a" + text[spaces + 1:]
    return text


def _escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A workflow command's property value (file=...): also `:` and `,`."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    severity: str = ERROR  # WARNING: advice that does not fail `check`

    def text(self) -> str:
        prefix = "warning: " if self.severity == WARNING else ""
        return printable(f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}")

    def github(self) -> str:
        """A GitHub Actions workflow command: an annotation on the line."""
        return (f"::{self.severity} file={printable(_escape_property(self.path))},line={self.line}::"
                f"{printable(_escape_data(f'{self.field}: {self.message}'))}")


def errors(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == ERROR]


class ContentError(Exception):
    """Content that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(problem.text() for problem in problems))
        self.problems = problems
