"""`embeddings`: fetch the SPECTER2 vector of every record with an `arxiv_id` that
has none stored yet, and write content/embeddings/ (format in content/embeddings.py).

Only records with an arXiv id are asked, by the id without its version, `BATCH`
at a time; a batch refused for the size of its answer is asked again in halves,
down to one id (which then fails alone). A paper Semantic Scholar does not know (null in the answer), or knows
without an embedding, is skipped and counted, and asked again on the next run.
An entry that is not a usable vector is skipped and named in one line. Full
answers are cached under `.cache/embeddings/` (one file per paper), so a rerun
asks nothing again. The files keep every readable stored line of a paper that
still has a record; lines that are unreadable, or whose arXiv id no record
holds any more, are dropped (and counted). A file is written only when its text
changes: a weekly run adds lines to the current year's file."""

from collections import defaultdict, deque
from dataclasses import dataclass, field

import numpy as np

from generator.content.embeddings import (FILE_NAME, MAX_FILE_BYTES, Embeddings, arxiv_year, bare_arxiv_id,
                                          embeddings_folder, file_name, file_text, quantise, read_embeddings)
from generator.content.load import load_archive
from generator.content.store import CacheDir, ContentDir, display_path, read_text, write_atomic
from generator.ingest.hf_papers import LookupFailed
from generator.ingest.semantic_scholar import (BATCH, DIMS, FIELDS, EmbeddingsClient, batch_progress,
                                              too_large_refusal)
from generator.model.problems import ContentError, errors, printable

# After this many failed batches in a row the service is taken to be down: the rest are not asked.
FAILURES_IN_A_ROW = 3


@dataclass
class EmbeddingsReport:
    wanted: int = 0        # records with an arXiv id and no stored vector
    asked: int = 0         # ids sent to Semantic Scholar
    cached: int = 0        # ids answered from the cache
    found: int = 0         # vectors added
    unknown: list[str] = field(default_factory=list)       # null in the answer
    no_embedding: list[str] = field(default_factory=list)  # known, without a SPECTER2 vector
    refused: list[str] = field(default_factory=list)       # one printable line per unusable entry
    failed: list[str] = field(default_factory=list)        # one printable line per failed batch
    failed_ids: int = 0
    dropped: int = 0       # stored lines dropped: unreadable, or no record has the id
    unreadable: int = 0    # of those, the lines (or files, by their first line) that could not be read
    stored: int = 0        # vectors in the files after the run
    papers: int = 0        # records with an arXiv id
    written: list[str] = field(default_factory=list)       # files (re)written

    def summary(self) -> str:
        return (f"{self.found} vectors added, {len(self.unknown)} papers Semantic Scholar does not know, "
                f"{len(self.no_embedding)} known without an embedding, {len(self.refused)} unusable, "
                f"{self.failed_ids} not fetched ({self.asked} asked, {self.cached} answered from the cache); "
                f"{self.stored} of {self.papers} papers with an arXiv id have a vector; "
                f"{self.dropped} stored line{'s' if self.dropped != 1 else ''} dropped"
                + (f" ({self.unreadable} unreadable)" if self.unreadable else ""))


def cache_key(endpoint: str, arxiv_id: str) -> str:
    return f"{endpoint}/paper/ARXIV:{arxiv_id}?fields={FIELDS}"


def _cached(answers: CacheDir, endpoint: str, arxiv_id: str) -> list[float] | None:
    value = answers.get(cache_key(endpoint, arxiv_id))
    if (isinstance(value, list) and len(value) == DIMS
            and all(isinstance(number, (int, float)) and not isinstance(number, bool) for number in value)):
        return [float(number) for number in value]
    return None


def run_embeddings(content: ContentDir, client: EmbeddingsClient, answers: CacheDir, dry_run: bool = False,
                   show_progress: bool = True) -> EmbeddingsReport:
    """Fetch what is missing and write the files (nothing in a dry run). Content
    with errors is refused (ContentError), as `enrich` refuses it, except the
    unreadable lines of the embeddings files, which this run drops."""
    archive, problems = load_archive(content)
    stored, _, unreadable = read_embeddings(content)  # a stray or linked entry is an error of load_archive
    dropping = set(unreadable)  # the lines this run drops never block it
    blocking = [problem for problem in errors(problems) if problem not in dropping]
    if blocking:
        raise ContentError(blocking)
    report = EmbeddingsReport(unreadable=len(unreadable))
    ids = sorted({bare_arxiv_id(paper.arxiv_id) for paper in archive.papers if paper.arxiv_id})
    report.papers = len(ids)
    kept = {arxiv_id: stored.vectors[arxiv_id] for arxiv_id in ids if arxiv_id in stored.vectors}
    report.dropped = len(stored.vectors) - len(kept) + len(unreadable)
    wanted = [arxiv_id for arxiv_id in ids if arxiv_id not in kept]
    report.wanted = len(wanted)

    vectors: dict[str, list[float]] = {}
    to_ask = []
    for arxiv_id in wanted:
        found = _cached(answers, client.endpoint, arxiv_id)
        if found is None:
            to_ask.append(arxiv_id)
        else:
            vectors[arxiv_id] = found
            report.cached += 1
    failures = 0
    # (ids, part of a split batch); a batch refused for its size is asked again in halves
    queue = deque((to_ask[start:start + BATCH], False) for start in range(0, len(to_ask), BATCH))
    with batch_progress(len(to_ask), show_progress) as bar:
        while queue:
            batch, split = queue.popleft()
            if failures >= FAILURES_IN_A_ROW:
                report.failed_ids += len(batch)
                report.failed.append(f"failed: {len(batch)} ids not asked: the last {failures} batches failed")
                bar.update(len(batch))
                continue
            report.asked += 0 if split else len(batch)
            try:
                answer = client.batch(batch)
            except LookupFailed as error:
                if len(batch) > 1 and too_large_refusal(error):
                    half = (len(batch) + 1) // 2
                    queue.extendleft([(batch[half:], True), (batch[:half], True)])
                    continue
                failures += 1
                report.failed_ids += len(batch)
                report.failed.append(printable(f"failed: a batch of {len(batch)} ids from {batch[0]}: {error}"))
                bar.update(len(batch))
                continue
            bar.update(len(batch))
            failures = 0
            report.unknown += answer.unknown
            report.no_embedding += answer.no_embedding
            report.refused += [printable(f"refused: arXiv {arxiv_id}: {why}") for arxiv_id, why in answer.malformed]
            for arxiv_id, vector in answer.vectors.items():
                vectors[arxiv_id] = vector
                if not dry_run:
                    answers.put(cache_key(client.endpoint, arxiv_id), vector)

    added = dict(zip(vectors, quantise(np.array(list(vectors.values()))))) if vectors else {}
    for arxiv_id, raw in added.items():
        if raw is None:
            report.refused.append(printable(f"refused: arXiv {arxiv_id}: the vector is all zeros"))
        else:
            kept[arxiv_id] = raw
            report.found += 1
    report.stored = len(kept)
    report.written = _write(content, stored, kept, dry_run)
    return report


def _write(content: ContentDir, stored: Embeddings, kept: dict[str, bytes], dry_run: bool) -> list[str]:
    """Write each year's file whose text changes; the files shown."""
    by_year: dict[int, dict[str, bytes]] = defaultdict(dict)
    for arxiv_id, raw in kept.items():
        by_year[arxiv_year(arxiv_id)][arxiv_id] = raw
    folder = embeddings_folder(content)
    years = set(by_year) | {arxiv_year(arxiv_id) for arxiv_id in stored.vectors}
    if folder.is_dir():  # a year's file with nothing readable is rewritten too
        years |= {int(match.group(1)) for path in folder.iterdir() if (match := FILE_NAME.match(path.name))}
    written = []
    for year in sorted(years):
        path = folder / file_name(year)
        text = file_text(by_year.get(year, {}))
        try:
            before = read_text(path, MAX_FILE_BYTES) if path.is_file() else None
        except ContentError:
            before = None
        if text != before and (by_year.get(year) or before is not None):
            written.append(display_path(path))
            if not dry_run:
                write_atomic(path, text)
    return written
