import posixpath

import pytest

from generator.model.urls import paged_url, relative, url_for_page


@pytest.mark.parametrize("here, there", [
    ("", ""), ("", "tags/"), ("tags/x/", "tags/"), ("tags/x/", "papers/a/"), ("papers/a/", "papers/b/"),
    ("tags/x/page/2/", "tags/x/"), ("tags/x/", "tags/x/page/2/"), ("tags/x/", "feed-x.xml"), ("", "feed.xml"),
    ("tags/x/", "tags/x/papers.json"), ("tags/", "tags/"), ("orgs/o/", "orgs/"),
])
def test_relative_links_resolve_back_to_their_target(here, there):
    link = relative(here, there)
    resolved = posixpath.normpath(posixpath.join(here or ".", link))
    assert resolved == posixpath.normpath(there or ".")
    assert link.endswith("/") == (there.endswith("/") or there == "")


def test_paged_urls_and_pages():
    assert paged_url("tags/x/", 1) == "tags/x/" and paged_url("tags/x/", 3) == "tags/x/page/3/"
    assert url_for_page("tags/x/index.md") == "tags/x/" and url_for_page("papers/a.md") == "papers/a/"
    assert url_for_page("index.md") == ""
