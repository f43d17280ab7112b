"""The thin MkDocs glue: add the generated pages to the build with their
metadata, point edit links at the YAML records, write the paper pages from
one rendered shell (mkdocs_papers) and index them with Pagefind while MkDocs
builds the other pages, and rebuild on content changes in `mkdocs serve`.
Everything else lives in the MkDocs-free core.

MkDocs loads this file once per process and keeps it across `serve`'s
rebuilds, so the module is the plugin object: the caches a rebuild reuses
live in `_serve`, made by `on_startup` and only for `mkdocs serve`."""

import functools
import logging
import os
import time
from contextlib import contextmanager
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from generator.content.load import RECORD_CACHE, LoadCache, RecordCache, load_archive, symlink_problems
from generator.render.markup import Page
from generator.render.context import SiteOptions
from generator.render.site import (OutputClash, RenderCache, changed_paths, example_paper_page, generate_site,
                                   paper_pages, prepare_paper_pages)
from generator.content.store import ContentDir, read_bytes, write_atomic
from generator.model.problems import ContentError
from generator.render.related import RelatedCache
from generator.render.search_parts import search_parts
from generator.render.sitemap import SITEMAP_FILE, sitemap_files
from generator.model.urls import page_for_paper, search_bundle, url_for_paper
from generator.mkdocs_papers import (SPRITE_FILE, BackgroundPapers, Indexer, PaperShell, check_one, compact,
                                     paper_slug, write_papers)
from generator.pagefind_index import stable_filter_index, trim_merged_bundle
from generator.render.compact import IconSprites


class ServeState:
    """What `mkdocs serve` keeps between rebuilds (never a plain build)."""

    def __init__(self):
        self.loads = LoadCache()
        self.renders = RenderCache()
        self.last_output: dict[str, int] = {}
        self.shell_parts: list[str] | None = None  # the last build's paper shell
        self.sprites = IconSprites()  # kept: a dirty rebuild renders only some pages, the sprite file needs all icons


class PaperPages:
    """One build's paper pages, from `on_files` (generated) to `on_post_build`
    (indexed): they never become MkDocs pages."""

    def __init__(self, pages: dict, changed: set[str], sprites: IconSprites, slugs: list[str],
                 parts: list[list[str]], render=None, example=None, prepare=None):
        self.pages = pages      # slug -> Page; empty when `render` makes them in the background process
        self.changed = changed  # slugs whose page differs from the last build's (all, outside serve)
        self.sprites = sprites  # the icons of every page written, for the sprite file
        self.slugs = slugs      # every paper's, for the sitemap
        self.parts = parts      # the slugs of each search bundle (render/search_parts.py)
        self.render = render    # (share) -> {slug: Page}, in a build (run in the background processes)
        self.prepare = prepare  # () -> None: what the shares need first (the related papers), in a build
        self.example = example  # (slug, Page) the shell is made from, in a build
        self.nav = None
        self.files = None  # MkDocs' files, for the sitemap
        self.indexer: Indexer | BackgroundPapers | None = None


log = logging.getLogger("mkdocs.hooks.archive")


@contextmanager
def _stage(name: str):
    """How long a stage of the hook took, in `mkdocs build --verbose`."""
    start = time.perf_counter()
    yield
    log.debug(f"archive: {name} in {time.perf_counter() - start:.2f} s")


# Set (to anything) to compare every paper page with MkDocs' own rendering, not only the first (the tests do)
CHECK_EVERY_PAPER = "ARCHIVE_CHECK_EVERY_PAPER"
# mkdocs.yml `extra:` key for the papers per search bundle (default SiteOptions.search_part_size)
SEARCH_PART_SETTING = "search_part_papers"

_serve: ServeState | None = None
_papers: PaperPages | None = None


class GeneratedFile(File):
    """A generated file that tells `--dirty` builds (`mkdocs serve --dirty`)
    whether its text changed since the previous build in this process."""

    changed = True
    page_meta = None    # the page's metadata, handed to MkDocs as a dict
    html_only = False   # the body is raw HTML blocks: no Markdown pass (Page.markdown)

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def _edit_base(config) -> str | None:
    if not config.repo_url or not config.edit_uri:
        return None
    return config.repo_url.rstrip("/") + "/" + config.edit_uri.strip("/") + "/"


RELATED_CACHE = Path(".cache") / "related.json"  # under the project root, beside the record cache


def _read_related(root: Path) -> RelatedCache:
    """The related papers' cache of the last build; an empty one when there is none or it is unreadable."""
    try:
        return RelatedCache.from_json(read_bytes(root / RELATED_CACHE, 256 * 2**20).decode("utf-8"))
    except (OSError, ContentError, UnicodeDecodeError):
        return RelatedCache()


def on_startup(command, dirty):
    global _serve
    _serve = ServeState() if command == "serve" else None


def on_files(files: Files, config) -> Files:
    global _papers
    root = _root(config)
    docs = Path(config.docs_dir)
    overrides = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
    with _stage("load_archive"):
        # valid records of earlier builds, by content; serve's rebuilds use its in-memory cache instead
        records = None if _serve and _serve.loads.entries else RecordCache(root / RECORD_CACHE)
        archive, problems = load_archive(ContentDir(root / "content"), cache=_serve and _serve.loads, records=records)
    problems += [problem for folder in [docs, *overrides] for problem in symlink_problems(folder.parent, (folder.name,))]
    if problems:
        raise PluginError("content/ has problems (run `python -m generator check`):\n"
                          + "\n".join(problem.text() for problem in problems))
    # a build renders the paper pages in a second process (on_env), serve here
    background = _serve is None and hasattr(os, "fork")
    part_size = config.extra.get(SEARCH_PART_SETTING, SiteOptions.search_part_size)
    if type(part_size) is not int or part_size < 1:
        raise PluginError(f"mkdocs.yml: extra.{SEARCH_PART_SETTING} must be a whole number of papers, at least 1,"
                          f" not {part_size!r}")
    try:
        # serve (and a build without fork) indexes the whole site as one bundle (Indexer)
        options = SiteOptions(_edit_base(config), config.site_url or SiteOptions.site_url, config.site_name,
                              gzip_level=1 if _serve else SiteOptions.gzip_level,
                              search_part_size=part_size if background else None)
        renders = _serve.renders if _serve else RenderCache(_read_related(root))
        with _stage("generate_site"):
            pages = generate_site(archive, options, renders, papers=not background)
    except OutputClash as error:
        raise PluginError(str(error)) from None
    changed = changed_paths(pages, _serve.last_output) if _serve else set(pages)
    for file in files:  # hand-written pages are edited under docs/
        file.edit_uri = f"docs/{file.src_uri}" if file.is_documentation_page() else None
    papers = {}
    for path, output in pages.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} clashes with a generated file of the same path")
        slug = paper_slug(path)
        if slug is not None:  # written from the shell in on_env, never a MkDocs page
            papers[slug] = output
            continue
        is_page = isinstance(output, Page)
        file = GeneratedFile.generated(config, path, content=output.body if is_page else output)
        file.changed = path in changed
        file.page_meta = output.meta if is_page else None
        file.html_only = is_page and not output.markdown
        file.edit_uri = None
        files.append(file)
    render = example = prepare = None
    if background and archive.papers:
        for paper in archive.papers:  # their pages are rendered later, in the background
            if files.get_file_from_path(page_for_paper(paper.slug)) is not None:
                raise PluginError(f"docs/{page_for_paper(paper.slug)} clashes with a generated file of the same path")

        def prepare():
            prepare_paper_pages(archive, renders)
            try:  # for the next build (publish: actions/cache); a folder that cannot be written only costs that
                write_atomic(root / RELATED_CACHE, renders.related.to_json())
            except OSError:
                pass

        def render(share=(0, 1)):
            return {paper_slug(path): page for path, page in paper_pages(archive, options, renders, share).items()}
        example = example_paper_page(archive, options)
    parts = [[paper.slug for paper in part] for part in search_parts(archive.papers, options.search_part_size)]
    _papers = PaperPages(papers, {paper_slug(path) for path in changed} - {None},
                         _serve.sprites if _serve else IconSprites(), [paper.slug for paper in archive.papers], parts,
                         render, example, prepare)
    return files


def on_nav(nav, config, files):
    _papers.nav, _papers.files = nav, files
    return nav


def on_env(env, config, files):
    """Every other page is read: render the paper shell with the theme's own
    environment and context, check it against MkDocs on one paper, write the
    paper pages and start indexing them."""
    if not _papers.pages and _papers.render is None:
        return env
    slug, example = _papers.example or next(iter(_papers.pages.items()))
    nav = _papers.nav

    def check(slug, page):
        check_one(shell, config, nav, files, env, slug, page)

    with _stage("paper shell"):
        shell = PaperShell.render(config, nav, files, env, example)
        check(slug, example)
        every = os.environ.get(CHECK_EVERY_PAPER)
        for slug, page in _papers.pages.items() if every else ():
            check(slug, page)
    site_dir = config.site_dir
    if _papers.render is not None:  # a build: render, write and index in the background (the second core)
        _papers.indexer = BackgroundPapers(site_dir, shell, _papers.prepare, _papers.render, _papers.parts,
                                           check if every else None)
        return env
    fresh = _serve is None or shell.parts != _serve.shell_parts or not os.path.isdir(os.path.join(site_dir, "papers"))
    with _stage("paper pages written"):
        write_papers(site_dir, shell, _papers.pages, None if fresh else _papers.changed)
    if _serve is not None:
        _serve.shell_parts = shell.parts
    if not os.path.isdir(os.path.join(site_dir, "pagefind")):
        _papers.indexer = Indexer(site_dir)
    return env


def on_post_template(output, template_name, config):
    """MkDocs writes no sitemap of its own (on_post_build writes the archive's)."""
    return "" if template_name == SITEMAP_FILE else output


def _render_html(page, config, files) -> None:
    """Page.render for a body of raw HTML blocks: what Markdown makes of them
    (each block as it is, a blank line between), at a fraction of the time."""
    page.content = "\n\n".join(block.strip("\n") for block in page.markdown.split("\n\n") if block.strip())
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


def on_post_page(output, page, config):
    """Every page smaller, the same to a reader (generator/render/compact.py)."""
    return compact(output, page, _papers.sprites, search_plugin="search" in config.plugins)


def on_post_build(config):
    """Wait for Pagefind, started in on_env over the paper pages (the only ones
    marked data-pagefind-body). A build cleans the site folder first, so it
    always indexes; a dirty rebuild (`mkdocs serve --dirty`) keeps the folder
    and the index it has, which then lags behind the edits until the next full
    build."""
    sprite = os.path.join(config.site_dir, SPRITE_FILE)
    os.makedirs(os.path.dirname(sprite), exist_ok=True)
    with open(sprite, "w", encoding="utf-8") as output:
        output.write(_papers.sprites.sprite())
    _write_sitemap(config)
    if _papers is not None and _papers.indexer is not None:
        with _stage("waiting for the paper pages and Pagefind"):
            _papers.indexer.wait()
        _papers.indexer = None
        for number in range(len(_papers.parts)):
            stable_filter_index(Path(config.site_dir) / search_bundle(number))
            if number:
                trim_merged_bundle(Path(config.site_dir) / search_bundle(number))


def _write_sitemap(config) -> None:
    """Every page MkDocs built and every paper page (generator/render/sitemap.py)."""
    pages = [file.url.removeprefix("./") for file in _papers.files.documentation_pages()]  # the home page's is ./
    urls = [*pages, *(url_for_paper(slug) for slug in _papers.slugs)]
    for path, data in sitemap_files(config.site_url or SiteOptions.site_url, urls).items():
        target = Path(config.site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def on_build_error(error):
    if _papers is not None and _papers.indexer is not None:
        _papers.indexer.stop()
        _papers.indexer = None


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when a record, the vocabulary or the manifest changes."""
    server.watch(str(_root(config) / "content"))
    return server
