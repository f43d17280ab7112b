"""The Semantic Scholar Academic Graph API client: SPECTER2 embeddings of arXiv
papers, up to `BATCH` a request.

What it relies on, from the API's documentation ("Academic Graph API",
https://api.semanticscholar.org/api-docs/graph, operation post_graph_get_papers,
as mirrored in its OpenAPI text; and allenai/s2-folks FAQ.md):
- `POST {API}/paper/batch?fields=...` with the JSON body `{"ids": [...]}`; `fields`
  is a query parameter, not part of the body; ids such as `ARXIV:2106.15928`;
  at most 500 ids and 10 MB of answer a request (an answer past it is refused
  with HTTP 400);
- the answer: a JSON list with one entry per id asked, in order, `null` for an id
  it does not know (danielnsilva/semanticscholar issue 80 met those nulls);
- `embedding.specter_v2` gives `{"embedding": {"model": "...", "vector": [768 numbers]}}`;
  the embedding may be null for a paper it knows;
- an API key, when there is one, goes in the `x-api-key` header (case-sensitive);
- without a key, requests share a public pool (100 requests in 5 minutes, per the
  rate-limit page https://apis.io/rate-limits/semantic-scholar/semantic-scholar-rate-limits/);
  with one, 1 request a second; past it, HTTP 429; the FAQ asks for exponential
  backoff on 5xx. Requests are therefore spaced `PACE_PUBLIC` (3 s) or
  `PACE_WITH_KEY` (1 s) apart.
Entries are also checked against what was asked: an entry whose `externalIds.ArXiv`
names another paper is refused (s2-folks issue 47: answers once came out of order).

The key is read from `S2_API_KEY` and is never printed or logged: the client is a
plain httpx client of its own (huggingface_hub's shared one logs whole requests
under HF_DEBUG) that follows no redirect (the header would go along). Retries,
the deadline and the size cap are `bounded_http`'s; the nesting cap is hf_papers'."""

import json
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from huggingface_hub.utils import httpx, tqdm

from generator.ingest.bounded_http import Backoff, LookupFailed, read_capped, retried, too_large, within_deadline
from generator.ingest.hf_papers import MAX_DEPTH, _version, nesting_depth

API = "https://api.semanticscholar.org/graph/v1"
# ids a request: half the documented most (500), as 500 vectors of JSON numbers
# come to about 8 MB, near the 10 MB an answer may hold; a batch refused as too
# large is split in halves all the same (`too_large_refusal`)
BATCH = 250
FIELDS = "externalIds,embedding.specter_v2"
DIMS = 768
MAX_ANSWER_BYTES = 12 * 1024 * 1024  # the documented most is 10 MB (500 vectors: about 8 MB)
TOO_LARGE = too_large(MAX_ANSWER_BYTES)
PACE_PUBLIC = 3.0                # seconds between requests without a key (100 in 5 minutes)
PACE_WITH_KEY = 1.0              # with a key (1 a second)
KEY_VARIABLE = "S2_API_KEY"
ENDPOINT_VARIABLE = "S2_API_ENDPOINT"


@dataclass
class BatchAnswer:
    """What one batch said: vectors by arXiv id, the ids it does not know, the ids
    it knows without an embedding, and (id, why) for each entry refused."""

    vectors: dict[str, list[float]] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    no_embedding: list[str] = field(default_factory=list)
    malformed: list[tuple[str, str]] = field(default_factory=list)


def too_large_refusal(error: LookupFailed) -> bool:
    """Whether a batch failed for its size (an answer over the API's limit is
    refused with HTTP 400 or 413, or went past `MAX_ANSWER_BYTES`): asking its
    halves may succeed."""
    return str(error) in ("HTTP 400", "HTTP 413", too_large(MAX_ANSWER_BYTES))


def _no_constants(name: str):
    raise ValueError(f"{name} is not a number")


def parse_batch(body: bytes, asked: list[str]) -> BatchAnswer:
    """The answer to a batch of arXiv ids (without `ARXIV:`); LookupFailed, in one
    line, when the body is too large or deep, not JSON, or not one entry per id."""
    if len(body) > MAX_ANSWER_BYTES:
        raise LookupFailed(TOO_LARGE)
    if nesting_depth(body) > MAX_DEPTH:
        raise LookupFailed(f"the answer nests deeper than {MAX_DEPTH} levels")
    try:
        entries = json.loads(body, parse_constant=_no_constants)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise LookupFailed("the answer is not JSON") from None
    if not isinstance(entries, list) or len(entries) != len(asked):
        count = len(entries) if isinstance(entries, list) else "no list of"
        raise LookupFailed(f"the answer has {count} entries for {len(asked)} ids")
    answer = BatchAnswer()
    for arxiv_id, entry in zip(asked, entries):
        if entry is None:
            answer.unknown.append(arxiv_id)
            continue
        problem = entry_problem(entry, arxiv_id)
        if problem:
            answer.malformed.append((arxiv_id, problem))
        elif entry.get("embedding") is None:
            answer.no_embedding.append(arxiv_id)
        else:
            answer.vectors[arxiv_id] = [float(value) for value in entry["embedding"]["vector"]]
    return answer


def entry_problem(entry: object, arxiv_id: str) -> str | None:
    """Why one entry of the answer cannot be used, in a few words; None when it can."""
    if not isinstance(entry, dict):
        return "not a paper"
    external = entry.get("externalIds")
    if isinstance(external, dict) and isinstance(external.get("ArXiv"), str) and external["ArXiv"] != arxiv_id:
        return f"the entry is for another paper (arXiv {external['ArXiv'][:40]!r})"
    embedding = entry.get("embedding")
    if embedding is None:
        return None
    vector = embedding.get("vector") if isinstance(embedding, dict) else None
    if not isinstance(vector, list):
        return "the embedding has no vector"
    if len(vector) != DIMS:
        return f"the vector has {len(vector)} numbers, not {DIMS}"
    if not all(isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
               for value in vector):
        return "the vector holds something other than finite numbers"
    if not any(vector):
        return "the vector is all zeros"
    return None


class Pacer:
    """Spaces the starts of requests at least `interval` seconds apart."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval, self.clock, self.sleep = interval, clock, sleep
        self.last: float | None = None

    def wait(self) -> None:
        if self.last is not None:
            left = self.last + self.interval - self.clock()
            if left > 0:
                self.sleep(left)
        self.last = self.clock()


class EmbeddingsClient:
    """Asks Semantic Scholar for the SPECTER2 vectors of arXiv papers; `batch`
    returns a BatchAnswer or raises LookupFailed (one line, never the key)."""

    def __init__(self, endpoint: str | None = None, timeout: float = 60.0, backoff: Backoff = Backoff(),
                 api_key: str | None = None, pacer: Pacer | None = None):
        self.endpoint = (endpoint or os.environ.get(ENDPOINT_VARIABLE) or API).rstrip("/")
        if not self.endpoint.startswith(("https://", "http://")):
            raise LookupFailed(f"{ENDPOINT_VARIABLE} must be an http(s) URL, found {self.endpoint!r}")
        self.timeout = timeout
        self.backoff = backoff
        # an unset secret reaches the workflow's environment as an empty value: no key
        key = (api_key if api_key is not None else os.environ.get(KEY_VARIABLE, "")).strip()
        self.headers = {"user-agent": f"paper-archive/{_version()}"}
        if key:
            self.headers["x-api-key"] = key
        self.pacer = pacer or Pacer(PACE_WITH_KEY if key else PACE_PUBLIC)
        self.http = httpx.Client(follow_redirects=False)

    @property
    def authenticated(self) -> bool:
        return "x-api-key" in self.headers

    def close(self) -> None:
        self.http.close()

    def batch(self, arxiv_ids: list[str]) -> BatchAnswer:
        """The vectors of at most BATCH papers by arXiv id (without version)."""
        if not 0 < len(arxiv_ids) <= BATCH:
            raise ValueError(f"1 to {BATCH} ids a batch")
        body = {"ids": [f"ARXIV:{arxiv_id}" for arxiv_id in arxiv_ids]}
        return parse_batch(retried(lambda: self._post(body), self.backoff, self.timeout, self.endpoint,
                                   before=self.pacer.wait), arxiv_ids)

    def _post(self, body: dict) -> tuple[int, httpx.Headers, bytes]:
        """One attempt within `timeout` seconds in all (connect, headers and
        body), its body read under MAX_ANSWER_BYTES."""
        return within_deadline(lambda stop: read_capped(
            self.http, "POST", f"{self.endpoint}/paper/batch", MAX_ANSWER_BYTES, stop, params={"fields": FIELDS},
            json=body, headers=self.headers, timeout=self.timeout), self.timeout, "semantic-scholar-batch")


def batch_progress(total: int, enabled: bool = True):
    """A progress bar of papers on stderr (huggingface_hub's tqdm, as hf_papers'
    `progress`), hidden when stderr is not a terminal or `enabled` is false."""
    return tqdm(total=total, unit="paper", disable=None if enabled else True, leave=False)
