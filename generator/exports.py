"""Downloadable data: every record as JSON and CSV (pure: papers in, text out)."""

import csv
import io
import json

from generator.paper import FIELD_ORDER, Paper

SCHEMA_VERSION = 1
CSV_COLUMNS = ("slug", "url") + tuple(field for field in FIELD_ORDER if field != "abstract") + ("abstract",)


def record_of(paper: Paper) -> dict:
    """The record as its YAML file has it (validates against paper.schema.json)."""
    values = {
        "title": paper.title, "published": paper.published.isoformat() if paper.published else None,
        "tags": list(paper.tags), "authors_count": paper.authors_count, "authors": list(paper.authors),
        "organization": paper.organization, "upvotes": paper.upvotes, "arxiv_id": paper.arxiv_id,
        "venue": paper.venue, "links": list(paper.links), "sources": list(paper.sources), "abstract": paper.abstract,
    }
    return {key: values[key] for key in FIELD_ORDER if values[key] not in (None, [])}


def papers_json(papers: list[Paper], url_of) -> str:
    data = {
        "schema_version": SCHEMA_VERSION,
        "schema": "paper.schema.json",
        "papers": [{"slug": paper.slug, "url": url_of(paper), "record": record_of(paper)} for paper in papers],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def papers_csv(papers: list[Paper], url_of) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for paper in papers:
        row = {key: value for key, value in record_of(paper).items()}
        row.update({key: "; ".join(row[key]) for key in ("tags", "authors", "links", "sources") if key in row})
        writer.writerow({"slug": paper.slug, "url": url_of(paper), **row})
    return buffer.getvalue()
