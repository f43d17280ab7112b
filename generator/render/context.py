"""What pages need beyond their own records: the site's options (one set of
defaults) and the vocabulary and manifest to look names up in."""

from dataclasses import dataclass

from generator.model.paper import Paper
from generator.model.sources import Source
from generator.model.tags import Tag
from generator.model.urls import PAPER_SOURCE, absolute, url_for_paper


@dataclass(frozen=True)
class SiteOptions:
    edit_base: str | None = None          # repository edit URL prefix, e.g. https://github.com/o/r/edit/main/
    site_url: str = "https://example.org/"
    site_name: str = "Daily Papers Archive"
    gzip_level: int = 6  # of the downloads; `mkdocs serve`, whose files are never published, uses 1 (4x faster)
    # papers per search bundle (render/search_parts.py), None: one bundle. 18,000 makes two at 20,000 papers
    # (Pagefind ~1.2 GB each) and three at 50,000 (~2 GB each); a part adds its metadata and one index chunk to a query
    search_part_size: int | None = 18_000


@dataclass(frozen=True)
class SiteContext:
    tags: dict[str, Tag]          # slug -> tag
    sources: dict[str, Source]    # dump file -> manifest entry
    options: SiteOptions = SiteOptions()

    @property
    def site_name(self) -> str:
        return self.options.site_name

    def edit_url(self, slug: str) -> str | None:
        """The page that edits a paper's YAML file; None without an edit base."""
        base = self.options.edit_base
        return base + PAPER_SOURCE.format(slug=slug) if base else None

    def paper_url(self, paper: Paper) -> str:
        """The absolute URL of a paper's page, for feeds and citations."""
        return absolute(self.options.site_url, url_for_paper(paper.slug))

    def absolute(self, url: str) -> str:
        return absolute(self.options.site_url, url)


@dataclass(frozen=True)
class Neighbours:
    """The papers before and after one in its first tag's listing."""

    tag: str | None = None
    previous: Paper | None = None
    next: Paper | None = None
