import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.store import ContentDir

ROOT = Path(__file__).resolve().parent.parent

TAGS_YAML = """tags:
  - slug: multi-task-learning
    name: Multi-task learning
    description: One model, several tasks.
    match:
      - multi-task
      - MTL
  - slug: style-transfer
    name: Style transfer
    description: Moving the style of one input onto another.
    match:
      - style transfer
"""

ABSTRACT_MTL = ("We study multi-task learning with shared encoders and report gains on eleven "
                "benchmarks, with code at https://github.com/example/mtl.")
ABSTRACT_STYLE = ("Style transfer moves the look of one image onto another. We propose a "
                  "training-free method that keeps content while changing style.")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


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


def write_dump(directory: Path, name: str, entries: list[tuple[str, str]], header: str = "Daily Papers\n\n") -> Path:
    """A blank-line layout dump of (title, abstract) pairs."""
    body = "".join(f"{title}\n\n{abstract}\n\n" for title, abstract in entries)
    path = directory / name
    path.write_text(header + body, encoding="utf-8")
    return path


# The tests' own archive: two real dumps imported, plus a paper added by hand.
# Code tests build and check this, never the live content/ (which contributors edit).
FIXTURE_CONTENT = Path(__file__).resolve().parent / "fixtures" / "content"


@pytest.fixture(scope="session")
def fixture_content() -> ContentDir:
    return ContentDir(FIXTURE_CONTENT)


def copy_repo(tmp_path: Path, content: Path = FIXTURE_CONTENT) -> Path:
    """A copy of what a site build needs: mkdocs.yml, docs/, overrides/, generator/,
    and `content` (the fixture archive unless told) as content/."""
    target = tmp_path / "repo"
    target.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", target)
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(content, target / "content")
    shutil.copytree(ROOT / "generator", target / "generator")
    return target


def build_site(repo: Path, site: Path) -> subprocess.CompletedProcess:
    """A real `mkdocs build --strict` of `repo` into `site`, reproducible dates."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=repo, env=env, capture_output=True, text=True)


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
    workflow's own install step."""
    import yaml

    target = tmp_path_factory.mktemp("workflow") / "repo"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text("utf-8"))
    install = next(step for step in workflow["jobs"]["check"]["steps"] if step.get("name") == "Install")
    result = subprocess.run(["bash", "-e", "-c", install["run"]], cwd=target, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return target
