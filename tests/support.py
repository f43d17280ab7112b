"""Helpers shared by the tests and the benchmark (bench/): a copy of the
repository to build, a real `mkdocs build`, a static server on 127.0.0.1, an
HTTP fetch, a free port, and headless Chromium with the flags this machine needs."""

import functools
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The tests' own archive: two real dumps imported, plus papers added by hand.
# Code tests build and check this, never the live content/ (which contributors edit).
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

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


def write_dump(directory: Path, name: str, entries: list[tuple[str, str]], header: str = "Daily Papers\n\n") -> Path:
    """A blank-line layout dump of (title, abstract) pairs."""
    body = "".join(f"{title}\n\n{abstract}\n\n" for title, abstract in entries)
    path = directory / name
    path.write_text(header + body, encoding="utf-8")
    return path


def copy_repo(tmp_path: Path, content: Path = FIXTURE_CONTENT) -> Path:
    """A copy of what a site build needs: mkdocs.yml, docs/, overrides/, generator/,
    and `content` (the fixture archive unless told) as content/."""
    target = tmp_path / "repo"
    target.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", target)
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(content, target / "content")
    shutil.copytree(ROOT / "generator", target / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    return target


def build_site(repo: Path, site: Path) -> subprocess.CompletedProcess:
    """A real `mkdocs build --strict` of `repo` into `site`, reproducible dates."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=repo, env=env, capture_output=True, text=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> str | None:
    """The body of `url` as text; None when it cannot be read."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def served_root(port: int, timeout: float = 5) -> str | None:
    """Where `mkdocs serve` puts the site: the path of site_url, found by following `/`."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=timeout) as response:
            return response.geturl()
    except OSError:
        return None


def wait_for(condition, seconds: float, interval: float = 0.5) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class StaticServer:
    """A built site on 127.0.0.1, served from a thread: `with StaticServer(site) as base_url:`
    (`handler`: a SimpleHTTPRequestHandler subclass, e.g. one that compresses)."""

    def __init__(self, directory: Path, handler: type = _QuietHandler):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def launch_chromium(playwright):
    """Debian's Chromium (Playwright's own download does not work here)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
