"""`fmt`: rewrite paper files into the canonical form the importer writes."""

from generator.load import load_yaml_file
from generator.paper import FIELD_ORDER
from generator.problems import Problem
from generator.store import MAX_RECORD_BYTES, ContentDir, display_path, write_atomic
from generator.validate import typed_fields
from generator.yamlio import dump_mapping


def format_papers(content: ContentDir) -> tuple[list[str], list[Problem]]:
    """Rewrite every readable paper file whose text is not canonical; files
    that do not parse are left alone and reported."""
    rewritten, problems = [], []
    for path in content.paper_entries():
        loaded = load_yaml_file(path, MAX_RECORD_BYTES)
        if loaded.data is None:
            problems += loaded.problems
            continue
        data, found = typed_fields(loaded.data)
        if found:  # a field fmt cannot type: leave the file as the contributor wrote it
            problems += [Problem(display_path(path), loaded.lines.get(field, 1), field, message) for field, message in found]
            continue
        canonical = dump_mapping(data, FIELD_ORDER)
        if loaded.text != canonical:
            write_atomic(path, canonical)
            rewritten.append(path.stem)
    return rewritten, problems
