"""The folders are the pipeline: import-linter holds the direction of imports
(contracts in pyproject.toml)."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=project, capture_output=True, text=True,
                          env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"})


def test_the_stages_import_only_the_stages_below_them():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_import_up_the_pipeline_breaks_the_contract(tmp_path):
    shutil.copytree(ROOT / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    paper = tmp_path / "generator" / "model" / "paper.py"
    paper.write_text(paper.read_text() + "\nfrom generator.render import site  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "generator.model.paper -> generator.render.site" in result.stdout
