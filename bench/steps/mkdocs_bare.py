"""Step `mkdocs-bare`: the first peer, bare MkDocs + Material on the same
papers. One Markdown page per paper (front matter with title, date and tags;
a heading, the date and tags line, the abstract), a home page, Material with
its defaults (no hooks, no plugins, no overrides, no nav entry per paper),
then Pagefind over the built site. It has none of this project's listings,
feeds or downloads: the cost of the pages alone."""

import html
from importlib.metadata import version
from pathlib import Path

import yaml

from bench.measure import PYTHON, pagefind, python_env, timed
from bench.steps.peers import PeerPaper, PeerResult

NAME = "bare MkDocs + Material"
CONFIG = {
    "site_name": "Daily Papers Archive (bare MkDocs peer)",
    "site_url": "https://example.org/",
    "theme": {"name": "material"},
    "plugins": [],  # Material's own search is decided against: Pagefind indexes the site afterwards
    "nav": [{"Home": "index.md"}],  # a nav entry per page makes a MkDocs build quadratic
    "validation": {"nav": {"omitted_files": "ignore"}},
}


def page_markdown(paper: PeerPaper) -> str:
    front = {"title": paper.title, "tags": list(paper.tags)}
    if paper.date:
        front["date"] = paper.date
    line = " · ".join([paper.date_text, *paper.tags])
    return ("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=True, width=10**6) + "---\n\n"
            f"# {html.escape(paper.title)}\n\n{html.escape(line)}\n\n{html.escape(paper.abstract)}\n")


def write_project(papers: list[PeerPaper], project: Path) -> None:
    docs = project / "docs"
    (docs / "papers").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(CONFIG, sort_keys=False), encoding="utf-8")
    (docs / "index.md").write_text(f"# Papers\n\n{len(papers):,} papers.\n", encoding="utf-8")
    for paper in papers:
        (docs / "papers" / f"{paper.slug}.md").write_text(page_markdown(paper), encoding="utf-8", newline="\n")


def run(papers: list[PeerPaper], project: Path, site: Path, logs: Path) -> PeerResult:
    write_project(papers, project)
    build = timed([PYTHON, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)], project,
                  logs / "mkdocs-bare.log", python_env())
    indexed = pagefind(site, logs / "mkdocs-bare-pagefind.log")
    return PeerResult(NAME, f"MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}", build, indexed)
