"""The gate's contract, on generated records: `check` either refuses a record
with `file:line: field: message` lines, or the record renders, builds and passes
`check-site`, with no markup from data and every renderer finishing.

The records are drawn from hostile alphabets and shapes (control, format,
separator and bidi characters, combining marks, astral characters, markup,
YAML syntax, math, long runs and deep nesting, URLs that parse oddly), written
as a person types YAML or as a YAML library writes it. A bounded number of
examples runs in the fast tier; the slow tier draws more and builds the site."""

import contextlib
import datetime as dt
import io
import re
import shutil

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.content.load import load_archive
from generator.content.store import ContentDir
from generator.model.problems import errors
from generator.render.markup import Page
from generator.render.plain_text import plain_text
from generator.render.site import generate_site
from generator.verify.site_checks import CONTENT_CLASS, check_site, scan_page
from tests.support import ROOT, build_site, copy_repo

pytestmark = pytest.mark.security
TODAY = dt.date(2026, 11, 26)
SMALL = ROOT / "tests" / "fixtures" / "small"
NAME = "generated-record.yaml"
FAST = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
SLOW = settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))

CONTROL = ["\x00", "\x07", "\t", "\r", "\x1b", "\x7f", "\x85", "\x9f", "\ufffe", "\U0001fffe"]
FORMAT = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\U000e0041"]
BIDI = ["\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
        "\u2068", "\u2069"]
SEPARATORS = ["\u00a0", "\u1680", "\u2000", "\u2009", "\u202f", "\u3000", "\u2028", "\u2029", "\n", "\r\n"]
COMBINING = ["e\u0301", "\u0338", "\u20dd", "a" + "\u0300" * 40]
ASTRAL = ["\U0001d538", "\U0001f600", "\U00020000", "\U0001d400\U0001d401"]
MARKUP = ["<script>alert(1)</script>", "<b>bold</b>", "<img src=x onerror=alert(1)>", "&amp;", "&#x3C;", "&lt;",
          "]]>", "-->", "<!--", "{{ config }}", "{% raw %}", "[x](javascript:alert(1))", "*emph*", "_u_",
          "`code`", "# heading", "> quote", "| a | b |", "<https://evil.example>", "\\", '"', "'", "''"]
YAML_SYNTAX = [": ", " #", "- ", "? ", "!", "!!str ", "&a ", "*a", "%", "@", "`", "[", "]", "{", "}", ",",
               "|", ">", "---", "...", "~", "null", "yes", "0x1F", "1e3", "2024-02-30"]
MATH = ["$x^2$", "$R^2$", "$\\frac{a}{b}$", "$\\mathbb{R}^n$", "$\\text{<b>}$", "$\\sqrt{x}$", "$a$b$",
        "$" + "{" * 60 + "x" + "}" * 60 + "$", "$\\raisebox{30em}{x}$", "$\\def\\a{bbbbbbbbbb}\\a\\a\\a$",
        "$\\newcommand{\\x}{y}$", "$\\href{javascript:alert(1)}{x}$", "$\\color{red}{x}$", "$\\left(x\\right)$",
        "$\\frac{\\frac{\\frac{a}{b}}{c}}{d}$", "$$", "$ $", "\\$5", "$\\$$", "$x_{" + "1" * 300 + "}$"]
URLS = ["https://github.com/org/repo", "https://[x]/", "https://evil.example\\@github.com/org/repo",
        "https://evil.example\\@arxiv.org/abs/1", "https://user:pass@github.com/x", "https://github.com:99999/",
        "https://%00/", "https://a b/", "http://xn--/", "https://xn--ls8h.example/", "https://1.2.3.4.5/",
        "https://0x7f.1/", "https://[::1]/", "https:///github.com", "https:github.com", "https://github.com./x",
        "HTTPS://GITHUB.COM/X", "javascript:alert(1)", "data:text/html,x", "//evil.example/x",
        "https://github.com/\u202eevil", "https://g\u0131thub.com/", "https://github.com/" + "a" * 600,
        "https://example.com/?q=<script>", "https://example.com/#\"onmouseover=x", "http://example.com"]
PIECES = CONTROL + FORMAT + BIDI + SEPARATORS + COMBINING + ASTRAL + MARKUP + YAML_SYNTAX + MATH


def _text(max_pieces: int, longest_run: int = 400) -> st.SearchStrategy[str]:
    """Mostly words, with hostile pieces among them (so that many records pass
    the check and reach the renderers); control characters now and then."""
    words = st.text("abcdefghijklmnopqrstuvwxyz ABCXYZ-.,0123456789", min_size=1, max_size=30)
    printable = st.characters(blacklist_categories=("Cs", "Cc"))
    piece = st.one_of(
        words, words, words,
        st.sampled_from(PIECES),
        st.text(printable, max_size=12),
        st.builds(lambda part, count: part * count, st.sampled_from(PIECES + ["a", " ", "{", "$", "("]),
                  st.integers(2, longest_run)),
    )
    rare = st.sampled_from([False] * 9 + [True])
    return st.tuples(st.lists(piece, min_size=1, max_size=max_pieces), rare, st.sampled_from(CONTROL)).map(
        lambda drawn: "".join(drawn[0]) + (drawn[2] if drawn[1] else ""))


def _url() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(URLS), st.sampled_from(URLS),
                     st.builds(lambda scheme, host, path: f"{scheme}://{host}/{path}",
                               st.sampled_from(["https", "http", "HTTPS", "ftp"]), _text(3), _text(3)))


TAG_SLUGS = ["model-merging", "multi-task-learning", "3d-vision", "no-such-tag", "Model-Merging", "a" * 81]


WORDS = st.text("abcdefghijklmnopqrstuvwxyz ABCXYZ-.,0123456789", min_size=1, max_size=60).filter(str.strip)
HOSTILE_FIELDS = {
    "title": _text(6, longest_run=120),
    "abstract": _text(12),
    "tags": st.one_of(st.lists(st.sampled_from(TAG_SLUGS), max_size=4), st.lists(_text(2), max_size=3), _text(2)),
    "authors": st.lists(_text(3), min_size=1, max_size=5),
    "authors_count": st.one_of(st.integers(-2, 10 ** 6).map(str), _text(1)),
    "organization": _text(3),
    "venue": _text(3),
    "published": st.one_of(st.dates().map(dt.date.isoformat), _text(2)),
    "arxiv_id": st.one_of(st.sampled_from(["2310.02575", "2403.01234v2", "cs/0601001", "hep-th/9901001v3",
                                           "2310.0257", "../x", "2310.02575 "]), _text(1)),
    "links": st.lists(_url(), max_size=4),
    "code_url": _url(),
    "project_url": _url(),
}


@st.composite
def records(draw) -> dict:
    """A valid record with one to three fields drawn from hostile values (a
    field may also be dropped)."""
    record = {"title": draw(WORDS), "tags": draw(st.lists(st.sampled_from(TAG_SLUGS[:3]), min_size=1, max_size=3,
                                                           unique=True)),
              "abstract": draw(WORDS)}
    for field in draw(st.lists(st.sampled_from(sorted(HOSTILE_FIELDS)), min_size=1, max_size=3, unique=True)):
        record[field] = draw(HOSTILE_FIELDS[field])
    if draw(st.sampled_from([False] * 9 + [True])):
        del record[draw(st.sampled_from(sorted(record)))]
    return record


def _plain(value) -> str:
    """A value as a person types it: unquoted, lists as `- item` lines."""
    if isinstance(value, list):
        return "".join(f"\n- {item}" for item in value)
    return f" {value}"


@st.composite
def record_files(draw) -> bytes:
    """A record written the way a person types it or a YAML library writes it."""
    record = draw(records())
    how = draw(st.sampled_from(["library", "library-ascii", "typed", "typed-crlf"]))
    if how.startswith("library"):
        text = yaml.safe_dump(record, allow_unicode=how == "library", sort_keys=draw(st.booleans()),
                              default_flow_style=draw(st.sampled_from([False, None])), width=draw(st.sampled_from([80, 10 ** 6])))
    else:
        text = "".join(f"{field}:{_plain(value)}\n" for field, value in record.items())
        if how == "typed-crlf":
            text = text.replace("\n", "\r\n")
    return text.encode("utf-8", "surrogatepass")


@pytest.fixture(scope="module")
def small_content(tmp_path_factory) -> ContentDir:
    root = tmp_path_factory.mktemp("contract") / "content"
    shutil.copytree(SMALL, root)
    return ContentDir(root)


PROBLEM_LINE = re.compile(r"^(?P<path>[^\n:]+):(?P<line>[0-9]+): (?P<field>[^\s:][^:\n]*): (?P<message>[^\n]+)$")


def judge(content: ContentDir, raw: bytes, name: str = NAME) -> tuple[bool, list[str]]:
    """Write the record and run `check` as a contributor's pull request does;
    (accepted, its lines). Asserts the refusal side of the contract: every
    line names a file, a line that file has, a field, and says something, and
    every error is about this record."""
    path = content.papers / name
    path.write_bytes(raw)
    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(io.StringIO()):
        status = main(["--content", str(content.root), "check"])
    printed = [line for line in output.getvalue().splitlines() if line and not line.endswith(": all valid")]
    length = raw.count(b"\n") + 1
    for line in printed:
        match = PROBLEM_LINE.match(line)
        assert match, f"not one `file:line: field: message` line: {line!r}"
        if match["message"].startswith("warning: "):
            continue
        # an error of two records (a duplicate) may stand on the other one, naming this one
        assert match["path"].endswith(f"/{name}") or f"/{name}" in match["message"], f"not about {name}: {line!r}"
        if match["path"].endswith(f"/{name}"):
            assert 1 <= int(match["line"]) <= length, f"line {match['line']} of a {length}-line file: {line!r}"
        assert "Traceback" not in line and "Error(" not in line, line
    assert status in (0, 1)
    accepted = status == 0
    archive, _ = load_archive(content, TODAY)
    assert accepted <= any(paper.slug == path.stem for paper in archive.papers)
    return accepted, printed


def assert_renders_inert(content: ContentDir) -> None:
    """Every generated page of the archive renders, and no page's content holds
    active markup (elements, attributes or URL schemes outside the allow-list)."""
    archive, _ = load_archive(content, TODAY)
    for path, output in generate_site(archive).items():
        if isinstance(output, Page):
            scan = scan_page(f'<article class="{CONTENT_CLASS}">{output.body}</article>')
            assert scan.unsafe == [], (path, scan.unsafe)
            assert "<" not in str(output.meta.get("title", "")).replace("&lt;", ""), (path, output.meta["title"])


def refused_with_a_line_or_inert(content: ContentDir, raw: bytes) -> None:
    accepted, _ = judge(content, raw)
    if accepted:
        assert_renders_inert(content)


@FAST
@given(raw=record_files())
def test_check_refuses_with_a_line_or_the_record_renders_inert(small_content, raw):
    refused_with_a_line_or_inert(small_content, raw)


@pytest.mark.slow
@SLOW
@given(raw=record_files())
def test_check_refuses_with_a_line_or_the_record_renders_inert_more_examples(small_content, raw):
    refused_with_a_line_or_inert(small_content, raw)


@pytest.mark.slow
@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
@given(batch=st.lists(record_files(), min_size=30, max_size=30))
def test_whatever_check_accepts_builds_strict_and_passes_check_site(tmp_path_factory, batch):
    """The accepted records of a generated batch, added to the small fixture:
    a real strict MkDocs build, then `check-site` finds nothing."""
    work = tmp_path_factory.mktemp("contract-build")
    content = ContentDir(work / "content")
    shutil.copytree(SMALL, content.root)
    kept = 0
    for number, raw in enumerate(batch):
        accepted, _ = judge(content, raw, f"generated-{number}.yaml")
        if accepted:
            kept += 1
        else:
            (content.papers / f"generated-{number}.yaml").unlink()
    repo = copy_repo(work, content.root)
    result = build_site(repo, repo / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    found = errors(check_site(repo / "site", ContentDir(repo / "content"), plain_text))
    assert found == [], [problem.text() for problem in found][:20]
    assert kept >= 1
