"""The paper record: one frozen value per YAML file, with real types."""

import datetime as dt
from dataclasses import dataclass, field, fields

# The order of keys in every YAML file; the field names are a contract.
FIELD_ORDER = (
    "title", "published", "tags", "authors_count", "authors", "organization",
    "upvotes", "arxiv_id", "venue", "code_url", "project_url", "links", "sources", "aliases", "abstract",
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
    aliases: tuple[str, ...] = ()   # earlier slugs of the file; each old URL redirects to the page

    def __hash__(self) -> int:
        """Computed once: a Paper keys the render caches, ~60 lookups a build."""
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash(tuple(self.__dict__[name] for name in _FIELDS))
            object.__setattr__(self, "_hash", cached)
        return cached

    def __getstate__(self) -> dict:
        """Without the cached hash: string hashes differ between processes."""
        return {name: value for name, value in self.__dict__.items() if name != "_hash"}

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
            aliases=tuple(data.get("aliases") or ()),
        )


_FIELDS = tuple(item.name for item in fields(Paper))


def sort_key_newest_first(paper: Paper) -> tuple:
    """Newest first, undated last, ties by title then slug. Kept on the paper
    once computed, like its hash: a build sorts each paper some six times."""
    key = paper.__dict__.get("_newest_first")
    if key is None:
        key = (1, 0) if paper.published is None else (0, -paper.published.toordinal())
        key += (paper.title.casefold(), paper.slug)
        object.__setattr__(paper, "_newest_first", key)
    return key
