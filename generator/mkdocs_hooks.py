"""The thin MkDocs glue: add the generated pages to the build, point edit links
at the YAML records, index the built site with Pagefind, and rebuild on content
changes in `mkdocs serve`. Everything else lives in the MkDocs-free core."""

import functools
import os
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from generator.site import OutputClash, SiteOptions, changed_since_last_call, generate_site
from generator.store import ContentDir
from generator.urls import PAPER_PAGE, PAPER_SOURCE
from generator.validate import load_archive

PAPER_PREFIX = PAPER_PAGE.split("{")[0]


class GeneratedFile(File):
    """A generated file that tells `--dirty` builds (`mkdocs serve --dirty`)
    whether its text changed since the previous build in this process."""

    changed = True
    html_only = False  # the page body is HTML: no Markdown conversion needed

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


def _content(config) -> ContentDir:
    return ContentDir(Path(config.config_file_path).parent / "content")


def _edit_base(config) -> str | None:
    if not config.repo_url or not config.edit_uri:
        return None
    return config.repo_url.rstrip("/") + "/" + config.edit_uri.strip("/") + "/"


def on_files(files: Files, config) -> Files:
    # the canonical-form rule is `check`'s job (CI runs it); the build needs valid data
    archive, problems = load_archive(_content(config), require_canonical=False)
    if problems:
        raise PluginError("content/ has problems (run `python -m generator check`):\n"
                          + "\n".join(problem.text() for problem in problems))
    try:
        options = SiteOptions(_edit_base(config), config.site_url or "https://example.org/", config.site_name)
        pages = generate_site(archive, options)
    except OutputClash as error:
        raise PluginError(str(error)) from None
    changed = changed_since_last_call(pages)
    for file in files:  # hand-written pages are edited under docs/
        file.edit_uri = f"docs/{file.src_uri}" if file.is_documentation_page() else None
    for path, text in pages.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} clashes with a generated file of the same path")
        file = GeneratedFile.generated(config, path, content=text)
        slug = path[len(PAPER_PREFIX):-len(".md")] if path.startswith(PAPER_PREFIX) else None
        file.changed = path in changed
        file.html_only = slug is not None  # paper pages: render_paper writes HTML only
        file.edit_uri = PAPER_SOURCE.format(slug=slug) if slug else None
        files.append(file)
    return files


def _render_html(page, config, files) -> None:
    """Page.render for pages whose body is HTML already: Markdown would pass
    it through unchanged, at ~40% of the build's time per page."""
    page.content = page.markdown
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()


def on_page_markdown(markdown, page, config, files):
    if getattr(page.file, "html_only", False):
        page.render = functools.partial(_render_html, page)
    return markdown


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
    server.watch(str(_content(config).root))
    return server
