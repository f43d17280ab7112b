"""`check`'s messages for the slips a contributor makes, each with its exact
text: YAML syntax explained with the fix, "did you mean", the expected shape
with an example, and one broken shared file reported alone and first."""

import pytest

from tests.support import TAGS_YAML
from generator.cli import main
from generator.content.load import MAX_TAGS, load_archive
from generator.content.store import ContentDir
from generator.content.validate import paper_schema
from generator.content.yamlio import YamlError, load_mapping

HEAD = "title: Shared Encoders\npublished: 2024-09-27\ntags:\n  - multi-task-learning\n"
TAIL = "abstract: We study multi-task learning.\n"
RECORD = HEAD + TAIL


def check(content: ContentDir, text: str, name: str = "p.yaml", advice: bool = True) -> list[str]:
    (content.papers / name).write_bytes(text.encode("utf-8"))
    return [problem.text() for problem in load_archive(content, advice=advice)[1]]


def test_the_record_of_these_tests_is_valid(content):
    assert check(content, RECORD) == []


# ---- YAML syntax: the slip, its fix, the field of the line

@pytest.mark.parametrize("text, expected", [
    (RECORD.replace("title: Shared Encoders", "title: AdaMerging: Adaptive Model Merging"),
     "content/papers/p.yaml:1: title: the value holds `: `, which YAML reads as the start of another field; put "
     "the whole value in single quotes: `title: 'AdaMerging: Adaptive Model Merging'`"),
    (HEAD + "venue: Findings: ACL 2024\n" + TAIL,
     "content/papers/p.yaml:5: venue: the value holds `: `, which YAML reads as the start of another field; put "
     "the whole value in single quotes: `venue: 'Findings: ACL 2024'`"),
    (RECORD.replace("title: Shared Encoders", "title: C# Encoders #1"),
     "content/papers/p.yaml:1: title: ` #` starts a comment in YAML, so the value stops before it; if the `#` "
     "belongs to the value, put the whole value in single quotes: `title: 'C# Encoders #1'`"),
    (RECORD.replace("title: Shared Encoders", "title: 'It's Shared'"),
     "content/papers/p.yaml:1: title: the value is in single quotes and holds an apostrophe, which ends it early; "
     "inside single quotes write the apostrophe twice: `title: 'It''s Shared'`"),
    (RECORD.replace("abstract: We", "abstract: 'Tis we"),
     "content/papers/p.yaml:5: abstract: the quote ' that starts this value is never closed: end the value with '; "
     "if the `'` belongs to the text, write the apostrophe twice inside single quotes: `abstract: '''Tis we study "
     "multi-task learning.'`"),
    (RECORD.replace("  - multi-task-learning", "\t- multi-task-learning"),
     "content/papers/p.yaml:4: tags: a tab is used for indentation; YAML indents with spaces only: replace the tab "
     "with spaces (two for each level)"),
    (RECORD.replace("  - multi-task-learning", "  - multi-task-learning\n - style-transfer"),
     "content/papers/p.yaml:5: tags: this list item starts at column 2, the one on line 4 at column 3: start every "
     "`- ` of one list at the same column"),
    (RECORD.replace("published:", "  published:"),
     "content/papers/p.yaml:2: published: the field `published` starts at column 3, the field `title` on line 1 "
     "at column 1: start the fields of one level at the same column (the top-level fields at column 1)"),
    (RECORD.replace("published: 2024-09-27", "published"),
     "content/papers/p.yaml:2: published: this line has no `:` after its field name: write it as `field: value` "
     "(a value continued on the next lines is indented under its field)"),
    (RECORD.replace("  - multi-task-learning\n", "  [multi-task-learning\n"),
     "content/papers/p.yaml:4: tags: the list in brackets that starts on this line is not closed, or an item in it "
     "holds `[`, `]`, `{`, `}`, `:` or `#`: write it on one line as `[a, b]`, put such an item in single quotes, "
     "or write the items as `- item` lines"),
    (RECORD.replace("title: Shared Encoders", 'title: "Shared Encoders'),
     "content/papers/p.yaml:1: title: the quote \" that starts this value is never closed: end the value with \""),
    (RECORD.replace("title: Shared Encoders", 'title: "Shared" Encoders'),
     "content/papers/p.yaml:1: title: the value starts with a quote, so YAML ends it at the next quote and cannot "
     "read the rest; put the whole value in single quotes, writing each apostrophe twice: "
     "`title: '\"Shared\" Encoders'`"),
    (RECORD.replace("title: Shared Encoders", "title: @Home Encoders"),
     "content/papers/p.yaml:1: title: an unquoted value cannot start with `@`, which YAML reads as syntax; put the "
     "whole value in single quotes: `title: '@Home Encoders'`"),
    (RECORD.replace("title: Shared Encoders", "title: *Shared* Encoders"),
     "content/papers/p.yaml:1: title: an unquoted value cannot start with `*`, which YAML reads as syntax; put the "
     "whole value in single quotes: `title: '*Shared* Encoders'`"),
    (RECORD.replace("title: Shared Encoders", "title: `Shared` Encoders"),
     "content/papers/p.yaml:1: title: an unquoted value cannot start with a backtick, which YAML reads as syntax; "
     "put the whole value in single quotes: `title: '`Shared` Encoders'`"),
    (RECORD.replace("tags:\n  - multi-task-learning", "tags: - multi-task-learning"),
     "content/papers/p.yaml:3: tags: a list cannot start on its field's line: write each item on a line of its "
     "own, `- item` indented under the field, or the whole list as [a, b]"),
])
def test_a_yaml_slip_is_explained_with_its_fix(content, text, expected):
    assert check(content, text) == [expected]


def test_the_example_follows_the_file_s_own_line_unless_it_is_long(content):
    long_title = "A: " + "b" * 100
    assert check(content, RECORD.replace("Shared Encoders", long_title)) == [
        "content/papers/p.yaml:1: title: the value holds `: `, which YAML reads as the start of another field; put "
        "the whole value in single quotes: `title: 'AdaMerging: Adaptive Model Merging'`"]


def test_a_comment_on_its_own_line_or_a_hash_inside_a_word_is_fine(content):
    text = "# a note\n" + RECORD.replace("Shared Encoders", "C# Encoders") + "venue: # to be announced\n"
    assert check(content, text, advice=False) == []


# ---- line separators: refused where an editor shows them

@pytest.mark.parametrize("character, name", [
    ("\u2028", "the line separator U+2028"), ("\u2029", "the paragraph separator U+2029"),
    ("\x85", "the next-line character U+0085"), ("\r", "a carriage return (U+000D) with no line feed")])
def test_a_hidden_line_break_is_refused_at_the_line_an_editor_shows(content, character, name):
    text = RECORD.replace("We study", f"We{character}study")
    assert check(content, text) == [
        f"content/papers/p.yaml:5: abstract: {name} is not allowed: YAML reads it as a line break that editors and "
        "GitHub do not show; delete it, or type a space or a plain line break instead"]


def test_separators_before_a_later_error_do_not_shift_its_line(content):
    # LS and NEL on line 1 used to count as line breaks: the error below was
    # reported past the end of this five-line file
    text = "title: a\u2028b\u0085c\npublished: 2024-09-27\ntags:\n  - multi-task-learning\nabstract: 'It's\n"
    assert check(content, text) == [
        "content/papers/p.yaml:1: title: the line separator U+2028 is not allowed: YAML reads it as a line break "
        "that editors and GitHub do not show; delete it, or type a space or a plain line break instead"]
    assert check(content, text.replace("\u2028", " ").replace("\x85", " ")) == [
        "content/papers/p.yaml:5: abstract: the value is in single quotes and holds an apostrophe, which ends it "
        "early; inside single quotes write the apostrophe twice: `abstract: 'It''s'`"]


def test_a_raw_next_line_character_is_never_read_as_a_space(content):
    assert check(content, RECORD.replace("title: Shared Encoders", "title: Shared\x85 Encoders")) == [
        "content/papers/p.yaml:1: title: the next-line character U+0085 is not allowed: YAML reads it as a line "
        "break that editors and GitHub do not show; delete it, or type a space or a plain line break instead"]


# ---- Unicode spaces: accepted with a warning, made plain by fmt

def test_a_unicode_space_in_a_one_line_field_is_a_warning_and_fmt_makes_it_plain(content, capsys):
    text = RECORD.replace("Shared Encoders", "Shared\u00a0Encoders\u2009for\u00a0All").replace(
        "We study", "We\u00a0study")
    assert check(content, text) == [
        "content/papers/p.yaml:1: title: warning: no-break space U+00A0 in a one-line field; "
        "`python -m generator fmt` turns it into a plain space",
        "content/papers/p.yaml:1: title: warning: thin space U+2009 in a one-line field; "
        "`python -m generator fmt` turns it into a plain space"]
    assert main(["fmt"]) == 0
    assert capsys.readouterr().out == "1 file rewritten\n"
    assert (content.papers / "p.yaml").read_text("utf-8") == RECORD.replace(
        "Shared Encoders", "Shared Encoders for All").replace("We study", "We\u00a0study")  # the abstract as typed
    assert check(content, (content.papers / "p.yaml").read_text("utf-8")) == []


def test_an_author_s_no_break_space_is_named_at_its_line(content):
    text = HEAD + "authors:\n  - Ada Lovelace\n  - Grace\u202fHopper\n" + TAIL
    assert check(content, text) == [
        "content/papers/p.yaml:7: authors[1]: warning: narrow no-break space U+202F in a one-line field; "
        "`python -m generator fmt` turns it into a plain space"]


# ---- did you mean, and the expected shape with an example

def test_an_unknown_field_suggests_the_known_one(content):
    assert check(content, RECORD.replace("published:", "publised:")) == [
        "content/papers/p.yaml:2: publised: unknown field; did you mean `published`?"]


def test_an_unknown_field_like_no_known_one_lists_them(content):
    known = ", ".join(sorted(paper_schema()["properties"]))  # abstract, arxiv_id, authors, ...
    assert check(content, RECORD + "colour: blue\n") == [
        f"content/papers/p.yaml:6: colour: unknown field (known fields: {known})"]


def test_an_unknown_tag_suggests_the_known_one(content):
    assert check(content, RECORD.replace("  - multi-task-learning", "  - multi-task-lerning")) == [
        "content/papers/p.yaml:4: tags: unknown tag 'multi-task-lerning'; did you mean 'multi-task-learning'? "
        "(see content/tags.yaml)"]


@pytest.mark.parametrize("line, expected", [
    ("published: 5 March 2024", "published: expected a date such as 2024-03-05, found '5 March 2024'"),
    ("published: 2024-13-45", "published: not a calendar date: '2024-13-45' (expected a date such as 2024-03-05)"),
    ("authors: Ada Lovelace, Grace Hopper",
     "authors: expected a list: write it as `- item` lines or [a, b], found 'Ada Lovelace, Grace Hopper'"),
    ("code_url: github.com/org/repo",
     "code_url: expected an https URL such as https://github.com/org/repo, found 'github.com/org/repo'"),
    ("links: [www.example.org]",
     "links[0]: expected an http(s) URL such as https://github.com/org/repo, found 'www.example.org'"),
    ("arxiv_id: arXiv:2403.01234",
     "arxiv_id: expected an arXiv id such as 2310.01234 or 2310.01234v2, found 'arXiv:2403.01234'"),
    ("venue: ' '", "venue: must not be blank"),
    ("links: [https://a.org, https://a.org]", "links: lists 'https://a.org' twice"),
    ("title2: x", "title2: unknown field; did you mean `title`?"),
])
def test_the_expected_shape_is_shown_with_an_example(content, line, expected):
    text = HEAD + line + "\n" + TAIL
    if line.startswith("published"):
        text = text.replace("published: 2024-09-27\n", "")
    assert check(content, text) == [f"content/papers/p.yaml:{text.splitlines().index(line) + 1}: {expected}"]


def test_a_tag_that_is_not_a_slug_is_explained_in_words(content):
    assert check(content, RECORD.replace("  - multi-task-learning", "  - Multi Task")) == [
        "content/papers/p.yaml:4: tags[0]: expected a tag slug (lowercase letters, digits and single hyphens) "
        "such as multi-task-learning, found 'Multi Task'; did you mean `multi-task-learning`?"]


# ---- valid edits stay valid

@pytest.mark.parametrize("text", [
    RECORD.replace("published: 2024-09-27", "published: 2024-09-27 "),             # a trailing space
    HEAD + "authors: [Ada Lovelace, Grace Hopper]\narxiv_id: 2403.01234\n" + TAIL,  # flow list, unquoted id
    RECORD.replace("tags:\n  - multi-task-learning\n", "tags: [multi-task-learning, style-transfer]\n"),
    (TAIL + "tags:\n- style-transfer\ntitle: Shared Encoders\n").replace("\n", "\r\n"),  # CRLF, any order
])
def test_valid_edits_pass_check(content, text):
    assert [line for line in check(content, text) if ": warning: " not in line] == []


def test_crlf_is_a_warning_about_line_endings(content):
    text = (TAIL + "title: Shared Encoders\ntags:\n- style-transfer\n").replace("\n", "\r\n")
    assert check(content, text) == [
        "content/papers/p.yaml:1: -: warning: Windows line endings (CRLF); `python -m generator fmt` rewrites them",
        "content/papers/p.yaml:2: title: warning: move `title` to the top (canonical field order)",
        "content/papers/p.yaml:3: tags: warning: move `tags` after `title` (canonical field order)"]
    assert check(content, RECORD.replace("\n", "\r\n")) == [
        "content/papers/p.yaml:1: -: warning: Windows line endings (CRLF); `python -m generator fmt` rewrites them"]


# ---- a broken vocabulary or manifest: reported alone and first

def test_a_broken_vocabulary_is_reported_first_without_a_flood_of_unknown_tags(content):
    for index in range(30):
        (content.papers / f"p{index}.yaml").write_text(RECORD, encoding="utf-8")
    content.tags_file.write_text(TAGS_YAML.replace("    name: Multi-task", "   name: Multi-task"), encoding="utf-8")
    assert check(content, RECORD.replace("  - multi-task-learning", "  - nope").replace(
        "2024-09-27", "2024-02-30")) == [
        "content/tags.yaml:3: name: the field `name` starts at column 4, the field `slug` on line 2 at column 5: "
        "start the fields of one level at the same column (the top-level fields at column 1)",
        "content/papers/p.yaml:2: published: not a calendar date: '2024-02-30' (expected a date such as 2024-03-05)"]


def test_a_broken_entry_of_the_vocabulary_also_stops_the_tag_checks(content):
    content.tags_file.write_text(TAGS_YAML.replace("    description: One model, several tasks.\n", ""),
                                 encoding="utf-8")
    assert check(content, RECORD) == ["content/tags.yaml:2: tags[0].description: required text is missing"]


def test_a_broken_manifest_stops_the_sources_checks(content):
    content.sources_file.write_text("dumps:\n  - file: d.txt\n   label: x\n", encoding="utf-8")
    assert check(content, HEAD + "sources:\n  - d.txt\n" + TAIL) == [
        "content/sources.yaml:3: label: the field `label` starts at column 4, the field `file` on line 2 at column 5: "
        "start the fields of one level at the same column (the top-level fields at column 1)"]


def test_check_prints_the_vocabulary_s_error_first(content, capsys):
    content.tags_file.write_text(TAGS_YAML.replace("\n  - slug: style", "\n - slug: style"), encoding="utf-8")
    (content.papers / "a.yaml").write_text(RECORD, encoding="utf-8")
    (content.papers / "b.yaml").write_text(RECORD.replace("title: Shared", "titel: Shared"), encoding="utf-8")
    assert main(["check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "content/tags.yaml:8: slug: this list item starts at column 2, the one on line 2 at column 3: start every `- ` "
        "of one list at the same column",
        "content/papers/b.yaml:1: titel: unknown field; did you mean `title`?",
        "content/papers/b.yaml:1: title: required field is missing"]


# ---- sizes of the shared files

def test_a_vocabulary_of_too_many_tags_is_refused(content):
    entry = "  - slug: t{0}\n    name: T{0}\n    description: d\n    match:\n      - t{0}\n"
    content.tags_file.write_text("tags:\n" + "".join(entry.format(index) for index in range(MAX_TAGS + 1)),
                                 encoding="utf-8")
    assert check(content, RECORD) == [
        "content/tags.yaml:1: tags: 501 tags, more than the 500 a vocabulary may have (every tag makes pages and a "
        "search filter)"]


def test_a_vocabulary_file_too_large_is_refused(content):
    content.tags_file.write_text(TAGS_YAML + "#" * (256 * 1024), encoding="utf-8")
    assert check(content, RECORD) == ["content/tags.yaml:1: -: file is larger than 262,144 bytes"]


def test_a_manifest_too_large_or_too_long_is_refused(content):
    content.sources_file.write_text("dumps: []\n" + "#" * (256 * 1024), encoding="utf-8")
    assert check(content, RECORD) == ["content/sources.yaml:1: -: file is larger than 262,144 bytes"]
    content.sources_file.write_text("dumps:\n" + "  - file: d.txt\n" * 2001, encoding="utf-8")
    assert check(content, RECORD) == [
        "content/sources.yaml:1: dumps: 2,001 dumps, more than the 2,000 the manifest may list"]


# ---- which file a message names

def test_a_name_differing_only_by_case_flags_only_the_new_file(content):
    (content.papers / "shared-encoders.yaml").write_text(RECORD, encoding="utf-8")
    assert check(content, RECORD, name="Shared-Encoders.yaml") == [
        "content/papers/Shared-Encoders.yaml:1: -: file name must be a slug: lowercase letters, digits and single "
        "hyphens",
        "content/papers/Shared-Encoders.yaml:1: -: the name differs only by case from "
        "content/papers/shared-encoders.yaml"]


def test_a_repeated_manifest_entry_is_reported_at_its_own_line(content):
    for name in ("a.txt", "b.txt"):
        (content.dumps / name).write_text("x\n", encoding="utf-8")
    content.sources_file.write_text("dumps:\n  - file: a.txt\n    label: A\n  - file: b.txt\n    label: B\n"
                                    "  - file: a.txt\n    label: A again\n", encoding="utf-8")
    archive, problems = load_archive(content)
    assert [problem.text() for problem in problems] == [
        "content/sources.yaml:6: dumps[2].file: 'a.txt' is listed twice; remove this entry"]
    assert [source.file for source in archive.sources] == ["a.txt", "b.txt"]


def test_an_entry_after_a_refused_one_is_named_by_its_own_index(content):
    content.sources_file.write_text("dumps:\n  - file: a.txt\n    captured: soon\n  - file: gone.txt\n    label: G\n",
                                    encoding="utf-8")
    assert [problem.text() for problem in load_archive(content)[1]] == [
        "content/sources.yaml:3: dumps[0].captured: expected a date YYYY-MM-DD, found 'soon'",
        "content/sources.yaml:4: dumps[1].file: 'gone.txt' is not in content/dumps"]


# ---- comments after a value: ordinary after a date, slug, id, number or URL; refused after free text

def test_a_comment_after_a_value_that_is_not_free_text_is_an_ordinary_comment(content):
    text = (RECORD.replace("published: 2024-09-27", "published: 2024-09-27  # from arXiv")
            .replace("  - multi-task-learning", "  - multi-task-learning  # main")
            + "arxiv_id: 2409.01234  # v1\nupvotes: 3 # today\ncode_url: https://github.com/org/repo  # code\n"
            + "aliases:\n  - shared-encoder  # the old name\n")
    assert check(content, text, advice=False) == []
    assert load_archive(content)[0].papers[0].published.isoformat() == "2024-09-27"


def test_a_comment_after_a_field_of_another_file_is_still_refused():
    # `tags` holds slugs in a record; in the vocabulary its entries' names and descriptions are free text
    with pytest.raises(YamlError) as raised:
        load_mapping("tags:\n  - slug: a\n    name: Topic A  # draft\n")
    assert str(raised.value) == (
        "line 3: name: ` #` starts a comment in YAML, so the value stops before it; if the `#` belongs to the value, "
        "put the whole value in single quotes: `name: 'Topic A  # draft'`")


@pytest.mark.parametrize("line, expected", [
    ("venue: ACL 2024  # main track",
     "venue: ` #` starts a comment in YAML, so the value stops before it; if the `#` belongs to the value, put "
     "the whole value in single quotes: `venue: 'ACL 2024  # main track'`"),
    ("organization: Lab #1",
     "organization: ` #` starts a comment in YAML, so the value stops before it; if the `#` belongs to the value, "
     "put the whole value in single quotes: `organization: 'Lab #1'`"),
    ("authors:\n  - Ada Lovelace  # first",
     "authors: ` #` starts a comment in YAML, so the value stops before it; if the `#` belongs to the value, put "
     "the whole value in single quotes: `- 'Ada Lovelace  # first'`"),
])
def test_a_comment_after_free_text_is_refused_with_the_quoting_fix(content, line, expected):
    number = len(HEAD.splitlines()) + line.count("\n") + 1
    assert check(content, HEAD + line + "\n" + TAIL) == [f"content/papers/p.yaml:{number}: {expected}"]


# ---- text with nothing visible, and bidi controls in one-line fields

INVISIBLE = ("must not be blank: it holds no letter, digit, symbol or punctuation mark, only invisible characters "
             "(zero-width, formatting or combining marks); write the text")


@pytest.mark.parametrize("text", ["\u200b", "\u2060\u200d", "\u0301", "\ufe0f", "\U000E0041", " \u200b ",
                                  "\u3164", "\u2800\u200b"])
def test_a_title_of_invisible_characters_is_blank(content, text):
    record = RECORD.replace("title: Shared Encoders", f"title: '{text}'")
    assert check(content, record, advice=False) == [f"content/papers/p.yaml:1: title: {INVISIBLE}"]


def test_an_invisible_abstract_or_author_is_blank(content):
    record = HEAD + "authors: [Ada, '\u200b']\nabstract: '\u200d\u0301'\n"
    assert check(content, record, advice=False) == [
        f"content/papers/p.yaml:5: authors[1]: {INVISIBLE} or leave the field out",
        f"content/papers/p.yaml:6: abstract: {INVISIBLE}"]


@pytest.mark.parametrize("character, name", [
    ("\u202e", "right-to-left override U+202E"), ("\u202a", "left-to-right embedding U+202A"),
    ("\u2067", "right-to-left isolate U+2067"), ("\u2069", "pop directional isolate U+2069"),
])
def test_a_bidi_control_in_a_one_line_field_is_refused_by_name(content, character, name):
    record = RECORD.replace("title: Shared Encoders", f"title: Shared {character}Encoders")
    assert check(content, record, advice=False) == [
        f"content/papers/p.yaml:1: title: the {name} is not allowed in a one-line field: it reorders the text shown "
        "after it on the page; delete it; right-to-left text needs no control character"]
    venue = HEAD + f"venue: ACL{character}\n" + TAIL
    assert check(content, venue, advice=False)[0].startswith(f"content/papers/p.yaml:5: venue: the {name} is")


def test_a_lone_right_to_left_override_is_refused_as_a_bidi_control_not_as_blank(content):
    record = RECORD.replace("title: Shared Encoders", "title: '\u202e'")
    assert check(content, record, advice=False) == [
        f"content/papers/p.yaml:1: title: {INVISIBLE}",
        "content/papers/p.yaml:1: title: the right-to-left override U+202E is not allowed in a one-line field: it "
        "reorders the text shown after it on the page; delete it; right-to-left text needs no control character"]


def test_right_to_left_text_itself_is_fine(content):
    assert check(content, RECORD.replace("Shared Encoders", "מקודדים משותפים"), advice=False) == []


# ---- aliases and tags typed in another form than a slug

ALIAS_FORM = "expected the old file name as a slug, without `.yaml`, e.g. `old-name`"


@pytest.mark.parametrize("alias, hint", [
    ("Old_Name", "; did you mean `old-name`?"),
    ("old-name.yaml", "; did you mean `old-name`?"),
    ("https://example.org/papers/old-name/", "; did you mean `old-name`?"),
    ("content/papers/old-name.yaml", "; did you mean `old-name`?"),
    ("///", ""),
])
def test_an_alias_that_is_not_a_slug_says_the_form_and_suggests_it(content, alias, hint):
    record = HEAD + f"aliases: ['{alias}']\n" + TAIL
    assert check(content, record, advice=False) == [
        f"content/papers/p.yaml:5: aliases[0]: {ALIAS_FORM}, found {alias!r}{hint}"]


def test_a_tag_in_the_wrong_case_suggests_the_known_tag(content):
    assert check(content, RECORD.replace("  - multi-task-learning", "  - Multi-Task-Learning")) == [
        "content/papers/p.yaml:4: tags[0]: expected a tag slug (lowercase letters, digits and single hyphens) "
        "such as multi-task-learning, found 'Multi-Task-Learning'; did you mean `multi-task-learning`?"]


# ---- arXiv ids: five digits after the dot from 1501 on, four before

@pytest.mark.parametrize("arxiv_id, expected", [
    ("2310.0257", "'2310.0257' has 4 digits after the dot; arXiv ids from January 2015 (1501) on have 5, such as "
                  "2310.01234: copy the id from the paper's arXiv page"),
    ("1501.0001v2", "'1501.0001v2' has 4 digits after the dot; arXiv ids from January 2015 (1501) on have 5, such "
                    "as 2310.01234: copy the id from the paper's arXiv page"),
    ("1412.69800", "'1412.69800' has 5 digits after the dot; arXiv ids before 2015 (0704 to 1412) have 4, such as "
                   "1412.6980: copy the id from the paper's arXiv page"),
])
def test_an_arxiv_id_with_the_wrong_count_of_digits_is_refused(content, arxiv_id, expected):
    assert check(content, HEAD + f"arxiv_id: '{arxiv_id}'\n" + TAIL, advice=False) == [
        f"content/papers/p.yaml:5: arxiv_id: {expected}"]


@pytest.mark.parametrize("arxiv_id", ["1412.6980", "1501.00001", "2310.02570v3", "math.GT/0309136"])
def test_an_arxiv_id_of_its_month_s_form_is_accepted(content, arxiv_id):
    assert check(content, HEAD + f"arxiv_id: '{arxiv_id}'\n" + TAIL, advice=False) == []


def test_an_author_on_two_lines_is_named_by_its_index(content):
    text = HEAD + 'authors:\n  - Ada Lovelace\n  - "Grace\\nHopper"\n' + TAIL
    assert check(content, text, advice=False) == [
        "content/papers/p.yaml:7: authors[1]: must be on one line (no line breaks or tabs)"]
