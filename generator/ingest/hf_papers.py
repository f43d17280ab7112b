"""The one network call of `enrich`: a search of Hugging Face Papers.

It sends the request `huggingface_hub.HfApi.list_papers(query=...)` sends
(`GET {endpoint}/api/papers/search?q=...` on huggingface_hub's shared client)
and parses each result into the same `PaperInfo`, adding what a batch run
needs and `list_papers` lacks: a timeout on every call (the shared client has
none), and retries of 429 and 5xx with exponential backoff that honours
`Retry-After`. The endpoint is `HF_ENDPOINT` when set, read when the client is
made (huggingface_hub reads it once, at import). No token is sent: the search
is public."""

import copy
import datetime as dt
import email.utils
import importlib.metadata
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import huggingface_hub
from huggingface_hub import constants
from huggingface_hub.errors import HfHubHTTPError
from huggingface_hub.hf_api import PaperInfo
from huggingface_hub.utils import get_session, hf_raise_for_status, httpx, tqdm

RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})


class LookupFailed(Exception):
    """A search that gave no usable answer; the message is one line."""


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


def candidate_from_result(item: dict) -> Candidate | None:
    """One element of the search answer, parsed by `PaperInfo`; None when it has
    no arXiv id or title (nothing to match on). `githubRepo` and `projectPage`
    are read where PaperInfo reads them (top level) and, failing that, from the
    nested `paper` object."""
    nested = item.get("paper") if isinstance(item.get("paper"), dict) else {}
    try:
        info = PaperInfo(**copy.deepcopy(item))  # PaperInfo pops keys out of what it is given
    except (TypeError, ValueError, AttributeError) as error:
        raise LookupFailed(f"a result Hugging Face's PaperInfo cannot read: {error}") from None
    if not isinstance(info.id, str) or not isinstance(info.title, str):
        return None
    authors = tuple(author.name for author in info.authors or () if isinstance(author.name, str))
    published = info.published_at.astimezone(dt.timezone.utc).date().isoformat() if info.published_at else None
    return Candidate(
        arxiv_id=info.id, title=info.title, summary=info.summary if isinstance(info.summary, str) else "",
        authors=authors, published=published,
        code_url=_text(info.github_repo) or _text(nested.get("githubRepo")),
        project_url=_text(info.project_page) or _text(nested.get("projectPage")),
    )


def _version() -> str:
    try:
        return importlib.metadata.version("paper-archive")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True)
class Backoff:
    """How long to wait before each retry: `first` seconds, doubling up to `most`;
    a `Retry-After` the server sends wins, unless it asks for more than `most`
    (then the look-up fails now and is tried again on the next run)."""

    attempts: int = 4
    first: float = 2.0
    most: float = 120.0
    sleep: Callable[[float], None] = time.sleep

    def delay(self, attempt: int, retry_after: float | None) -> float | None:
        """Seconds to wait after failed attempt number `attempt` (from 1); None: give up."""
        if attempt >= self.attempts:
            return None
        if retry_after is not None:
            return retry_after if retry_after <= self.most else None
        return min(self.most, self.first * 2 ** (attempt - 1))


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """`Retry-After` as seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - (now or dt.datetime.now(dt.timezone.utc))).total_seconds())


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
        attempt = 0
        while True:
            attempt += 1
            retry_after = None
            try:
                response = get_session().get(url, params={"q": query}, headers=self.headers, timeout=self.timeout)
            except httpx.TimeoutException:
                problem = f"no answer within {self.timeout:g} s"
            except (httpx.TransportError, httpx.InvalidURL) as error:
                problem = f"cannot reach {self.endpoint}: {error or type(error).__name__}"
            else:
                if response.status_code not in RETRIED_STATUSES:
                    return _candidates(response)
                problem = f"HTTP {response.status_code}"
                retry_after = retry_after_seconds(response.headers.get("Retry-After"))
            wait = self.backoff.delay(attempt, retry_after)
            if wait is None:
                asked = f", which asked to wait {retry_after:g} s" if retry_after and attempt < self.backoff.attempts else ""
                raise LookupFailed(f"{problem} after {attempt} attempt{'s' if attempt != 1 else ''}{asked}")
            self.backoff.sleep(wait)


def _candidates(response) -> list[Candidate]:
    try:
        hf_raise_for_status(response)
    except HfHubHTTPError:
        raise LookupFailed(f"HTTP {response.status_code}") from None
    try:
        answer = response.json()
    except ValueError:
        raise LookupFailed("the answer is not JSON") from None
    if not isinstance(answer, list) or not all(isinstance(item, dict) for item in answer):
        raise LookupFailed("the answer is not a list of papers")
    return [found for found in map(candidate_from_result, answer) if found is not None]


def progress(items: list, enabled: bool = True):
    """A progress bar on stderr (huggingface_hub's tqdm), hidden when stderr is
    not a terminal or `enabled` is false."""
    return tqdm(items, total=len(items), unit="paper", disable=None if enabled else True, leave=False)
