#!/usr/bin/env python3
"""Developer tasks that need only Python 3 and git: each creates `.venv` on
first use and installs the project into it.

    python3 dev.py serve    # build the site from content/ and serve it on http://127.0.0.1:8000
    python3 dev.py build    # build the site into site/ (mkdocs build --strict)
    python3 dev.py test     # install with the test extra and run the whole test suite
    python3 dev.py golden   # regenerate the golden files under tests/golden/
    python3 dev.py bench    # the scale benchmark at 1,000 / 20,000 / 50,000 papers (long; see BENCHMARKS.md)
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def install(extra: str | None) -> None:
    """Create .venv and install the project; skipped when pyproject is unchanged."""
    spec = f".[{extra}]" if extra else "."
    stamp = VENV / f".installed-{extra or 'base'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    if not (BIN / "python").exists():
        venv.create(VENV, with_pip=True)
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", spec)
    stamp.write_text(digest)


def run(*command) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], cwd=ROOT, check=True)


def main(task: str, *args: str) -> None:
    if task in ("serve", "build"):
        install(None)
        # serve --dirty: after the first build only pages whose text changed are rebuilt
        # (not strict: MkDocs warns that a dirty build is being performed)
        extra = ("--dev-addr", "127.0.0.1:8000", "--dirty", "--no-strict") if task == "serve" else ("--strict",)
        run(BIN / "mkdocs", task, *extra, *args)
    elif task == "test":
        install("test")
        run(BIN / "python", "-m", "pytest", *args)
    elif task == "bench":
        install("test")
        run(BIN / "python", "bench/run.py", *(args or ("--papers", "1000", "20000", "50000")))
    elif task == "golden":
        install("test")
        run(BIN / "python", "-m", "pytest", "tests/test_golden.py", "--update-golden", *args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    try:
        main(*(sys.argv[1:] or ["help"]))
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
