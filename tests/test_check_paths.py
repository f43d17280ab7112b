"""check.yml's two paths: a pull request that changes only content/ runs the content
checks, anything else (and every push to main) runs the whole suite. The change
detection step is run for real on small git histories."""

import os
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support import ROOT

CHECK = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text("utf-8"))
JOBS = CHECK["jobs"]
GIT_ID = {"GIT_AUTHOR_NAME": "Contributor", "GIT_AUTHOR_EMAIL": "contributor@example.org",
          "GIT_COMMITTER_NAME": "Contributor", "GIT_COMMITTER_EMAIL": "contributor@example.org"}


def runs(job: str) -> list[str]:
    return [step["run"].strip() for step in JOBS[job]["steps"] if "run" in step]


def test_pull_requests_and_pushes_to_main_are_checked():
    assert set(CHECK[True]) == {"pull_request", "push", "workflow_dispatch"}  # `on:` loads as True
    assert CHECK[True]["push"] == {"branches": ["main"]}


def test_the_content_path_runs_the_code_paths_checks_then_the_live_content_invariants():
    suite = [run for run in runs("check") if "apt-get" not in run and run != ".venv/bin/python -m pytest"]
    assert runs("content") == suite + ['.venv/bin/python -m pytest tests/test_live_content.py -m "not slow"']
    assert len(suite) == len(runs("check")) - 2


def test_the_whole_suite_runs_unless_the_change_is_known_to_be_content_only():
    assert JOBS["content"]["needs"] == JOBS["check"]["needs"] == "changes"
    assert JOBS["content"]["if"] == "needs.changes.outputs.content-only == 'true'"
    # `!cancelled()`: also when the detection failed and gave no output
    assert JOBS["check"]["if"] == "${{ !cancelled() && needs.changes.outputs.content-only != 'true' }}"
    assert JOBS["changes"]["outputs"] == {"content-only": "${{ steps.diff.outputs.content-only }}"}


@pytest.fixture
def history(tmp_path) -> tuple[Path, str]:
    """A git repository with one commit holding a paper and some code."""
    repo = tmp_path / "repo"
    (repo / "content" / "papers").mkdir(parents=True)
    (repo / "content" / "papers" / "a.yaml").write_text("title: A\n", encoding="utf-8")
    (repo / "generator").mkdir()
    (repo / "generator" / "cli.py").write_text("print()\n", encoding="utf-8")
    git(repo, "init", "--quiet")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "base")
    return repo, git(repo, "rev-parse", "HEAD")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ID}).stdout.strip()


def detect(repo: Path, base: str, event: str = "pull_request") -> str:
    """The output of check.yml's change detection, run as GitHub runs a step."""
    step = next(step for step in JOBS["changes"]["steps"] if step.get("id") == "diff")
    output = repo.parent / "github-output"
    output.write_text("", encoding="utf-8")
    env = {**os.environ, "EVENT": event, "BASE_SHA": base, "HEAD_SHA": git(repo, "rev-parse", "HEAD"),
           "GITHUB_OUTPUT": str(output), "RUNNER_TEMP": str(repo.parent)}
    result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=repo, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return output.read_text("utf-8").strip()


def commit(repo: Path, files: dict[str, str | None]) -> None:
    for name, text in files.items():
        path = repo / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", "change")


@pytest.mark.parametrize("files, expected", [
    ({"content/papers/a.yaml": "title: B\n"}, "true"),
    ({"content/papers/b.yaml": "title: B\n", "content/tags.yaml": "tags: []\n"}, "true"),
    ({"content/papers/a.yaml": None}, "true"),
    ({"content/papers/new\nline.yaml": "title: B\n"}, "true"),
    ({"content/papers/a.yaml": "title: B\n", "generator/cli.py": "print(1)\n"}, "false"),
    ({"generator/cli.py": None, "content/cli.py": "print()\n"}, "false"),  # a move into content/
    ({"content\n/x": "x\n"}, "false"),  # names with a line break: judged whole, never line by line
    ({"generator/x\ncontent/y.yaml": "x\n"}, "false"),
    ({"README.md": "x\n"}, "false"),
    ({}, "false"),  # nothing changed: the suite, when in doubt
])
def test_change_detection(history, files, expected):
    repo, base = history
    commit(repo, files)
    assert detect(repo, base) == f"content-only={expected}"


def test_a_push_runs_the_whole_suite(history):
    repo, base = history
    commit(repo, {"content/papers/a.yaml": "title: B\n"})
    assert detect(repo, base, event="push") == "content-only=false"
