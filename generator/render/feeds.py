"""Atom feeds of the newest papers (pure: papers in, XML text out)."""

import datetime as dt

from feedgen.feed import FeedGenerator

from generator.model.paper import Paper
from generator.render.plain_text import plain_text

FEED_SIZE = 50  # entries per feed; dated papers only, as a feed orders by date
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _moment(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)


def atom_feed(title: str, author: str, feed_url: str, page_url: str, papers: list[Paper], url_of,
              tag_names: dict[str, str]) -> str:
    """An Atom 1.0 feed of the newest dated `papers` (given newest first); titles
    and summaries in their plain form (render/plain_text: a feed reader shows text)."""
    entries = [paper for paper in papers if paper.published][:FEED_SIZE]
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    feed.author({"name": author})
    feed.link(href=page_url, rel="alternate")
    feed.link(href=feed_url, rel="self")
    feed.updated(_moment(entries[0].published) if entries else _EPOCH)
    feed.generator("paper-archive")
    for paper in entries:
        entry = feed.add_entry(order="append")
        entry.id(url_of(paper))
        entry.title(plain_text(paper.title))
        entry.link(href=url_of(paper), rel="alternate")
        entry.published(_moment(paper.published))
        entry.updated(_moment(paper.published))
        entry.summary(plain_text(paper.abstract))
        for slug in paper.tags:
            entry.category(term=slug, label=tag_names.get(slug, slug))
        if paper.organization:
            entry.author(name=paper.organization)
    return feed.atom_str(pretty=True).decode("utf-8")


EMPTY_SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')
