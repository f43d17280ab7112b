"""The GitHub workflows: linted with actionlint, held to the security rules,
and their steps run for real from a fresh clone (GitHub is not reachable here)."""

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from generator.yamlio import dump_mapping, load_mapping
from generator.paper import FIELD_ORDER

WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")
# Steps that set up a GitHub runner; this machine (and .ci/run) has done that already.
RUNNER_SETUP = {"Install Chromium for the browser tests"}
# The test-suite step is this very suite: running it here again would recurse.
SELF = {"Test suite"}


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))


def uses_lines() -> list[str]:
    return [line.split("uses:", 1)[1].strip() for path in WORKFLOWS.glob("*.yml")
            for line in path.read_text("utf-8").splitlines() if "uses:" in line]


def steps(name: str, job: str) -> dict[str, dict]:
    return {step.get("name", step.get("uses", "")): step for step in workflow(name)["jobs"][job]["steps"]}


def test_actionlint_passes():
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert actionlint, "actionlint is installed with the test extra"
    result = subprocess.run([actionlint, "-no-color"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_with_its_version():
    found = uses_lines()
    assert found and all(PINNED.match(line) for line in found), found


def test_pull_request_check_is_read_only_and_untrusted_text_stays_out_of_run():
    check = workflow("check.yml")
    assert "pull_request" in check[True] and "pull_request_target" not in check[True]  # `on:` loads as True
    assert check["permissions"] == {"contents": "read"}
    for path in WORKFLOWS.glob("*.yml"):
        text = path.read_text("utf-8")
        assert "secrets." not in text
        for step in (s for job in yaml.safe_load(text)["jobs"].values() for s in job["steps"]):
            assert "${{" not in step.get("run", ""), step
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_publish_builds_read_only_and_deploys_with_pages_rights_only():
    publish = workflow("publish.yml")
    assert publish["permissions"] == {"contents": "read"}
    assert publish["concurrency"]["group"]
    deploy = publish["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "permissions" not in publish["jobs"]["build"]
    assert set(publish[True]) == {"push", "workflow_dispatch"}


def run_step(clone: Path, step: dict, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=clone, capture_output=True, text=True,
                          env={**os.environ, **step.get("env", {}), **(env or {})})


def test_pull_request_steps_pass_on_a_fresh_clone(clone):
    for name, step in steps("check.yml", "check").items():
        if "run" in step and name not in RUNNER_SETUP | SELF | {"Install"}:
            result = run_step(clone, step)
            assert result.returncode == 0, f"{name}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}"


def annotations(clone: Path, edit) -> tuple[int, list[str]]:
    """Apply `edit` to a copy of one record, run the check step, restore."""
    path = clone / "content" / "papers" / "adamerging-adaptive-model-merging-for-multi-task-learning.yaml"
    original = path.read_text("utf-8")
    path.write_text(edit(original), encoding="utf-8")
    try:
        result = run_step(clone, steps("check.yml", "check")["Check content (annotations on the changed lines)"])
    finally:
        path.write_text(original, encoding="utf-8")
    return result.returncode, result.stdout.splitlines()


FILE = "file=content/papers/adamerging-adaptive-model-merging-for-multi-task-learning.yaml"


@pytest.mark.parametrize("edit, expected", [
    (lambda text: text.replace("title: 'AdaMerging", "published: 2024-13-45\ntitle: 'AdaMerging"),
     f"::error {FILE},line=1::published: not a calendar date: '2024-13-45' (expected YYYY-MM-DD)"),
    (lambda text: text.replace("  - model-merging", "  - model-mergin"),
     f"::error {FILE},line=3::tags: unknown tag 'model-mergin' (see content/tags.yaml)"),
    (lambda text: text + "tags:\n  - model-merging\n",
     f"::error {FILE},line=LAST::tags: duplicate key (first at line 2)"),
    (lambda text: text.replace("sources:", "source:"),
     f"::error {FILE},line=5::source: unknown field"),
])
def test_a_broken_record_fails_with_an_annotation_on_its_line(clone, edit, expected):
    path = clone / "content" / "papers" / "adamerging-adaptive-model-merging-for-multi-task-learning.yaml"
    last = len(path.read_text("utf-8").splitlines()) + 1  # the line an appended key lands on
    status, lines = annotations(clone, edit)
    assert status == 1
    assert any(line.startswith(expected.replace("LAST", str(last))) for line in lines), lines


def test_a_date_fix_passes_and_shows_on_the_page_and_date_index(clone):
    path = clone / "content" / "papers" / "adamerging-adaptive-model-merging-for-multi-task-learning.yaml"
    original = path.read_text("utf-8")
    record, _ = load_mapping(original)
    assert "published" not in record
    path.write_text(dump_mapping({**record, "published": "2023-10-04"}, FIELD_ORDER), encoding="utf-8")
    try:
        check = steps("check.yml", "check")
        assert run_step(clone, check["Check content (annotations on the changed lines)"]).returncode == 0
        build = steps("publish.yml", "build")["Build (reproducible dates from the last commit)"]
        assert run_step(clone, build).returncode == 0
        page = (clone / "site" / "papers" / path.stem / "index.html").read_text("utf-8")
        assert "Published Oct 4, 2023" in page
        assert f'href="../../papers/{path.stem}/"' in (clone / "site" / "dates" / "2023" / "index.html").read_text("utf-8")
        assert path.stem not in (clone / "site" / "dates" / "undated" / "index.html").read_text("utf-8")
    finally:
        path.write_text(original, encoding="utf-8")


def test_publish_build_is_reproducible(clone):
    build = steps("publish.yml", "build")["Build (reproducible dates from the last commit)"]
    assert run_step(clone, build).returncode == 0
    shutil.move(clone / "site", clone / "site-first")
    assert run_step(clone, build).returncode == 0
    comparison = filecmp.dircmp(clone / "site-first", clone / "site")

    def differences(cmp) -> list[str]:
        found = cmp.left_only + cmp.right_only + cmp.diff_files
        return found + [name for sub in cmp.subdirs.values() for name in differences(sub)]

    assert differences(comparison) == []
