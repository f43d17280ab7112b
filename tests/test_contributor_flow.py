"""A contributor's pull request, played for real: in a fresh clone, edits typed
the way a person types them in GitHub's web editor, then every `run:` step of
the pull-request workflow in order (its test step runs this whole suite but
this file). All pass, and the built pages show each edit; bad edits still fail
with an annotation on their line."""

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "check.yml"
RUNNER_SETUP = {"Install Chromium for the browser tests"}  # done on this machine by .ci/run
TEST_STEP = "Test suite"
NEW_TAG = """  - slug: contributor-test-topic
    name: Contributor test topic
    description: A tag a contributor added in the same pull request that uses it.
    match:
      - contributor test topic
"""
NEW_PAPER = """title: Hand Typed Paper About Sparse Retrieval
tags:
- contributor-test-topic
- language-models
abstract: A paper a contributor added by hand, with an unquoted arXiv id and no dump behind it.
arxiv_id: 2405.00010
"""

pytestmark = pytest.mark.slow  # a fresh clone, every workflow step, several builds


def run_step(clone: Path, name: str, run: str, env: dict | None = None) -> subprocess.CompletedProcess:
    if name == TEST_STEP:  # the suite, but not this file (it would recurse)
        run = run + f" --deselect {Path(__file__).relative_to(ROOT).as_posix()}"
    return subprocess.run(["bash", "-e", "-c", run], cwd=clone, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


def workflow_steps() -> list[tuple[str, str, dict]]:
    steps = yaml.safe_load(WORKFLOW.read_text("utf-8"))["jobs"]["check"]["steps"]
    return [(step["name"], step["run"], step.get("env") or {}) for step in steps
            if "run" in step and step["name"] not in RUNNER_SETUP]


def run_check(clone: Path) -> subprocess.CompletedProcess:
    name, run, env = next(step for step in workflow_steps() if step[0].startswith("Check content"))
    return run_step(clone, name, run, env)


def undated(papers: Path) -> list[Path]:
    return [path for path in sorted(papers.glob("*.yaml")) if "\npublished:" not in "\n" + path.read_text("utf-8")]


@pytest.fixture(scope="module")
def contributed(tmp_path_factory):
    """A fresh clone with the edits applied and every workflow step run."""
    clone = tmp_path_factory.mktemp("contributor") / "repo"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    papers = clone / "content" / "papers"
    dated, identified, retitled, retagged = undated(papers)[:4]
    with dated.open("a", encoding="utf-8") as file:   # a field appended at the end
        file.write("published: 2023-10-09\n")
    with identified.open("a", encoding="utf-8") as file:  # unquoted id, unindented list
        file.write("arxiv_id: 2310.02575\nauthors:\n- Enneng Yang\n- Zhenyi Wang\n")
    text = retitled.read_text("utf-8")
    title = re.search(r"^title: .*$", text, re.M).group()
    retitled.write_text(text.replace(title, "title: Corrected Title Typed In Place", 1), encoding="utf-8")
    text = retagged.read_text("utf-8")
    retagged.write_text(text.replace("tags:\n", "tags:\n  - contributor-test-topic\n", 1), encoding="utf-8")
    tags = clone / "content" / "tags.yaml"
    tags.write_text(tags.read_text("utf-8") + NEW_TAG, encoding="utf-8")
    (papers / "hand-typed-paper-about-sparse-retrieval.yaml").write_text(NEW_PAPER, encoding="utf-8")
    results = [(name, run_step(clone, name, run, env)) for name, run, env in workflow_steps()]
    return clone, results, {"dated": dated.stem, "identified": identified.stem, "retitled": retitled.stem,
                            "retagged": retagged.stem}


def test_every_workflow_step_passes(contributed):
    _, results, _ = contributed
    assert [name for name, _ in results][-1] == TEST_STEP
    for name, result in results:
        assert result.returncode == 0, f"{name}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


def page(clone: Path, slug: str) -> str:
    return (clone / "site" / "papers" / slug / "index.html").read_text("utf-8")


def test_the_built_pages_show_every_edit(contributed):
    clone, _, slugs = contributed
    assert "Published Oct 9, 2023" in page(clone, slugs["dated"])
    assert (clone / "site" / "dates" / "2023" / "index.html").read_text("utf-8").count(slugs["dated"]) >= 1
    identified = page(clone, slugs["identified"])
    assert "Enneng Yang, Zhenyi Wang" in identified and "2310.02575" in identified
    assert "Corrected Title Typed In Place" in page(clone, slugs["retitled"])
    topic = (clone / "site" / "tags" / "contributor-test-topic" / "index.html").read_text("utf-8")
    assert slugs["retagged"] in topic and "hand-typed-paper-about-sparse-retrieval" in topic
    added = page(clone, "hand-typed-paper-about-sparse-retrieval")
    assert "2405.00010" in added and "Added by hand" in added


@pytest.mark.parametrize("edit, expected", [
    ("published: 2023-02-30\n", r"::error file=content/papers/{slug}\.yaml,line=\d+::published: not a calendar date"),
    ("venue: A\nvenue: B\n", r"::error file=content/papers/{slug}\.yaml,line=\d+::venue: duplicate key"),
])
def test_bad_edits_fail_with_an_annotation_on_their_line(contributed, edit, expected):
    clone, _, _ = contributed
    path = undated(clone / "content" / "papers")[-1]
    original = path.read_text("utf-8")
    path.write_text(original + edit, encoding="utf-8")
    try:
        result = run_check(clone)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    assert re.search(expected.format(slug=re.escape(path.stem)), result.stdout), result.stdout


def test_an_unknown_tag_fails_with_an_annotation_on_its_line(contributed):
    clone, _, _ = contributed
    path = undated(clone / "content" / "papers")[-1]
    original = path.read_text("utf-8")
    path.write_text(original.replace("tags:\n", "tags:\n  - no-such-tag\n", 1), encoding="utf-8")
    try:
        result = run_check(clone)
    finally:
        path.write_text(original, encoding="utf-8")
    line = original.splitlines().index("tags:") + 2
    assert result.returncode == 1
    assert (f"::error file=content/papers/{path.stem}.yaml,line={line}::tags: unknown tag 'no-such-tag'"
            in result.stdout), result.stdout
