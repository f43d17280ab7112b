"""Stage 0, the vocabulary every stage shares: the paper record, tags, sources,
problems, slugs and every output path. Imports nothing else from generator."""
