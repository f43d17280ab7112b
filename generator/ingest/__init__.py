"""Stage 2a, from outside into content/: parse "Daily Papers" dumps, tag new
papers, merge them into the records (`import`)."""
