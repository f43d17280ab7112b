"""Paper pages without MkDocs' per-page machinery (glue, used by mkdocs_hooks).

Paper pages are 99% of the site and differ only in their values, so the build
renders Material's paper template ONCE per build, through MkDocs' own Jinja
environment and template context, for a sentinel paper whose values are
placeholders, and fills that shell per paper by string substitution:

  title  the page's `meta["title"]`: Markup, escaped by the generator, so the
         text is the same wherever the theme prints it, escaped or not
  slug   the sentinel's slug, in the URLs MkDocs derives from the file
         (canonical URL, edit link); slugs are [a-z0-9-], equal escaped or not
  head   the template's `extrahead` block, rendered per paper by Jinja with the
         paper's metadata (citation tags, JSON-LD: the template escapes them)
  body   the page body, Markup from the generator, printed as it is

Every build renders one real paper through the whole MkDocs path as well and
fails if the filled shell differs from it by one byte (`check_one`). The
pages are written directly; Pagefind indexes them in a second process while
MkDocs builds the other pages."""

import copy
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback
import weakref
from dataclasses import dataclass

from jinja2 import Template
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from generator.model.urls import PAPER_PAGE, PAPER_SOURCE, page_for_paper, search_bundle, url_for_paper
from generator.render.compact import IconSprites, compact_page, squeeze
from generator.render.markup import Page

PAPER_PREFIX = PAPER_PAGE.split("{")[0]
HEAD_BLOCK = "extrahead"
SENTINEL_SLUG = "sentinel-paper-shell-0f3c"  # never written: only its shell is
_TITLE, _HEAD, _BODY = "\ue000title\ue001", "\ue000head\ue001", "\ue000body\ue001"
_OWN_H1 = "<h1\ue002>"  # in the sentinel's body when paper bodies carry their own <h1>, removed from the shell
_LANGUAGE = re.compile(r'<html lang="([A-Za-z0-9-]+)"')
# what the shell does not fix: values each paper page has its own of
PER_PAPER_META = frozenset({"title", "description", "citation", "jsonld", "feed", "feed_title"})
PAGEFIND_GLOB = PAPER_PREFIX + "*/index.html"
SPRITE_FILE = "assets/icons.svg"  # the theme's icons, referenced by every page (generator/render/compact.py)


def sprite_url(page_url: str) -> str:
    return get_relative_url(SPRITE_FILE, page_url)


_THEME_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def trim_theme_config(output: str, search_plugin: bool) -> str:
    """Material's inline configuration without what no script reads here: the
    search worker and its texts when Material's search plugin is off (Pagefind
    is the search), and keys set to null (~0.5 KB of every page)."""
    match = _THEME_CONFIG.search(output)
    if match is None or search_plugin:
        return output
    data = {key: value for key, value in json.loads(match.group(2)).items() if value is not None and key != "search"}
    if isinstance(data.get("translations"), dict):
        data["translations"] = {key: text for key, text in data["translations"].items() if not key.startswith("search.")}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")
    return output[:match.start(2)] + text + output[match.end(2):]


def compact(output: str, page: MkDocsPage, sprites: IconSprites, search_plugin: bool = False) -> str:
    """A page MkDocs rendered, compacted around its content (render/compact)
    and with Material's configuration trimmed."""
    return trim_theme_config(compact_page(output, page.content or "", sprites, sprite_url(page.url)), search_plugin)


def paper_slug(path: str) -> str | None:
    """The slug of a generated paper page's path, else None."""
    slug = path[len(PAPER_PREFIX):-len(".md")]
    return slug if path.startswith(PAPER_PREFIX) and path.endswith(".md") and "/" not in slug else None


class ShellError(PluginError):
    """The theme prints a paper's values in a way the shell cannot reproduce."""


def _mkdocs_page(config, slug: str, page: Page) -> MkDocsPage:
    """A MkDocs Page of a paper as the build makes it: generated file, edit
    link to the record, metadata as values, body as its HTML."""
    file = File.generated(config, page_for_paper(slug), content=str(page.body))
    file.edit_uri = PAPER_SOURCE.format(slug=slug)
    mkdocs_page = MkDocsPage(None, file, config)
    mkdocs_page.meta = dict(page.meta)
    mkdocs_page.markdown = mkdocs_page.content = str(page.body)
    mkdocs_page.toc = get_toc([])
    mkdocs_page.present_anchor_ids = set()
    return mkdocs_page


def _template_context(config, nav, files, page: MkDocsPage) -> dict:
    context = get_context(nav, files, config, page)
    return config.plugins.on_page_context(context, page=page, config=config, nav=nav)


def render_with_mkdocs(config, nav, files, env, slug: str, page: Page) -> str:
    """One paper page exactly as MkDocs' own _build_page renders it (with the
    glue's on_post_page: compacted)."""
    mkdocs_page = _mkdocs_page(config, slug, page)
    mkdocs_page.active = True
    context = _template_context(config, nav, files, mkdocs_page)
    output = env.get_template(mkdocs_page.meta.get("template", "main.html")).render(context)
    return config.plugins.on_post_page(output, page=mkdocs_page, config=config)


@dataclass
class PaperShell:
    """Material's paper page rendered once, cut at its placeholders."""

    parts: list[str]          # literal text and placeholders, in order
    fixed_meta: dict          # metadata every paper must share with the sentinel
    own_h1: bool              # paper bodies carry their own <h1> (then the theme prints none)
    template: Template
    variables: dict           # the template context of the sentinel
    blocks: dict              # Jinja's resolved blocks (the template's inheritance chain)
    page: MkDocsPage          # the sentinel, copied per paper for its head block
    language: str             # of the page's <html lang>, for the copies Pagefind reads

    @classmethod
    def render(cls, config, nav, files, env, example: Page) -> "PaperShell":
        """The shell, from a sentinel with `example`'s fixed metadata, through
        the plugins' on_post_page as every page (the glue compacts it there)."""
        fixed = {key: value for key, value in example.meta.items() if key not in PER_PAPER_META}
        own_h1 = "<h1" in str(example.body)  # Material prints the title as <h1> only when the body has none
        sentinel = Page({**example.meta, "title": Markup(_TITLE)}, Markup(_BODY + (_OWN_H1 if own_h1 else "")))
        page = _mkdocs_page(config, SENTINEL_SLUG, sentinel)
        page.active = True
        variables = dict(_template_context(config, nav, files, page))
        template = env.get_template(page.meta.get("template", "main.html"))
        context = template.new_context(variables)
        text = config.plugins.on_post_page(env.concat(template.root_render_func(context)), page=page, config=config)
        if own_h1:
            if text.count(_BODY + _OWN_H1) != 1:
                raise ShellError("the paper template does not print the body as it is")
            text = text.replace(_OWN_H1, "")
        language = _LANGUAGE.search(text)
        if language is None:
            raise ShellError("the paper template has no <html lang>")
        shell = cls([], fixed, own_h1, template, variables, dict(context.blocks), page, language.group(1))
        if HEAD_BLOCK not in shell.blocks:
            raise ShellError(f"the paper template has no {HEAD_BLOCK} block")
        head = squeeze(shell.head(sentinel))
        if text.count(head) != 1 or not head.strip():
            raise ShellError(f"the {HEAD_BLOCK} block's output is not found once in the paper page")
        text = text.replace(head, _HEAD)
        for token in (_TITLE, _BODY, _HEAD):
            if token not in text:
                raise ShellError(f"the paper template does not print {token[1:-1]} as it is")
        for piece in text.replace(SENTINEL_SLUG, "\ue000slug\ue001").split("\ue000"):
            name, _, rest = piece.partition("\ue001") if "\ue001" in piece else ("", "", piece)
            if name:
                shell.parts.append("\ue000" + name)
            shell.parts.append(rest)
        return shell

    def head(self, page: Page) -> str:
        """The head block for one paper, rendered by Jinja with its metadata."""
        mkdocs_page = copy.copy(self.page)
        mkdocs_page.meta = dict(page.meta)
        context = self.template.new_context({**self.variables, "page": mkdocs_page})
        context.blocks = self.blocks
        return self.template.environment.concat(self.blocks[HEAD_BLOCK][0](context))

    def index_document(self, page: Page) -> str:
        """What Pagefind reads of a paper: the body, in a document of the page's
        language. Pagefind indexes only the element marked data-pagefind-body,
        which is in the body, so it makes the same index of this as of the page
        (tests/site/test_build.py) in three quarters of the time."""
        return f'<!doctype html>\n<html lang="{self.language}">\n<body>\n{page.body}\n</body>\n</html>\n'

    def fill(self, slug: str, page: Page) -> str:
        """One paper's page: the shell with its values."""
        fixed = {key: value for key, value in page.meta.items() if key not in PER_PAPER_META}
        if fixed != self.fixed_meta:
            raise ShellError(f"{page_for_paper(slug)}: metadata {sorted(fixed)} differs from the shell's")
        body = str(page.body)
        if ("<h1" in body) != self.own_h1:  # Material prints the title as <h1> only when the body has none
            raise ShellError(f"{page_for_paper(slug)}: a paper body {'lacks' if self.own_h1 else 'has'} its own <h1>")
        values = {"\ue000title": str(page.meta["title"]), "\ue000slug": slug, "\ue000head": squeeze(self.head(page)),
                  "\ue000body": body}
        return "".join(values.get(part, part) for part in self.parts)


def check_one(shell: PaperShell, config, nav, files, env, slug: str, page: Page) -> None:
    """Fail the build when the shell does not give the byte-identical page
    MkDocs renders for this paper."""
    expected = render_with_mkdocs(config, nav, files, env, slug, page)
    got = shell.fill(slug, page)
    if got != expected:
        at = next((i for i, (a, b) in enumerate(zip(got, expected)) if a != b), min(len(got), len(expected)))
        raise ShellError(f"{page_for_paper(slug)}: the paper shell differs from MkDocs' page at character {at}: "
                         f"{got[at - 60:at + 60]!r} instead of {expected[at - 60:at + 60]!r}")


def _write_page(site_dir: str, slug: str, text: str) -> None:
    folder = os.path.join(site_dir, url_for_paper(slug))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "index.html"), "wb") as output:
        output.write(text.encode("utf-8", errors="xmlcharrefreplace"))


def write_papers(site_dir: str, shell: PaperShell, pages: dict[str, Page], only: set[str] | None = None,
                 index_dirs: dict[str, str] | None = None) -> int:
    """Write each paper's page (those in `only`, when given) where MkDocs would,
    and its body alone at the same path under `index_dirs[slug]` (when given:
    the folder of its search part) for Pagefind; return how many were written."""
    written = 0
    for slug, page in pages.items():
        if only is not None and slug not in only:
            continue
        _write_page(site_dir, slug, shell.fill(slug, page))
        if index_dirs is not None:
            _write_page(index_dirs[slug], slug, shell.index_document(page))
        written += 1
    return written


class Indexer:
    """Pagefind over the paper pages (the only pages marked
    data-pagefind-body), in a second process while MkDocs writes the rest."""

    def __init__(self, site_dir: str):
        self.site_dir = site_dir
        self.process = subprocess.Popen(pagefind_command(site_dir), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True)

    def wait(self) -> None:
        output, _ = self.process.communicate()
        if self.process.returncode != 0:
            raise PluginError(f"pagefind failed:\n{output}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def pagefind_command(site_dir: str, index_dir: str | None = None, bundle: str = search_bundle(0)) -> list[str]:
    """Pagefind over the paper pages into site_dir/pagefind; over the copies
    `write_papers` left in `index_dir`, a temporary folder (the same index,
    faster), into the bundle folder of their search part, when given."""
    if index_dir is None:
        return [sys.executable, "-m", "pagefind", "--site", site_dir, "--glob", PAGEFIND_GLOB, "--silent"]
    return [sys.executable, "-m", "pagefind", "--site", index_dir, "--glob", PAGEFIND_GLOB,
            "--output-path", os.path.join(site_dir, bundle), "--silent"]


class BackgroundPapers:
    """The paper pages rendered and written by two forked processes (a half
    each, after the related papers they share through the fork), then indexed
    by Pagefind, while this process builds MkDocs' other pages. Only for a
    plain build: `mkdocs serve` has threads, which a fork must not copy."""

    def __init__(self, site_dir: str, shell: PaperShell, prepare, render, parts: list[list[str]], check=None):
        """`prepare()` computes what both halves share (the related papers);
        `render(share)` gives {slug: Page} of a share (i, n) of the papers;
        `parts` are the slugs of each search part (render/search_parts.py),
        each indexed by its own Pagefind run, one after the other (Pagefind's
        memory is that of the largest part); `check(slug, page)` (when given)
        is run on each before anything is written."""
        self.log = tempfile.TemporaryFile()
        self.index_dir = tempfile.mkdtemp(prefix="archive-pagefind-")  # the copies Pagefind reads
        index_dir = self.index_dir
        self.remove_copies = weakref.finalize(self, shutil.rmtree, index_dir, True)  # at the latest on exit
        folders = [os.path.join(index_dir, f"part-{number + 1}") for number in range(len(parts))]
        index_dirs = {slug: folder for folder, slugs in zip(folders, parts) for slug in slugs}
        script = os.path.join(index_dir, "index.sh")  # the Pagefind runs, one after the other
        with open(script, "w", encoding="utf-8") as output:
            output.write("set -e\n" + "".join(shlex.join(pagefind_command(site_dir, folder, search_bundle(number)))
                                              + "\n" for number, folder in enumerate(folders)))
        sys.stdout.flush()
        sys.stderr.flush()
        self.pid = os.fork()
        if self.pid:
            # the child and all it starts (its helper, the shell, Pagefind) in a process group of
            # their own, stopped together by `stop` or, at the latest, when this process exits
            try:
                os.setpgid(self.pid, self.pid)
            except (PermissionError, ProcessLookupError):
                pass  # the child did it first, or has already exited
            self.stop_group = weakref.finalize(self, _kill_group, self.pid)
        else:  # the child: never returns into MkDocs
            os.setpgid(0, 0)  # also here: whichever of the two runs first
            helper = 0
            try:
                os.dup2(self.log.fileno(), 1)
                os.dup2(self.log.fileno(), 2)
                prepare()
                helper = os.fork()
                pages = render((1, 2) if helper else (0, 2))
                for slug, page in pages.items() if check else ():
                    check(slug, page)
                if helper == 0:
                    try:
                        write_papers(site_dir, shell, pages, index_dirs=index_dirs)
                        os._exit(0)
                    except BaseException:
                        traceback.print_exc()
                        os._exit(1)
                write_papers(site_dir, shell, pages, index_dirs=index_dirs)
                _, status = os.waitpid(helper, 0)
                if os.waitstatus_to_exitcode(status) == 0:  # this process's memory freed for Pagefind
                    os.execv("/bin/sh", ["sh", script])
            except BaseException:
                traceback.print_exc()
                if helper:  # the other half may still be writing: stop it before failing
                    os.kill(helper, signal.SIGKILL)
                    os.waitpid(helper, 0)
            finally:
                os._exit(1)

    def wait(self) -> None:
        _, status = os.waitpid(self.pid, 0)
        self.stop_group.detach()  # every process of the group has exited (the shell waits for its own)
        self.remove_copies()
        if os.waitstatus_to_exitcode(status) != 0:
            self.log.seek(0)
            raise PluginError("writing or indexing the paper pages failed:\n"
                              + self.log.read().decode("utf-8", "replace")[-3000:])
        self.log.close()

    def stop(self) -> None:
        self.stop_group()
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        self.remove_copies()


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
