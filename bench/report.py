"""The run's record: a JSON file of every typed result, and Markdown tables
(this project against its two peers, the project's own measures across sizes,
and the targets of issue 13 as ratios). Targets are reported, never asserted."""

import dataclasses
import json
import types
import typing
from pathlib import Path

from bench.measure import Measured
from bench.runner import PROJECT, RunInfo, SizeRun
from bench.steps import hugo, mkdocs_bare
from bench.steps.size import KINDS, SiteSize

PEERS = (mkdocs_bare.NAME, hugo.NAME)
NONE = "–"
KIB, MIB, MB = 2**10, 2**20, 10**6

# Targets of issue 13 (the peer is Hugo + Pagefind).
TARGET_BUILD_RATIO = 1.0
TARGET_RSS_RATIO = 1.0
TARGET_BYTES_PER_PAPER = 18 * KIB
TARGET_SERVE_EDIT_S = 1.0
TARGET_PUBLISH_S = 60.0
TARGET_SEARCH_S = 1.0
TARGET_SEARCH_BYTES = 2 * MB


# ---------------------------------------------------------------- cells

def seconds(value: float | None) -> str:
    return NONE if value is None else f"{value:,.2f} s"


def mib(value: float | None) -> str:
    return NONE if value is None else f"{value / MIB:,.1f} MiB"


def kib(value: float | None) -> str:
    return NONE if value is None else f"{value / KIB:,.1f} KiB"


def ratio(ours: float | None, theirs: float | None) -> str:
    return f"{ours / theirs:.2f}×" if ours is not None and theirs else NONE


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# ---------------------------------------------------------------- one size: this project against the peers

@dataclasses.dataclass(frozen=True)
class Column:
    """One site of a size's run: its own build, Pagefind run after it (None
    for this project, whose build runs Pagefind itself), and its size."""

    name: str
    build: Measured | None
    pagefind: Measured | None
    size: SiteSize | None

    @property
    def total(self) -> Measured | None:
        if self.build is None:
            return None
        return self.build.then(self.pagefind) if self.pagefind else self.build


def columns(run: SizeRun) -> list[Column]:
    size_of = run.size.of if run.size else (lambda name: None)
    ours = [Column(PROJECT, run.build.build if run.build else None, None, size_of(PROJECT))]
    peers = [run.peer(name) for name in PEERS]
    return ours + [Column(name, peer.build if peer else None, peer.pagefind if peer else None, size_of(name))
                   for name, peer in zip(PEERS, peers)]


def _wall(measured: Measured | None) -> float | None:
    return measured.seconds if measured else None


def _rss(measured: Measured | None) -> int | None:
    return measured.peak_rss if measured else None


def _bytes(size: SiteSize | None) -> int | None:
    return size.bytes if size else None


def _size_cell(size: SiteSize | None, kind: str | None = None) -> str:
    if size is None:
        return NONE
    if kind is None:
        return f"{mib(size.bytes)} ({size.files:,} files)"
    entry = size.kind(kind)
    return f"{mib(entry.bytes)} ({entry.files:,})" if entry.files else NONE


def peers_table(run: SizeRun) -> str:
    ours, *peers = sites = columns(run)
    rows = [
        ["build: the generator's own step"] + [seconds(_wall(site.build)) for site in sites],
        ["build: Pagefind indexing", "in the build (the hook runs it)" if ours.build else NONE]
        + [seconds(_wall(site.pagefind)) for site in peers],
        ["**full build, wall**"] + [seconds(_wall(site.total)) for site in sites],
        ["this project / peer (wall)", NONE] + [ratio(_wall(ours.total), _wall(site.total)) for site in peers],
        ["peak RSS: the generator's own step"] + [mib(_rss(site.build)) for site in sites],
        ["peak RSS: Pagefind indexing", "in the build" if ours.build else NONE]
        + [mib(_rss(site.pagefind)) for site in peers],
        ["**peak RSS**"] + [mib(_rss(site.total)) for site in sites],
        ["this project / peer (peak RSS)", NONE] + [ratio(_rss(ours.total), _rss(site.total)) for site in peers],
        ["**published size**"] + [_size_cell(site.size) for site in sites],
        ["**published size per paper**"] + [kib(site.size.bytes_per_paper if site.size else None) for site in sites],
        ["this project / peer (size)", NONE] + [ratio(_bytes(ours.size), _bytes(site.size)) for site in peers],
    ]
    rows += [[f"  {kind}"] + [_size_cell(site.size, kind) for site in sites] for kind in KINDS]
    versions = {peer.name: peer.version for peer in run.peers}
    header = [f"{run.papers:,} papers", PROJECT] + [f"{name} ({versions[name]})" if name in versions else name
                                                    for name in PEERS]
    return table(header, rows)


# ---------------------------------------------------------------- this project across sizes

def _project_cells(run: SizeRun) -> list[tuple[str, str]]:
    """(measure, value) for one size, in the order of the table."""
    synth, loaded, generated, served, searched = run.synth, run.load, run.generate, run.serve, run.search
    cells = [
        ("papers (real + synthetic)", f"{run.papers:,} ({synth.real:,} + {synth.synthetic:,})"),
        ("synthesising the content (not measured)", seconds(synth.seconds)),
        ("`load_archive` as a build runs it", seconds(loaded.load_build_s if loaded else None)),
        ("`load_archive` as `check` runs it (with advice)", seconds(loaded.load_check_s if loaded else None)),
        ("re-import of every dump (`run_import`)", seconds(loaded.import_s if loaded else None)),
        ("generation in process (`generate_site`)", seconds(generated.seconds if generated else None)),
        ("of which `related_papers`", seconds(generated.related_s if generated else None)),
        ("generated pages / other files / bytes", f"{generated.pages:,} / {generated.files:,} / {mib(generated.bytes)}"
         if generated else NONE),
        ("`mkdocs build --strict` (Pagefind included): wall", seconds(run.build.build.seconds if run.build else None)),
        ("… peak RSS", mib(run.build.build.peak_rss if run.build else None)),
        ("publish: one-record change, record cache restored: build wall",
         seconds(run.publish.second.seconds if run.publish else None)),
        ("… record cache file", mib(run.publish.cache_bytes if run.publish else None)),
        (f"{served.mode if served else 'mkdocs serve'}: start until it answers",
         seconds(served.start_s if served else None)),
        ("… YAML edit until the page shows it", seconds(served.edit_s if served else None)),
    ]
    if searched:
        runs = searched.runs
        cells += [
            ("search: query", f"\"{searched.query}\""),
            ("search: first keystroke to first result", " / ".join(seconds(r.after_keystroke_s) for r in runs)),
            ("search: navigation start to first result", " / ".join(seconds(r.from_navigation_s) for r in runs)),
            ("search: bytes transferred (of which the index, /pagefind*/)",
             " / ".join(f"{mib(r.bytes)} ({mib(r.index_bytes)})" for r in runs)),
            ("search: the paper is the first result", " / ".join("yes" if r.paper_first else "no" for r in runs)),
        ]
    cells += [(f"skipped: {skip.step}", skip.reason) for skip in run.skipped]
    cells.append(("wall time of this size's run", seconds(run.seconds)))
    if run.load_average:
        cells.append(("1-minute load average at its start / end",
                      " / ".join(f"{value:.1f}" for value in run.load_average)))
    return cells


def project_table(runs: list[SizeRun]) -> str:
    per_run = [dict(_project_cells(run)) for run in runs]
    labels = list(dict.fromkeys(label for cells in (_project_cells(run) for run in runs) for label, _ in cells))
    rows = [[label] + [cells.get(label, NONE) for cells in per_run] for label in labels]
    rows = [row for row in rows if any(cell != NONE for cell in row[1:])]  # steps not run
    return table(["measure"] + [f"{run.papers:,} papers" for run in runs], rows)


# ---------------------------------------------------------------- targets

def _target_cells(run: SizeRun) -> list[str]:
    ours, size = columns(run)[0].total, columns(run)[0].size
    peer = run.peer(hugo.NAME)
    cells = []
    if ours and peer:
        build_ratio = ours.seconds / peer.total.seconds
        cells.append(f"{build_ratio:.2f}× ({seconds(ours.seconds)} / {seconds(peer.total.seconds)}): "
                     f"{verdict(build_ratio <= TARGET_BUILD_RATIO)}")
    else:
        cells.append(NONE)
    if ours and peer and ours.peak_rss and peer.total.peak_rss:
        rss_ratio = ours.peak_rss / peer.total.peak_rss
        cells.append(f"{rss_ratio:.2f}× ({mib(ours.peak_rss)} / {mib(peer.total.peak_rss)}): "
                     f"{verdict(rss_ratio <= TARGET_RSS_RATIO)}")
    else:
        cells.append(NONE)
    cells.append(f"{kib(size.bytes_per_paper)}: {verdict(size.bytes_per_paper <= TARGET_BYTES_PER_PAPER)}"
                 if size else NONE)
    cells.append(f"{seconds(run.serve.edit_s)}: {verdict(run.serve.edit_s < TARGET_SERVE_EDIT_S)}"
                 if run.serve else NONE)
    cells.append(f"{seconds(run.publish.second.seconds)}: {verdict(run.publish.second.seconds < TARGET_PUBLISH_S)}"
                 if run.publish else NONE)
    if run.search:
        slowest, most = run.search.slowest_after_keystroke_s, run.search.most_bytes
        cells.append(f"{slowest:.3f} s (slowest of {len(run.search.runs)}): {verdict(slowest < TARGET_SEARCH_S)}")
        cells.append(f"{most / MB:.2f} MB ({mib(most)}): {verdict(most <= TARGET_SEARCH_BYTES)}")
    else:
        cells += [NONE, NONE]
    return cells


def targets_table(runs: list[SizeRun]) -> str:
    targets = ["full build ≤ 1.0× Hugo + Pagefind (wall)", "peak RSS ≤ Hugo + Pagefind's",
               "published size ≤ 18 KiB per paper", "`mkdocs serve` edit visible < 1 s",
               "publish: a one-paper change rebuilt < 60 s (record cache restored)",
               "search: first result < 1 s after the first keystroke", "search: ≤ 2 MB transferred"]
    columns = [_target_cells(run) for run in runs]
    rows = [[target] + [column[index] for column in columns] for index, target in enumerate(targets)]
    return table(["target (issue 13)"] + [f"{run.papers:,} papers" for run in runs], rows)


# ---------------------------------------------------------------- output

def markdown(infos: list[RunInfo], runs: list[SizeRun]) -> str:
    parts = []
    for info in infos:
        parts += [f"Run of {info.started}: `{info.command}`. Code: {info.code}. Machine: {info.machine}.", ""]
    parts += ["#### Targets", "", targets_table(runs)]
    for run in runs:
        parts += ["", f"#### {run.papers:,} papers: this project and its peers", "", peers_table(run)]
    parts += ["", "#### This project across sizes", "", project_table(runs)]
    return "\n".join(parts) + "\n"


def to_json(info: RunInfo, runs: list[SizeRun]) -> str:
    return json.dumps({"info": dataclasses.asdict(info), "runs": [dataclasses.asdict(run) for run in runs]},
                      indent=1, ensure_ascii=False)


def write(info: RunInfo, runs: list[SizeRun], folder: Path, sizes: tuple[int, ...]) -> tuple[Path, Path]:
    """<folder>/<date>-<sizes asked for>.json and .md; returns both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{info.started[:10]}-" + "-".join(str(size) for size in sizes)
    paths = folder / f"{stem}.json", folder / f"{stem}.md"
    paths[0].write_text(to_json(info, runs) + "\n", encoding="utf-8")
    paths[1].write_text(markdown([info], runs), encoding="utf-8")
    return paths


def _typed(kind, value):
    """A JSON value back as `kind`: dataclasses, tuples of them, optional values."""
    if value is None:
        return None
    if isinstance(kind, types.UnionType):
        return _typed(next(arg for arg in typing.get_args(kind) if arg is not type(None)), value)
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{field.name: _typed(hints[field.name], value[field.name]) for field in dataclasses.fields(kind)
                       if field.name in value})  # a field added since the file was written keeps its default
    if typing.get_origin(kind) is tuple:
        return tuple(_typed(typing.get_args(kind)[0], item) for item in value)
    return value


def read(path: Path) -> tuple[RunInfo, list[SizeRun]]:
    """A JSON record written by `write`, as typed results again."""
    data = json.loads(path.read_text("utf-8"))
    return _typed(RunInfo, data["info"]), [_typed(SizeRun, run) for run in data["runs"]]
