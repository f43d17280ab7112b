"""How the benchmark measures a command: wall time and peak resident memory of
one process (and the children it waits for), with its output kept in a log."""

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = Path("/usr/bin/time")
PYTHON = sys.executable


class CommandFailed(RuntimeError):
    """A measured command exited with an error: its log's tail says why."""


@dataclass(frozen=True)
class Measured:
    seconds: float        # wall time, time.perf_counter around the process
    peak_rss: int | None  # bytes: GNU time's maximum resident set size; None without /usr/bin/time

    def then(self, other: "Measured") -> "Measured":
        """Two commands run one after the other: times add, the peak is the larger."""
        peaks = [peak for peak in (self.peak_rss, other.peak_rss) if peak is not None]
        return Measured(self.seconds + other.seconds, max(peaks) if peaks else None)


def timed(command: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None) -> Measured:
    """Run `command` in `cwd` to completion, stdout and stderr to `log`.
    GNU time's %M covers the process and the descendants it waited for (the
    Pagefind indexer the build's hook runs, for one)."""
    time_file = log.with_suffix(".rss")
    prefix = [str(GNU_TIME), "-f", "%M", "-o", str(time_file)] if GNU_TIME.exists() else []
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as output:
        start = time.perf_counter()
        result = subprocess.run(prefix + command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        seconds = time.perf_counter() - start
    if result.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise CommandFailed(f"{' '.join(command)} exited with {result.returncode} in {cwd} (log: {log}):\n{tail}")
    peak = int(time_file.read_text().split()[-1]) * 1024 if prefix else None
    return Measured(seconds, peak)


def python_env() -> dict[str, str]:
    """The environment for measured builds: no PYTHONPATH from outside (the
    copy's own generator/ must be the one imported, from the working
    directory), no fixed SOURCE_DATE_EPOCH, no banner about MkDocs 2."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "SOURCE_DATE_EPOCH")}
    return {**env, "NO_MKDOCS_2_WARNING": "1"}


def pagefind(site: Path, log: Path) -> Measured:
    """Index a built site with the Pagefind the project depends on, as the
    build's hook runs it."""
    return timed([PYTHON, "-m", "pagefind", "--site", str(site), "--silent"], site.parent, log, python_env())
