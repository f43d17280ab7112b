"""Hostile pull requests: each is rejected by `check` with its file, line and
field, and nothing outside content/ is ever read (issue: the gate)."""

import datetime as dt
import os

import pytest

from tests.support import ABSTRACT_MTL, write_dump
from generator.cli import main
from generator.render.exports import csv_file, csv_row
from generator.ingest.importer import run_import
from generator.content.load import load_archive
from generator.model.paper import FIELD_ORDER, Paper
from generator.model.problems import ContentError, Problem
from generator.content.store import ContentDir
from generator.content.yamlio import dump_mapping

pytestmark = pytest.mark.security
TODAY = dt.date(2026, 11, 26)
GOOD = {"title": "Shared Encoders", "tags": ["multi-task-learning"], "abstract": ABSTRACT_MTL}


def check(content: ContentDir) -> list[str]:
    return [problem.text() for problem in load_archive(content, TODAY)[1]]


def write(content: ContentDir, name: str, text: str | bytes) -> None:
    path = content.papers / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


@pytest.mark.parametrize("character", ["\\x7F", "\\x85", "\\x9F", "\\uFFFE", "\\x00", "\\e", "\\U0001FFFF"])
@pytest.mark.parametrize("field", ["title", "authors"])
def test_control_characters_and_noncharacters_are_rejected_with_their_line(content, field, character):
    payload = f'"<b id=x>x</b><base href=http://attacker/>{character}"'
    title = payload if field == "title" else "T"
    authors = f"authors:\n  - {payload}\n" if field == "authors" else ""
    write(content, "p.yaml", f"title: {title}\ntags:\n  - multi-task-learning\nabstract: A.\n{authors}")
    [problem] = check(content)
    line = 6 if field == "authors" else 1
    assert problem.startswith(f"content/papers/p.yaml:{line}: {field}") and "is not allowed" in problem, problem


def test_a_raw_nul_or_escape_byte_is_a_line_not_a_traceback(content):
    write(content, "p.yaml", b"title: T\ntags:\n  - multi-task-learning\nabstract: A\x1b.\n")
    assert check(content) == ["content/papers/p.yaml:4: -: control character or noncharacter U+001B is not allowed"]
    write(content, "p.yaml", b"title: T\x00\n")
    assert check(content) == ["content/papers/p.yaml:1: -: control character or noncharacter U+0000 is not allowed"]


def rename_style_transfer(content: ContentDir, name: str) -> None:
    """The fixture vocabulary's second tag (line 9) named `name`, as written in YAML."""
    text = content.tags_file.read_text("utf-8").replace("name: Style transfer", f"name: {name}")
    content.tags_file.write_text(text, encoding="utf-8")


def test_a_control_character_in_a_tag_name_is_rejected_at_its_entry(content):
    rename_style_transfer(content, '"Style<base href=//x/>\\x7F"')
    assert check(content) == [
        "content/tags.yaml:9: tags[1].name: control character or noncharacter U+007F is not allowed"]


def test_tag_entry_errors_point_at_the_entry(content):
    text = content.tags_file.read_text("utf-8").replace("slug: style-transfer", "slug: all")
    content.tags_file.write_text(text + "  - slug: sitemap\n    name: S\n    description: D.\n    match: [x]\n",
                                 encoding="utf-8")
    assert check(content) == [
        "content/tags.yaml:8: tags[1].slug: the slug 'all' is reserved for a generated page",
        "content/tags.yaml:13: tags[2].slug: the slug 'sitemap' is reserved for a generated page",
    ]


def test_a_second_tag_of_the_same_name_is_refused_at_its_name(content):
    # One name for two tags would be one search filter counting a paper twice.
    rename_style_transfer(content, "'  multi-task   Learning '")
    assert check(content) == [
        "content/tags.yaml:9: tags[1].name: the name 'multi-task Learning' is used by the tag 'multi-task-learning'"]


def test_a_tag_name_typed_with_stray_spaces_is_read_tidy(content):
    rename_style_transfer(content, "'  Style   transfer '")
    archive, problems = load_archive(content, TODAY)
    assert problems == []
    assert [tag.name for tag in archive.vocabulary] == ["Multi-task learning", "Style transfer"]


def test_anchors_and_aliases_are_refused_before_expansion(content):
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + level)}: &{chr(98 + level)} [{', '.join([f'*{chr(97 + level)}'] * 9)}]\n" for level in range(8))
    write(content, "p.yaml", laughs)
    assert check(content) == ["content/papers/p.yaml:1: a: anchors (&) and aliases (*) are not allowed"]


@pytest.mark.parametrize("text, expected", [
    ("? [a]\n: 1\n", "content/papers/p.yaml:1: -: a key must be plain text"),
    ("title: !!python/object/apply:os.system [id]\n",
     "content/papers/p.yaml:1: title: explicit tags such as 'tag:yaml.org,2002:python/object/apply:os.system' are not allowed"),
    ("title: T\n---\ntitle: U\n", "content/papers/p.yaml:2: -: only one document per file (remove the `---` line)"),
])
def test_yaml_structure_records_never_need_is_rejected(content, text, expected):
    write(content, "p.yaml", text)
    assert check(content) == [expected]


def test_mixed_key_types_are_plain_unknown_fields(content):
    write(content, "p.yaml", dump_mapping(GOOD, FIELD_ORDER) + "1: x\non: y\n")
    found = check(content)
    assert [line.split(": unknown field")[0] for line in found] == ["content/papers/p.yaml:6: 1", "content/papers/p.yaml:7: on"]


@pytest.mark.parametrize("field, value, expected", [
    ("published", "9999-12-31", "published: 9999-12-31 is in the future (today is 2026-11-26)"),
    ("authors_count", "1.0", "authors_count: expected a whole number such as 3, found '1.0'"),
    ("upvotes", "1e3", "upvotes: expected a whole number such as 3, found '1e3'"),
    ("abstract", "x" * 10_001, "abstract: longer than 10,000 characters"),
    ("title", "a\tb", "title: must be on one line (no line breaks or tabs)"),
])
def test_integrity_limits(content, field, value, expected):
    record = {**GOOD, field: value}
    write(content, "p.yaml", dump_mapping(record, FIELD_ORDER))
    found = check(content)
    assert len(found) == 1 and found[0].split(": ", 1)[1] == expected, found


def test_a_huge_file_is_refused_unread(content):
    write(content, "p.yaml", dump_mapping({**GOOD, "abstract": "word " * 300_000}, FIELD_ORDER))
    assert check(content) == ["content/papers/p.yaml:1: -: file is larger than 65,536 bytes"]


@pytest.mark.parametrize("name, expected", [
    ("index.yaml", "content/papers/index.yaml:1: -: the file name 'index' is reserved for a generated page"),
    ("bad\nname.yaml", "content/papers/bad\\nname.yaml:1: -: file name must be a slug: lowercase letters, digits and single hyphens"),
    (".hidden.yaml", "content/papers/.hidden.yaml:1: -: hidden files are not allowed here"),
    ("notes.md", "content/papers/notes.md:1: -: only .yaml files are allowed here"),
])
def test_file_names_that_would_take_or_hide_a_page(content, name, expected):
    write(content, name, dump_mapping(GOOD, FIELD_ORDER))
    assert check(content) == [expected]


def test_subdirectories_and_symlinks_in_papers_are_rejected(content, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text(dump_mapping(GOOD, FIELD_ORDER), encoding="utf-8")
    (content.papers / "folder").mkdir()
    os.symlink(outside, content.papers / "linked.yaml")
    os.symlink(tmp_path / "nowhere.yaml", content.papers / "dangling.yaml")
    archive, problems = load_archive(content, TODAY)
    assert archive.papers == ()
    assert [problem.text() for problem in problems] == [
        "content/papers/dangling.yaml:1: -: symbolic links are not allowed here",
        "content/papers/folder:1: -: only files are allowed here (no folders or special files)",
        "content/papers/linked.yaml:1: -: symbolic links are not allowed here",
    ]


def test_symlinks_in_docs_and_overrides_fail_check(content, tmp_path, capsys):
    (tmp_path / "docs").mkdir()
    os.symlink("/proc/self/environ", tmp_path / "docs" / "environ.md")
    assert main(["check"]) == 1
    assert "docs/environ.md:1: -: symbolic links are not allowed here" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["/etc/passwd", "../../secret.txt", "../papers/p.yaml", ".hidden.txt", "a/b.txt"])
def test_manifest_entries_must_be_bare_names_in_dumps(content, tmp_path, name):
    content.sources_file.write_text(f"dumps:\n  - file: {name}\n    label: x\n", encoding="utf-8")
    assert check(content) == [
        f"content/sources.yaml:2: dumps[0].file: {name!r} is not a bare file name in content/dumps"]


def test_import_of_a_hostile_manifest_reads_nothing_outside_dumps(content, tmp_path, capsys):
    secret = tmp_path / "credentials.txt"
    secret.write_text("Secret Title Line\n\n" + "token " * 40 + "\n", encoding="utf-8")
    content.sources_file.write_text(f"dumps:\n  - file: {secret}\n    label: x\n", encoding="utf-8")
    assert main(["import"]) == 1
    captured = capsys.readouterr()
    assert "token" not in captured.out + captured.err and "Secret" not in captured.out + captured.err
    assert list(content.papers.iterdir()) == []


def test_a_binary_dump_is_refused_and_nothing_is_left_behind(content, tmp_path):
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ContentError) as error:
        run_import(content, [garbage], progress=lambda message: None)
    assert error.value.problems[0].message.startswith("not UTF-8 text")
    assert list(content.dumps.iterdir()) == [] and content.sources_file.read_text("utf-8") == "dumps: []\n"
    garbage.write_text("Daily Papers\n\nShared Encoders for MTL\n\n" + ABSTRACT_MTL + "\n", encoding="utf-8")
    assert len(run_import(content, [garbage], progress=lambda message: None).new) == 1  # the retry is accepted


def test_a_dump_with_no_paper_is_refused(content, tmp_path):
    empty = write_dump(tmp_path, "empty.txt", [])
    with pytest.raises(ContentError):
        run_import(content, [empty], progress=lambda message: None)
    assert list(content.dumps.iterdir()) == []


def test_csv_cells_cannot_hold_a_formula():
    paper = Paper("p", '=HYPERLINK("http://x","y")', "abstract", ("t",), venue="@venue", organization="-org",
                  authors=("+1 author",))
    row = csv_file([csv_row(paper, "https://example.org/p/")]).splitlines()[1]
    assert "'=HYPERLINK" in row and "'+1 author" in row and "'@venue" in row and "'-org" in row


def test_annotations_escape_paths_and_messages():
    problem = Problem("content/papers/a\n::stop-commands::x.yaml", 1, "title", "bad, really\n::error::x")
    annotation = problem.github()
    assert "\n" not in annotation and "\r" not in annotation  # one workflow command, nothing after it
    assert annotation == ("::error file=content/papers/a%0A%3A%3Astop-commands%3A%3Ax.yaml,line=1::"
                          "title: bad, really%0A::error::x")


def test_a_symlink_elsewhere_in_content_is_reported_once(content, tmp_path):
    os.symlink("/etc/hostname", content.dumps / "linked.txt")
    assert check(content) == ["content/dumps/linked.txt:1: -: symbolic links are not allowed here"]


@pytest.mark.slow
def test_a_title_that_closes_the_title_element_stays_text_in_every_page(tmp_path):
    """Material prints `page.meta.title` in <title> as it is (and `page.title | striptags`,
    which unescapes, when there is none): a generated page's meta title must be escaped;
    so must the description, the abstract's first sentence in an attribute."""
    from tests.support import build_site, copy_repo

    repo = copy_repo(tmp_path)
    record = repo / "content" / "papers" / "hostile-markup-in-every-field.yaml"
    record.write_text(record.read_text("utf-8").replace(
        "title: <b id=x>", "title: </title><script>window.pwned=9</script><b id=x>", 1).replace(
        "abstract: A record", 'abstract: A record"><script>window.pwned=10</script>', 1), encoding="utf-8")
    result = build_site(repo, repo / "site")
    assert result.returncode == 0, result.stderr
    pages = [path for path in (repo / "site").rglob("*.html")]
    assert pages and not [path for path in pages if "<script>window.pwned" in path.read_text("utf-8")]
    page = (repo / "site" / "papers" / "hostile-markup-in-every-field" / "index.html").read_text("utf-8")
    assert '<meta name="description" content="A record&#34;&gt;&lt;script&gt;window.pwned=10' in page
