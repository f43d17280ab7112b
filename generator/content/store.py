"""All file-system access to content/: paths, reading, atomic writing; and the
on-disk cache of remote answers (`CacheDir`).

Every file under content/ comes from a stranger's pull request, so reading is
defensive: a symlink is never followed, a file has a size limit, and a dump is
looked up by bare name inside content/dumps/ only."""

import hashlib
import json
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.model.problems import ContentError, Problem

MAX_RECORD_BYTES = 64 * 1024        # a paper record (the longest real one is ~3 KB)
MAX_DOCUMENT_BYTES = 1024 * 1024    # any other YAML file read whole
MAX_VOCABULARY_BYTES = 256 * 1024   # tags.yaml (~600 bytes a tag, at most 500 tags)
MAX_MANIFEST_BYTES = 256 * 1024     # sources.yaml (~180 bytes a dump)
MAX_DUMP_BYTES = 32 * 1024 * 1024   # a dump of one search page
DUMP_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")


@dataclass(frozen=True)
class ContentDir:
    """Where each kind of content lives, in one place."""

    root: Path

    papers = property(lambda self: self.root / "papers")                # one <slug>.yaml per paper
    dumps = property(lambda self: self.root / "dumps")                  # the raw dumps, as captured
    tags_file = property(lambda self: self.root / "tags.yaml")          # the vocabulary
    sources_file = property(lambda self: self.root / "sources.yaml")    # the manifest of dumps
    tags_ledger = property(lambda self: self.root / "tags-written.yaml")  # the tag lists commands wrote

    def paper_path(self, slug: str) -> Path:
        return self.papers / f"{slug}.yaml"

    def paper_entries(self) -> list[Path]:
        """Everything directly under papers/, sorted: records, and whatever else
        a pull request put there (the loader reports what is not a record)."""
        if not self.papers.is_dir():
            return []
        return sorted(self.papers.iterdir())

    def dump_path(self, name: str) -> Path:
        """A dump's path by its bare file name; ContentError for anything that
        could point elsewhere (`..`, `/`, a hidden name)."""
        if not DUMP_NAME.match(name) or name in (".", ".."):
            raise ContentError([Problem(display_path(self.sources_file), 1, "file",
                                        f"{name!r} is not a bare file name in {display_path(self.dumps)}")])
        return self.dumps / name


def display_path(path: Path) -> str:
    """The path as a user or GitHub annotation wants it: relative to the working
    directory where possible, with forward slashes."""
    text, here = os.fspath(path), os.getcwd() + os.sep
    if text.startswith(here) and os.sep == "/":  # the common case, without relpath's work (20,000 calls a load)
        shown = text[len(here):]
    else:
        try:
            shown = Path(os.path.relpath(path)).as_posix()
        except ValueError:
            shown = path.as_posix()
    if shown.isprintable():
        return shown
    # a name with a newline or other control character must not break the report's lines
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in shown)


SYMLINK_PROBLEM = "symbolic links are not allowed here"


def entry_problem(path: Path, suffix: str | None = None) -> str | None:
    """Why a directory entry is not a regular content file (ending in `suffix`
    when given), if it is not."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return "file is missing"
    if stat.S_ISLNK(mode):
        return SYMLINK_PROBLEM
    if not stat.S_ISREG(mode):
        return "only files are allowed here (no folders or special files)"
    if path.name.startswith("."):
        return "hidden files are not allowed here"
    if suffix is not None and path.suffix != suffix:
        return f"only {suffix} files are allowed here"
    return None


def symlinks_under(root: Path) -> list[Path]:
    """Every symbolic link below `root`, without following any."""
    found = []
    for folder, directories, files in os.walk(root, followlinks=False):
        found += [Path(folder, name) for name in directories + files if os.path.islink(os.path.join(folder, name))]
    return sorted(found)


def read_text(path: Path, max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    """A content file's text: a regular file (no symlink), at most `max_bytes`,
    UTF-8. ContentError with the file and line otherwise."""
    shown = display_path(path)
    problem = entry_problem(path)
    if problem:
        raise ContentError([Problem(shown, 1, "-", problem)])
    with open(path, "rb") as file:
        raw = file.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ContentError([Problem(shown, 1, "-", f"file is larger than {max_bytes:,} bytes")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise ContentError([Problem(shown, line, "-",
                                    f"not UTF-8 text (byte 0x{raw[error.start]:02x} at offset {error.start})")]) from None


def read_dump(content: ContentDir, name: str) -> bytes:
    """A listed dump's bytes, from content/dumps/ only."""
    path = content.dump_path(name)
    problem = entry_problem(path)
    if problem:
        raise ContentError([Problem(display_path(path), 1, "-", problem)])
    return read_bytes(path, MAX_DUMP_BYTES)


def read_bytes(path: Path, max_bytes: int = MAX_DUMP_BYTES) -> bytes:
    """A file a maintainer named (a new dump to import), size-limited."""
    with open(path, "rb") as file:
        raw = file.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ContentError([Problem(display_path(path), 1, "-", f"file is larger than {max_bytes:,} bytes")])
    return raw


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write through a temporary file and rename, so a crash leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if isinstance(text, bytes):
            with os.fdopen(handle, "wb") as file:
                file.write(text)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
                file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


MAX_CACHE_BYTES = 4 * 1024 * 1024  # one cached answer of a remote look-up


@dataclass(frozen=True)
class CacheDir:
    """Answers of remote look-ups kept on disk (`.cache/`, not committed), one
    JSON file per key, so a rerun does not ask again. A missing, unreadable or
    foreign file is a miss: the worst a damaged cache does is ask again."""

    root: Path

    def path(self, key: str) -> Path:
        return self.root / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}.json"

    def get(self, key: str):
        """The value stored under `key`; None when there is none."""
        path = self.path(key)
        if entry_problem(path, ".json"):
            return None
        try:
            stored = json.loads(read_bytes(path, MAX_CACHE_BYTES))
        except (ContentError, ValueError):
            return None
        return stored.get("value") if isinstance(stored, dict) and stored.get("key") == key else None

    def put(self, key: str, value) -> None:
        write_atomic(self.path(key), json.dumps({"key": key, "value": value}, ensure_ascii=False, indent=1,
                                                sort_keys=True) + "\n")
