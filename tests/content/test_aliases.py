"""Renamed papers keep their URLs: the rules of `aliases`, and the published
slugs no record keeps (read from git at a ref)."""

import subprocess

import pytest

from generator.content.aliases import alias_problems, unkept_slugs
from generator.content.history import published_slugs
from generator.model.paper import Paper
from generator.model.problems import ContentError


def paper(slug, *aliases) -> Paper:
    return Paper(slug=slug, title=slug, abstract="A.", tags=("nlp",), aliases=aliases)


def test_an_alias_is_an_old_name_no_file_has():
    found = alias_problems([paper("b", "a", "b", "index", "old"), paper("a"), paper("c", "old")],
                           file_slugs=["broken"], lines={"b": {"aliases[0]": 7, "aliases[1]": 8}}.get)
    assert [problem.text() for problem in found] == [
        "content/papers/b.yaml:7: aliases[0]: 'a' is the name of content/papers/a.yaml; an alias is a name no file has now",
        "content/papers/b.yaml:8: aliases[1]: 'b' is this file's own name; an alias is a name the file had before",
        "content/papers/b.yaml:1: aliases[2]: 'index' is reserved for a generated page",
        "content/papers/c.yaml:1: aliases[0]: 'old' is already an alias of content/papers/b.yaml; "
        "one old name leads to one paper",
    ]


def test_an_alias_may_not_be_the_name_of_a_file_that_failed_its_checks():
    assert [problem.message for problem in alias_problems([paper("a", "broken")], file_slugs=["broken", "a"])] == [
        "'broken' is the name of content/papers/broken.yaml; an alias is a name no file has now"]


def test_good_aliases_pass():
    assert alias_problems([paper("new-name", "old-name", "older-name"), paper("other")]) == []


def test_unkept_slugs_are_neither_records_nor_aliases():
    assert unkept_slugs(["a", "gone", "old-name", "z-gone"], [paper("a"), paper("new-name", "old-name")]) == [
        "gone", "z-gone"]


def git(folder, *arguments):
    subprocess.run(["git", "-C", str(folder), *arguments], check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path):
    papers = tmp_path / "content" / "papers"
    papers.mkdir(parents=True)
    for name in ("a.yaml", "old-name.yaml", "notes.txt"):
        (papers / name).write_text("x\n", encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "base")
    (papers / "old-name.yaml").rename(papers / "new-name.yaml")
    return papers


def test_published_slugs_at_a_ref(repository):
    assert published_slugs(repository, "main") == ["a", "old-name"]
    assert published_slugs(repository, "HEAD") == ["a", "old-name"]  # the commit, not the work tree


def test_a_ref_git_cannot_read_is_one_line(repository):
    with pytest.raises(ContentError) as raised:
        published_slugs(repository, "no-such-branch")
    assert [problem.message for problem in raised.value.problems] == [
        "cannot list the papers published at 'no-such-branch': fatal: Not a valid object name no-such-branch:content/papers/"]
    with pytest.raises(ContentError) as raised:
        published_slugs(repository, "--output=/tmp/x")
    assert raised.value.problems[0].message == \
        "cannot list the papers published at '--output=/tmp/x': a ref cannot start with '-'"


def test_a_file_that_fails_its_checks_still_keeps_its_slug():
    assert unkept_slugs(["a", "broken"], [paper("a")], file_slugs=["broken"]) == []
