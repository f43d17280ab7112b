"""Stage 1, content/ as the source of truth: the store (all file access), the
safe YAML reader and writer, loading and validating records, `fmt`."""
