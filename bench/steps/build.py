"""Step `build`: the real `mkdocs build --strict` of the repository copy, as
the publish workflow runs it (the hook generates the pages, and runs Pagefind
after the build): wall time and peak RSS."""

from dataclasses import dataclass
from pathlib import Path

from bench.measure import PYTHON, Measured, python_env, timed


@dataclass(frozen=True)
class BuildResult:
    build: Measured  # Pagefind included: the hook runs it, as a child of the build


def run(repo: Path, site: Path, logs: Path) -> BuildResult:
    command = [PYTHON, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
    return BuildResult(timed(command, repo, logs / "build.log", python_env()))
