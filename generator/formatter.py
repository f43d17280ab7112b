"""`fmt`: rewrite paper files into the canonical form the importer writes."""

from generator.problems import Problem
from generator.store import ContentDir, write_atomic
from generator.validate import load_yaml_file
from generator.yamlio import dump_mapping


def format_papers(content: ContentDir) -> tuple[list[str], list[Problem]]:
    """Rewrite every readable paper file whose text is not canonical; files
    that do not parse are left alone and reported."""
    rewritten, problems = [], []
    for path in content.paper_files():
        loaded = load_yaml_file(path)
        if loaded.data is None:
            problems += loaded.problems
            continue
        canonical = dump_mapping(loaded.data)
        if loaded.text != canonical:
            write_atomic(path, canonical)
            rewritten.append(path.stem)
    return rewritten, problems
