"""Step `generate`: the generator's whole output in process (what the build's
hook hands to MkDocs), and `related_papers` alone, its largest part."""

import time
from dataclasses import dataclass
from pathlib import Path

from generator.content.load import load_archive
from generator.content.store import ContentDir
from generator.model.tags import topic_tags
from generator.render.related import related_papers
from generator.render.site import generate_site


@dataclass(frozen=True)
class GenerateResult:
    seconds: float          # generate_site(archive), related_papers included
    related_s: float        # related_papers alone, as the site calls it
    pages: int              # generated pages (metadata and body, through MkDocs)
    files: int              # other generated files (feeds, downloads), copied as they are
    bytes: int              # UTF-8 size of every page body and file


def run(content: Path) -> GenerateResult:
    archive, _ = load_archive(ContentDir(content))
    start = time.perf_counter()
    related_papers(archive.papers, topics=topic_tags(archive.vocabulary))
    related_s = time.perf_counter() - start
    start = time.perf_counter()
    output = generate_site(archive)
    seconds = time.perf_counter() - start
    pages = sum(not isinstance(value, (str, bytes)) for value in output.values())
    return GenerateResult(seconds, related_s, pages, len(output) - pages,
                          sum(len(value if isinstance(value, bytes) else str(getattr(value, "body", value)).encode("utf-8"))
                              for value in output.values()))
