"""The paper record: one frozen value per YAML file, with real types."""

import datetime as dt
from dataclasses import dataclass, field

# The order of keys in every YAML file; the field names are a contract.
FIELD_ORDER = (
    "title", "published", "tags", "authors_count", "authors", "organization",
    "upvotes", "arxiv_id", "venue", "code_url", "project_url", "links", "sources", "abstract",
)


@dataclass(frozen=True)
class Paper:
    slug: str  # the file's stem: content/papers/<slug>.yaml
    title: str
    abstract: str
    tags: tuple[str, ...]
    sources: tuple[str, ...] = ()  # dumps it was seen in; () for a paper added by hand
    published: dt.date | None = None
    authors_count: int | None = None
    authors: tuple[str, ...] = ()
    organization: str | None = None
    upvotes: int | None = None
    arxiv_id: str | None = None
    venue: str | None = None
    links: tuple[str, ...] = field(default=())
    code_url: str | None = None     # the code repository (https)
    project_url: str | None = None  # the project page (https)

    @classmethod
    def from_mapping(cls, slug: str, data: dict) -> "Paper":
        """A record from a validated, typed mapping (dates still ISO strings)."""
        published = data.get("published")
        return cls(
            slug=slug,
            title=data["title"],
            abstract=data["abstract"],
            tags=tuple(data["tags"]),
            sources=tuple(data.get("sources") or ()),
            published=dt.date.fromisoformat(published) if published else None,
            authors_count=data.get("authors_count"),
            authors=tuple(data.get("authors") or ()),
            organization=data.get("organization"),
            upvotes=data.get("upvotes"),
            arxiv_id=data.get("arxiv_id"),
            venue=data.get("venue"),
            links=tuple(data.get("links") or ()),
            code_url=data.get("code_url"),
            project_url=data.get("project_url"),
        )


def sort_key_newest_first(paper: Paper) -> tuple:
    """Newest first, undated last, ties by title then slug."""
    if paper.published is None:
        return (1, 0, paper.title.casefold(), paper.slug)
    return (0, -paper.published.toordinal(), paper.title.casefold(), paper.slug)
