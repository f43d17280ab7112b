"""Pagefind's bundles made reproducible and lean (used by the MkDocs glue).

Pagefind writes its filter index (pagefind/filter/*.pf_filter) from a hash map,
in an order that changes from run to run (Pagefind issue #638), and names the
files, and the metadata file that lists them, by a hash of their bytes. So that
two builds of the same content give the same bytes, the filter files are written
again with their values sorted, and named by a hash of the sorted bytes. The
files are gzip'd CBOR (read and written with `cbor2`) after a signature; a file
that does not read back byte for byte is left as Pagefind wrote it."""

import gzip
import hashlib
from pathlib import Path

import cbor2

from generator.verify.search import FRAGMENT_SIGNATURE as SIGNATURE  # every Pagefind data file starts so


def _read_index_file(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError("no signature")
    value = cbor2.loads(raw[len(SIGNATURE):])
    if SIGNATURE + cbor2.dumps(value) != raw:
        raise ValueError("not read back byte for byte")
    return value


def _write_index_file(folder: Path, prefix: str, name_length: int, suffix: str, value) -> str:
    raw = SIGNATURE + cbor2.dumps(value)
    name = prefix + hashlib.sha256(raw).hexdigest()[:name_length]
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    return name


def _pairs(item) -> bool:
    return isinstance(item, list) and all(isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)
                                          for pair in item)


def stable_filter_index(bundle: Path) -> None:
    """Pagefind's filter files and metadata files written again in a fixed order:
    everything is read and checked first, then written."""
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = entry_path.read_text("utf-8")
        filters = {path: _read_index_file(path) for path in sorted((bundle / "filter").glob("*.pf_filter"))}
        metas = {path: _read_index_file(path) for path in sorted(bundle.glob("pagefind.*.pf_meta"))}
    except (OSError, ValueError, IndexError, cbor2.CBORDecodeError):
        return  # a format this does not know: Pagefind's own files stay as they are
    # a filter file: [filter name, [[value, [page numbers]], ...]]; a metadata file:
    # [version, index chunks, ..., [[filter, file]] (4th), [[sort, [pages]]] (5th), ...]
    if not all(isinstance(value, list) and len(value) == 2 and _pairs(value[1]) for value in filters.values()) \
            or not all(isinstance(meta, list) and len(meta) >= 5 and _pairs(meta[3]) and _pairs(meta[4])
                       for meta in metas.values()):
        return
    renamed: dict[str, str] = {}
    for path, (name, values) in filters.items():
        ordered = [name, sorted(([value, sorted(pages)] for value, pages in values), key=lambda pair: pair[0])]
        old = path.name[:-len(".pf_filter")]
        language, _, digest = old.partition("_")
        renamed[old] = _write_index_file(path.parent, language + "_", len(digest), ".pf_filter", ordered)
        if renamed[old] != old:
            path.unlink()
    for path, meta in metas.items():
        meta = [*meta[:3], sorted([name, renamed.get(file, file)] for name, file in meta[3]),
                sorted(meta[4], key=lambda pair: pair[0]), *meta[5:]]
        old = path.name[len("pagefind."):-len(".pf_meta")]
        language, _, digest = old.partition("_")
        new = _write_index_file(bundle, f"pagefind.{language}_", len(digest), ".pf_meta", meta)[len("pagefind."):]
        if new != old:
            path.unlink()
            entry = entry.replace(f'"{old}"', f'"{new}"')
    entry_path.write_text(entry, encoding="utf-8")


def trim_merged_bundle(bundle: Path) -> None:
    """Only the index of a bundle the browser merges into the first one
    (docs/assets/search.js, Pagefind's mergeIndex): its entry, metadata and
    index, fragment and filter folders. Its copies of Pagefind's scripts, styles
    and WebAssembly are never loaded (a merged index runs on the first one's):
    ~0.6 MB a part."""
    for path in bundle.iterdir():
        if path.is_file() and path.name != "pagefind-entry.json" and path.suffix != ".pf_meta":
            path.unlink()
