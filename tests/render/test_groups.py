import datetime as dt

from generator.render.groups import (group_by_month, group_by_organisation, group_by_tag, group_by_year,
                                     neighbours_in_first_tag, undated)
from generator.model.paper import Paper


def paper(slug, tags=("a",), published=None, title=None, abstract="Words about nothing in particular.", organization=None):
    return Paper(slug=slug, title=title or slug, abstract=abstract, tags=tags, sources=("d.txt",),
                 published=published, organization=organization)


PAPERS = (
    paper("old", published=dt.date(2020, 5, 1)),
    paper("new", published=dt.date(2024, 9, 27), tags=("a", "b")),
    paper("mid", published=dt.date(2024, 1, 2), tags=("b",), organization="Org"),
    paper("none-b"), paper("none-a"),
)


def test_group_by_tag_newest_first_undated_last_by_title():
    assert {tag: [p.slug for p in members] for tag, members in group_by_tag(PAPERS).items()} == {
        "a": ["new", "old", "none-a", "none-b"], "b": ["new", "mid"]}


def test_group_by_year_and_month():
    by_year = group_by_year(PAPERS)
    assert list(by_year) == [2024, 2020]
    assert {month: [p.slug for p in members] for month, members in group_by_month(by_year[2024]).items()} == {9: ["new"], 1: ["mid"]}
    assert [p.slug for p in undated(PAPERS)] == ["none-a", "none-b"]


def test_group_by_organisation():
    assert {slug: [p.slug for p in members] for slug, members in group_by_organisation(PAPERS, str.lower).items()} == {"org": ["mid"]}


def test_neighbours_in_first_tag():
    around = neighbours_in_first_tag(PAPERS, group_by_tag(PAPERS))
    assert around["old"] == ("a", PAPERS[1], PAPERS[4])
    assert around["mid"] == ("b", PAPERS[1], None)
