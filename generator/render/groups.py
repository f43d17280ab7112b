"""Indexes as data, each built in one pass by a pure function."""

from collections import defaultdict
from itertools import groupby

from generator.model.paper import Paper, sort_key_newest_first


def newest_first(papers) -> list[Paper]:
    return sorted(papers, key=sort_key_newest_first)


def group_by_tag(papers: tuple[Paper, ...]) -> dict[str, list[Paper]]:
    """Tag slug -> its papers, newest first, undated last."""
    groups: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        for tag in paper.tags:
            groups[tag].append(paper)
    return {tag: newest_first(members) for tag, members in sorted(groups.items())}


def group_by_year(papers: tuple[Paper, ...]) -> dict[int, list[Paper]]:
    """Year -> its dated papers, newest first; newest year first."""
    dated = newest_first(paper for paper in papers if paper.published)
    return {year: list(members) for year, members in groupby(dated, key=lambda paper: paper.published.year)}


def group_by_month(papers: list[Paper]) -> dict[int, list[Paper]]:
    """Month -> papers of one year, newest month first (input newest first)."""
    return {month: list(members) for month, members in groupby(papers, key=lambda paper: paper.published.month)}


def undated(papers: tuple[Paper, ...]) -> list[Paper]:
    return sorted((paper for paper in papers if paper.published is None), key=lambda p: (p.title.casefold(), p.slug))


def group_by_organisation(papers: tuple[Paper, ...], slug_of) -> dict[str, list[Paper]]:
    """Organisation slug -> its papers, newest first; organisations by name."""
    groups: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        if paper.organization:
            groups[slug_of(paper.organization)].append(paper)
    ordered = sorted(groups.items(), key=lambda item: (item[1][0].organization.casefold(), item[0]))
    return {slug: newest_first(members) for slug, members in ordered}


def neighbours_in_first_tag(papers: tuple[Paper, ...], by_tag: dict[str, list[Paper]]) -> dict[str, tuple]:
    """Slug -> (first tag, previous paper, next paper) in that tag's listing."""
    result = {}
    for tag, members in by_tag.items():
        for position, paper in enumerate(members):
            if paper.tags and paper.tags[0] == tag:
                previous = members[position - 1] if position > 0 else None
                following = members[position + 1] if position + 1 < len(members) else None
                result[paper.slug] = (tag, previous, following)
    return result
