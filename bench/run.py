"""Scale benchmark: import, generation, MkDocs build vs a bare MkDocs baseline,
site and search-index size, `mkdocs serve` edit latency, and browser search
readiness (Material's search, optionally Pagefind and a trimmed Material index).

    .venv/bin/python bench/run.py --papers 1000 20000 50000
    .venv/bin/python bench/run.py --papers 1000 --steps build,baseline,size
    .venv/bin/python bench/run.py --papers 20000 --related fast --skip import,profile

Every size N gets a temporary repository under --workdir (default
/tmp/bench-run/N): the repository without content/ and tests/, taken from git HEAD
(or --source worktree, or --source REVISION) plus a synthetic content/ from
bench/synth.py. Nothing in the checkout is written. Steps (all by default):

  import    re-import of every dump into a copy of the synthetic content
            (generator.ingest.importer.run_import with no dump arguments: loads and
            merges every record) and load_archive alone (what each build does)
  generate  the generator's whole output in process, and related_papers alone
  build     `python -m mkdocs build` of the repository: wall time and peak RSS
  baseline  the same Markdown written out as files, built by MkDocs + Material
            with the same theme, nav and plugins but no hooks
  size      site/ size and file count, search_index.json raw and gzipped
  serve     `mkdocs serve`: time until it answers, then time from editing one
            record's `published` until the page shows the new date
  search    headless Chromium: cold load of the home page, focus the site's
            search box ("/" for Material's, a click for Pagefind's UI), type a
            title's words; time from navigation start until the first result
            is in the DOM, and bytes transferred
  trimmed   the same with search_index.json trimmed (text cut to a teaser,
            section entries dropped), served through a route
  pagefind  run Pagefind (--pagefind-cmd) on the built site (unless the build
            made a bundle already), then query its JS API from a blank page:
            time to the first result's data, bytes
  profile   cProfile of one build (only for N <= --profile-max): where time goes
  compare   the generator's related_papers against the exact ranking of the
            original all-pairs version (bench/fast_related.py): time, and how
            many lists agree

--related fast swaps the generator's related_papers for bench/fast_related.py
(the exact ranking of the all-pairs version the generator had up to 0123eb1,
without its O(n^2 log n) cost) in the temporary copy only.
"""

import argparse
import datetime as dt
import functools
import gzip
import importlib
import inspect
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STEPS = ("import", "generate", "build", "baseline", "size", "serve", "serve-dirty", "search", "trimmed", "pagefind",
         "profile", "compare")
QUERY_SLUG = "a-cost-benefit-analysis-of-cross-lingual-transfer-methods"  # a real paper, in every size
EDIT_MARKER = ("2000-02-29", "Published Feb 29, 2000")
BENCH_HOOK = """\
# Written by bench/run.py --related fast: the generator's hook with
# related_papers swapped for the identical-output bench version.
import generator.render.site
from bench_fast_related import related_papers
generator.render.site.related_papers = related_papers
from generator.mkdocs_hooks import *  # noqa: F401,F403
"""


# ---------------------------------------------------------------- helpers

def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def mib(size: float) -> str:
    return f"{size / 2**20:,.1f} MiB"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def served_root(port: int) -> str | None:
    """serve redirects / to the path of site_url; follow it."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
            return response.geturl()
    except OSError:
        return None


def tree_size(path: Path) -> tuple[int, int]:
    total = files = 0
    for folder, _, names in os.walk(path):
        for name in names:
            total += os.path.getsize(os.path.join(folder, name))
            files += 1
    return total, files


def timed_run(command: list[str], cwd: Path, env: dict, log_file: Path) -> dict:
    """Run a command to completion: wall seconds (perf_counter) and peak RSS of
    the process (GNU time's maximum resident set size, else getrusage)."""
    time_file = log_file.with_suffix(".time")
    use_gnu_time = Path("/usr/bin/time").exists()
    full = (["/usr/bin/time", "-f", "%M", "-o", str(time_file)] if use_gnu_time else []) + command
    before = __import__("resource").getrusage(__import__("resource").RUSAGE_CHILDREN).ru_maxrss
    with open(log_file, "w") as output:
        start = time.perf_counter()
        result = subprocess.run(full, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        seconds = time.perf_counter() - start
    if result.returncode != 0:
        tail = log_file.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}) in {cwd}:\n{tail}")
    if use_gnu_time:
        peak_kib = int(time_file.read_text().split()[-1])
    else:  # only right when this is the largest child so far
        peak_kib = max(before, __import__("resource").getrusage(__import__("resource").RUSAGE_CHILDREN).ru_maxrss)
    return {"seconds": seconds, "peak_rss": peak_kib * 1024}


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class StaticServer:
    """The built site on 127.0.0.1, in a thread."""

    def __init__(self, directory: Path):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(directory)))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


# ---------------------------------------------------------------- set-up

LEFT_OUT = ("content", "tests", "bench", "site", ".git", ".github", ".venv", ".ci", ".vscode", ".pytest_cache",
            "paper_archive.egg-info", "__pycache__")


def snapshot_sources(workdir: Path, source: str) -> Path:
    """The repository without content/, tests/ and bench/: at git HEAD (read-only
    `git archive`, the default) or copied from the working tree. The other edits
    in progress cannot change the code under measurement half-way."""
    target = workdir / f"source-{re.sub(r'[^A-Za-z0-9._-]', '_', source)}"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    if source != "worktree":
        archive = subprocess.run(["git", "archive", "HEAD" if source == "head" else source], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
        for name in LEFT_OUT:
            path = target / name
            if path.is_dir():
                shutil.rmtree(path)
    else:
        shutil.copytree(ROOT, target, dirs_exist_ok=True, ignore=lambda folder, names: [
            name for name in names if name in LEFT_OUT and Path(folder) == ROOT or name == "__pycache__"])
    return target


def describe_source(source: str) -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    if source == "head":
        return f"git HEAD {head}"
    if source != "worktree":
        commit = subprocess.run(["git", "rev-parse", "--short", source], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        return f"git {source} ({commit})"
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "generator", "docs", "overrides", "mkdocs.yml"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return f"working tree on {head}" + (f" with {len(dirty.splitlines())} changed paths" if dirty else "")


def make_repo(run_dir: Path, source_dir: Path, related: str) -> Path:
    repo = run_dir / "repo"
    shutil.copytree(source_dir, repo)
    config = (source_dir / "mkdocs.yml").read_text("utf-8")
    if related == "fast":
        shutil.copyfile(BENCH / "fast_related.py", repo / "bench_fast_related.py")
        (repo / "bench_hooks.py").write_text(BENCH_HOOK, "utf-8")
        config = config.replace("generator/mkdocs_hooks.py", "bench_hooks.py")
    (repo / "mkdocs.yml").write_text(config, "utf-8")
    return repo


def build_env(repo: Path) -> dict:
    """The temporary copy of generator/ comes first on sys.path (the checkout's
    editable install would otherwise win)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(repo) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def site_output(site_module, archive, config: dict) -> dict[str, str]:
    """The generator's output; works with generate_pages (older) or generate_site."""
    edit_base = None
    if config.get("repo_url") and config.get("edit_uri"):
        edit_base = config["repo_url"].rstrip("/") + "/" + config["edit_uri"].strip("/") + "/"
    if hasattr(site_module, "generate_site"):
        options = site_module.SiteOptions(edit_base, config.get("site_url") or "https://example.org/",
                                          config.get("site_name"))
        return {path: as_markdown(value) for path, value in site_module.generate_site(archive, options).items()}
    return site_module.generate_pages(archive, edit_base)


def as_markdown(value) -> str:
    """A generated page as a Markdown file with front matter, for the baseline
    build that runs without the hook (synthetic content only: never the gate)."""
    if isinstance(value, str):
        return value
    import yaml
    return "---\n" + yaml.safe_dump(value.meta, allow_unicode=True, width=10**6) + "---\n\n" + value.body


# ---------------------------------------------------------------- steps

def step_import(content: Path, run_dir: Path, result: dict) -> None:
    from generator.ingest.importer import run_import
    from generator.content.store import ContentDir
    from generator.content.load import load_archive

    copy = run_dir / "import-content"
    shutil.copytree(content, copy)
    start = time.perf_counter()
    report = run_import(ContentDir(copy), [], progress=lambda message: None)
    result["import_s"] = time.perf_counter() - start
    result["import_summary"] = report.summary()
    shutil.rmtree(copy)
    start = time.perf_counter()
    archive, problems = load_archive(ContentDir(content))
    result["load_archive_s"] = time.perf_counter() - start
    if problems:
        raise RuntimeError(f"synthetic content has {len(problems)} problems, e.g. {problems[0].text()}")
    if "require_canonical" in inspect.signature(load_archive).parameters:  # what the build's hook calls
        start = time.perf_counter()
        load_archive(ContentDir(content), require_canonical=False)
        result["load_archive_build_s"] = time.perf_counter() - start


def step_generate(content: Path, config: dict, result: dict) -> dict[str, str]:
    import generator.render.site as site_module
    from generator.content.store import ContentDir
    from generator.content.load import load_archive

    archive, _ = load_archive(ContentDir(content))
    start = time.perf_counter()
    related = site_module.related_papers(archive.papers)
    result["related_s"] = time.perf_counter() - start
    del related
    start = time.perf_counter()
    output = site_output(site_module, archive, config)
    result["generate_s"] = time.perf_counter() - start
    result["generated_files"] = len(output)
    result["generated_md_bytes"] = sum(len(text.encode("utf-8")) for path, text in output.items() if path.endswith(".md"))
    return output


def step_build(repo: Path, run_dir: Path, result: dict) -> None:
    check = subprocess.run([PYTHON, "-c", "import generator; print(generator.__file__)"], cwd=repo,
                           env=build_env(repo), capture_output=True, text=True, check=True).stdout.strip()
    if not check.startswith(str(repo)):
        raise RuntimeError(f"the build would use {check}, not the copy in {repo}")
    measured = timed_run([PYTHON, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"], repo, build_env(repo),
                         run_dir / "build.log")
    result["build_s"], result["build_rss"] = measured["seconds"], measured["peak_rss"]


def step_baseline(repo: Path, run_dir: Path, output: dict[str, str], result: dict,
                  pagefind_command: list[str]) -> None:
    """The same Markdown as plain files, MkDocs + Material, no hooks (plus a
    Pagefind run on its site when the hook runs one)."""
    base = run_dir / "baseline"
    shutil.copytree(repo, base, ignore=lambda folder, names: [
        name for name in names if Path(folder) == repo and name in ("generator", "content", "site", "site-profile")
        or name.startswith("bench_")])
    for path, text in output.items():
        target = base / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    config = yaml.safe_load((repo / "mkdocs.yml").read_text("utf-8"))
    config.pop("hooks", None)
    (base / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    measured = timed_run([PYTHON, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"], base, env,
                         run_dir / "baseline.log")
    result["baseline_s"], result["baseline_rss"] = measured["seconds"], measured["peak_rss"]
    if (repo / "site" / "pagefind").exists():  # the hook indexes with Pagefind: so does the baseline, timed apart
        measured = timed_run(pagefind_command + ["--site", "site", "--silent"], base, env, run_dir / "baseline-pagefind.log")
        result["baseline_pagefind_s"], result["baseline_pagefind_rss"] = measured["seconds"], measured["peak_rss"]
    result["baseline_site_bytes"], result["baseline_site_files"] = tree_size(base / "site")
    shutil.rmtree(base)  # as large as the site; not needed again


def step_size(site: Path, result: dict) -> None:
    result["site_bytes"], result["site_files"] = tree_size(site)
    if (site / "pagefind").exists():
        result["site_pagefind_bytes"], result["site_pagefind_files"] = tree_size(site / "pagefind")
    index = site / "search" / "search_index.json"
    if not index.exists():
        return
    raw = index.read_bytes()
    result["index_bytes"] = len(raw)
    result["index_gzip_bytes"] = len(gzip.compress(raw, 6))
    result["index_docs"] = len(json.loads(raw)["docs"])


def step_serve(repo: Path, run_dir: Path, result: dict, timeout: float, extra: tuple = (), prefix: str = "serve") -> None:
    from generator.model.paper import FIELD_ORDER
    from generator.content.yamlio import dump_mapping, load_mapping

    papers = sorted((repo / "content" / "papers").glob("*.yaml"))
    record_path = next(path for path in papers if "published:" in path.read_text("utf-8"))
    original = record_path.read_text("utf-8")
    port = free_port()
    with open(run_dir / "serve.log", "w") as serve_log:
        start = time.perf_counter()
        server = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *extra], cwd=repo,
                                  env=build_env(repo), stdout=serve_log, stderr=subprocess.STDOUT)
        try:
            root = None
            while root is None:
                if server.poll() is not None:
                    raise RuntimeError(f"mkdocs serve exited: {(run_dir / 'serve.log').read_text()[-2000:]}")
                if time.perf_counter() - start > timeout:
                    raise RuntimeError("mkdocs serve did not come up")
                time.sleep(0.2)
                root = served_root(port)
            result[f"{prefix}_up_s"] = time.perf_counter() - start
            url = f"{root}papers/{record_path.stem}/"
            page = fetch(url) or ""
            if EDIT_MARKER[1] in page or "paper-meta" not in page:
                raise RuntimeError(f"unexpected page before the edit at {url}")
            record, _ = load_mapping(original)
            edited = dump_mapping({**record, "published": EDIT_MARKER[0]}, FIELD_ORDER)
            start = time.perf_counter()
            record_path.write_text(edited, encoding="utf-8", newline="\n")
            while EDIT_MARKER[1] not in (fetch(url) or ""):
                if time.perf_counter() - start > timeout:
                    raise RuntimeError("the edit never showed")
                time.sleep(0.1)
            result[f"{prefix}_edit_s"] = time.perf_counter() - start
        finally:
            record_path.write_text(original, encoding="utf-8", newline="\n")
            server.terminate()
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


SEARCH_UIS = {  # how to reach each search box, and what its first result looks like
    "material": {"input": "input.md-search__input", "focus": "slash", "result": ".md-search-result__item",
                 "titles": ".md-search-result__item h1, .md-search-result__item h2",
                 "index": "search/search_index.json"},
    "pagefind-ui": {"input": "input.pagefind-ui__search-input", "focus": "click", "result": ".pagefind-ui__result",
                    "titles": ".pagefind-ui__result-title", "index": "/pagefind/"},
}
FIRST_RESULT_SCRIPT = """
new MutationObserver((records, observer) => {
  if (document.querySelector(SELECTOR)) {
    window.__benchFirstResult = performance.now();
    observer.disconnect();
  }
}).observe(document, {subtree: true, childList: true});
"""


def _browser(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def _context(browser, base_url: str, responses: list, fulfil: dict | None = None):
    """A fresh context (cold cache): only requests to the local server go out;
    `fulfil` maps a URL to (content type, body) served by the route instead."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")

    def route(route):
        url = route.request.url
        if fulfil and url in fulfil:
            content_type, body = fulfil[url]
            route.fulfill(status=200, body=body, headers={"content-type": content_type,
                                                          "content-length": str(len(body))})
        elif url.startswith(base_url):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    context.on("response", lambda response: responses.append(response))
    return context


def _bytes(responses: list, part: str = "") -> int:
    """Response bodies, all or those whose URL contains `part`."""
    total = 0
    for response in responses:
        if part not in response.url:
            continue
        length = response.headers.get("content-length")
        if length is not None:
            total += int(length)
        else:
            try:
                total += len(response.body())
            except Exception:  # redirects and aborted requests have no body
                pass
    return total


def search_query(content: Path) -> tuple[str, str]:
    from generator.content.yamlio import load_mapping

    path = content / "papers" / f"{QUERY_SLUG}.yaml"
    if not path.exists():
        path = sorted((content / "papers").glob("*.yaml"))[0]
    title = load_mapping(path.read_text("utf-8"))[0]["title"]
    words = [word for word in re.findall(r"[\w-]+", title) if len(word) > 3][:3]
    return " ".join(words), title


def site_search_ui(site: Path) -> str | None:
    """Which search the built site has: Material's plugin or Pagefind's UI."""
    if (site / "search" / "search_index.json").exists():
        return "material"
    if (site / "pagefind" / "pagefind-ui.js").exists():
        return "pagefind-ui"
    return None


def measure_material_search(site: Path, query: str, title: str, runs: int,
                            index_override: bytes | None = None, ui: str = "material") -> dict:
    """Cold load of the home page, focus the search box as a person would ("/"
    for Material, a click for Pagefind's UI), type the query; time from
    navigation start until the first result is in the DOM."""
    from playwright.sync_api import sync_playwright

    spec = SEARCH_UIS[ui]
    timings, transferred, found, index_at, index_bytes, sitemap_bytes, after_typing = [], [], [], [], [], [], []
    with StaticServer(site) as base_url, sync_playwright() as playwright:
        browser = _browser(playwright)
        fulfil = {base_url + "search/search_index.json": ("application/json", index_override)} \
            if index_override is not None else None
        for _ in range(runs):
            responses: list = []
            context = _context(browser, base_url, responses, fulfil)
            context.add_init_script(FIRST_RESULT_SCRIPT.replace("SELECTOR", json.dumps(spec["result"])))
            page = context.new_page()
            page.goto(base_url, wait_until="commit")
            page.wait_for_selector(spec["input"], state="attached", timeout=120_000)
            deadline = time.monotonic() + 120
            focused = f"document.activeElement && document.activeElement.matches({json.dumps(spec['input'])})"
            while not page.evaluate(focused):
                if time.monotonic() > deadline:
                    raise RuntimeError("the search box never got the focus")
                if spec["focus"] == "slash":
                    page.keyboard.press("/")
                else:
                    page.click(spec["input"])
                time.sleep(0.05)
            typed_at = page.evaluate("performance.now()")
            page.keyboard.type(query)
            page.wait_for_function("window.__benchFirstResult !== undefined", timeout=600_000, polling=50)
            timings.append(page.evaluate("window.__benchFirstResult") / 1000)
            after_typing.append(timings[-1] - typed_at / 1000)
            transferred.append(_bytes(responses))
            index_bytes.append(_bytes(responses, spec["index"]))
            sitemap_bytes.append(_bytes(responses, "sitemap.xml"))
            index_at.append(page.evaluate("""(performance.getEntriesByType('resource')
                .find(entry => entry.name.includes('search_index.json')) || {responseEnd: NaN}).responseEnd""") / 1000)
            page.wait_for_timeout(300)  # let the result list settle, then see whether the paper is listed
            titles = page.eval_on_selector_all(spec["titles"], "items => items.slice(0, 10).map(e => e.textContent)")
            found.append(any(title.casefold() in text.casefold() for text in titles))
            context.close()
        browser.close()
    return {"seconds": timings, "bytes": transferred, "found": found, "index_at": index_at,
            "index_bytes": index_bytes, "sitemap_bytes": sitemap_bytes, "after_typing": after_typing}


def trimmed_index(site: Path, chars: int) -> bytes:
    """search_index.json with section entries dropped and each text cut to a teaser."""
    data = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    docs = []
    for doc in data["docs"]:
        if "#" in doc["location"]:
            continue
        text = doc["text"]
        if len(text) > chars:
            text = text[:chars].rsplit(" ", 1)[0]
        docs.append({**doc, "text": text})
    return json.dumps({**data, "docs": docs}, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


PAGEFIND_SCRIPT = """async (query) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const search = await pagefind.search(query);
  const first = search.results.length ? await search.results[0].data() : null;
  return {at: performance.now(), count: search.results.length,
          title: first ? first.meta.title : null, url: first ? first.url : null};
}"""


def step_pagefind(site: Path, run_dir: Path, command: list[str], query: str, title: str, runs: int,
                  result: dict) -> None:
    """Index the site with Pagefind, unless the build did (then its bundle is
    measured as it is), and query the JS API from a blank page."""
    if (site / "pagefind" / "pagefind.js").exists():
        result["pagefind_by_build"] = True
    else:
        measured = timed_run(command + ["--site", str(site), "--glob", "{papers/**/*.html,about/*.html}",
                                        "--exclude-selectors", "[data-search-exclude], .paper-sources, .paper-related"],
                             site.parent, dict(os.environ), run_dir / "pagefind.log")
        result["pagefind_index_s"], result["pagefind_rss"] = measured["seconds"], measured["peak_rss"]
    result["pagefind_bytes"], result["pagefind_files"] = tree_size(site / "pagefind")
    from playwright.sync_api import sync_playwright

    timings, transferred, found = [], [], []
    with StaticServer(site) as base_url, sync_playwright() as playwright:
        browser = _browser(playwright)
        blank = base_url + "__bench_blank.html"
        for _ in range(runs):
            responses: list = []
            context = _context(browser, base_url, responses,
                               {blank: ("text/html", b"<!doctype html><html lang=en><title>blank</title></html>")})
            page = context.new_page()
            page.goto(blank)
            answer = page.evaluate(PAGEFIND_SCRIPT, query)
            timings.append(answer["at"] / 1000)
            transferred.append(_bytes(responses) - len(b"<!doctype html><html lang=en><title>blank</title></html>"))
            found.append(bool(answer["title"]) and title.casefold() in answer["title"].casefold())
            result["pagefind_results"] = answer["count"]
            context.close()
        browser.close()
    result["pagefind_search_s"], result["pagefind_search_bytes"], result["pagefind_found"] = timings, transferred, found


PROFILE_GROUPS = (  # (label, file fragments, function names): the largest cumulative time that matches
    ("our hook: on_files", ("mkdocs_hooks.py",), ("on_files",)),
    ("  load_archive (read, validate, canonical check)", ("generator/content/validate.py",), ("load_archive",)),
    ("  generate_site / generate_pages", ("generator/render/site.py",), ("generate_site", "generate_pages")),
    ("    related_papers", ("generator/render/groups.py", "bench_fast_related.py"), ("related_papers",)),
    ("    front matter (markup.front_matter)", ("generator/render/markup.py",), ("front_matter",)),
    ("Markdown to HTML (_populate_page)", ("mkdocs/commands/build.py",), ("_populate_page",)),
    ("page output (_build_page)", ("mkdocs/commands/build.py",), ("_build_page",)),
    ("  Jinja template render", ("jinja2/environment.py",), ("render",)),
    ("  search plugin: on_page_context", ("plugins/search/plugin.py",), ("on_page_context",)),
    ("search plugin: on_post_build (writes the index)", ("plugins/search/plugin.py",), ("on_post_build",)),
    ("writing files (utils.write_file)", ("mkdocs/utils/__init__.py",), ("write_file",)),
    ("our hook: on_post_build (waits for Pagefind, if it runs it)", ("mkdocs_hooks.py",), ("on_post_build",)),
)


def step_profile(repo: Path, run_dir: Path, result: dict) -> None:
    import pstats

    out = run_dir / "build.prof"
    profile_site = repo / "site-profile"
    timed_run([PYTHON, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "--quiet", "--site-dir",
               str(profile_site)], repo, build_env(repo), run_dir / "profile.log")
    shutil.rmtree(profile_site, ignore_errors=True)
    stats = pstats.Stats(str(out))
    total = max([entry[3] for (file, _, function), entry in stats.stats.items()
                 if function == "build" and file.endswith("mkdocs/commands/build.py")] or [0.0])
    rows = []
    for label, fragments, names in PROFILE_GROUPS:
        matches = [entry[3] for (file, _, function), entry in stats.stats.items()
                   if function in names and any(fragment in file for fragment in fragments)]
        rows.append((label, max(matches) if matches else None))
    result["profile_total_s"] = total
    result["profile_rows"] = rows
    with open(run_dir / "profile-top.txt", "w") as text:
        stats.stream = text
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(40)


def step_compare(content: Path, result: dict) -> None:
    """The generator's related_papers against bench/fast_related.py, the exact
    ranking of the original all-pairs version (most shared tags, then Jaccard)."""
    import fast_related
    from generator.render.groups import related_papers
    from generator.content.store import ContentDir
    from generator.content.load import load_archive

    papers = load_archive(ContentDir(content))[0].papers
    start = time.perf_counter()
    generated = related_papers(papers)
    result["related_generator_s"] = time.perf_counter() - start
    start = time.perf_counter()
    exact = fast_related.related_papers(papers)
    result["related_exact_s"] = time.perf_counter() - start
    same = overlap = first = 0
    for slug, wanted in exact.items():
        wanted = [paper.slug for paper in wanted]
        got = [paper.slug for paper in generated.get(slug, [])]
        same += got == wanted
        overlap += len(set(got) & set(wanted)) / (len(wanted) or 1)
        first += bool(got and wanted and got[0] == wanted[0])
    result["related_same"] = same / len(exact)
    result["related_overlap"] = overlap / len(exact)
    result["related_first"] = first / len(exact)


# ---------------------------------------------------------------- report

def seconds(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, list):
        return " / ".join(f"{v:.2f} s" for v in value)
    return f"{value:.2f} s"


def size_cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, list):
        return " / ".join(mib(v) for v in value)
    return mib(value)


def ratio(a, b) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "–"


def table(results: list[dict]) -> str:
    rows = [
        ("papers (real + synthetic)", lambda r: f"{r['papers']:,} ({r['real']} + {r['synthetic']})"),
        ("synthesise content (not part of any step)", lambda r: seconds(r.get("synth_s"))),
        ("related_papers implementation", lambda r: r["related"]),
        ("(a) re-import of all dumps (run_import)", lambda r: seconds(r.get("import_s"))),
        ("    import summary", lambda r: r.get("import_summary", "–")),
        ("(a) load_archive as `check` runs it (read + validate)", lambda r: seconds(r.get("load_archive_s"))),
        ("(a) load_archive as the build runs it (no canonical rule)", lambda r: seconds(r.get("load_archive_build_s"))),
        ("(b) related_papers alone", lambda r: seconds(r.get("related_s"))),
        ("(b) generation in process (whole output)", lambda r: seconds(r.get("generate_s"))),
        ("    generated files / Markdown", lambda r: f"{r['generated_files']:,} / {mib(r['generated_md_bytes'])}"
         if "generated_files" in r else "–"),
        ("(c) mkdocs build with the hook: wall", lambda r: seconds(r.get("build_s"))),
        ("(c) mkdocs build with the hook: peak RSS", lambda r: size_cell(r.get("build_rss"))),
        ("(d) baseline MkDocs+Material, same Markdown: wall", lambda r: seconds(r.get("baseline_s"))),
        ("(d) baseline: peak RSS", lambda r: size_cell(r.get("baseline_rss"))),
        ("(d) baseline: Pagefind run on its site (the hook runs one)", lambda r: seconds(r.get("baseline_pagefind_s"))),
        ("build / baseline (wall)", lambda r: ratio(r.get("build_s"), r.get("baseline_s"))),
        ("build / (baseline + Pagefind) (wall)", lambda r: ratio(r.get("build_s"), r["baseline_s"] + r["baseline_pagefind_s"])
         if "baseline_pagefind_s" in r else "–"),
        ("build / baseline (peak RSS)", lambda r: ratio(r.get("build_rss"), r.get("baseline_rss"))),
        ("(e) site/ size (files)", lambda r: f"{mib(r['site_bytes'])} ({r['site_files']:,})" if "site_bytes" in r else "–"),
        ("(e) search_index.json raw / gzip -6 (docs)", lambda r: f"{mib(r['index_bytes'])} / {mib(r['index_gzip_bytes'])}"
         f" ({r['index_docs']:,})" if "index_bytes" in r else "–"),
        ("(e) site/pagefind/ size (files)", lambda r: f"{mib(r['site_pagefind_bytes'])} ({r['site_pagefind_files']:,})"
         if "site_pagefind_bytes" in r else "–"),
        ("(f) mkdocs serve: start until it answers", lambda r: seconds(r.get("serve_up_s"))),
        ("(f) mkdocs serve: YAML edit until visible", lambda r: seconds(r.get("serve_edit_s"))),
        ("(f) mkdocs serve --dirty: start until it answers", lambda r: seconds(r.get("serve_dirty_up_s"))),
        ("(f) mkdocs serve --dirty: YAML edit until visible", lambda r: seconds(r.get("serve_dirty_edit_s"))),
        ("(g) the site's search box", lambda r: {"material": "Material search plugin", "pagefind-ui": "Pagefind UI"}.get(
            r.get("search_ui", "material"), "–") if "search_s" in r else "–"),
        ("(g) search: nav start to first result", lambda r: seconds(r.get("search_s"))),
        ("(g) search: first keystroke to first result", lambda r: seconds(r.get("search_after_typing_s"))),
        ("(g) search: search_index.json loaded at", lambda r: seconds(r.get("search_index_at"))
         if r.get("search_ui", "material") == "material" else "–"),
        ("(g) search: bytes transferred", lambda r: size_cell(r.get("search_bytes"))),
        ("    of which the index (search_index.json or /pagefind/) / sitemap.xml, first run",
         lambda r: f"{mib(r['search_index_bytes'][0])} / {mib(r['search_sitemap_bytes'][0])}"
         if r.get("search_index_bytes") else "–"),
        ("(g) query / paper in top 10", lambda r: f"\"{r['query']}\" / {r['search_found']}" if "search_found" in r else "–"),
        ("trimmed index: size raw (docs)", lambda r: f"{mib(r['trimmed_bytes'])} ({r['trimmed_docs']:,})"
         if "trimmed_bytes" in r else "–"),
        ("trimmed index: nav start to first result", lambda r: seconds(r.get("trimmed_s"))),
        ("trimmed index: loaded at", lambda r: seconds(r.get("trimmed_index_at"))),
        ("trimmed index: paper in top 10", lambda r: str(r.get("trimmed_found", "–"))),
        ("trimmed index: bytes transferred", lambda r: size_cell(r.get("trimmed_search_bytes"))),
        ("Pagefind: bundle made by the build's hook", lambda r: "yes" if r.get("pagefind_by_build") else "–"),
        ("Pagefind: indexing wall / peak RSS", lambda r: f"{seconds(r['pagefind_index_s'])} / {mib(r['pagefind_rss'])}"
         if "pagefind_index_s" in r else "–"),
        ("Pagefind: bundle size (files)", lambda r: f"{mib(r['pagefind_bytes'])} ({r['pagefind_files']:,})"
         if "pagefind_bytes" in r else "–"),
        ("Pagefind: blank page load to first result data", lambda r: seconds(r.get("pagefind_search_s"))),
        ("Pagefind: bytes transferred", lambda r: size_cell(r.get("pagefind_search_bytes"))),
        ("Pagefind: results / paper is first", lambda r: f"{r['pagefind_results']} / {r['pagefind_found']}"
         if "pagefind_results" in r else "–"),
        ("compare: generator's related_papers / exact ranking (bench)", lambda r: f"{seconds(r['related_generator_s'])}"
         f" / {seconds(r['related_exact_s'])}" if "related_same" in r else "–"),
        ("compare: identical lists / top-5 overlap / same first", lambda r: f"{100 * r['related_same']:.0f}% / "
         f"{100 * r['related_overlap']:.0f}% / {100 * r['related_first']:.0f}%" if "related_same" in r else "–"),
    ]
    lines = ["| measure | " + " | ".join(f"{r['papers']:,} papers" for r in results) + " |",
             "|---|" + "---|" * len(results)]
    for label, cell in rows:
        cells = [cell(r) for r in results]
        if all(c == "–" for c in cells):
            continue
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def profile_table(result: dict) -> str:
    total = result["profile_total_s"]
    lines = [f"cProfile of one `mkdocs build` at {result['papers']:,} papers (related: {result['related']}); "
             f"mkdocs.commands.build.build took {total:.1f} s under the profiler (cumulative times; indented rows are "
             "part of the row above)", "",
             "| part | cumulative | share |", "|---|---|---|"]
    for label, value in result["profile_rows"]:
        lines.append(f"| {label} | {seconds(value)} | {f'{100 * value / total:.0f}%' if value else '–'} |")
    return "\n".join(lines)


def report(results: list[dict]) -> None:
    print()
    print(table(results))
    for result in results:
        if result.get("slug_skips"):
            print(f"\n{result['papers']:,} papers: synth skipped {result['slug_skips']} titles for which "
                  "generator.model.slugs.unique_slug returned an invalid slug (a '--' before the hash suffix)")
        if "profile_rows" in result:
            print()
            print(profile_table(result))


# ---------------------------------------------------------------- main

def run_size(count: int, args, steps: set[str], source_dir: Path) -> dict:
    import synth

    run_dir = args.workdir / str(count)
    if run_dir.exists():
        shutil.rmtree(run_dir)
    repo = make_repo(run_dir, source_dir, args.related)
    result: dict = {"papers": count, "related": args.related}
    log(f"{count}: synthesising content")
    start = time.perf_counter()
    written = synth.synthesise(count, repo / "content", seed=args.seed, include_real=not args.no_real)
    result["synth_s"] = time.perf_counter() - start
    result.update(real=written["real"], synthetic=written["synthetic"], slug_skips=written["invalid_slugs_skipped"])
    config = yaml.safe_load((repo / "mkdocs.yml").read_text("utf-8"))
    site_module = importlib.import_module("generator.render.site")
    original_related = site_module.related_papers
    if args.related == "fast":
        import fast_related
        site_module.related_papers = fast_related.related_papers
    try:
        content = repo / "content"
        output = None
        if "import" in steps:
            log(f"{count}: import")
            step_import(content, run_dir, result)
        if "generate" in steps or "baseline" in steps:
            log(f"{count}: generate")
            output = step_generate(content, config, result)
        if "compare" in steps:
            if count <= args.compare_max:
                log(f"{count}: compare related_papers implementations")
                step_compare(content, result)
            else:
                log(f"{count}: compare skipped (more than --compare-max {args.compare_max} papers)")
        if "build" in steps:
            log(f"{count}: mkdocs build")
            step_build(repo, run_dir, result)
        if "baseline" in steps:
            log(f"{count}: baseline build")
            step_baseline(repo, run_dir, output, result, args.pagefind_cmd.split())
        del output
        site = repo / "site"
        if "size" in steps and site.exists():
            step_size(site, result)
        if "serve" in steps:
            log(f"{count}: mkdocs serve")
            step_serve(repo, run_dir, result, args.serve_timeout)
        if "serve-dirty" in steps:
            log(f"{count}: mkdocs serve --dirty (what `python3 dev.py serve` runs)")
            step_serve(repo, run_dir, result, args.serve_timeout, ("--dirty", "--no-strict"), "serve_dirty")
        query, title = search_query(content)
        result["query"] = query
        ui = site_search_ui(site) if site.exists() else None
        result["search_ui"] = ui
        if "search" in steps and ui:
            log(f"{count}: the site's search ({ui}) in Chromium")
            measured = measure_material_search(site, query, title, args.search_runs, ui=ui)
            result["search_s"], result["search_bytes"], result["search_found"] = (
                measured["seconds"], measured["bytes"], measured["found"])
            result["search_index_at"], result["search_index_bytes"], result["search_sitemap_bytes"] = (
                measured["index_at"], measured["index_bytes"], measured["sitemap_bytes"])
            result["search_after_typing_s"] = measured["after_typing"]
        if "trimmed" in steps and ui == "material":
            log(f"{count}: trimmed Material index in Chromium")
            body = trimmed_index(site, args.trim_chars)
            result["trimmed_bytes"] = len(body)
            result["trimmed_docs"] = len(json.loads(body)["docs"])
            measured = measure_material_search(site, query, title, args.search_runs, index_override=body)
            result["trimmed_s"], result["trimmed_search_bytes"], result["trimmed_found"] = (
                measured["seconds"], measured["bytes"], measured["found"])
            result["trimmed_index_at"] = measured["index_at"]
        if "pagefind" in steps and site.exists():
            log(f"{count}: Pagefind")
            step_pagefind(site, run_dir, args.pagefind_cmd.split(), query, title, args.search_runs, result)
        if "profile" in steps and count <= args.profile_max:
            log(f"{count}: profiled build")
            step_profile(repo, run_dir, result)
    finally:
        site_module.related_papers = original_related
    if not args.keep:
        shutil.rmtree(run_dir, ignore_errors=True)
    return result


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0")
    import markdown
    import material
    import mkdocs
    return (f"{os.cpu_count()} CPUs ({model}), {int(memory) / 2**20:.1f} GiB RAM, "
            f"Python {platform.python_version()}, MkDocs {mkdocs.__version__}, Material {material.__version__ if hasattr(material, '__version__') else '?'}, "
            f"Markdown {markdown.__version__}, load average {os.getloadavg()[0]:.2f} at start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, nargs="+", default=[1000], help="archive sizes (default 1000)")
    parser.add_argument("--steps", default=",".join(STEPS), help=f"comma-separated, from {','.join(STEPS)}")
    parser.add_argument("--skip", default="", help="comma-separated steps to leave out")
    parser.add_argument("--source", default="head",
                        help="the code measured: head (git HEAD, the default), worktree, or any git revision")
    parser.add_argument("--related", choices=("original", "fast"), default="original",
                        help="the generator's related_papers, or bench/fast_related.py (exact all-pairs ranking)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-real", action="store_true", help="synthetic records only")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench-run"))
    parser.add_argument("--keep", action="store_true", help="keep each size's temporary repository and site")
    parser.add_argument("--search-runs", type=int, default=2, help="cold browser runs per search measurement")
    parser.add_argument("--trim-chars", type=int, default=200, help="text kept per entry in the trimmed index")
    parser.add_argument("--pagefind-cmd", default="/tmp/bench-venv/bin/python -m pagefind",
                        help="how to run Pagefind (pip install 'pagefind[bin]' in a separate venv)")
    parser.add_argument("--serve-timeout", type=float, default=3600)
    parser.add_argument("--profile-max", type=int, default=5000, help="profile builds only up to this size")
    parser.add_argument("--compare-max", type=int, default=20000,
                        help="run the 'compare' step only up to this size")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--report", type=Path, help="only print the tables of a JSON file written by --json")
    args = parser.parse_args(argv)
    if args.report:
        saved = json.loads(args.report.read_text("utf-8"))
        print("\n".join(saved["header"]))
        report(saved["results"])
        return 0
    steps = {step for step in args.steps.split(",") if step} - {step for step in args.skip.split(",") if step}
    unknown = steps - set(STEPS)
    if unknown:
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    if {"search", "trimmed", "pagefind"} & steps and not CHROMIUM.exists():
        parser.error(f"{CHROMIUM} is missing: skip search,trimmed,pagefind")
    if "pagefind" in steps:
        probe = subprocess.run(args.pagefind_cmd.split() + ["--version"], capture_output=True, text=True)
        if probe.returncode != 0:
            parser.error(f"`{args.pagefind_cmd} --version` failed; install pagefind[bin] or skip pagefind")
        pagefind_version = probe.stdout.strip()
    args.workdir.mkdir(parents=True, exist_ok=True)
    source_dir = snapshot_sources(args.workdir, args.source)
    sys.path.insert(0, str(source_dir))  # in-process steps use the same snapshot as the builds
    sys.path.insert(1, str(BENCH))
    for name in [name for name in sys.modules if name == "generator" or name.startswith("generator.")]:
        del sys.modules[name]
    import generator
    if not generator.__file__.startswith(str(source_dir)):
        raise SystemExit(f"generator imported from {generator.__file__}, not the snapshot")

    header = [f"# bench/run.py {' '.join(argv if argv is not None else sys.argv[1:])}",
              f"# {dt.datetime.now().isoformat(timespec='seconds')}; code: {describe_source(args.source)}",
              f"# {machine()}"]
    if "pagefind" in steps:
        header.append(f"# {pagefind_version}")
    print("\n".join(header), flush=True)
    results = []
    for count in args.papers:
        overall = time.perf_counter()
        results.append(run_size(count, args, steps, source_dir))
        results[-1]["total_s"] = time.perf_counter() - overall
        log(f"{count}: done in {results[-1]['total_s']:.0f} s")
        if args.json:
            args.json.write_text(json.dumps({"header": header, "results": results}, indent=1, default=str))
    report(results)
    print(f"\nwall time of this run: " + ", ".join(f"{r['papers']:,}: {r['total_s']:.0f} s" for r in results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
