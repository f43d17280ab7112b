from tests.support import ABSTRACT_MTL
from generator.content.store import ContentDir
from generator.content.load import load_archive
from generator.content.yamlio import dump_mapping
from generator.model.paper import FIELD_ORDER

DATA = {"title": "Shared Encoders", "published": "2024-09-27", "tags": ["multi-task-learning"],
        "sources": ["d.txt"], "abstract": ABSTRACT_MTL}
GOOD = dump_mapping(DATA, FIELD_ORDER)  # title 1, published 2, tags 3-4, sources 5-6, abstract 7-8


def with_dump(content: ContentDir) -> ContentDir:
    (content.dumps / "d.txt").write_text("x\n", encoding="utf-8")
    content.sources_file.write_text("dumps:\n  - file: d.txt\n    label: test\n    captured: null\n", encoding="utf-8")
    return content


def problems_of(content: ContentDir, name: str, text: str | bytes) -> list[str]:
    path = with_dump(content).papers / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    archive, problems = load_archive(content)
    return [problem.text() for problem in problems]


def test_a_good_record_loads_with_real_types(content):
    with_dump(content)
    (content.papers / "shared-encoders.yaml").write_text(GOOD, encoding="utf-8")
    archive, problems = load_archive(content)
    assert problems == []
    paper = archive.papers[0]
    assert (paper.slug, paper.published.year, paper.tags) == ("shared-encoders", 2024, ("multi-task-learning",))


def test_bad_date(content):
    assert problems_of(content, "p.yaml", GOOD.replace("2024-09-27", "2024-13-45")) == [
        "content/papers/p.yaml:2: published: not a calendar date: '2024-13-45' (expected a date such as 2024-03-05)"]


def test_unknown_tag(content):
    assert problems_of(content, "p.yaml", GOOD.replace("  - multi-task-learning", "  - quantum-baking")) == [
        "content/papers/p.yaml:4: tags: unknown tag 'quantum-baking' (see content/tags.yaml)"]


def test_duplicate_key(content):
    assert problems_of(content, "p.yaml", GOOD + "title: Again\n") == [
        "content/papers/p.yaml:9: title: duplicate key (first at line 1)"]


def test_unknown_field_names_the_typo(content):
    typo = {("publised" if key == "published" else key): value for key, value in DATA.items()}
    found = problems_of(content, "p.yaml", dump_mapping(typo, FIELD_ORDER))
    assert found == ["content/papers/p.yaml:8: publised: unknown field; did you mean `published`?"]


def test_wrong_type(content):
    assert problems_of(content, "p.yaml", dump_mapping({**DATA, "authors_count": "five"}, FIELD_ORDER)) == [
        "content/papers/p.yaml:5: authors_count: expected a whole number such as 3, found 'five'"]


def test_missing_required_field(content):
    assert problems_of(content, "p.yaml", GOOD.replace("tags:\n  - multi-task-learning\n", "")) == [
        "content/papers/p.yaml:1: tags: required field is missing"]


def test_a_paper_added_by_hand_needs_no_dump(content):
    assert problems_of(content, "p.yaml", GOOD.replace("sources:\n  - d.txt\n", "")) == []


def test_non_utf8_file(content):
    assert problems_of(content, "p.yaml", GOOD.encode("utf-8") + b"venue: caf\xe9\n") == [
        f"content/papers/p.yaml:9: -: not UTF-8 text (byte 0xe9 at offset {len(GOOD.encode()) + 10})"]


def advice_of(content: ContentDir, text: str) -> list[str]:
    (with_dump(content).papers / "p.yaml").write_text(text, encoding="utf-8")
    return [problem.text() for problem in load_archive(content, advice=True)[1]]


def test_format_is_advice_that_names_the_move(content):
    appended = GOOD.replace("tags:\n  - multi-task-learning\n", "") + "tags: [multi-task-learning]\n"
    assert advice_of(content, appended) == [
        "content/papers/p.yaml:7: tags: warning: move `tags` after `published` (canonical field order)"]
    assert problems_of(content, "p.yaml", appended) == []  # not an error, and no advice unless asked


def test_format_advice_names_the_line_as_canonical_form_writes_it(content):
    assert advice_of(content, GOOD.replace("title: Shared Encoders", 'title: "Shared Encoders"')) == [
        "content/papers/p.yaml:1: title: warning: canonical form writes this line as `title: Shared Encoders` "
        "(quoting, wrapping, spacing or a comment; `python -m generator fmt` rewrites it)"]
    assert advice_of(content, GOOD) == []


def test_format_advice_names_the_line_and_field_of_a_comment_or_an_empty_field(content):
    commented = GOOD.replace("published: 2024-09-27", "published: 2024-09-27  # from arXiv")
    number = commented.splitlines().index("published: 2024-09-27  # from arXiv") + 1
    assert advice_of(content, commented) == [
        f"content/papers/p.yaml:{number}: published: warning: canonical form writes this line as "
        "`published: 2024-09-27` (quoting, wrapping, spacing or a comment; `python -m generator fmt` rewrites it)"]
    empty = GOOD.replace("published: 2024-09-27", "published:")
    number = empty.splitlines().index("published:") + 1
    assert advice_of(content, empty) == [
        f"content/papers/p.yaml:{number}: published: warning: canonical form leaves out this line (an empty "
        "field, a blank line or a comment; `python -m generator fmt` rewrites it)"]


def test_file_name_must_be_a_slug_and_unique(content):
    with_dump(content)
    (content.papers / "Shared_Encoders.yaml").write_text(GOOD, encoding="utf-8")
    (content.papers / "notes.txt").write_text(GOOD, encoding="utf-8")
    _, problems = load_archive(content)
    assert [problem.text() for problem in problems] == [
        "content/papers/Shared_Encoders.yaml:1: -: file name must be a slug: lowercase letters, digits and single hyphens",
        "content/papers/notes.txt:1: -: only .yaml files are allowed here",
    ]


def test_unknown_source(content):
    assert problems_of(content, "p.yaml", GOOD.replace("  - d.txt", "  - elsewhere.txt")) == [
        "content/papers/p.yaml:6: sources: 'elsewhere.txt' is not a dump listed in content/sources.yaml"]


def test_all_problems_are_reported_at_once(content):
    with_dump(content)
    (content.papers / "a.yaml").write_text(GOOD.replace("2024-09-27", "2024-02-30"), encoding="utf-8")
    (content.papers / "b.yaml").write_text(dump_mapping({**DATA, "upvotes": -1}, FIELD_ORDER), encoding="utf-8")
    _, problems = load_archive(content)
    assert [(problem.path, problem.field) for problem in problems] == [
        ("content/papers/a.yaml", "published"), ("content/papers/b.yaml", "upvotes")]
