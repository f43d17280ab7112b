"""The thin MkDocs glue: add the generated pages to the build with their
metadata, point edit links at the YAML records, index the built site with
Pagefind, and rebuild on content changes in `mkdocs serve`. Everything else
lives in the MkDocs-free core.

MkDocs loads this file once per process and keeps it across `serve`'s
rebuilds, so the module is the plugin object: the caches a rebuild reuses
live in `_serve`, made by `on_startup` and only for `mkdocs serve`."""

import functools
import gzip
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from generator.content.load import LoadCache, load_archive, symlink_problems
from generator.render.markup import Page
from generator.render.context import SiteOptions
from generator.render.paper_page import search_terms
from generator.render.site import OutputClash, RenderCache, changed_paths, generate_site
from generator.content.store import ContentDir
from generator.model.urls import PAPER_PAGE, PAPER_SOURCE

PAPER_PREFIX = PAPER_PAGE.split("{")[0]


class ServeState:
    """What `mkdocs serve` keeps between rebuilds (never a plain build)."""

    def __init__(self):
        self.loads = LoadCache()
        self.renders = RenderCache()
        self.last_output: dict[str, int] = {}


_serve: ServeState | None = None


class GeneratedFile(File):
    """A generated file that tells `--dirty` builds (`mkdocs serve --dirty`)
    whether its text changed since the previous build in this process."""

    changed = True
    html_only = False   # the page body is HTML: no Markdown conversion needed
    page_meta = None    # the page's metadata, handed to MkDocs as a dict

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def _edit_base(config) -> str | None:
    if not config.repo_url or not config.edit_uri:
        return None
    return config.repo_url.rstrip("/") + "/" + config.edit_uri.strip("/") + "/"


def on_startup(command, dirty):
    global _serve
    _serve = ServeState() if command == "serve" else None


def on_files(files: Files, config) -> Files:
    root = _root(config)
    docs = Path(config.docs_dir)
    overrides = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    archive, problems = load_archive(ContentDir(root / "content"), cache=_serve and _serve.loads)
    problems += [problem for folder in [docs, *overrides] for problem in symlink_problems(folder.parent, (folder.name,))]
    if problems:
        raise PluginError("content/ has problems (run `python -m generator check`):\n"
                          + "\n".join(problem.text() for problem in problems))
    try:
        options = SiteOptions(_edit_base(config), config.site_url or SiteOptions.site_url, config.site_name)
        pages = generate_site(archive, options, _serve and _serve.renders)
        terms = search_terms(archive.papers, {tag.slug: tag.name for tag in archive.vocabulary})
        if clash := set(terms) & set(pages):
            raise OutputClash(f"{sorted(clash)[0]} is both a page and the search's term list")
        pages = {**pages, **terms}  # a new dict: the render cache may hand back the one it keeps
    except OutputClash as error:
        raise PluginError(str(error)) from None
    changed = changed_paths(pages, _serve.last_output) if _serve else set(pages)
    for file in files:  # hand-written pages are edited under docs/
        file.edit_uri = f"docs/{file.src_uri}" if file.is_documentation_page() else None
    for path, output in pages.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} clashes with a generated file of the same path")
        is_page = isinstance(output, Page)
        file = GeneratedFile.generated(config, path, content=output.body if is_page else output)
        slug = path[len(PAPER_PREFIX):-len(".md")] if path.startswith(PAPER_PREFIX) else None
        file.changed = path in changed
        file.page_meta = output.meta if is_page else None
        file.html_only = slug is not None  # paper pages: render_paper writes HTML only
        file.edit_uri = PAPER_SOURCE.format(slug=slug) if slug else None
        files.append(file)
    return files


def _render_html(page, config, files) -> None:
    """Page.render for pages whose body is HTML already: Markdown would pass
    it through unchanged, at ~40% of the build's time per page."""
    page.content = page.markdown
    page.toc = get_toc([])
    page.present_anchor_ids = set()


def on_page_markdown(markdown, page, config, files):
    """Generated pages get their metadata from the generator, as values: a body
    that MkDocs read front matter from means data became structure, and fails."""
    meta = getattr(page.file, "page_meta", None)
    if meta is not None:
        if page.meta:
            raise PluginError(f"{page.file.src_uri}: a generated page's body was read as front matter")
        page.meta = dict(meta)
    if getattr(page.file, "html_only", False):
        page.render = functools.partial(_render_html, page)
    return markdown


def on_page_context(context, page, config, nav):
    """The theme sees exactly the generated metadata (a nav entry in mkdocs.yml
    may still name the page)."""
    meta = getattr(page.file, "page_meta", None)
    if meta is not None and page.meta != meta:
        raise PluginError(f"{page.file.src_uri}: the page's metadata did not arrive intact")
    return context


def on_post_build(config):
    """Pagefind indexes the paper pages (those marked data-pagefind-body). A
    build cleans the site folder first, so it always indexes; a dirty rebuild
    (`mkdocs serve --dirty`) keeps the folder and the index it has, which then
    lags behind the edits until the next full build."""
    if os.path.isdir(os.path.join(config.site_dir, "pagefind")):
        return
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", config.site_dir, "--silent"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise PluginError(f"pagefind failed:\n{result.stdout}{result.stderr}")
    stable_filter_index(Path(config.site_dir) / "pagefind")


# --- Pagefind writes its filter index (pagefind/filter/*.pf_filter) from a hash map,
# in an order that changes from run to run (Pagefind issue #638), and names the
# files, and the metadata file that lists them, by a hash of their bytes. So that
# two builds of the same content give the same bytes, the filter files are written
# again with their values sorted, and the names are hashes of the sorted bytes.
# The files are gzip'd CBOR after a signature; anything this codec does not read
# back byte for byte is left as Pagefind wrote it.

SIGNATURE = b"pagefind_dcd"


class _Map(list):
    """A CBOR map, as its (key, value) pairs in order."""


def _cbor_read(data: bytes, at: int = 0):
    head, at = data[at], at + 1
    major, info = head >> 5, head & 31
    if info < 24:
        number = info
    elif info <= 27:
        size = 1 << (info - 24)
        number, at = int.from_bytes(data[at:at + size], "big"), at + size
    else:
        raise ValueError("indefinite lengths and reserved values are not read")
    if major == 0:
        return number, at
    if major == 1:
        return -1 - number, at
    if major in (2, 3):
        chunk = data[at:at + number]
        return (bytes(chunk) if major == 2 else chunk.decode("utf-8")), at + number
    if major in (4, 5):
        items = []
        for _ in range(number * (2 if major == 5 else 1)):
            item, at = _cbor_read(data, at)
            items.append(item)
        return (_Map(zip(items[::2], items[1::2])) if major == 5 else items), at
    raise ValueError(f"CBOR major type {major} is not read")


def _cbor_head(major: int, number: int) -> bytes:
    if number < 24:
        return bytes([major << 5 | number])
    size = next(size for size in (1, 2, 4, 8) if number < 1 << (8 * size))
    return bytes([major << 5 | (24 + size.bit_length() - 1)]) + number.to_bytes(size, "big")


def _cbor_write(value) -> bytes:
    if isinstance(value, bool) or value is None or isinstance(value, float):
        raise ValueError("only integers, strings, arrays and maps are written")
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, (bytes, str)):
        raw = value if isinstance(value, bytes) else value.encode("utf-8")
        return _cbor_head(2 if isinstance(value, bytes) else 3, len(raw)) + raw
    if isinstance(value, _Map):
        return _cbor_head(5, len(value)) + b"".join(_cbor_write(k) + _cbor_write(v) for k, v in value)
    return _cbor_head(4, len(value)) + b"".join(_cbor_write(item) for item in value)


def _read_index_file(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError("no signature")
    value, end = _cbor_read(raw, len(SIGNATURE))
    if end != len(raw) or SIGNATURE + _cbor_write(value) != raw:
        raise ValueError("not read back byte for byte")
    return value


def _write_index_file(folder: Path, prefix: str, name_length: int, suffix: str, value) -> str:
    raw = SIGNATURE + _cbor_write(value)
    name = prefix + hashlib.sha256(raw).hexdigest()[:name_length]
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    return name


def _pairs(item) -> bool:
    return isinstance(item, list) and all(isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)
                                          for pair in item)


def stable_filter_index(bundle: Path) -> None:
    """Pagefind's filter files and metadata file written again in a fixed order:
    everything is read and checked first, then written."""
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = entry_path.read_text("utf-8")
        filters = {path: _read_index_file(path) for path in sorted((bundle / "filter").glob("*.pf_filter"))}
        metas = {path: _read_index_file(path) for path in sorted(bundle.glob("pagefind.*.pf_meta"))}
    except (OSError, ValueError, IndexError):
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


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when a record, the vocabulary or the manifest changes."""
    server.watch(str(_root(config) / "content"))
    return server
