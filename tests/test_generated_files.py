"""What `mkdocs serve --dirty` relies on: the generator says which files changed."""

import dataclasses

from generator.site import RenderCache, SiteOptions, changed_paths, generate_site
from test_golden import ARCHIVE


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
