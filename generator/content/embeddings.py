"""The stored embeddings: one SPECTER2 vector per arXiv paper of the archive,
quantised, in `content/embeddings/specter2-v1-YYYY.tsv`.

Format `specter2-v1` (another model or encoding is a new version, in new files):
- one file per year of the arXiv id (`2106.15928` -> 2021, `hep-th/9901001` -> 1999),
  so a weekly run adds lines to the current year's file and leaves the others alone;
- the first line is `FIRST_LINE`; other lines starting with `#` are comments;
- every other line: the arXiv id without its version, a tab, and the vector as
  base85 (Python's `base64.b85encode`, RFC 1924's alphabet: no tab, quote or
  backslash) of `DIMS` signed bytes; the lines sorted by id, each id once.
The bytes: Semantic Scholar's 768-dimensional `embedding.specter_v2` vector
scaled so that its largest coordinate is ±127 and rounded to integers. Only
cosines are read from a vector, and a cosine ignores the scale, so none is kept.
A line is 972 bytes (a new-style id): under 1 KiB a paper without reducing the
dimension. A random orthogonal projection to 256, 384 or 512 dimensions was
measured first and kept the five nearest neighbours only 79-91% of the time on
the test fixture (tests/content/test_embeddings.py), and PCA needs real vectors
to be fitted on; rounding alone keeps them more than 99% of the time.

The files are written by `python -m generator embeddings` (the weekly enrich
workflow); contributors never edit them. Vectors are keyed by arXiv id, not by
slug: a renamed record keeps its vector, and a corrected `arxiv_id` drops the
old one. Pure: text in, vectors and problems out; reading goes through the store."""

import base64
import hashlib
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from generator.content.store import SYMLINK_PROBLEM, ContentDir, display_path, entry_problem, read_text
from generator.model.paper import Paper
from generator.model.problems import WARNING, ContentError, Problem

FORMAT = "specter2-v1"
DIMS = 768           # SPECTER2's vectors: 768 bytes, 960 base85 characters a paper
FOLDER = "embeddings"  # under content/
MAX_FILE_BYTES = 16 * 1024 * 1024  # a year's file: about 45,000 papers
FIRST_LINE = (f"# {FORMAT}: SPECTER2 vectors of the records' arXiv papers from Semantic Scholar, "
              f"{DIMS} int8 in base85 a line. Written by `python -m generator embeddings`: never edit by hand.")
FILE_NAME = re.compile(r"^specter2-v1-(\d{4})\.tsv$")
ARXIV_ID = re.compile(r"^(?:(\d{2})(?:0[1-9]|1[0-2])\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/(\d{2})(?:0[1-9]|1[0-2])\d{3})$")
_VERSION = re.compile(r"v\d+$")
_TEXT_LENGTH = DIMS // 4 * 5
NOT_EDITED = "this file is written by `python -m generator embeddings`; do not edit it"


def bare_arxiv_id(arxiv_id: str) -> str:
    """An arXiv id without its version (`2106.15928v2` -> `2106.15928`)."""
    return _VERSION.sub("", arxiv_id)


def arxiv_year(arxiv_id: str) -> int | None:
    """The year an arXiv id (without version) was given; None when it is not one."""
    match = ARXIV_ID.match(arxiv_id)
    if not match:
        return None
    yy = int(match.group(1) or match.group(2))
    return (2000 if yy < 91 else 1900) + yy  # old-style ids start in 1991


def file_name(year: int) -> str:
    return f"{FORMAT}-{year}.tsv"


def quantise(vectors: np.ndarray) -> list[bytes | None]:
    """Full vectors (n x DIMS) as stored: scaled to ±127 and rounded, as bytes;
    None for a zero vector."""
    found: list[bytes | None] = []
    for row in np.asarray(vectors, dtype=np.float64):
        largest = float(np.max(np.abs(row)))
        found.append(None if largest == 0 or not np.isfinite(largest)
                     else np.rint(row * (127 / largest)).astype(np.int8).tobytes())
    return found


def encode(vector: bytes) -> str:
    return base64.b85encode(vector).decode("ascii")


def decode(stored: dict[str, bytes]) -> dict[str, np.ndarray]:
    """Stored bytes as unit-length float32 vectors, for cosines."""
    found = {}
    for key, raw in stored.items():
        vector = np.frombuffer(raw, dtype=np.int8).astype(np.float32)
        found[key] = vector / np.linalg.norm(vector)
    return found


def file_text(rows: dict[str, bytes]) -> str:
    """One year's file: the first line, then a line per id, sorted."""
    return FIRST_LINE + "\n" + "".join(f"{arxiv_id}\t{encode(rows[arxiv_id])}\n" for arxiv_id in sorted(rows))


@dataclass
class Embeddings:
    """The stored vectors by arXiv id (without version), and where each line is."""

    vectors: dict[str, bytes] = field(default_factory=dict)
    lines: dict[str, tuple[str, int]] = field(default_factory=dict)  # id -> (file shown, line)

    def digest(self) -> str:
        """The content hash of the vectors (for a cache key: equal vectors, equal digest)."""
        found = hashlib.sha256(FORMAT.encode())
        for arxiv_id in sorted(self.vectors):
            found.update(arxiv_id.encode() + b"\0" + self.vectors[arxiv_id])
        return found.hexdigest()


def parse_file(text: str, shown: str, year: int | None, into: Embeddings) -> list[Problem]:
    """Read one year's file into `into`; a problem at the line of everything
    that is not this format (each such line is left out). A line may end in
    `\r` (a Windows checkout turns every `\n` into `\r\n`)."""
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != FIRST_LINE:
        return [Problem(shown, 1, "-", f"the first line must name the format {FORMAT} as the writer puts it "
                                       f"({NOT_EDITED})")]
    problems, last = [], ""
    for number, line in enumerate(lines[1:], 2):
        if line.startswith("#"):
            continue
        problem, arxiv_id = _line_problem(line, year, into)
        if problem is None and arxiv_id <= last:
            problem = f"{arxiv_id} is out of order (the lines are sorted by arXiv id)"
        if problem:
            problems.append(Problem(shown, number, arxiv_id or "-", f"{problem} ({NOT_EDITED})"))
            continue
        last = arxiv_id
        into.vectors[arxiv_id] = base64.b85decode(line.split("\t")[1])
        into.lines[arxiv_id] = (shown, number)
    return problems


def _line_problem(line: str, year: int | None, into: Embeddings) -> tuple[str | None, str]:
    parts = line.split("\t")
    if len(parts) != 2:
        return f"expected an arXiv id, a tab and a vector, found {len(parts)} field{'s' if len(parts) != 1 else ''}", ""
    arxiv_id, vector = parts
    if arxiv_year(arxiv_id) is None:
        return f"{arxiv_id[:40]!r} is not an arXiv id without version", ""
    if year is not None and arxiv_year(arxiv_id) != year:
        return f"{arxiv_id} belongs in {file_name(arxiv_year(arxiv_id))}", arxiv_id
    if arxiv_id in into.vectors:
        where, at = into.lines[arxiv_id]
        return f"{arxiv_id} is stored twice (first at {where}:{at})", arxiv_id
    if len(vector) != _TEXT_LENGTH:
        return f"the vector must be {_TEXT_LENGTH} base85 characters ({DIMS} bytes), found {len(vector)}", arxiv_id
    try:
        raw = base64.b85decode(vector)
    except ValueError:
        return "the vector is not base85", arxiv_id
    if len(raw) != DIMS:
        return f"the vector must hold {DIMS} bytes, found {len(raw)}", arxiv_id
    if not any(raw):
        return "the vector is all zeros", arxiv_id
    return None, arxiv_id


def embeddings_folder(content: ContentDir) -> Path:
    return content.root / FOLDER


def load_embeddings(content: ContentDir) -> tuple[Embeddings, list[Problem]]:
    """Every file of content/embeddings/ (none: no embeddings), read through the
    store (no symlink, size limit, UTF-8); a problem for every entry that is
    not a year's file of this format and for every line that cannot be read."""
    found, entries, lines = read_embeddings(content)
    return found, entries + lines


def read_embeddings(content: ContentDir) -> tuple[Embeddings, list[Problem], list[Problem]]:
    """`load_embeddings` with its problems in two lists: those of the folder and
    its entries (a symlink, a stray or unreadable file), then those of lines
    within the year's files (which the next `embeddings` run drops). A folder
    that is a symlink, or anything but a folder, is one problem, never read."""
    found, problems, lines = Embeddings(), [], []
    folder = embeddings_folder(content)
    try:
        mode = folder.lstat().st_mode
    except FileNotFoundError:
        return found, problems, lines
    if stat.S_ISLNK(mode):
        return found, [Problem(display_path(folder), 1, "-", SYMLINK_PROBLEM)], lines
    if not stat.S_ISDIR(mode):
        return found, [Problem(display_path(folder), 1, "-", f"must be a folder of {FORMAT}-YYYY.tsv files "
                                                             f"({NOT_EDITED})")], lines
    for path in sorted(folder.iterdir()):
        shown = display_path(path)
        match = FILE_NAME.match(path.name)
        problem = entry_problem(path)
        if problem is None and not match:
            problem = f"not an embeddings file: expected {FORMAT}-YYYY.tsv ({NOT_EDITED})"
        if problem:
            problems.append(Problem(shown, 1, "-", problem))
            continue
        try:
            text = read_text(path, MAX_FILE_BYTES)
        except ContentError as error:
            problems += error.problems
            continue
        lines += parse_file(text, shown, int(match.group(1)), found)
    return found, problems, lines


def stale_problems(embeddings: Embeddings, papers: tuple[Paper, ...]) -> list[Problem]:
    """A warning at each stored id that no record's `arxiv_id` names (a record
    removed or its id corrected): it is never used, and the next run of
    `embeddings` drops it, so a contributor has nothing to do."""
    known = {bare_arxiv_id(paper.arxiv_id) for paper in papers if paper.arxiv_id}
    return [Problem(*embeddings.lines[arxiv_id], arxiv_id,
                    "no record has this arXiv id; the line is unused and the next weekly run drops it", WARNING)
            for arxiv_id in sorted(set(embeddings.vectors) - known)]


def vectors_by_slug(embeddings: Embeddings, papers: tuple[Paper, ...]) -> dict[str, np.ndarray]:
    """Each paper's unit vector (slug -> float32 array), for those with a stored one."""
    stored = {paper.slug: embeddings.vectors[bare_arxiv_id(paper.arxiv_id)] for paper in papers
              if paper.arxiv_id and bare_arxiv_id(paper.arxiv_id) in embeddings.vectors}
    return decode(stored)
