"""`fmt`: rewrite paper files into the canonical form the importer writes,
with Unicode spaces in one-line fields made plain spaces."""

from generator.content.load import load_record
from generator.model.paper import FIELD_ORDER
from generator.model.problems import Problem
from generator.content.store import ContentDir, write_atomic
from generator.content.validate import plain_spaces
from generator.content.yamlio import dump_mapping


def format_papers(content: ContentDir) -> tuple[list[str], list[Problem]]:
    """Rewrite every readable paper file whose text is not canonical; files
    that do not parse are left alone and reported."""
    rewritten, problems = [], []
    for path in content.paper_entries():
        loaded, data, found = load_record(path)
        if data is None or found:  # unreadable, or a field fmt cannot type: left as written
            problems += found
            continue
        canonical = dump_mapping(plain_spaces(data), FIELD_ORDER)
        if loaded.text != canonical:
            write_atomic(path, canonical)
            rewritten.append(path.stem)
    return rewritten, problems
