"""The one network call of `enrich`: a search of Hugging Face Papers.

It sends the request `huggingface_hub.HfApi.list_papers(query=...)` sends
(`GET {endpoint}/api/papers/search?q=...` on huggingface_hub's shared client)
and reads from each result the fields `PaperInfo` reads, each checked before
use. It adds what a batch run needs and `list_papers` lacks: a deadline on
every attempt covering connect, headers and body (the shared client has
none), a cap on the answer's size, read as a stream, and on its nesting
before it is parsed, and retries of 429 and 5xx with exponential backoff that
honours `Retry-After`. The endpoint is `HF_ENDPOINT` when set, read when the client is
made (huggingface_hub reads it once, at import). No token is sent: the search
is public."""

import datetime as dt
import importlib.metadata
import json
import os
import re
from dataclasses import dataclass

import huggingface_hub
from huggingface_hub import constants
from huggingface_hub.utils import get_session, httpx, tqdm

from generator.ingest.bounded_http import Backoff, LookupFailed, read_capped, retried, too_large, within_deadline



@dataclass(frozen=True)
class Candidate:
    """One search result, as the plain values `enrich` may copy into a record."""

    arxiv_id: str
    title: str
    summary: str
    authors: tuple[str, ...] = ()
    published: str | None = None    # the arXiv publication date, YYYY-MM-DD (UTC)
    code_url: str | None = None     # Hugging Face's `githubRepo`
    project_url: str | None = None  # Hugging Face's `projectPage`

    def to_json(self) -> dict:
        return {"arxiv_id": self.arxiv_id, "title": self.title, "summary": self.summary,
                "authors": list(self.authors), "published": self.published,
                "code_url": self.code_url, "project_url": self.project_url}

    @classmethod
    def from_json(cls, data: dict) -> "Candidate":
        """A candidate read back from the cache; ValueError when it is not one."""
        text = ("arxiv_id", "title", "summary")
        optional = ("published", "code_url", "project_url")
        if not (isinstance(data, dict) and all(isinstance(data.get(key), str) for key in text)
                and all(data.get(key) is None or isinstance(data[key], str) for key in optional)
                and isinstance(data.get("authors"), list) and all(isinstance(a, str) for a in data["authors"])):
            raise ValueError("not a cached candidate")
        return cls(**{**{key: data[key] for key in text + optional}, "authors": tuple(data["authors"])})


def candidate_from_result(item: object) -> Candidate | None:
    """One element of the search answer, each field checked before use; None
    when it has no arXiv id or title as text (nothing to match on). The fields
    are those `PaperInfo` reads, where it reads them: the arXiv paper under
    `paper`, the title, `githubRepo` and `projectPage` at the top level and,
    failing that, under `paper`. A value of the wrong type or shape counts as
    absent; what else the answer holds is never read."""
    if not isinstance(item, dict):
        return None
    paper = item.get("paper") if isinstance(item.get("paper"), dict) else {}
    arxiv_id = _text(item.get("id")) or _text(paper.get("id"))
    title = _text(item.get("title")) or _text(paper.get("title"))
    if arxiv_id is None or title is None:
        return None
    authors = paper.get("authors") or item.get("authors")
    names = tuple(author["name"] for author in authors if isinstance(author, dict) and _text(author.get("name"))
                  ) if isinstance(authors, list) else ()
    return Candidate(
        arxiv_id=arxiv_id, title=title, summary=_text(paper.get("summary")) or _text(item.get("summary")) or "",
        authors=names, published=_utc_date(paper.get("publishedAt") or item.get("publishedAt")),
        code_url=_text(item.get("githubRepo")) or _text(paper.get("githubRepo")),
        project_url=_text(item.get("projectPage")) or _text(paper.get("projectPage")),
    )


def _utc_date(value: object) -> str | None:
    """An ISO 8601 time with its zone (`2023-10-04T17:23:06.000Z`) as its UTC
    date; None for anything else."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return when.astimezone(dt.timezone.utc).date().isoformat() if when.tzinfo is not None else None


MAX_ANSWER_BYTES = 4 * 1024 * 1024  # the largest search answer read (a real one is ~0.2 MB)
MAX_DEPTH = 32                       # nesting of arrays and objects (a real answer's is 5)
TOO_LARGE = too_large(MAX_ANSWER_BYTES)
_NESTING = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', re.DOTALL)


def nesting_depth(body: bytes, most: int = MAX_DEPTH) -> int:
    """How deeply the arrays and objects of a JSON text nest (strings set
    aside), counted up to `most` + 1: enough to refuse a text before the
    parser recurses into it."""
    depth = deepest = 0
    for match in _NESTING.finditer(body):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > most:
                break
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


def parse_answer(body: bytes) -> list[Candidate]:
    """The candidates of a search answer's body; LookupFailed, with a one-line
    reason, when it is too large or deep, not JSON, or not a list of papers."""
    if len(body) > MAX_ANSWER_BYTES:
        raise LookupFailed(TOO_LARGE)
    if nesting_depth(body) > MAX_DEPTH:
        raise LookupFailed(f"the answer nests deeper than {MAX_DEPTH} levels")
    try:
        answer = json.loads(body)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise LookupFailed("the answer is not JSON") from None
    if not isinstance(answer, list) or not all(isinstance(item, dict) for item in answer):
        raise LookupFailed("the answer is not a list of papers")
    return [found for found in map(candidate_from_result, answer) if found is not None]


def _version() -> str:
    try:
        return importlib.metadata.version("paper-archive")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


class PapersClient:
    """Searches Hugging Face Papers; `search` returns candidates or raises LookupFailed."""

    def __init__(self, endpoint: str | None = None, timeout: float = 30.0, backoff: Backoff = Backoff()):
        self.endpoint = (endpoint or os.environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip("/")
        if not self.endpoint.startswith(("https://", "http://")):
            raise LookupFailed(f"HF_ENDPOINT must be an http(s) URL, found {self.endpoint!r}")
        self.timeout = timeout
        self.backoff = backoff
        # Our own User-Agent rather than `build_hf_headers`, which would first fetch an
        # agent-detection registry from the Hub and write it under HF_HOME.
        self.headers = {"user-agent": f"paper-archive/{_version()}; hf_hub/{huggingface_hub.__version__}"}

    def search(self, query: str) -> list[Candidate]:
        url = f"{self.endpoint}/api/papers/search"
        return parse_answer(retried(lambda: self._get(url, {"q": query}), self.backoff, self.timeout,
                                    self.endpoint))

    def _get(self, url: str, params: dict) -> tuple[int, httpx.Headers, bytes]:
        """One attempt within `timeout` seconds in all (connect, headers and
        body), its body read under MAX_ANSWER_BYTES."""
        return within_deadline(lambda stop: read_capped(get_session(), "GET", url, MAX_ANSWER_BYTES, stop,
                                                        params=params, headers=self.headers, timeout=self.timeout),
                               self.timeout, "hf-papers-search")


def progress(items: list, enabled: bool = True):
    """A progress bar on stderr (huggingface_hub's tqdm), hidden when stderr is
    not a terminal or `enabled` is false."""
    return tqdm(items, total=len(items), unit="paper", disable=None if enabled else True, leave=False)
