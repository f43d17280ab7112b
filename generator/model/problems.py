"""Problems found in content: collected, then reported all at once."""

from dataclasses import dataclass

ERROR, WARNING = "error", "warning"


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
        return f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command: an annotation on the line."""
        return (f"::{self.severity} file={_escape_property(self.path)},line={self.line}::"
                f"{_escape_data(f'{self.field}: {self.message}')}")


def errors(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == ERROR]


class ContentError(Exception):
    """Content that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(problem.text() for problem in problems))
        self.problems = problems
