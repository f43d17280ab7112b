"""Static site generator for an archive of Hugging Face "Daily Papers".

Pipeline: dumps (text) -> content/papers/*.yaml (records) -> Markdown pages -> MkDocs.
Nothing in this package imports MkDocs except `mkdocs_hooks`, the thin glue.
"""
