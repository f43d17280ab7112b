"""One benchmark run: for each archive size, the chosen steps in order on a
fresh workspace, each giving its typed result (or the reason it was skipped)."""

import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import generator
from bench.steps import build, generate, hugo, load, mkdocs_bare, publish, search, serve, size, synthetic
from bench.steps.build import BuildResult
from bench.steps.generate import GenerateResult
from bench.steps.load import LoadResult
from bench.steps.peers import PeerResult, PeerUnavailable, peer_papers
from bench.steps.publish import PublishResult
from bench.steps.search import SearchResult
from bench.steps.serve import ServeResult
from bench.steps.size import SizeResult
from bench.steps.synthetic import SynthResult
from generator.content.load import load_archive
from generator.content.store import ContentDir
from tests.support import CHROMIUM, ROOT

# Every step, in the order they run; `synth` always runs (the others need its content).
STEPS = ("synth", "load", "generate", "build", "mkdocs-bare", "hugo", "size", "publish", "serve", "search")
PROJECT = "this project"


@dataclass(frozen=True)
class Options:
    papers: tuple[int, ...]
    steps: frozenset[str]
    workdir: Path
    source: Path            # the content whose records the synthetic ones recombine
    seed: int = 0
    include_real: bool = True
    search_runs: int = 2
    serve_timeout: float = 1800
    keep: bool = False      # keep each size's workspace (repository copy and sites)


@dataclass(frozen=True)
class Workspace:
    """Where one size's run writes: workdir/N/..."""

    root: Path

    @property
    def repo(self) -> Path:
        return self.root / "repo"

    @property
    def site(self) -> Path:
        return self.repo / "site"

    @property
    def bare(self) -> Path:
        return self.root / "mkdocs-bare"

    @property
    def hugo(self) -> Path:
        return self.root / "hugo"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def sites(self) -> dict[str, Path]:
        return {PROJECT: self.site, mkdocs_bare.NAME: self.bare / "site", hugo.NAME: self.hugo / "public"}


@dataclass(frozen=True)
class Skipped:
    step: str
    reason: str


@dataclass(frozen=True)
class SizeRun:
    papers: int
    synth: SynthResult
    load: LoadResult | None
    generate: GenerateResult | None
    build: BuildResult | None
    peers: tuple[PeerResult, ...]
    size: SizeResult | None
    serve: ServeResult | None
    search: SearchResult | None
    skipped: tuple[Skipped, ...]
    seconds: float
    load_average: tuple[float, ...] | None = None  # 1-minute load average at the start and at the end of the size
    publish: PublishResult | None = None

    def peer(self, name: str) -> PeerResult | None:
        return next((peer for peer in self.peers if peer.name == name), None)


@dataclass(frozen=True)
class RunInfo:
    started: str   # local time, ISO
    command: str
    code: str      # the commit, and whether the measured files had changes
    machine: str


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def check_imports() -> None:
    """The in-process steps must measure the code that the builds copy."""
    if not Path(generator.__file__).resolve().is_relative_to(ROOT):
        raise SystemExit(f"generator is imported from {generator.__file__}, not from {ROOT}: "
                         "run `python -m bench` from the repository root")


def run_size(count: int, options: Options) -> SizeRun:
    started, load_at_start = time.perf_counter(), os.getloadavg()[0]
    space = Workspace(options.workdir / str(count))
    if space.root.exists():
        shutil.rmtree(space.root)
    space.root.mkdir(parents=True)
    steps = options.steps
    skipped: list[Skipped] = []

    log(f"{count}: synthetic content")
    synth, repo = synthetic.run(count, space.root, options.source, options.seed, options.include_real)
    content = repo / "content"
    # the papers as records, for the peers' pages and the search query
    archive = load_archive(ContentDir(content))[0] if steps & {"mkdocs-bare", "hugo", "search"} else None

    loaded = generated = built = sizes = served = searched = published = None
    if "load" in steps:
        log(f"{count}: load and re-import")
        loaded = load.run(content, space.root)
    if "generate" in steps:
        log(f"{count}: generation in process")
        generated = generate.run(content)
    if "build" in steps:
        log(f"{count}: mkdocs build")
        built = build.run(repo, space.site, space.logs)
    peers = []
    for step, module, folder in (("mkdocs-bare", mkdocs_bare, space.bare), ("hugo", hugo, space.hugo)):
        if step not in steps:
            continue
        log(f"{count}: {module.NAME}")
        try:
            peers.append(module.run(peer_papers(archive), folder, space.sites()[module.NAME], space.logs))
        except PeerUnavailable as reason:
            skipped.append(Skipped(step, str(reason)))
    if "size" in steps:
        sizes = size.run(space.sites(), count)
    if "publish" in steps:
        log(f"{count}: publish, a one-record change with the record cache")
        published = publish.run(repo, space.root, space.logs)
    if "serve" in steps:
        log(f"{count}: mkdocs serve")
        served = serve.run(repo, space.logs, options.serve_timeout)
    if "search" in steps:
        if not space.site.is_dir():
            skipped.append(Skipped("search", "needs the site of the build step"))
        elif not CHROMIUM.exists():
            skipped.append(Skipped("search", f"{CHROMIUM} is not installed"))
        else:
            log(f"{count}: search in Chromium")
            searched = search.run(space.site, archive, options.search_runs)
    if not options.keep:
        shutil.rmtree(space.root, ignore_errors=True)
    return SizeRun(count, synth, loaded, generated, built, tuple(peers), sizes, served, searched, tuple(skipped),
                   time.perf_counter() - started, (load_at_start, os.getloadavg()[0]), published)


def run(options: Options) -> Iterator[SizeRun]:
    """Each size's results as soon as they are complete."""
    check_imports()
    for count in options.papers:
        result = run_size(count, options)
        log(f"{count}: done in {result.seconds:.0f} s")
        yield result


def describe_code() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    changed = git("status", "--porcelain", "--", "generator", "docs", "overrides", "mkdocs.yml").splitlines()
    return f"git {git('rev-parse', '--short', 'HEAD')}" + (
        f" with {len(changed)} uncommitted changes in generator/, docs/, overrides/, mkdocs.yml" if changed
        else ", no uncommitted changes in generator/, docs/, overrides/, mkdocs.yml")


def describe_machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kib = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal")), 0)
    return (f"{os.cpu_count()} CPUs ({cpu}), {memory_kib / 2**20:.1f} GiB RAM, Python {platform.python_version()}, "
            f"MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}, Pagefind {version('pagefind')}, "
            f"load average {os.getloadavg()[0]:.2f} at the start")


def run_info(argv: list[str]) -> RunInfo:
    return RunInfo(dt.datetime.now().isoformat(timespec="seconds"), "python -m bench " + " ".join(argv),
                   describe_code(), describe_machine())
