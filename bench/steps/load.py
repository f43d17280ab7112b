"""Step `load`: reading the archive in process. `load_archive` as a build
runs it and as `check` runs it (with the formatting advice), and a re-import
of every dump into a copy of the content (what `python -m generator import`
does when nothing new arrives: load and merge every record)."""

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from generator.content.load import load_archive
from generator.content.store import ContentDir
from generator.ingest.importer import run_import


class SyntheticContentInvalid(RuntimeError):
    """The synthetic content does not pass the generator's own checks."""


@dataclass(frozen=True)
class LoadResult:
    load_build_s: float   # load_archive(content): what each build does
    load_check_s: float   # load_archive(content, advice=True): what `check` does
    import_s: float       # run_import(content, []) on a copy
    import_summary: str


def run(content: Path, scratch: Path) -> LoadResult:
    start = time.perf_counter()
    _, problems = load_archive(ContentDir(content))
    load_build_s = time.perf_counter() - start
    if problems:
        raise SyntheticContentInvalid(f"{len(problems)} problems, the first: {problems[0].text()}")
    start = time.perf_counter()
    load_archive(ContentDir(content), advice=True)
    load_check_s = time.perf_counter() - start

    copy = scratch / "import-content"
    shutil.copytree(content, copy)
    try:
        start = time.perf_counter()
        report = run_import(ContentDir(copy), [], progress=lambda message: None)
        import_s = time.perf_counter() - start
    finally:
        shutil.rmtree(copy)
    return LoadResult(load_build_s, load_check_s, import_s, report.summary())
