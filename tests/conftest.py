"""Fixtures; the helpers they use live in tests/support.py (shared with bench/)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.content.store import ContentDir
from tests.support import FIXTURE_CONTENT, ROOT, TAGS_YAML, build_site, copy_repo


@pytest.fixture
def content(tmp_path, monkeypatch) -> ContentDir:
    """A small content/ in a temporary directory, with no papers yet."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "content"
    (root / "dumps").mkdir(parents=True)
    (root / "papers").mkdir()
    (root / "tags.yaml").write_text(TAGS_YAML, encoding="utf-8")
    (root / "sources.yaml").write_text("dumps: []\n", encoding="utf-8")
    return ContentDir(root)


@pytest.fixture(scope="session")
def fixture_content() -> ContentDir:
    return ContentDir(FIXTURE_CONTENT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture archive's site, built once per test session."""
    repo = copy_repo(tmp_path_factory.mktemp("build"))
    site = repo / "site"
    result = build_site(repo, site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


@pytest.fixture(scope="session")
def clone(tmp_path_factory) -> Path:
    """A fresh clone of the committed repository, installed by the pull-request
    workflow's own install step, with the fixture archive committed in place of
    content/ (and no eval/, which names live papers): tests that edit its records
    hold whatever the live content holds."""
    import yaml

    target = tmp_path_factory.mktemp("workflow") / "repo"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    shutil.rmtree(target / "content")
    shutil.rmtree(target / "eval", ignore_errors=True)
    shutil.copytree(FIXTURE_CONTENT, target / "content")
    identity = {f"GIT_{who}_{what}": value for who in ("AUTHOR", "COMMITTER")
                for what, value in (("NAME", "Tests"), ("EMAIL", "tests@example.org"))}
    for command in (["add", "-A"], ["commit", "--quiet", "-m", "The fixture archive"]):
        subprocess.run(["git", *command], cwd=target, check=True, env={**os.environ, **identity})
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text("utf-8"))
    install = next(step for step in workflow["jobs"]["check"]["steps"] if step.get("name") == "Install")
    result = subprocess.run(["bash", "-e", "-c", install["run"]], cwd=target, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return target


SLOW_FIXTURES = {"built_site", "clone"}  # a real mkdocs build; a fresh clone installed from the locks


def pytest_collection_modifyitems(items):
    """The fast tier (`python3 dev.py test --fast`, `-m "not slow"`) leaves out every
    test that builds a site, starts a browser or a server, or clones the repository:
    tests under tests/site/, tests using those fixtures, tests marked `slow`."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or "site" in item.path.parent.parts[-1:]:
            item.add_marker(pytest.mark.slow)
