"""Static site generator for an archive of Hugging Face "Daily Papers".

The folders are the pipeline, and each imports only the ones above it:

    model/    the record types, problems, slugs and output paths
    content/  content/ as the source of truth: store, safe YAML, load, validate, fmt
    ingest/   dumps (text) -> new and merged records (`import`)
    render/   records -> pages, feeds, citations, downloads (pure)
    verify/   checks of the built site, offline search

Entry points sit here: `cli` (python -m generator) and `mkdocs_hooks`, the thin
MkDocs glue and the only module that imports MkDocs.
"""
