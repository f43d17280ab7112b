"""Step `synth`: a synthetic content/ of N papers (bench/synth.py) in a copy
of the repository that the other steps build, serve and search."""

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from bench.synth import synthesise
from tests.support import copy_repo


@dataclass(frozen=True)
class SynthResult:
    papers: int
    real: int                   # real records copied as they are
    synthetic: int
    invalid_slugs_skipped: int  # titles for which unique_slug gave a slug `check` rejects
    seconds: float


def run(count: int, run_dir: Path, source: Path, seed: int, include_real: bool) -> tuple[SynthResult, Path]:
    """Write the content, then the repository copy around it; return the copy."""
    content = run_dir / "content"
    start = time.perf_counter()
    written = synthesise(count, content, seed=seed, include_real=include_real, real=source)
    seconds = time.perf_counter() - start
    repo = copy_repo(run_dir, content)
    shutil.rmtree(content)
    result = SynthResult(count, written["real"], written["synthetic"], written["invalid_slugs_skipped"], seconds)
    return result, repo
