"""`enrich` against a local stand-in for Hugging Face Papers: an HTTP server on
127.0.0.1 that answers /api/papers/search in the shape huggingface_hub's
`PaperInfo` reads, one scripted answer per request."""

import datetime as dt
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.cli import main
from generator.content.store import CacheDir
from generator.content.yamlio import dump_mapping, load_mapping
from generator.ingest.bounded_http import Backoff, retry_after_seconds
from generator.ingest.enrich import abstract_agreement, decide, fill, run_enrich, title_key
from generator.ingest.hf_papers import Candidate, PapersClient, candidate_from_result
from generator.model.likeness import SAME_ABSTRACT
from generator.model.paper import FIELD_ORDER
from tests.support import ABSTRACT_MTL, ABSTRACT_STYLE

TODAY = dt.date(2026, 5, 1)
TITLE = "Shared Encoders for MTL"
ABSTRACT_OTHER = ("We present a benchmark of robot manipulation tasks in simulated kitchens, with "
                  "demonstrations collected by teleoperation and a suite of imitation learning baselines.")


def result(arxiv_id: str, title: str, summary: str, **extra) -> dict:
    """One element of /api/papers/search as the Hub sends it: the arXiv paper
    under `paper`, the daily-papers entry around it (its own `publishedAt` is the
    day it was featured, not the arXiv date)."""
    return {
        "paper": {"id": arxiv_id, "title": title, "summary": summary, "upvotes": 12, "discussionId": "6523a1",
                  "publishedAt": "2023-10-04T17:23:06.000Z",
                  "authors": [{"_id": "65a1", "name": "Enneng  Yang", "hidden": False},
                              {"_id": "65a2", "name": "Zhenyi Wang", "hidden": False}]},
        "publishedAt": "2023-10-06T01:02:03.000Z", "title": title, "numComments": 2,
        "thumbnail": "https://example.org/thumb.png", **extra,
    }


class FakeHub:
    """Scripted answers by query: each request takes the next (status, headers,
    body, delay) of its query; the last one repeats. Every query asked is kept."""

    def __init__(self, script: dict[str, list[tuple]]):
        self.script = {query: list(answers) for query, answers in script.items()}
        self.asked: list[str] = []
        self.paths: list[str] = []
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                url = urlsplit(self.path)
                query = parse_qs(url.query).get("q", [""])[0]
                hub.paths.append(url.path)
                hub.asked.append(query)
                answers = hub.script.get(query, [(200, {}, [], 0)])
                status, headers, body, delay = answers.pop(0) if len(answers) > 1 else answers[0]
                if callable(body):  # an answer that writes its own bytes (slow, undeclared length)
                    try:
                        body(self)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                if url.path != "/api/papers/search":
                    status, body = 404, {"error": "not found"}
                time.sleep(delay)
                data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
                try:
                    self.send_response(status)
                    for name, value in {"Content-Type": "application/json", **headers}.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def ok(*results) -> tuple:
    return (200, {}, list(results), 0)


def write_record(content, slug: str, **fields) -> None:
    record = {"title": TITLE, "abstract": ABSTRACT_MTL, "tags": ["multi-task-learning"], **fields}
    content.paper_path(slug).write_text(dump_mapping(record, FIELD_ORDER), encoding="utf-8")


def record(content, slug: str) -> dict:
    return load_mapping(content.paper_path(slug).read_text("utf-8"))[0]


def snapshot(root) -> dict:
    return {path: path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def enrich(content, hub, tmp_path, names=(), backoff=None, timeout=5.0, dry_run=False):
    client = PapersClient(endpoint=hub.url, timeout=timeout, backoff=backoff or Backoff(sleep=Sleeps()))
    return run_enrich(content, list(names), client, CacheDir(tmp_path / ".cache" / "enrich"), dry_run=dry_run,
                      today=TODAY, show_progress=False)


# --- Matching -------------------------------------------------------------------------


def test_an_exact_match_fills_every_empty_field_in_canonical_form(content, tmp_path):
    write_record(content, "shared-encoders")
    answer = result("2310.02575", TITLE, ABSTRACT_MTL, githubRepo="https://github.com/example/mtl",
                    projectPage="https://example.org/mtl")
    with FakeHub({TITLE: [ok(answer)]}) as hub:
        report = enrich(content, hub, tmp_path)
    assert report.lines("matched") == ["matched: content/papers/shared-encoders.yaml: 2310.02575 (abstract agreement "
                                       "1.00); filled arxiv_id, authors, published, code_url, project_url"]
    assert report.summary() == ("1 matched, 0 ambiguous, 0 not found, 0 failed "
                                "(1 searched, 0 answered from the cache, 0 already with an arXiv id)")
    assert content.paper_path("shared-encoders").read_text("utf-8") == dump_mapping({
        "title": TITLE, "abstract": ABSTRACT_MTL, "tags": ["multi-task-learning"], "arxiv_id": "2310.02575",
        "authors": ["Enneng Yang", "Zhenyi Wang"], "published": "2023-10-04",
        "code_url": "https://github.com/example/mtl", "project_url": "https://example.org/mtl"}, FIELD_ORDER)
    assert hub.asked == [TITLE] and hub.paths == ["/api/papers/search"]  # and nothing else of the Hub's


def test_a_match_may_differ_in_case_spacing_punctuation_and_line_breaks(content, tmp_path):
    write_record(content, "shared-encoders")
    wrapped = ABSTRACT_MTL.replace(" with ", "\nwith  ").replace("learning", "learning\n")
    with FakeHub({TITLE: [ok(result("2310.02575", "shared  encoders FOR mtl.", wrapped))]}) as hub:
        report = enrich(content, hub, tmp_path)
    assert [line.split(" (")[0] for line in report.lines("matched")] == [
        "matched: content/papers/shared-encoders.yaml: 2310.02575"]
    assert record(content, "shared-encoders")["arxiv_id"] == "2310.02575"


def test_of_two_results_with_the_title_the_one_whose_abstract_agrees_is_taken(content, tmp_path):
    write_record(content, "shared-encoders")
    answers = ok(result("2401.00001", TITLE, ABSTRACT_OTHER), result("2310.02575", TITLE, ABSTRACT_MTL),
                 result("2402.00002", "Shared Encoders for MTL: A Survey", ABSTRACT_MTL))
    with FakeHub({TITLE: [answers]}) as hub:
        report = enrich(content, hub, tmp_path)
    assert len(report.found["matched"]) == 1
    assert record(content, "shared-encoders")["arxiv_id"] == "2310.02575"


def test_a_near_miss_title_is_rejected(content, tmp_path):
    write_record(content, "shared-encoders")
    before = snapshot(content.root)
    with FakeHub({TITLE: [ok(result("2402.00002", "Shared Encoders for MTL: A Survey", ABSTRACT_MTL))]}) as hub:
        report = enrich(content, hub, tmp_path)
    assert report.lines("not found") == ["not found: content/papers/shared-encoders.yaml: no result has this title "
                                         "(1 result)"]
    assert snapshot(content.root) == before


def test_the_same_title_with_an_unrelated_abstract_is_rejected(content, tmp_path):
    write_record(content, "shared-encoders")
    before = snapshot(content.root)
    with FakeHub({TITLE: [ok(result("2401.00001", TITLE, ABSTRACT_OTHER))]}) as hub:
        report = enrich(content, hub, tmp_path)
    (line,) = report.lines("not found")
    assert line.startswith("not found: content/papers/shared-encoders.yaml: 2401.00001 has this title but its "
                           "abstract does not agree (0.")
    assert line.endswith(f"< {SAME_ABSTRACT:.2f})")
    assert snapshot(content.root) == before


def test_two_different_papers_that_both_agree_are_ambiguous_and_left_alone(content, tmp_path):
    write_record(content, "shared-encoders")
    before = snapshot(content.root)
    with FakeHub({TITLE: [ok(result("2310.02575", TITLE, ABSTRACT_MTL), result("2311.00001", TITLE, ABSTRACT_MTL))]}) as hub:
        report = enrich(content, hub, tmp_path)
    assert report.lines("ambiguous") == ["ambiguous: content/papers/shared-encoders.yaml: 2 results have this title "
                                         "and abstract: 2310.02575, 2311.00001"]
    assert snapshot(content.root) == before


def test_a_value_a_contributor_set_is_kept(content, tmp_path):
    write_record(content, "shared-encoders", published="2020-01-02", authors=["A. Contributor"],
                 code_url="https://github.com/contributor/fork")
    answer = result("2310.02575", TITLE, ABSTRACT_MTL, githubRepo="https://github.com/example/mtl")
    with FakeHub({TITLE: [ok(answer)]}) as hub:
        report = enrich(content, hub, tmp_path)
    assert report.lines("matched")[0].endswith("; filled arxiv_id")
    saved = record(content, "shared-encoders")
    assert (saved["published"], saved["authors"], saved["code_url"], saved["arxiv_id"]) == (
        "2020-01-02", ["A. Contributor"], "https://github.com/contributor/fork", "2310.02575")


def test_a_paper_with_an_arxiv_id_is_not_looked_up(content, tmp_path):
    write_record(content, "shared-encoders", arxiv_id="2310.02575")
    with FakeHub({}) as hub:
        report = enrich(content, hub, tmp_path)
    assert hub.asked == [] and report.already == 1


# --- The service misbehaving ----------------------------------------------------------


def test_429_is_retried_after_the_time_retry_after_asks(content, tmp_path):
    write_record(content, "shared-encoders")
    sleeps = Sleeps()
    script = {TITLE: [(429, {"Retry-After": "7"}, {"error": "rate limited"}, 0), ok(result("2310.02575", TITLE, ABSTRACT_MTL))]}
    with FakeHub(script) as hub:
        report = enrich(content, hub, tmp_path, backoff=Backoff(first=0.01, sleep=sleeps))
    assert sleeps == [7.0] and hub.asked == [TITLE, TITLE]
    assert record(content, "shared-encoders")["arxiv_id"] == "2310.02575"
    assert report.asked == 1


def test_a_500_is_retried_then_reported_as_failed_and_the_run_goes_on(content, tmp_path):
    write_record(content, "a-failing-paper", title="A Failing Paper")
    write_record(content, "shared-encoders")
    sleeps = Sleeps()
    script = {"A Failing Paper": [(500, {}, {"error": "boom"}, 0)], TITLE: [ok(result("2310.02575", TITLE, ABSTRACT_MTL))]}
    with FakeHub(script) as hub:
        report = enrich(content, hub, tmp_path, backoff=Backoff(attempts=3, first=0.01, sleep=sleeps))
    assert hub.asked == ["A Failing Paper"] * 3 + [TITLE]
    assert sleeps == [0.01, 0.02]
    assert report.lines("failed") == ["failed: content/papers/a-failing-paper.yaml: HTTP 500 after 3 attempts"]
    assert record(content, "shared-encoders")["arxiv_id"] == "2310.02575"
    assert "arxiv_id" not in record(content, "a-failing-paper")


def test_a_slow_answer_times_out_and_is_reported(content, tmp_path):
    write_record(content, "shared-encoders")
    with FakeHub({TITLE: [(200, {}, [result("2310.02575", TITLE, ABSTRACT_MTL)], 2.0)]}) as hub:
        started = time.monotonic()
        report = enrich(content, hub, tmp_path, backoff=Backoff(attempts=2, first=0.01, sleep=Sleeps()), timeout=0.2)
        assert time.monotonic() - started < 1.5
    assert report.lines("failed") == ["failed: content/papers/shared-encoders.yaml: no answer within 0.2 s after 2 attempts"]


@pytest.mark.parametrize("body, message", [
    (b'[{"paper": {"id": "2310.02575"', "the answer is not JSON"),
    ({"papers": []}, "the answer is not a list of papers"),
])
def test_a_malformed_answer_is_reported_as_failed_without_retrying(content, tmp_path, body, message):
    write_record(content, "shared-encoders")
    with FakeHub({TITLE: [(200, {}, body, 0)]}) as hub:
        report = enrich(content, hub, tmp_path)
    (line,) = report.lines("failed")
    assert line.startswith(f"failed: content/papers/shared-encoders.yaml: {message}")
    assert hub.asked == [TITLE]
    assert not (tmp_path / ".cache").exists()  # a failure is not an answer: asked again next time


def test_an_empty_answer_is_not_found(content, tmp_path):
    write_record(content, "shared-encoders")
    with FakeHub({TITLE: [ok()]}) as hub:
        report = enrich(content, hub, tmp_path)
    assert report.lines("not found") == ["not found: content/papers/shared-encoders.yaml: no result has this title "
                                         "(0 results)"]


def test_after_five_failures_in_a_row_the_rest_are_not_searched(content, tmp_path):
    for number in range(7):
        write_record(content, f"paper-{number}", title=f"Paper {number}")
    with FakeHub({}) as hub:
        hub.script = {f"Paper {number}": [(503, {}, {}, 0)] for number in range(7)}
        report = enrich(content, hub, tmp_path, backoff=Backoff(attempts=1, sleep=Sleeps()))
    assert len(hub.asked) == 5
    assert report.lines("failed")[-1] == "failed: content/papers/paper-6.yaml: not searched: the last 6 searches failed"


# --- Cache, rerun, dry run, the command line ---------------------------------------------


def test_a_rerun_asks_nothing_and_changes_no_byte(content, tmp_path):
    write_record(content, "shared-encoders")
    write_record(content, "fast-style-transfer", title="Fast Style Transfer", abstract=ABSTRACT_STYLE,
                 tags=["style-transfer"])
    script = {TITLE: [ok(result("2310.02575", TITLE, ABSTRACT_MTL))], "Fast Style Transfer": [ok()]}
    with FakeHub(script) as hub:
        first = enrich(content, hub, tmp_path)
        before = snapshot(tmp_path)
        second = enrich(content, hub, tmp_path)
    assert first.summary() == ("1 matched, 0 ambiguous, 1 not found, 0 failed "
                               "(2 searched, 0 answered from the cache, 0 already with an arXiv id)")
    assert second.summary() == ("0 matched, 0 ambiguous, 1 not found, 0 failed "
                                "(0 searched, 1 answered from the cache, 1 already with an arXiv id)")
    assert sorted(hub.asked) == sorted([TITLE, "Fast Style Transfer"])
    assert snapshot(tmp_path) == before


def test_dry_run_prints_the_diff_and_writes_nothing(content, tmp_path, monkeypatch, capsys):
    write_record(content, "shared-encoders")
    before = snapshot(tmp_path)
    with FakeHub({TITLE: [ok(result("2310.02575", TITLE, ABSTRACT_MTL))]}) as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        status = main(["enrich", "--dry-run", "shared-encoders"])
    out, err = capsys.readouterr()
    assert status == 0 and hub.asked == [TITLE]
    assert snapshot(tmp_path) == before
    assert out.splitlines()[:3] == ["--- a/content/papers/shared-encoders.yaml",
                                    "+++ b/content/papers/shared-encoders.yaml", "@@ -1,5 +1,10 @@"]
    assert "+arxiv_id: '2310.02575'\n" in out and "+published: 2023-10-04\n" in out
    assert out.endswith("(1 searched, 0 answered from the cache, 0 already with an arXiv id) "
                        "(dry run: nothing written)\n")


def test_the_command_honours_hf_endpoint_and_reports_each_file(content, tmp_path, monkeypatch, capsys):
    write_record(content, "shared-encoders")
    write_record(content, "a-failing-paper", title="A Failing Paper")
    with FakeHub({TITLE: [ok(result("2310.02575", TITLE, ABSTRACT_MTL))],
                  "A Failing Paper": [(404, {}, {"error": "gone"}, 0)]}) as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        status = main(["enrich", "content/papers/shared-encoders.yaml", "a-failing-paper"])
    out, err = capsys.readouterr()
    assert status == 1
    assert out == ("matched: content/papers/shared-encoders.yaml: 2310.02575 (abstract agreement 1.00); "
                   "filled arxiv_id, authors, published\n"
                   "0 matched, 0 ambiguous, 0 not found, 1 failed (2 searched, 0 answered from the cache, "
                   "0 already with an arXiv id)\n").replace("0 matched", "1 matched")
    assert err == "failed: content/papers/a-failing-paper.yaml: HTTP 404\n"
    assert (tmp_path / ".cache" / "enrich").is_dir()


@pytest.mark.parametrize("name, message", [
    ("no-such-paper", "content/papers/no-such-paper.yaml:1: -: no such paper"),
    ("content/tags.yaml", "content/tags.yaml:1: -: not a paper file in content/papers"),
])
def test_an_unknown_paper_is_one_line_and_status_1(content, capsys, name, message):
    assert main(["enrich", name]) == 1
    assert capsys.readouterr().err == message + "\n"


def test_an_hf_endpoint_that_is_not_a_url_is_one_line_and_status_1(content, monkeypatch, capsys):
    write_record(content, "shared-encoders")
    monkeypatch.setenv("HF_ENDPOINT", "huggingface.co")
    assert main(["enrich"]) == 1
    assert capsys.readouterr().err == "error: HF_ENDPOINT must be an http(s) URL, found 'huggingface.co'\n"


# --- Pure parts -----------------------------------------------------------------------


def test_title_key_ignores_case_spacing_and_punctuation_only():
    assert title_key("AdaMerging: Adaptive  Model-Merging") == title_key("adamerging adaptive model merging")
    assert title_key("Shared Encoders for MTL") != title_key("Shared Encoders for MTL: A Survey")
    assert title_key("C++ in 3D") != title_key("C in 3D")


def test_abstract_agreement_sets_aside_markup_and_notices_other_papers():
    assert abstract_agreement("gains of 5\\% on $\\mathbf{eleven}$ tasks", "Gains of 5%\non eleven  tasks") == 1.0
    assert abstract_agreement(ABSTRACT_MTL, ABSTRACT_STYLE) < 0.1
    assert abstract_agreement("", "") == 0.0


def test_decide_skips_a_result_whose_arxiv_id_the_schema_refuses():
    candidates = [Candidate("not an id", TITLE, ABSTRACT_MTL)]
    assert decide(TITLE, ABSTRACT_MTL, candidates).outcome == "not found"


def test_fill_takes_only_values_the_schema_accepts():
    offered = Candidate("2310.02575", TITLE, ABSTRACT_MTL, authors=("Ada\nLovelace", ""), published="2026-06-01",
                        code_url="http://github.com/example/mtl", project_url="javascript:alert(1)")
    assert fill({"title": TITLE}, offered, TODAY) == {"title": TITLE, "arxiv_id": "2310.02575"}


def test_github_repo_and_project_page_are_read_from_the_paper_object_too():
    item = result("2310.02575", TITLE, ABSTRACT_MTL)
    item["paper"].update(githubRepo="https://github.com/example/mtl", projectPage="https://example.org/mtl")
    found = candidate_from_result(item)
    assert (found.code_url, found.project_url, found.published) == (
        "https://github.com/example/mtl", "https://example.org/mtl", "2023-10-04")
    assert Candidate.from_json(found.to_json()) == found


def test_retry_after_is_seconds_or_an_http_date():
    now = dt.datetime(2026, 5, 1, 12, 0, 0, tzinfo=dt.timezone.utc)
    assert retry_after_seconds("120", now) == 120.0
    assert retry_after_seconds("Fri, 01 May 2026 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("soon", now) is None
    assert Backoff(attempts=3, first=1, most=5).delay(1, None) == 1
    assert Backoff(attempts=3, first=1, most=5).delay(2, 3.0) == 3.0
    assert Backoff(attempts=3, first=1, most=5).delay(2, 60.0) is None  # waits no longer than `most`
    assert Backoff(attempts=3, first=1, most=5).delay(3, None) is None


# --- Answers from outside: deadline, size, depth, every field checked ------------------------


def trickle(head: bytes, body: bytes, every: float):
    """An answer written one byte every `every` seconds: the head (status line
    and headers) when `head` is empty, else the body."""
    def write(handler):
        slow = head == b""
        whole = (b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n"
                 + f"Content-Length: {len(body)}\r\n\r\n".encode()) + body
        fast, dribbled = (b"", whole) if slow else (whole[:len(whole) - len(body)], body)
        handler.wfile.write(fast)
        handler.wfile.flush()
        for byte in dribbled:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(every)
    return write


@pytest.mark.parametrize("slow_part", ["headers", "body"])
def test_an_answer_sent_a_byte_at_a_time_is_stopped_at_the_deadline(content, tmp_path, slow_part):
    write_record(content, "shared-encoders")
    body = json.dumps([result("2310.02575", TITLE, ABSTRACT_MTL)]).encode()[:40]
    write = trickle(b"" if slow_part == "headers" else b"head", body, 0.25)
    with FakeHub({TITLE: [(200, {}, write, 0)]}) as hub:
        started = time.monotonic()
        report = enrich(content, hub, tmp_path, backoff=Backoff(attempts=1, sleep=Sleeps()), timeout=1.0)
        elapsed = time.monotonic() - started
    assert elapsed < 2.0  # each byte comes within the read timeout: only a total deadline stops it
    assert report.lines("failed") == ["failed: content/papers/shared-encoders.yaml: no answer within 1 s after 1 attempt"]


def undeclared(body: bytes):
    """An answer whose length is not declared: it ends when the server closes."""
    def write(handler):
        handler.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n")
        for start in range(0, len(body), 65536):
            handler.wfile.write(body[start:start + 65536])
    return write


@pytest.mark.parametrize("declared", [True, False])
def test_an_answer_past_the_size_cap_is_refused_in_one_line(content, tmp_path, declared):
    write_record(content, "shared-encoders")
    huge = json.dumps([result("2310.02575", TITLE, ABSTRACT_MTL + " padding" * 700_000)]).encode()
    assert len(huge) > 5_000_000
    with FakeHub({TITLE: [(200, {}, huge if declared else undeclared(huge), 0)]}) as hub:
        report = enrich(content, hub, tmp_path)
    assert report.lines("failed") == ["failed: content/papers/shared-encoders.yaml: "
                                      "the answer is larger than 4,194,304 bytes"]
    assert hub.asked == [TITLE] and "arxiv_id" not in record(content, "shared-encoders")


@pytest.mark.parametrize("body", [b"[" * 200_000, b'[{"paper": ' * 100_000, b"[" * 33 + b"]" * 33])
def test_an_answer_nested_too_deep_is_refused_before_parsing(content, tmp_path, body):
    write_record(content, "shared-encoders")
    with FakeHub({TITLE: [(200, {}, body, 0)]}) as hub:
        report = enrich(content, hub, tmp_path)
    assert report.lines("failed") == ["failed: content/papers/shared-encoders.yaml: "
                                      "the answer nests deeper than 32 levels"]


def test_brackets_inside_strings_do_not_count_as_nesting():
    from generator.ingest.hf_papers import nesting_depth
    assert nesting_depth(b'[{"a": "[[[[[{{{{\\"[[["}]') == 2


@pytest.mark.parametrize("change", [
    {"linkedModels": [{}]}, {"linkedDatasets": [{}]}, {"linkedSpaces": [{}]}, {"organization": "acme"},
    {"submittedBy": 5}, {"linkedModels": 7}, {"githubRepo": 5}, {"projectPage": ["x"]}, {"numComments": "x"},
    {"publishedAt": 5}, {"paper.publishedAt": "2023-13-45T00:00:00Z"}, {"paper.publishedAt": "yesterday"},
    {"paper.publishedAt": ["x"]}, {"paper.authors": "Enneng Yang"}, {"paper.authors": [5, {"name": 7}, {}]},
    {"paper.authors": {"name": "x"}}, {"paper.upvotes": "x"}, {"paper.githubRepo": {}},
])
def test_a_field_of_the_wrong_shape_is_ignored_and_the_match_still_made(content, tmp_path, change):
    write_record(content, "shared-encoders")
    item = result("2310.02575", TITLE, ABSTRACT_MTL)
    for key, value in change.items():
        (item["paper"] if key.startswith("paper.") else item)[key.removeprefix("paper.")] = value
    with FakeHub({TITLE: [ok(item)]}) as hub:
        report = enrich(content, hub, tmp_path)
    (line,) = report.lines("matched")
    assert line.startswith("matched: content/papers/shared-encoders.yaml: 2310.02575 (abstract agreement 1.00)")
    assert record(content, "shared-encoders")["arxiv_id"] == "2310.02575"


@pytest.mark.parametrize("change", [
    {"title": 5, "paper.title": None}, {"paper": "2310.02575", "title": TITLE}, {"paper.id": 2310.02575},
    {"paper.id": None}, {"paper.summary": {"text": ABSTRACT_MTL}},
])
def test_a_result_without_usable_id_title_or_summary_is_not_matched(content, tmp_path, change):
    write_record(content, "shared-encoders")
    item = result("2310.02575", TITLE, ABSTRACT_MTL)
    for key, value in change.items():
        (item["paper"] if key.startswith("paper.") else item)[key.removeprefix("paper.")] = value
    with FakeHub({TITLE: [ok(item)]}) as hub:
        report = enrich(content, hub, tmp_path)
    assert report.lines("matched") == [] and len(report.lines("not found")) == 1
    assert "arxiv_id" not in record(content, "shared-encoders")


@pytest.mark.parametrize("field, value, refused", [
    ("projectPage", "https://evil.example\\@github.com/org/repo",
     "project_url: 'https://evil.example\\\\@github.com/org/repo' has a backslash, which a browser reads as `/` "
     "(it goes to evil.example); expected a URL such as https://github.com/org/repo"),
    ("githubRepo", "https://[x]/", "code_url: 'https://[x]/' has no valid host name; "
                                   "expected a URL such as https://github.com/org/repo"),
    ("githubRepo", "https://github.com/org/repo\n::add-mask::secret",
     "code_url: 'https://github.com/org/repo\\n::add-mask::secret' is not one line"),
    ("projectPage", "https://example.org/\u2028::error::x", "project_url: 'https://example.org/\\u2028::error::x' "
                                                            "is not one line"),
])
def test_a_value_check_would_refuse_is_not_written_and_named_in_one_line(content, tmp_path, field, value, refused):
    write_record(content, "shared-encoders")
    with FakeHub({TITLE: [ok(result("2310.02575", TITLE, ABSTRACT_MTL, **{field: value}))]}) as hub:
        report = enrich(content, hub, tmp_path)
    assert report.refused == [f"refused: content/papers/shared-encoders.yaml: {refused}"]
    written = record(content, "shared-encoders")
    assert written["arxiv_id"] == "2310.02575" and "code_url" not in written and "project_url" not in written


def test_an_author_name_with_a_control_character_is_refused_with_the_field(content, tmp_path):
    write_record(content, "shared-encoders")
    item = result("2310.02575", TITLE, ABSTRACT_MTL)
    item["paper"]["authors"] = [{"name": "Ada\x1b[31m Lovelace"}, {"name": "Line\u0085Break"}]
    with FakeHub({TITLE: [ok(item)]}) as hub:
        report = enrich(content, hub, tmp_path)
    assert report.refused == ["refused: content/papers/shared-encoders.yaml: authors: "
                              "'Ada\\x1b[31m Lovelace': control character or noncharacter U+001B is not allowed"]
    assert "authors" not in record(content, "shared-encoders")


def test_a_name_with_a_yaml_line_break_is_written_with_a_space(content, tmp_path):
    write_record(content, "shared-encoders")
    item = result("2310.02575", TITLE, ABSTRACT_MTL)
    item["paper"]["authors"] = [{"name": "Ada\u0085Lovelace"}, {"name": "Alan\u2028::warning::Turing"}]
    with FakeHub({TITLE: [ok(item)]}) as hub:
        report = enrich(content, hub, tmp_path)
    assert report.refused == []
    assert record(content, "shared-encoders")["authors"] == ["Ada Lovelace", "Alan ::warning::Turing"]
