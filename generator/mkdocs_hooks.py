"""The thin MkDocs glue: add the generated pages to the build with their
metadata, point edit links at the YAML records, index the built site with
Pagefind, and rebuild on content changes in `mkdocs serve`. Everything else
lives in the MkDocs-free core.

MkDocs loads this file once per process and keeps it across `serve`'s
rebuilds, so the module is the plugin object: the caches a rebuild reuses
live in `_serve`, made by `on_startup` and only for `mkdocs serve`."""

import functools
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
        pages.update(terms)
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


def on_serve(server, config, builder):
    server.watch(str(_root(config) / "content"))
    return server
