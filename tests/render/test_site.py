"""What `mkdocs serve --dirty` relies on: the generator says which files changed."""

import dataclasses

from generator.render.site import RenderCache, SiteOptions, changed_paths, generate_site
import datetime as dt

from generator.content.load import Archive
from generator.model.paper import Paper
from generator.model.sources import Source
from generator.model.tags import Tag



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


def test_only_files_whose_text_changed_are_reported():
    last: dict[str, int] = {}
    first = generate_site(ARCHIVE, SiteOptions())
    assert changed_paths(first, last) == set(first)
    assert changed_paths(generate_site(ARCHIVE, SiteOptions()), last) == set()
    papers = list(ARCHIVE.papers)
    papers[1] = dataclasses.replace(papers[1], venue="ICML 2023")
    edited = generate_site(dataclasses.replace(ARCHIVE, papers=tuple(papers)), SiteOptions())
    changed = changed_paths(edited, last)
    assert "papers/ties-merging.md" in changed and "papers/mtl-survey.md" not in changed
    assert all(edited[path] != first[path] for path in changed)


def test_render_cache_never_serves_a_stale_page():
    cache = RenderCache()
    generate_site(ARCHIVE, SiteOptions(), cache)
    papers = list(ARCHIVE.papers)
    papers[0] = dataclasses.replace(papers[0], title="A New Title")
    fresh = generate_site(dataclasses.replace(ARCHIVE, papers=tuple(papers)), SiteOptions(), cache)
    assert fresh["papers/adamerging.md"].meta["title"] == "A New Title"
    assert "A New Title" in fresh["tags/model-merging/index.md"].body  # listings that show it
    renamed = dataclasses.replace(ARCHIVE, vocabulary=tuple(dataclasses.replace(tag, name=tag.name + " (renamed)")
                                                            for tag in ARCHIVE.vocabulary))
    assert "Model merging (renamed)" in generate_site(renamed, SiteOptions(), cache)["papers/adamerging.md"].body
