"""One HTTP attempt bounded in time and in size, shared by the clients of outside
services (Hugging Face Papers, Semantic Scholar): a total deadline that covers
connect, headers and body, and a body read as a stream and refused past a cap."""

import datetime as dt
import email.utils
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from huggingface_hub.utils import httpx

T = TypeVar("T")
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})


class LookupFailed(Exception):
    """A request that gave no usable answer; the message is one line."""


def too_large(cap: int) -> str:
    return f"the answer is larger than {cap:,} bytes"


def within_deadline(attempt: Callable[[threading.Event], T], seconds: float, name: str) -> T:
    """`attempt(stop)` run in a thread of its own, given `seconds` in all; past
    them `stop` is set, the thread is left behind (it stops at its next chunk or
    read timeout) and httpx.TimeoutException is raised. What `attempt` raises
    is raised here."""
    outcome: list = []
    stop = threading.Event()

    def run():
        try:
            outcome.append(attempt(stop))
        except BaseException as error:  # handed to the caller
            outcome.append(error)

    worker = threading.Thread(target=run, name=name, daemon=True)
    worker.start()
    worker.join(seconds)
    stop.set()
    if not outcome:
        raise httpx.TimeoutException("the deadline passed")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def read_capped(client: httpx.Client, method: str, url: str, cap: int, stop: threading.Event,
                **request) -> tuple[int, httpx.Headers, bytes]:
    """The status, headers and body of one request, the body read as a stream:
    LookupFailed past `cap` bytes (declared or read), a timeout once `stop` is set.
    An error status's body is not read."""
    with client.stream(method, url, **request) as response:
        chunks, size = [], 0
        declared = response.headers.get("Content-Length", "")
        if response.status_code < 400 and declared.isdigit() and int(declared) > cap:
            raise LookupFailed(too_large(cap))
        if response.status_code < 400:
            for chunk in response.iter_bytes():
                if stop.is_set():
                    raise httpx.TimeoutException("the deadline passed")
                chunks.append(chunk)
                size += len(chunk)
                if size > cap:
                    raise LookupFailed(too_large(cap))
        return response.status_code, response.headers, b"".join(chunks)


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


def retried(send: Callable[[], tuple[int, httpx.Headers, bytes]], backoff: Backoff, timeout: float, endpoint: str,
            before: Callable[[], None] = lambda: None) -> bytes:
    """The body of the first answer `send()` gets that is not a status worth
    retrying, calling `before()` ahead of each attempt (a rate limit's pacing).
    Timeouts, transport errors and RETRIED_STATUSES are tried again as
    `backoff` says; LookupFailed, in one line, for an error status or when it
    gives up."""
    attempt = 0
    while True:
        attempt += 1
        retry_after = None
        before()
        try:
            status, headers, body = send()
        except httpx.TimeoutException:
            problem = f"no answer within {timeout:g} s"
        except (httpx.TransportError, httpx.InvalidURL) as error:
            problem = f"cannot reach {endpoint}: {type(error).__name__}"
        else:
            if status not in RETRIED_STATUSES:
                if status >= 400:
                    raise LookupFailed(f"HTTP {status}")
                return body
            problem = f"HTTP {status}"
            retry_after = retry_after_seconds(headers.get("Retry-After"))
        wait = backoff.delay(attempt, retry_after)
        if wait is None:
            asked = f", which asked to wait {retry_after:g} s" if retry_after and attempt < backoff.attempts else ""
            raise LookupFailed(f"{problem} after {attempt} attempt{'s' if attempt != 1 else ''}{asked}")
        backoff.sleep(wait)
