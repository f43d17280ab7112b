"""What `mkdocs serve --dirty` relies on: the generator says which files changed."""

import dataclasses

from generator.site import SiteOptions, changed_since_last_call, generate_site
from test_golden import ARCHIVE


def test_only_files_whose_text_changed_are_reported():
    first = generate_site(ARCHIVE, SiteOptions())
    assert changed_since_last_call(first) == set(first)
    assert changed_since_last_call(generate_site(ARCHIVE, SiteOptions())) == set()
    papers = list(ARCHIVE.papers)
    papers[1] = dataclasses.replace(papers[1], venue="ICML 2023")
    edited = generate_site(dataclasses.replace(ARCHIVE, papers=tuple(papers)), SiteOptions())
    changed = changed_since_last_call(edited)
    assert "papers/ties-merging.md" in changed and "papers/mtl-survey.md" not in changed
    assert all(edited[path] != first[path] for path in changed)


def test_render_cache_never_serves_a_stale_page():
    generate_site(ARCHIVE, SiteOptions())
    papers = list(ARCHIVE.papers)
    papers[0] = dataclasses.replace(papers[0], title="A New Title")
    fresh = generate_site(dataclasses.replace(ARCHIVE, papers=tuple(papers)), SiteOptions())
    assert '"A New Title"' in fresh["papers/adamerging.md"]
    assert "A New Title" in fresh["tags/model-merging/index.md"]  # listings that show it
    renamed = dataclasses.replace(ARCHIVE, vocabulary=tuple(dataclasses.replace(tag, name=tag.name + " (renamed)")
                                                            for tag in ARCHIVE.vocabulary))
    assert "Model merging (renamed)" in generate_site(renamed, SiteOptions())["papers/adamerging.md"]
