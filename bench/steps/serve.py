"""Step `serve`: `mkdocs serve` as `python3 dev.py serve` runs it (--dirty:
after the first build only changed pages are written again). Time until it
answers, then time from editing one record's `published` on disk until its
page shows the new date."""

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.measure import PYTHON, python_env
from generator.content.yamlio import dump_mapping, load_mapping
from generator.model.paper import FIELD_ORDER
from tests.support import fetch, free_port, served_root, wait_for

MODE = ("--dirty", "--no-strict")
EDIT = ("2000-02-29", "Published Feb 29, 2000")  # the new value, and how the page shows it
POLL_SECONDS = 0.05


class ServeFailed(RuntimeError):
    """`mkdocs serve` did not come up, or the edit never showed."""


@dataclass(frozen=True)
class ServeResult:
    mode: str
    start_s: float  # process start until the server answers (the first full build)
    edit_s: float   # the record written until its page shows the edit


def run(repo: Path, logs: Path, timeout: float) -> ServeResult:
    record = next(path for path in sorted((repo / "content" / "papers").glob("*.yaml"))
                  if "published:" in path.read_text("utf-8"))
    original = record.read_text("utf-8")
    data, _ = load_mapping(original)
    edited = dump_mapping({**data, "published": EDIT[0]}, FIELD_ORDER)
    port = free_port()
    logs.mkdir(parents=True, exist_ok=True)
    with open(logs / "serve.log", "w") as log:
        start = time.perf_counter()
        server = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *MODE],
                                  cwd=repo, env=python_env(), stdout=log, stderr=subprocess.STDOUT)
        try:
            if not wait_for(lambda: server.poll() is not None or served_root(port) is not None, timeout, POLL_SECONDS) \
                    or server.poll() is not None:
                raise ServeFailed(f"mkdocs serve did not come up (log: {logs / 'serve.log'})")
            start_s = time.perf_counter() - start
            url = f"{served_root(port)}papers/{record.stem}/"
            if EDIT[1] in (fetch(url) or EDIT[1]):
                raise ServeFailed(f"{url} was not served, or showed the edit before it was made")
            start = time.perf_counter()
            record.write_text(edited, encoding="utf-8", newline="\n")
            if not wait_for(lambda: EDIT[1] in (fetch(url) or ""), timeout, POLL_SECONDS):
                raise ServeFailed(f"the edit of {record.name} never showed at {url}")
            edit_s = time.perf_counter() - start
        finally:
            record.write_text(original, encoding="utf-8", newline="\n")
            server.terminate()
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return ServeResult("mkdocs serve " + " ".join(MODE), start_s, edit_s)
