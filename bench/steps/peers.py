"""What the two peer builds share: the result shape, and each paper as the
plain data both peers publish (title, date, tags, abstract)."""

from dataclasses import dataclass

from bench.measure import Measured
from generator.content.load import Archive


class PeerUnavailable(RuntimeError):
    """The peer's tool is not installed: the step is skipped, with this reason."""


@dataclass(frozen=True)
class PeerResult:
    name: str
    version: str
    build: Measured     # the peer's own build
    pagefind: Measured  # Pagefind indexing the peer's site afterwards

    @property
    def total(self) -> Measured:
        return self.build.then(self.pagefind)


@dataclass(frozen=True)
class PeerPaper:
    slug: str
    title: str
    date: str | None       # ISO date, None when undated
    date_text: str         # as this project prints it: "Published Jan 2, 2024" or "Date unknown"
    tags: tuple[str, ...]  # tag names
    abstract: str


def peer_papers(archive: Archive) -> list[PeerPaper]:
    names = {tag.slug: tag.name for tag in archive.vocabulary}
    return [PeerPaper(paper.slug, paper.title, paper.published.isoformat() if paper.published else None,
                      f"Published {paper.published:%b} {paper.published.day}, {paper.published.year}"
                      if paper.published else "Date unknown",
                      tuple(names[slug] for slug in paper.tags), paper.abstract)
            for paper in archive.papers]
