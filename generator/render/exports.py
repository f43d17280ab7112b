"""Downloadable data: every record as JSON, and in CSV without its abstract
(pure: papers in, text or gzip bytes out)."""

import csv
import gzip
import io
import json

from generator.model.paper import FIELD_ORDER, Paper

SCHEMA_VERSION = 1
# papers.csv is the spreadsheet view: every field but the abstract, which is in
# papers.json (long text in a cell helps no spreadsheet; at 50,000 papers the
# file is 2.9 MB without them, 22.6 MB with them)
CSV_COLUMNS = ("slug", "url") + tuple(field for field in FIELD_ORDER if field != "abstract")


def json_entry(paper: Paper, url: str) -> str:
    """One paper's entry of a papers.json (the archive's file and each of its
    tags' files hold it: the caller renders it once)."""
    return json.dumps({"slug": paper.slug, "url": url, "record": record_of(paper)}, ensure_ascii=False)


def record_of(paper: Paper) -> dict:
    """The record as its YAML file has it (validates against paper.schema.json)."""
    values = {
        "title": paper.title, "published": paper.published.isoformat() if paper.published else None,
        "tags": list(paper.tags), "authors_count": paper.authors_count, "authors": list(paper.authors),
        "organization": paper.organization, "upvotes": paper.upvotes, "arxiv_id": paper.arxiv_id,
        "venue": paper.venue, "code_url": paper.code_url, "project_url": paper.project_url, "links": list(paper.links), "sources": list(paper.sources),
        "aliases": list(paper.aliases), "abstract": paper.abstract,
    }
    return {key: values[key] for key in FIELD_ORDER if values[key] not in (None, [])}


def gzipped(text: str, level: int = 6) -> bytes:
    """`text` as a gzip file, the same bytes on every build (no time stamp, no name)."""
    return gzip.compress(text.encode("utf-8"), compresslevel=level, mtime=0)  # 9: 3% smaller than 6, 3x the time


def papers_json(entries: list[str]) -> str:
    """{"schema_version", "schema", "papers": [{"slug", "url", "record"}]}, one
    paper a line; `entries` made by `json_entry`."""
    head = json.dumps({"schema_version": SCHEMA_VERSION, "schema": "paper.schema.json"}, ensure_ascii=False)[:-1]
    lines = ",\n".join(entries)
    return f'{head}, "papers": [\n{lines}\n]}}\n'


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell a spreadsheet cannot run: text that starts like a formula gets a
    leading apostrophe, as OWASP's CSV-injection advice recommends."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def csv_row(paper: Paper, url: str) -> str:
    """One paper's line of papers.csv (no abstract: CSV_COLUMNS)."""
    row = record_of(paper)
    del row["abstract"]
    row.update({key: "; ".join(row[key]) for key in ("tags", "authors", "links", "sources", "aliases") if key in row})
    row = {key: spreadsheet_safe(value) for key, value in row.items()}
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n").writerow({"slug": paper.slug, "url": url, **row})
    return buffer.getvalue()


def csv_file(rows: list[str]) -> str:
    """papers.csv of rows made by `csv_row` (the caller may keep them between builds)."""
    header = io.StringIO()
    csv.DictWriter(header, fieldnames=CSV_COLUMNS, lineterminator="\n").writeheader()
    return header.getvalue() + "".join(rows)
