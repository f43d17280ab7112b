"""The scale benchmark: this project's build against two peers on the same
synthetic papers, at any archive size.

    python -m bench --papers 1000 20000 50000

    synth.py    seeded synthetic content/ recombined from real records
    measure.py  wall time and peak RSS of a command (GNU time)
    steps/      one module per step, each returning a typed result
    runner.py   the steps in order for each size, on a fresh workspace
    report.py   the JSON record and the Markdown tables (BENCHMARKS.md)
    __main__.py the command line

Helpers shared with the tests (the repository copy, servers, Chromium) come
from tests/support.py; run from the repository root."""
