"""Properties of the parsers of outside input, on generated inputs (Hypothesis):
the dump parser on any text loses nothing silently and never fails; enrich's
parsing of a search answer, on any bytes or JSON, refuses with one line or
yields candidates whose values are either written as `check` accepts them or
refused in one line. A bounded number of examples runs in the fast tier, a
larger budget under the `slow` marker."""

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.ingest.dates import PAGE_DATE
from generator.ingest.dumps import GLUED_HEADER, HEADER_LINES, parse_dump
from generator.ingest.enrich import ENRICHED_FIELDS, offered
from generator.ingest.hf_papers import Candidate, LookupFailed, candidate_from_result, parse_answer
from generator.model.problems import printable
from generator.model.text import normalise_whitespace

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that break lines, hide, reorder or are not characters at all, and workflow commands.
HOSTILE = st.sampled_from(["\u2028", "\u2029", "\u0085", "\x00", "\x1b[31m", "\u202e", "\u200b", "\ufeff", "\u00a0",
                           "\t", "\r", "\ud800", "\U0001f600", "e\u0301", "::add-mask::x", "\n::error::x", "·", "•"])


def _mixed(parts) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(parts, HOSTILE), min_size=1, max_size=4).map("".join)


# --- The dump parser --------------------------------------------------------------------------

TITLES = st.sampled_from(["Shared Encoders for MTL", "A Title Ending.", "Deep Nets (v2)", "x", "SubscribeGlued Title"])
ABSTRACTS = st.sampled_from(["We train encoders. They work.", "No sentence end here", "Ends with a quote.\u201d"])
METADATA = st.sampled_from(["• 5 authors", "• 1 author", "•  authors", "• many authors", "Acme Research", "·",
                            "Oct 9", "Mar 5, 2024", "Feb 30, 2024", "Oct 9 12", "Oct 9, 2024 3", "Smarch 1"])
DUMP_LINE = st.one_of(TITLES, ABSTRACTS, METADATA, st.sampled_from(sorted(HEADER_LINES)), st.just(""),
                      st.just("   "), st.text(max_size=40), HOSTILE)
DUMP_TEXT = st.one_of(st.text(), st.lists(st.one_of(DUMP_LINE, _mixed(DUMP_LINE)), max_size=80).map("\n".join))
CAPTURED = st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)))


def _header_line(text: str) -> bool:
    return text in HEADER_LINES or bool(PAGE_DATE.match(text))


def dump_loses_nothing(text: str, captured: dt.date | None) -> None:
    """Every non-blank line is a header line at the top, the title or abstract
    of an entry (as written), a line of its metadata block, or covered by a
    problem naming its line."""
    parsed = parse_dump(text, captured)
    lines = {number: line.strip() for number, line in enumerate(text.split("\n"), 1) if line.strip()}
    order = sorted(lines)
    covered: set[int] = set()
    for entry in parsed.entries:
        title = lines[entry.line]
        assert entry.title in (normalise_whitespace(title), normalise_whitespace(title.removeprefix(GLUED_HEADER)))
        assert entry.abstract == normalise_whitespace(lines[entry.abstract_line])
        covered |= {entry.line, entry.abstract_line}
        if entry.metadata_line is not None:
            start = order.index(entry.metadata_line)
            covered |= set(order[start:start + 3])
            assert lines[order[start + 1]] == "·"
    for problem in parsed.problems:
        assert problem.line in lines and "\n" not in problem.message
        covered |= set(problem.lines)
    left = [number for number in order if number not in covered]
    assert left == order[:len(left)], f"lines left out with no problem: {left}"
    assert all(_header_line(lines[number]) for number in left), f"lines left out with no problem: {left}"


test_the_dump_parser_loses_nothing_silently = FAST(given(DUMP_TEXT, CAPTURED)(dump_loses_nothing))
test_the_dump_parser_loses_nothing_silently_at_length = pytest.mark.slow(
    SLOW(given(DUMP_TEXT, CAPTURED)(dump_loses_nothing)))


# --- enrich's parsing of a search answer ---------------------------------------------------------

KEYS = st.sampled_from(["paper", "id", "title", "summary", "authors", "name", "publishedAt", "githubRepo",
                        "projectPage", "linkedModels", "linkedDatasets", "linkedSpaces", "organization",
                        "submittedBy", "upvotes", "numComments", "ai_keywords"])
STRINGS = st.one_of(st.text(max_size=20), _mixed(st.sampled_from(
    ["https://github.com/org/repo", "https://evil.example\\@github.com/org/repo", "https://[x]/", "javascript:x",
     "2310.02575", "2023-10-04T17:23:06.000Z", "2023-13-45T00:00:00Z", "Shared Encoders for MTL", "Ada Lovelace"])))
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | STRINGS,
                    lambda children: st.lists(children, max_size=4)
                    | st.dictionaries(st.one_of(KEYS, st.text(max_size=8)), children, max_size=5),
                    max_leaves=25)


def _field(real) -> st.SearchStrategy:
    return st.one_of(st.just(real), JSON, STRINGS)


def _maybe(fields: dict) -> st.SearchStrategy[dict]:
    """The real answer's fields, each kept, dropped or replaced by any JSON value."""
    return st.fixed_dictionaries({}, optional={key: _field(value) for key, value in fields.items()})


REAL_PAPER = {"id": "2310.02575", "title": "Shared Encoders for MTL", "summary": "We train encoders. They work.",
              "upvotes": 12, "publishedAt": "2023-10-04T17:23:06.000Z", "githubRepo": "https://github.com/org/repo",
              "authors": [{"_id": "65a1", "name": "Enneng Yang", "hidden": False}]}
REAL_ITEM = {"publishedAt": "2023-10-06T01:02:03.000Z", "title": "Shared Encoders for MTL", "numComments": 2,
             "projectPage": "https://example.org/mtl", "linkedModels": [{"id": "org/model"}]}
ITEM = st.builds(lambda item, paper: {**item, **({"paper": paper} if paper is not None else {})},
                 _maybe(REAL_ITEM), st.one_of(st.none(), _maybe(REAL_PAPER), JSON))
ANSWER = st.one_of(st.lists(ITEM, max_size=4).map(lambda value: json.dumps(value).encode()),
                   JSON.map(lambda value: json.dumps(value).encode()),
                   st.binary(max_size=200),
                   st.lists(st.sampled_from([b"[", b"{", b"]", b"}", b'"', b"\\", b",", b":", b"1", b'"a"']),
                            max_size=60).map(b"".join))
TODAY = dt.date(2026, 5, 1)


def answer_is_refused_or_used(body: bytes) -> None:
    """A one-line refusal, or candidates of plain text whose offered values are
    each accepted as `check` would or refused in one line."""
    try:
        candidates = parse_answer(body)
    except LookupFailed as error:
        assert str(error) and "\n" not in str(error)
        return
    for candidate in candidates:
        assert isinstance(candidate, Candidate)
        assert all(isinstance(value, str) for value in (candidate.arxiv_id, candidate.title, candidate.summary,
                                                        *candidate.authors))
        accepted, refused = offered({}, candidate, TODAY)
        assert set(accepted) | {key for key, _ in refused} <= set(ENRICHED_FIELDS)
        for key, why in refused:
            line = printable(f"refused: content/papers/x.yaml: {key}: {why}")
            assert "\n" not in line and not line.startswith("::")
        assert Candidate.from_json(json.loads(json.dumps(candidate.to_json()))) == candidate


test_a_search_answer_is_refused_or_used = FAST(given(ANSWER)(answer_is_refused_or_used))
test_a_search_answer_is_refused_or_used_at_length = pytest.mark.slow(SLOW(given(ANSWER)(answer_is_refused_or_used)))


@FAST
@given(JSON)
def test_any_json_value_as_a_result_is_a_candidate_or_none(value):
    assert candidate_from_result(value) is None or isinstance(candidate_from_result(value), Candidate)
