#!/usr/bin/env python3
"""Developer tasks that need only Python 3 and git: each creates `.venv` on
first use and installs the project into it.

    python3 dev.py serve    # build the site from content/ and serve it on http://127.0.0.1:8000
    python3 dev.py build    # build the site into site/ (mkdocs build --strict)
    python3 dev.py test     # install with the test extra and run the whole test suite
    python3 dev.py test --fast  # only the fast tier: no site build, browser or clone (under a minute)
    python3 dev.py snapshot # accept the current generated output as the snapshot (review the diff)
    python3 dev.py screenshots  # the README's screenshots (docs/screenshots/*.png) from content/, in Chromium
    python3 dev.py bench    # python -m bench: the scale benchmark against Hugo + Pagefind (long; see BENCHMARKS.md)
    python3 dev.py lock     # regenerate the hashed locks requirements/*.txt from pyproject.toml (--upgrade: newest releases)
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


# The workflows run CPython 3.11 on ubuntu-latest; setup-python installs the newest 3.11
# patch release, and current releases of some dependencies need 3.11.5 or newer.
LOCK_TARGET = ("--python-version", "3.11.5", "--python-platform", "x86_64-unknown-linux-gnu")
LOCK_HEADER = """\
Every file is pinned by the sha256 of the file on https://pypi.org/simple; install with
`pip install --require-hashes -r`. Do not edit by hand: regenerate with `python3 dev.py lock`
(`python3 dev.py lock --upgrade` moves everything to the newest releases)."""


def lock(*args: str) -> None:
    """Regenerate the hashed locks under requirements/ with uv (itself pinned by hash in uv.txt)."""
    import tomllib  # Python 3.11+

    if not (BIN / "python").exists():
        venv.create(VENV, with_pip=True)
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--require-hashes", "-r", "requirements/uv.txt")
    build = "\n".join(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["build-system"]["requires"])
    locks = {  # name: (requirements on stdin, options, what the lock is for)
        "uv.txt": ("uv", ("--universal",), "uv, which writes these locks (dev.py lock installs it into .venv), any platform."),
        "build.txt": (build, LOCK_TARGET,
                      "Build tools for `pip install --no-build-isolation`: pyproject.toml's [build-system] requires,\n"
                      "which also build the dependencies PyPI has no wheel for (feedgen). Installed first, so that\n"
                      "no isolated build fetches anything unhashed. CPython 3.11, Linux x86_64."),
        "site.txt": ("", (*LOCK_TARGET, "pyproject.toml", "--constraint", "requirements/build.txt"),
                     "The site (publish.yml): pyproject.toml's dependencies, CPython 3.11, Linux x86_64."),
        "test.txt": ("", (*LOCK_TARGET, "pyproject.toml", "--extra", "test", "--constraint", "requirements/site.txt"),
                     "The test suite (check.yml, publish.yml's security tests): site.txt's pins plus the test extra."),
    }
    # Only this command line and PyPI decide the pins: no uv.toml, no UV_* variables.
    env = {key: value for key, value in os.environ.items() if not key.startswith("UV_")}
    for name, (requirements, options, what) in locks.items():
        output = Path("requirements") / name
        command = [BIN / "uv", "pip", "compile", "--quiet", "--no-config", "--default-index", "https://pypi.org/simple",
                   "--generate-hashes", "--custom-compile-command", "python3 dev.py lock",
                   *(("-",) if requirements else ()), *options, "--output-file", output, *args]
        print("+", " ".join(str(part) for part in command), *(("<<<", repr(requirements)) if requirements else ()), flush=True)
        subprocess.run([str(part) for part in command], cwd=ROOT, env=env, input=requirements, text=True, check=True)
        text = (ROOT / output).read_text("utf-8")
        header = "".join(f"# {line}\n" for line in f"{what}\n{LOCK_HEADER}".splitlines())
        (ROOT / output).write_text(header + text, encoding="utf-8")


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
        # --fast: the tier without site builds, browsers or git clones (marker `slow`)
        fast = ("-m", "not slow") if "--fast" in args else ()
        run(BIN / "python", "-m", "pytest", *fast, *(arg for arg in args if arg != "--fast"))
    elif task == "bench":
        install("test,bench")
        run(BIN / "python", "-m", "bench", *(args or ("--papers", "1000", "20000", "50000")))
    elif task == "lock":
        lock(*args)
    elif task == "screenshots":
        install("test")
        run(BIN / "python", "-m", "tests.site.screenshots", *args)
    elif task == "snapshot":
        install("test")
        run(BIN / "python", "-m", "pytest", "tests/render/test_snapshot.py", "--snapshot-update", *args)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    try:
        main(*(sys.argv[1:] or ["help"]))
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
