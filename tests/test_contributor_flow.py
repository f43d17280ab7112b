"""A contributor's pull request, played for real: in a fresh clone, edits typed
the way a person types them in GitHub's web editor, committed as a pull request
commits them, then every `run:` step of check.yml's content path in order (the
change detection, then the `content` job). Valid edits pass every step and the
built pages show them; refused ones fail the check step with a message on their
line. The test owns its data: it edits only papers it adds in a commit of its own,
so it holds whatever the live content holds."""

import os
import re
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from tests.support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "check.yml"
TIMINGS = ROOT / "tests" / "artifacts" / "content-pull-request-steps.txt"
CHECK_STEP = "Check content (annotations on the changed lines)"
GIT_ID = {"GIT_AUTHOR_NAME": "Contributor", "GIT_AUTHOR_EMAIL": "contributor@example.org",
          "GIT_COMMITTER_NAME": "Contributor", "GIT_COMMITTER_EMAIL": "contributor@example.org"}
# The papers this test adds before the pull request (the base it edits); abstracts
# far apart, so that no duplicate check takes one for a copy of another.
BASE_PAPERS = {
    "contributor-flow-dated": ("Contributor Flow Sparse Retrieval Over Tiny Hand Typed Indexes",
                               "We index hand typed notes with sparse lexical vectors and measure recall."),
    "contributor-flow-identified": ("Contributor Flow Calibrating Toy Classifiers With Temperature",
                                    "Temperature scaling on small convolutional classifiers, per class."),
    "contributor-flow-retagged": ("Contributor Flow Curriculum Order For Synthetic Arithmetic Tasks",
                                  "Ordering synthetic additions from short to long operands speeds training."),
}
NEW_TAG = """  - slug: contributor-test-topic
    name: Contributor test topic
    description: A tag a contributor added in the same pull request that uses it.
    match:
      - contributor test topic
"""
ADDED = "hand-typed-paper-about-graph-colouring"

pytestmark = pytest.mark.slow  # a fresh clone installed from the locks, a site build


def content_path() -> tuple[dict, list[tuple[str, str, dict]]]:
    """check.yml's change-detection step and the `content` job's run steps, in order."""
    jobs = yaml.safe_load(WORKFLOW.read_text("utf-8"))["jobs"]
    detect = next(step for step in jobs["changes"]["steps"] if step.get("id") == "diff")
    return detect, [(step["name"], step["run"], step.get("env") or {}) for step in jobs["content"]["steps"]
                    if "run" in step]


def shell(repo: Path, run: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """A `run:` script as GitHub runs it: bash -e -o pipefail."""
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", run], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, **GIT_ID, **(env or {})})


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ID}).stdout.strip()


def content_only(repo: Path, base: str, tmp_path: Path) -> str:
    """The change-detection step's output for a pull request from `base` to HEAD."""
    detect, _ = content_path()
    output = tmp_path / "github-output"
    output.write_text("", encoding="utf-8")
    result = shell(repo, detect["run"], {"EVENT": "pull_request", "BASE_SHA": base, "HEAD_SHA": git(repo, "rev-parse", "HEAD"),
                                         "GITHUB_OUTPUT": str(output), "RUNNER_TEMP": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    return output.read_text("utf-8").strip()


def filled(env: dict, base_commit: str) -> dict:
    """A step's env with its `${{ }}` expressions as GitHub fills them for a pull
    request from `base_commit`; any other expression fails the test."""
    context = {"github.event_name": "pull_request", "github.event.pull_request.base.sha": base_commit}

    def value(text):
        match = re.fullmatch(r"\$\{\{ ([\w.-]+) \}\}", str(text))
        return context[match.group(1)] if match else text
    return {key: value(text) for key, text in env.items()}


def run_until_failure(repo: Path, steps, base_commit: str) -> list[tuple[str, subprocess.CompletedProcess, float]]:
    """Each step in order, as a job does: the first failure ends the job."""
    results = []
    for name, run, env in steps:
        start = time.monotonic()
        result = shell(repo, run, filled(env, base_commit))
        results.append((name, result, time.monotonic() - start))
        if result.returncode != 0:
            break
    return results


def free_arxiv_ids(repo: Path, count: int) -> list[str]:
    """New-style ids no record of the clone holds; none ends in 0, which an unquoted
    id (read as a number) would lose."""
    taken = "\n".join(path.read_text("utf-8") for path in (repo / "content" / "papers").glob("*.yaml"))
    ids = (f"2312.{number:05d}" for number in range(19999, 10000, -1) if number % 10)
    return [next(one for one in ids if one not in taken) for _ in range(count)]


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A fresh clone with this test's own papers committed (the base of the pull
    request), installed by the `content` job's Install step."""
    repo = tmp_path_factory.mktemp("contributor") / "repo"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(repo)], check=True)
    vocabulary = [tag["slug"] for tag in yaml.safe_load((repo / "content" / "tags.yaml").read_text("utf-8"))["tags"]]
    for at, (slug, (title, abstract)) in enumerate(BASE_PAPERS.items()):
        record = f"title: {title}\ntags:\n  - {vocabulary[3 + at]}\nabstract: {abstract}\n"
        (repo / "content" / "papers" / f"{slug}.yaml").write_text(record, encoding="utf-8")
    git(repo, "add", "content/papers")
    git(repo, "commit", "--quiet", "-m", "Papers the contributor-flow test edits")
    _, steps = content_path()
    install = [step for step in steps if step[0] == "Install"]
    commit = git(repo, "rev-parse", "HEAD")
    timings = run_until_failure(repo, install, commit)
    assert [result.returncode for _, result, _ in timings] == [0], timings[-1][1].stderr[-3000:]
    return repo, commit, vocabulary, timings


def after_install(steps):
    return [step for step in steps if step[0] != "Install"]


@pytest.fixture(scope="module")
def valid_pull_request(base, tmp_path_factory):
    """The four valid contributions, typed and committed as one pull request, then
    every step of the content path."""
    repo, base_commit, vocabulary, install = base
    papers = repo / "content" / "papers"
    dated_id, added_id = free_arxiv_ids(repo, 2)
    with (papers / "contributor-flow-dated.yaml").open("a", encoding="utf-8") as file:
        file.write("published: 2023-10-09 \n")  # appended at the end, a trailing space
    with (papers / "contributor-flow-identified.yaml").open("a", encoding="utf-8") as file:
        file.write(f"arxiv_id: {dated_id}\nauthors: [Grace Hopper, Alan Turing]\n")  # unquoted id, flow list
    retagged = papers / "contributor-flow-retagged.yaml"
    text = retagged.read_text("utf-8")
    block = re.search(r"^tags:\n(  - .*\n)+", text, re.M).group()
    retagged.write_text(text.replace(block, f"tags: [{', '.join(vocabulary[:3])}]\n"), encoding="utf-8")
    tags = repo / "content" / "tags.yaml"
    tags.write_text(tags.read_text("utf-8") + NEW_TAG, encoding="utf-8")
    added = ("abstract: We colour random planar graphs by hand and compare with a greedy heuristic.\r\n"
             f"tags: [contributor-test-topic, {vocabulary[0]}]\r\n"
             f"arxiv_id: {added_id}\r\n"
             "title: Hand Typed Paper About Graph Colouring\r\n")  # CRLF, fields in any order
    (papers / f"{ADDED}.yaml").write_bytes(added.encode("utf-8"))
    git(repo, "add", "content")
    git(repo, "commit", "--quiet", "-m", "Four contributions typed in the web editor")
    detected = content_only(repo, base_commit, tmp_path_factory.mktemp("runner"))
    _, steps = content_path()
    results = run_until_failure(repo, after_install(steps), base_commit)
    TIMINGS.parent.mkdir(exist_ok=True)
    TIMINGS.write_text("".join(f"{seconds:7.1f} s  {name}\n" for name, _, seconds in install + results), encoding="utf-8")
    return repo, detected, results, {"identified": dated_id, "added": added_id}, vocabulary


def test_a_content_only_pull_request_takes_the_content_path(valid_pull_request):
    _, detected, _, _, _ = valid_pull_request
    assert detected == "content-only=true"


def test_every_step_of_the_content_path_passes(valid_pull_request):
    _, _, results, _, _ = valid_pull_request
    _, steps = content_path()
    for name, result, _ in results:
        assert result.returncode == 0, f"{name}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert [name for name, _, _ in results] == [name for name, _, _ in after_install(steps)]


def page(repo: Path, slug: str) -> str:
    return (repo / "site" / "papers" / slug / "index.html").read_text("utf-8")


def test_the_built_pages_show_every_edit(valid_pull_request):
    repo, _, _, ids, vocabulary = valid_pull_request
    assert "Published Oct 9, 2023" in page(repo, "contributor-flow-dated")
    assert "contributor-flow-dated" in (repo / "site" / "dates" / "2023" / "index.html").read_text("utf-8")
    identified = page(repo, "contributor-flow-identified")
    assert "Grace Hopper, Alan Turing" in identified and ids["identified"] in identified
    for slug in vocabulary[:3]:
        assert "contributor-flow-retagged" in (repo / "site" / "tags" / slug / "index.html").read_text("utf-8")
    added = page(repo, ADDED)
    assert "Hand Typed Paper About Graph Colouring" in added and ids["added"] in added and "Added by hand" in added
    assert ADDED in (repo / "site" / "tags" / "contributor-test-topic" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("change", [
    lambda repo: (repo / "README.md").write_text("changed\n", encoding="utf-8"),
    lambda repo: git(repo, "mv", "README.md", "content/README.md"),  # a move out of the code into content/
])
def test_a_pull_request_that_touches_anything_else_runs_the_whole_suite(base, change, tmp_path):
    repo, base_commit, _, _ = base
    before = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "--quiet", "--detach", base_commit)
    try:
        change(repo)
        git(repo, "commit", "--quiet", "-am", "a change outside content/")
        assert content_only(repo, base_commit, tmp_path) == "content-only=false"
    finally:
        git(repo, "checkout", "--quiet", "--force", before)


def typo(slug: str) -> str:
    return slug[:-2] + slug[-1]  # the letter before the last one missing


# Each refused contribution: the paper, how it is typed (given the vocabulary), and
# the message on the line it changed (given the vocabulary).
REFUSED = {
    "a title with an unquoted colon": (
        "contributor-flow-dated",
        lambda text, tags: re.sub(r"^title: .*$", "title: Sparse Retrieval: A Hand Typed Study", text, count=1, flags=re.M),
        lambda tags: "title: the value holds `: `, which YAML reads as the start of another field; put the whole "
                     "value in single quotes: `title: 'Sparse Retrieval: A Hand Typed Study'`"),
    "an apostrophe not doubled": (
        "contributor-flow-dated",
        lambda text, tags: re.sub(r"^title: .*$", "title: 'A Contributor's Sparse Retrieval Study'", text, count=1,
                                  flags=re.M),
        lambda tags: "title: the value is in single quotes and holds an apostrophe, which ends it early; inside "
                     "single quotes write the apostrophe twice: `title: 'A Contributor''s Sparse Retrieval Study'`"),
    "authors written as a string": (
        "contributor-flow-identified",
        lambda text, tags: text + "authors: Grace Hopper, Alan Turing\n",
        lambda tags: "authors: expected a list: write it as `- item` lines or [a, b], found 'Grace Hopper, Alan Turing'"),
    "a tag typed with a letter missing": (
        "contributor-flow-retagged",
        lambda text, tags: text.replace(f"  - {tags[5]}\n", f"  - {typo(tags[5])}\n"),
        lambda tags: f"tags: unknown tag '{typo(tags[5])}'; did you mean '{tags[5]}'? (see content/tags.yaml)"),
    "a field name typed with a letter missing": (
        "contributor-flow-dated",
        lambda text, tags: text + "publised: 2023-10-09\n",
        lambda tags: "publised: unknown field; did you mean `published`?"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_refused_contribution_fails_the_check_step_on_its_line(base, case):
    repo, base_commit, vocabulary, _ = base
    slug, edit, message = REFUSED[case]
    path = repo / "content" / "papers" / f"{slug}.yaml"
    before = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "--quiet", "--detach", base_commit)
    try:
        original = path.read_text("utf-8")
        text = edit(original, vocabulary)
        assert text != original
        path.write_text(text, encoding="utf-8")
        git(repo, "commit", "--quiet", "-am", case)
        _, steps = content_path()
        results = run_until_failure(repo, after_install(steps), base_commit)
    finally:
        git(repo, "checkout", "--quiet", "--force", before)
    name, result, _ = results[-1]
    assert (name, result.returncode) == (CHECK_STEP, 1), result.stdout + result.stderr
    line = next(number for number, typed in enumerate(text.splitlines(), 1) if typed not in original.splitlines())
    errors = [entry for entry in result.stdout.splitlines() if entry.startswith("::error")]
    assert errors == [f"::error file=content/papers/{slug}.yaml,line={line}::{message(vocabulary)}"], result.stdout


def pull_request_from_base(base, change, message: str):
    """`change` applied on the base and committed, then the content path's steps."""
    repo, base_commit, _, _ = base
    before = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "--quiet", "--detach", base_commit)
    try:
        change(repo)
        git(repo, "commit", "--quiet", "-am", message)
        _, steps = content_path()
        return run_until_failure(repo, after_install(steps), base_commit)
    finally:
        git(repo, "checkout", "--quiet", "--force", before)


def rename(repo: Path, old: str, new: str, aliases: str = "") -> None:
    git(repo, "mv", f"content/papers/{old}.yaml", f"content/papers/{new}.yaml")
    with (repo / "content" / "papers" / f"{new}.yaml").open("a", encoding="utf-8") as file:
        file.write(aliases)


def test_a_file_renamed_with_its_old_name_in_aliases_passes_and_keeps_its_url(base):
    repo = base[0]
    new = "contributor-flow-calibrating-toy-classifiers"
    results = pull_request_from_base(base, lambda repo: rename(repo, "contributor-flow-identified", new,
                                                               "aliases: [contributor-flow-identified]\n"), "renamed")
    for name, result, _ in results:
        assert result.returncode == 0, f"{name}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert f"/papers/{new}/" in page(repo, "contributor-flow-identified")  # the old URL leads to the paper


def test_a_file_renamed_without_aliases_fails_the_rename_step(base):
    base_commit = base[1]
    results = pull_request_from_base(base, lambda repo: rename(repo, "contributor-flow-dated", "contributor-flow-renamed"),
                                     "a rename that forgets the old URL")
    name, result, _ = results[-1]
    assert result.returncode == 1 and name.startswith("Every paper published at the base keeps its URL"), name
    assert (f"::error file=content/papers/contributor-flow-dated.yaml,line=1::-: published at {base_commit} "
            "(papers/contributor-flow-dated/) "
            "and now neither a file nor an alias: if the paper was renamed or merged into another file, add "
            "`aliases: [contributor-flow-dated]` to that file") in result.stdout, result.stdout
