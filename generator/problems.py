"""Problems found in content: collected, then reported all at once."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command: an annotation on the line."""
        message = f"{self.field}: {self.message}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line}::{message}"


class ContentError(Exception):
    """Content that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(problem.text() for problem in problems))
        self.problems = problems
