"""Step `publish`: two consecutive runs of the publish workflow's build, as
GitHub Actions would run them with the record cache restored between them
(actions/cache of `.cache/records.json`): one record's title is edited and the
site is built again into an empty folder. Needs the `build` step's cache, or
makes it with a first build of its own."""

import shutil
from dataclasses import dataclass
from pathlib import Path

from bench.measure import Measured
from bench.steps import build
from generator.content.load import RECORD_CACHE
from generator.content.yamlio import dump_mapping, load_mapping
from generator.model.paper import FIELD_ORDER

EDIT = " (revised)"  # appended to one record's title


@dataclass(frozen=True)
class PublishResult:
    first: Measured | None  # the run that made the cache, when the build step did not
    second: Measured        # the one-record change, cache restored, empty site folder
    cache_bytes: int


def run(repo: Path, root: Path, logs: Path) -> PublishResult:
    first = None
    if not (repo / RECORD_CACHE).is_file():
        first = build.run(repo, root / "publish-first", logs / "publish-first").build
        shutil.rmtree(root / "publish-first", ignore_errors=True)
    records = sorted((repo / "content" / "papers").glob("*.yaml"))
    record = records[len(records) // 2]
    original = record.read_text("utf-8")
    data, _ = load_mapping(original)
    record.write_text(dump_mapping({**data, "title": data["title"] + EDIT}, FIELD_ORDER), "utf-8")
    try:
        second = build.run(repo, root / "publish-second", logs / "publish-second").build
    finally:
        record.write_text(original, "utf-8")
        shutil.rmtree(root / "publish-second", ignore_errors=True)
    return PublishResult(first, second, (repo / RECORD_CACHE).stat().st_size)
