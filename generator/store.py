"""All file-system access to content/: paths, reading, atomic writing."""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.problems import ContentError, Problem


@dataclass(frozen=True)
class ContentDir:
    """Where each kind of content lives, in one place."""

    root: Path

    @property
    def papers(self) -> Path:
        return self.root / "papers"

    @property
    def dumps(self) -> Path:
        return self.root / "dumps"

    @property
    def tags_file(self) -> Path:
        return self.root / "tags.yaml"

    @property
    def sources_file(self) -> Path:
        return self.root / "sources.yaml"

    def paper_path(self, slug: str) -> Path:
        return self.papers / f"{slug}.yaml"

    def paper_files(self) -> list[Path]:
        """Every file under papers/, sorted (non-YAML files are reported by check)."""
        if not self.papers.is_dir():
            return []
        return sorted(path for path in self.papers.iterdir() if path.is_file() and not path.name.startswith("."))


def display_path(path: Path) -> str:
    """The path as a user or GitHub annotation wants it: relative to the working
    directory where possible, with forward slashes."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path) -> str:
    """A content file's text; a clear error when it is not UTF-8."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise ContentError([Problem(display_path(path), line, "-",
                                    f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start})")]) from None


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file and rename, so a crash leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
