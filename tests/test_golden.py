"""Golden files for a paper page and a tag page, from a fixed small archive.
Regenerate with `python3 dev.py golden` and review the diff."""

import datetime as dt
from pathlib import Path

import pytest

from generator.paper import Paper
from generator.site import SiteOptions, generate_site
from generator.sources import Source
from generator.tags import Tag
from generator.load import Archive

GOLDEN = Path(__file__).parent / "golden"

ARCHIVE = Archive(
    papers=(
        Paper(slug="adamerging", title="AdaMerging: Adaptive Model Merging for Multi-Task Learning",
              abstract="Multi-task learning (MTL) aims to empower a model; code at https://github.com/x/adamerging. "
                       "We report 11\\% gains with $\\lambda_i$ <b>coefficients</b> and *no* retraining.",
              tags=("model-merging", "multi-task-learning"), sources=("d1.txt", "d2.txt"),
              published=dt.date(2023, 10, 4), authors_count=7, upvotes=3, arxiv_id="2310.02575",
              links=("https://github.com/x/adamerging",)),
        Paper(slug="ties-merging", title="TIES-Merging: Resolving Interference When Merging Models",
              abstract="Transfer learning can be improved by merging. We resolve sign conflicts.",
              tags=("model-merging",), sources=("d1.txt",), organization="UNC <NLP>"),
        Paper(slug="mtl-survey", title="A Survey of Multi-Task Learning",
              abstract="A survey. It covers everything.", tags=("multi-task-learning",), sources=("d2.txt",),
              published=dt.date(2021, 3, 1)),
    ),
    vocabulary=(
        Tag("model-merging", "Model merging", "Combining trained models into one without retraining.", ("model merging",)),
        Tag("multi-task-learning", "Multi-task learning", "One model, several tasks.", ("multi-task",)),
    ),
    sources=(Source("d1.txt", "first dump", None, "Oct 9"), Source("d2.txt", "second dump", dt.date(2026, 4, 16), None)),
)
CASES = {"paper.md": "papers/adamerging.md", "tag.md": "tags/model-merging/index.md"}


@pytest.mark.parametrize("golden, page", CASES.items())
def test_page_matches_golden_file(golden, page, request):
    rendered = generate_site(ARCHIVE, SiteOptions("https://github.com/o/r/edit/main/", "https://example.org/archive/"))[page].text()
    path = GOLDEN / golden
    if request.config.getoption("--update-golden"):
        path.write_text(rendered, encoding="utf-8")
    assert rendered == path.read_text("utf-8"), f"run `python3 dev.py golden` if the change to {page} is intended"
