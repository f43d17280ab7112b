"""Step `size`: the published size of each site this run built (this
project's and the peers'), in total, per paper, and by kind of file."""

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.model.urls import is_search_bundle

# Kinds in the order the report lists them; the first rule that matches wins.
KINDS = ("paper pages", "other pages", "search index", "feeds and downloads", "theme assets", "other")
DOWNLOAD_SUFFIXES = frozenset({".xml", ".json", ".bib", ".csv", ".txt"})


@dataclass(frozen=True)
class KindSize:
    kind: str
    bytes: int
    files: int


@dataclass(frozen=True)
class SiteSize:
    papers: int
    bytes: int
    files: int
    by_kind: tuple[KindSize, ...]

    @property
    def bytes_per_paper(self) -> float:
        return self.bytes / self.papers

    def kind(self, name: str) -> KindSize:
        return next(entry for entry in self.by_kind if entry.kind == name)


def kind_of(path: PurePosixPath) -> str:
    """The kind of one published file, from its path relative to the site root."""
    top = path.parts[0]
    if is_search_bundle(top):  # its parts: pagefind/, pagefind-2/, ...
        return "search index"
    if path.suffix == ".html":
        return "paper pages" if top == "papers" and len(path.parts) == 3 else "other pages"
    if path.suffix in DOWNLOAD_SUFFIXES or (path.suffix == ".gz" and PurePosixPath(path.stem).suffix in DOWNLOAD_SUFFIXES):
        return "feeds and downloads"
    if top in ("assets", "css", "js", "fonts", "images"):
        return "theme assets"
    return "other"


def measure_site(site: Path, papers: int) -> SiteSize:
    totals = {kind: [0, 0] for kind in KINDS}
    for folder, _, names in os.walk(site):
        for name in names:
            full = os.path.join(folder, name)
            entry = totals[kind_of(PurePosixPath(os.path.relpath(full, site)))]
            entry[0] += os.path.getsize(full)
            entry[1] += 1
    by_kind = tuple(KindSize(kind, size, files) for kind, (size, files) in totals.items())
    return SiteSize(papers, sum(entry.bytes for entry in by_kind), sum(entry.files for entry in by_kind), by_kind)


@dataclass(frozen=True)
class NamedSize:
    name: str  # whose site: this project or a peer
    size: SiteSize


@dataclass(frozen=True)
class SizeResult:
    sites: tuple[NamedSize, ...]

    def of(self, name: str) -> SiteSize | None:
        return next((entry.size for entry in self.sites if entry.name == name), None)


def run(sites: dict[str, Path], papers: int) -> SizeResult:
    """Step `size`: every site this run built (those that exist)."""
    return SizeResult(tuple(NamedSize(name, measure_site(site, papers)) for name, site in sites.items()
                            if site.is_dir()))
