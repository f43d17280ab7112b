"""`embeddings` against a local stand-in for the Semantic Scholar Academic Graph
API: an HTTP server on 127.0.0.1 that answers POST /graph/v1/paper/batch in the
API's shape (one entry per id, null for an unknown paper), failures included.
The vectors are built by the test, so what is stored is known."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest

from generator.cli import main
from generator.content.embeddings import FIRST_LINE, decode, load_embeddings
from generator.content.store import CacheDir
from generator.content.yamlio import dump_mapping
from generator.ingest import semantic_scholar
from generator.ingest.fetch_embeddings import run_embeddings
from generator.ingest.bounded_http import Backoff, LookupFailed
from generator.ingest.semantic_scholar import BATCH, EmbeddingsClient, Pacer, parse_batch
from generator.model.paper import FIELD_ORDER
from generator.model.problems import ContentError
from tests.support import ABSTRACT_MTL

KEY = "s2-test-key-0123456789"


def vector(seed: int) -> list[float]:
    return np.random.default_rng(seed).standard_normal(768).round(6).tolist()


def paper_entry(arxiv_id: str, seed: int | None = None, **extra) -> dict:
    """One entry of the batch answer for fields=externalIds,embedding.specter_v2."""
    embedding = None if seed is None else {"model": "specter_v2", "vector": vector(seed)}
    return {"paperId": f"{abs(hash(arxiv_id)):040x}"[:40], "externalIds": {"ArXiv": arxiv_id, "CorpusId": 1},
            "embedding": embedding, **extra}


class FakeScholar:
    """Answers each batch by the ids asked: `known` maps an arXiv id to its entry
    (an id not in it gets null). `script` (status, headers, body, delay) answers
    the next requests before that; a callable body writes its own bytes.
    Every request is kept: its ids, query and headers."""

    def __init__(self, known: dict[str, object] | None = None, script: list[tuple] | None = None):
        self.known = known or {}
        self.script = list(script or [])
        self.requests: list[dict] = []
        scholar = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                url = urlsplit(self.path)
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                scholar.requests.append({"path": url.path, "query": parse_qs(url.query), "ids": body.get("ids"),
                                         "headers": dict(self.headers.items())})
                if scholar.script:
                    status, headers, answer, delay = scholar.script.pop(0)
                else:
                    status, headers, delay = 200, {}, 0
                    answer = [scholar.known.get(item.removeprefix("ARXIV:")) for item in body["ids"]]
                if callable(answer):
                    try:
                        answer(self)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                time.sleep(delay)
                data = answer if isinstance(answer, bytes) else json.dumps(answer).encode("utf-8")
                try:
                    self.send_response(status)
                    for name, value in {"Content-Type": "application/json", **headers}.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/graph/v1"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def no_pause() -> Pacer:
    return Pacer(0.0)


def client(scholar, sleeps=None, timeout=5.0, **extra) -> EmbeddingsClient:
    return EmbeddingsClient(endpoint=scholar.url, timeout=timeout, backoff=Backoff(sleep=Sleeps() if sleeps is None else sleeps),
                            pacer=no_pause(), **extra)


def write_record(content, slug: str, arxiv_id: str | None = None) -> None:
    record = {"title": f"Paper {slug}", "abstract": ABSTRACT_MTL, "tags": ["multi-task-learning"]}
    if arxiv_id:
        record["arxiv_id"] = arxiv_id
    content.paper_path(slug).write_text(dump_mapping(record, FIELD_ORDER), encoding="utf-8")


def fetch(content, scholar, tmp_path, dry_run=False, **extra):
    the_client = client(scholar, **extra)
    try:
        return run_embeddings(content, the_client, CacheDir(tmp_path / ".cache" / "embeddings"), dry_run=dry_run,
                              show_progress=False)
    finally:
        the_client.close()


def stored(content) -> dict:
    found, problems = load_embeddings(content)
    assert problems == []
    return found.vectors


def test_only_papers_with_an_arxiv_id_are_asked_without_their_version(content, tmp_path):
    write_record(content, "one", "2106.15928v2")
    write_record(content, "two", "2301.00001")
    write_record(content, "none")
    with FakeScholar({"2106.15928": paper_entry("2106.15928", 1), "2301.00001": paper_entry("2301.00001", 2)}) as s2:
        report = fetch(content, s2, tmp_path)
    (request,) = s2.requests
    assert request["path"] == "/graph/v1/paper/batch"
    assert request["query"] == {"fields": ["externalIds,embedding.specter_v2"]}
    assert request["ids"] == ["ARXIV:2106.15928", "ARXIV:2301.00001"]
    assert "x-api-key" not in {name.lower() for name in request["headers"]}
    assert (report.found, report.asked, report.stored, report.papers) == (2, 2, 2, 2)
    assert sorted(path.name for path in (content.root / "embeddings").iterdir()) == [
        "specter2-v1-2021.tsv", "specter2-v1-2023.tsv"]
    vectors = decode(stored(content))
    expected = np.array(vector(1)) / np.linalg.norm(vector(1))
    assert float(vectors["2106.15928"] @ expected) > 0.9999


def test_an_unknown_paper_is_skipped_and_counted_and_asked_again_next_time(content, tmp_path, capsys):
    write_record(content, "known", "2106.15928")
    write_record(content, "unknown", "2106.00001")
    write_record(content, "no-vector", "2106.00002")
    known = {"2106.15928": paper_entry("2106.15928", 1), "2106.00002": paper_entry("2106.00002")}
    with FakeScholar(known) as s2:
        report = fetch(content, s2, tmp_path)
        assert (report.found, report.unknown, report.no_embedding) == (1, ["2106.00001"], ["2106.00002"])
        assert report.summary() == (
            "1 vectors added, 1 papers Semantic Scholar does not know, 1 known without an embedding, 0 unusable, "
            "0 not fetched (3 asked, 0 answered from the cache); 1 of 3 papers with an arXiv id have a vector; "
            "0 stored lines dropped")
        fetch(content, s2, tmp_path)
    assert s2.requests[1]["ids"] == ["ARXIV:2106.00001", "ARXIV:2106.00002"]


@pytest.mark.parametrize("entry, why", [
    ("a string", "not a paper"),
    ({"embedding": {"model": "x"}}, "the embedding has no vector"),
    ({"embedding": {"vector": [0.5] * 767}}, "the vector has 767 numbers, not 768"),
    ({"embedding": {"vector": [0.5] * 767 + ["1"]}}, "the vector holds something other than finite numbers"),
    ({"embedding": {"vector": [0.5] * 767 + [True]}}, "the vector holds something other than finite numbers"),
    ({"embedding": {"vector": [0] * 768}}, "the vector is all zeros"),
    ({"externalIds": {"ArXiv": "1706.03762"}, "embedding": {"vector": [0.5] * 768}},
     "the entry is for another paper (arXiv '1706.03762')"),
])
def test_a_malformed_entry_is_refused_in_one_line_and_the_rest_is_kept(content, tmp_path, entry, why):
    write_record(content, "good", "2106.15928")
    write_record(content, "bad", "2106.00001")
    with FakeScholar({"2106.15928": paper_entry("2106.15928", 1), "2106.00001": entry}) as s2:
        report = fetch(content, s2, tmp_path)
    assert report.refused == [f"refused: arXiv 2106.00001: {why}"]
    assert list(stored(content)) == ["2106.15928"]


def test_nan_and_infinity_are_not_numbers():
    body = b'[{"embedding": {"vector": [NaN]}}]'
    with pytest.raises(LookupFailed, match="^the answer is not JSON$"):
        parse_batch(body, ["2106.15928"])


@pytest.mark.parametrize("answer, message", [
    ([], "the answer has 0 entries for 1 ids"),
    ({"error": "x"}, "the answer has no list of entries for 1 ids"),
    (b"<html>", "the answer is not JSON"),
    (b"[" * 40 + b"]" * 40, "the answer nests deeper than 32 levels"),
])
def test_an_answer_not_of_one_entry_per_id_fails_the_batch(answer, message):
    body = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
    with pytest.raises(LookupFailed) as error:
        parse_batch(body, ["2106.15928"])
    assert str(error.value) == message


def test_429_waits_what_retry_after_asks_then_succeeds(content, tmp_path):
    write_record(content, "one", "2106.15928")
    sleeps = Sleeps()
    with FakeScholar({"2106.15928": paper_entry("2106.15928", 1)},
                     [(429, {"Retry-After": "7"}, {"message": "Too Many Requests"}, 0)]) as s2:
        report = fetch(content, s2, tmp_path, sleeps=sleeps)
    assert sleeps == [7.0] and len(s2.requests) == 2 and report.found == 1


def test_a_5xx_is_retried_with_backoff_then_reported_and_the_command_fails(content, tmp_path):
    write_record(content, "one", "2106.15928")
    sleeps = Sleeps()
    with FakeScholar(script=[(503, {}, {"message": "busy"}, 0)] * 4) as s2:
        report = fetch(content, s2, tmp_path, sleeps=sleeps)
    assert sleeps == [2.0, 4.0, 8.0] and len(s2.requests) == 4
    assert report.failed == ["failed: a batch of 1 ids from 2106.15928: HTTP 503 after 4 attempts"]
    assert report.failed_ids == 1 and not (content.root / "embeddings").exists()


def test_a_retry_after_past_the_most_gives_up_at_once(content, tmp_path):
    write_record(content, "one", "2106.15928")
    with FakeScholar(script=[(429, {"Retry-After": "3600"}, {}, 0)]) as s2:
        report = fetch(content, s2, tmp_path)
    assert report.failed == ["failed: a batch of 1 ids from 2106.15928: HTTP 429 after 1 attempt, "
                             "which asked to wait 3600 s"]


def trickle(every: float):
    """Headers at once, then a byte at a time: each read is quick, the whole is not."""
    def write(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        for _ in range(100000):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(every)
    return write


def test_a_slow_answer_is_stopped_at_the_deadline(content, tmp_path):
    write_record(content, "one", "2106.15928")
    with FakeScholar(script=[(200, {}, trickle(0.05), 0)] * 4) as s2:
        started = time.monotonic()
        report = fetch(content, s2, tmp_path, timeout=0.5)
    assert time.monotonic() - started < 4 * 0.5 + 2
    assert report.failed == ["failed: a batch of 1 ids from 2106.15928: no answer within 0.5 s after 4 attempts"]


def undeclared(size: int):
    def write(handler):
        handler.send_response(200)
        handler.end_headers()
        handler.wfile.write(b"[" + b" " * size + b"]")
    return write


@pytest.mark.parametrize("answer", [b"[" + b" " * 5000 + b"]", undeclared(5000)])
def test_an_answer_past_the_size_cap_is_refused(content, tmp_path, monkeypatch, answer):
    monkeypatch.setattr(semantic_scholar, "MAX_ANSWER_BYTES", 1000)
    write_record(content, "one", "2106.15928")
    with FakeScholar(script=[(200, {}, answer, 0)]) as s2:
        report = fetch(content, s2, tmp_path)
    assert report.failed == ["failed: a batch of 1 ids from 2106.15928: the answer is larger than 1,000 bytes"]


def test_after_three_failed_batches_the_rest_are_not_asked(content, tmp_path, monkeypatch):
    monkeypatch.setattr("generator.ingest.fetch_embeddings.BATCH", 1)
    for number in range(5):
        write_record(content, f"p{number}", f"2106.{number:05d}")
    with FakeScholar(script=[(400, {}, {"error": "bad"}, 0)] * 5) as s2:
        report = fetch(content, s2, tmp_path)
    assert len(s2.requests) == 3 and report.failed_ids == 5
    assert report.failed[-1] == "failed: 1 ids not asked: the last 3 batches failed"


@pytest.mark.parametrize("refusal", [(413, {}, {"message": "too large"}, 0),
                                     (400, {}, {"error": "Response would exceed maximum size"}, 0)])
def test_a_batch_refused_as_too_large_is_asked_in_halves(content, tmp_path, refusal):
    ids = [f"2106.{number:05d}" for number in range(5)]
    for number, arxiv_id in enumerate(ids):
        write_record(content, f"p{number}", arxiv_id)
    with FakeScholar({arxiv_id: paper_entry(arxiv_id, number) for number, arxiv_id in enumerate(ids)},
                     [refusal]) as s2:
        report = fetch(content, s2, tmp_path)
    assert [request["ids"] for request in s2.requests] == [
        [f"ARXIV:{arxiv_id}" for arxiv_id in part] for part in (ids, ids[:3], ids[3:])]
    assert report.found == 5 and report.asked == 5 and report.failed == [] and sorted(stored(content)) == ids


def test_a_paper_refused_alone_fails_alone(content, tmp_path):
    ids = ["2106.00001", "2106.00002", "2106.00003"]
    for number, arxiv_id in enumerate(ids):
        write_record(content, f"p{number}", arxiv_id)
    too_large = (400, {}, {"error": "too large"}, 0)
    with FakeScholar({arxiv_id: paper_entry(arxiv_id, number) for number, arxiv_id in enumerate(ids)},
                     [too_large, too_large, too_large]) as s2:
        report = fetch(content, s2, tmp_path)
    assert [len(request["ids"]) for request in s2.requests] == [3, 2, 1, 1, 1]
    assert report.failed == ["failed: a batch of 1 ids from 2106.00001: HTTP 400"]
    assert report.failed_ids == 1 and sorted(stored(content)) == ids[1:]


def test_a_400_to_everything_stops_after_three_ids_fail_in_a_row(content, tmp_path):
    for number in range(8):
        write_record(content, f"p{number}", f"2106.{number:05d}")
    with FakeScholar(script=[(400, {}, {"error": "bad"}, 0)] * 20) as s2:
        report = fetch(content, s2, tmp_path)
    assert [len(request["ids"]) for request in s2.requests] == [8, 4, 2, 1, 1, 2, 1]
    assert report.failed_ids == 8 and report.failed[-2:] == [
        "failed: 1 ids not asked: the last 3 batches failed", "failed: 4 ids not asked: the last 3 batches failed"]


def test_batches_hold_at_most_batch_ids(content, tmp_path):
    for number in range(BATCH + 1):
        write_record(content, f"p{number}", f"2106.{number:05d}")
    with FakeScholar({f"2106.{number:05d}": paper_entry(f"2106.{number:05d}", number)
                      for number in range(BATCH + 1)}) as s2:
        report = fetch(content, s2, tmp_path)
    assert BATCH <= 500 and [len(request["ids"]) for request in s2.requests] == [BATCH, 1]
    assert report.found == BATCH + 1


def test_a_rerun_asks_nothing_and_changes_no_byte(content, tmp_path):
    write_record(content, "one", "2106.15928")
    with FakeScholar({"2106.15928": paper_entry("2106.15928", 1)}) as s2:
        fetch(content, s2, tmp_path)
        before = (content.root / "embeddings" / "specter2-v1-2021.tsv").read_bytes()
        report = fetch(content, s2, tmp_path)
    assert len(s2.requests) == 1 and report.written == [] and report.wanted == 0
    assert (content.root / "embeddings" / "specter2-v1-2021.tsv").read_bytes() == before


def test_the_cache_answers_when_the_file_is_lost(content, tmp_path):
    write_record(content, "one", "2106.15928")
    with FakeScholar({"2106.15928": paper_entry("2106.15928", 1)}) as s2:
        fetch(content, s2, tmp_path)
        before = (content.root / "embeddings" / "specter2-v1-2021.tsv").read_bytes()
        (content.root / "embeddings" / "specter2-v1-2021.tsv").unlink()
        report = fetch(content, s2, tmp_path)
    assert len(s2.requests) == 1 and report.cached == 1
    assert (content.root / "embeddings" / "specter2-v1-2021.tsv").read_bytes() == before


def test_a_damaged_file_does_not_block_the_run_that_rewrites_it(content, tmp_path):
    write_record(content, "one", "2106.15928")
    write_record(content, "two", "2106.00001")
    write_record(content, "old", "9901.00001")
    folder = content.root / "embeddings"
    with FakeScholar({"2106.15928": paper_entry("2106.15928", 1), "9901.00001": paper_entry("9901.00001", 2)}) as s2:
        fetch(content, s2, tmp_path)
        path = folder / "specter2-v1-2021.tsv"
        good = path.read_text("utf-8")
        path.write_text(good + "2106.00001\tdamaged\n", encoding="utf-8")
        (folder / "specter2-v1-1999.tsv").write_text("# another first line\n", encoding="utf-8")
        report = fetch(content, s2, tmp_path)
    assert report.failed == [] and report.dropped == 2 and report.unreadable == 2
    assert report.summary().endswith("; 2 stored lines dropped (2 unreadable)")
    assert path.read_text("utf-8") == good
    assert sorted(stored(content)) == ["2106.15928", "9901.00001"]


def test_a_stray_file_in_the_embeddings_still_blocks_the_run(content, tmp_path):
    write_record(content, "one", "2106.15928")
    (content.root / "embeddings").mkdir()
    (content.root / "embeddings" / "notes.txt").write_text("hello\n", encoding="utf-8")
    with FakeScholar() as s2, pytest.raises(ContentError) as raised:
        fetch(content, s2, tmp_path)
    assert s2.requests == [] and [problem.path for problem in raised.value.problems] == [
        "content/embeddings/notes.txt"]


def test_a_new_paper_adds_one_line_and_a_removed_one_drops_its_line(content, tmp_path):
    write_record(content, "one", "2106.15928")
    write_record(content, "gone", "2106.00001")
    known = {arxiv: paper_entry(arxiv, seed) for seed, arxiv in enumerate(["2106.15928", "2106.00001", "2106.20000"])}
    path = content.root / "embeddings" / "specter2-v1-2021.tsv"
    with FakeScholar(known) as s2:
        fetch(content, s2, tmp_path)
        before = path.read_text("utf-8").splitlines()
        write_record(content, "new", "2106.20000")
        content.paper_path("gone").unlink()
        report = fetch(content, s2, tmp_path)
    after = path.read_text("utf-8").splitlines()
    assert after[0] == FIRST_LINE and before[0] == FIRST_LINE
    assert set(before) - set(after) == {before[1]} and before[1].startswith("2106.00001\t")
    assert len(set(after) - set(before)) == 1 and after[-1].startswith("2106.20000\t")
    assert report.dropped == 1 and report.found == 1


def test_dry_run_writes_nothing(content, tmp_path):
    write_record(content, "one", "2106.15928")
    with FakeScholar({"2106.15928": paper_entry("2106.15928", 1)}) as s2:
        report = fetch(content, s2, tmp_path, dry_run=True)
    assert report.found == 1 and report.written == ["content/embeddings/specter2-v1-2021.tsv"]
    assert not (content.root / "embeddings").exists() and not (tmp_path / ".cache").exists()


def test_the_pacer_spaces_requests():
    now = [100.0]
    sleeps = []

    def sleep(seconds):
        sleeps.append(seconds)
        now[0] += seconds

    pacer = Pacer(3.0, clock=lambda: now[0], sleep=sleep)
    pacer.wait()
    now[0] += 1.0
    pacer.wait()
    now[0] += 5.0
    pacer.wait()
    assert sleeps == [2.0]


def test_the_pace_is_the_public_one_without_a_key_and_one_a_second_with_it(monkeypatch):
    monkeypatch.delenv("S2_API_KEY", raising=False)
    assert EmbeddingsClient(endpoint="http://127.0.0.1:9").pacer.interval == 3.0
    monkeypatch.setenv("S2_API_KEY", KEY)
    keyed = EmbeddingsClient(endpoint="http://127.0.0.1:9")
    assert keyed.pacer.interval == 1.0 and keyed.authenticated


@pytest.mark.parametrize("value", ["", " ", "\n"])
def test_an_empty_key_is_no_key(monkeypatch, value):
    monkeypatch.setenv("S2_API_KEY", value)  # the workflow's value when the secret is not set
    client = EmbeddingsClient(endpoint="http://127.0.0.1:9")
    assert not client.authenticated and "x-api-key" not in client.headers and client.pacer.interval == 3.0


def test_the_command_sends_the_key_as_x_api_key_and_never_prints_it(content, tmp_path, monkeypatch, capsys):
    write_record(content, "one", "2106.15928")
    write_record(content, "two", "2106.00001")
    with FakeScholar({"2106.15928": paper_entry("2106.15928", 1)},
                     [(401, {}, {"message": f"bad key {KEY}"}, 0)]) as s2:
        monkeypatch.setenv("S2_API_ENDPOINT", s2.url)
        monkeypatch.setenv("S2_API_KEY", KEY)
        monkeypatch.setattr(semantic_scholar, "PACE_WITH_KEY", 0.0)
        first = main(["--content", str(content.root), "embeddings"])
        first_output = capsys.readouterr()
        second = main(["--content", str(content.root), "embeddings"])
        second_output = capsys.readouterr()
    assert [request["headers"].get("x-api-key") for request in s2.requests] == [KEY, KEY]
    assert first == 1 and first_output.err == "failed: a batch of 2 ids from 2106.00001: HTTP 401\n"
    assert second == 0
    assert second_output.out == (
        "wrote content/embeddings/specter2-v1-2021.tsv\n"
        "1 vectors added, 1 papers Semantic Scholar does not know, 0 known without an embedding, 0 unusable, "
        "0 not fetched (2 asked, 0 answered from the cache); 1 of 2 papers with an arXiv id have a vector; "
        "0 stored lines dropped\n")
    for output in (first_output, second_output):
        assert KEY not in output.out + output.err


def test_an_endpoint_that_is_not_a_url_is_one_line(content, monkeypatch, capsys):
    monkeypatch.setenv("S2_API_ENDPOINT", "file:///etc")
    assert main(["--content", str(content.root), "embeddings"]) == 1
    assert capsys.readouterr().err == "error: S2_API_ENDPOINT must be an http(s) URL, found 'file:///etc'\n"


def test_content_with_errors_is_refused(content, tmp_path, capsys):
    content.paper_path("broken").write_text("title: [\n", encoding="utf-8")
    with FakeScholar() as s2:
        assert main(["--content", str(content.root), "embeddings"]) == 1
    assert s2.requests == [] and capsys.readouterr().err.startswith("content/papers/broken.yaml:")
