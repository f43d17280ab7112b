"""The whole generated part of the site: archive in, {output path: output} out.
Pages (`.md`, a `Page` of metadata and body) go through MkDocs; other files
(feeds, data) are text copied as they are."""

from generator.content.embeddings import vectors_by_slug
from generator.content.load import Archive
from generator.model.paper import Paper
from generator.model.slugs import organisation_slug
from generator.model.tags import topic_tags
from generator.model.urls import (DATES_PAGE, FEED_FILE, FEEDS_SITEMAP_FILE, HOME_PAGE, HOME_URL, MISSING_PAGE,
                                  ORGS_PAGE, PAPERS_CSV_FILE, PAPERS_JSON_FILE, TAGS_PAGE, UNDATED_URL, page_for_paper,
                                  page_for_url, paged_url, tag_downloads, url_for_org, url_for_tag, url_for_year)
from generator.render.citation import bibtex_entry_text, bibtex_file
from generator.render.context import Neighbours, SiteContext, SiteOptions
from generator.render.exports import csv_file, csv_row, gzipped, json_entry, papers_json
from generator.render.feeds import EMPTY_SITEMAP, atom_feed
from generator.render.groups import (group_by_organisation, group_by_tag, group_by_year, neighbours_in_first_tag,
                                     newest_first, undated)
from generator.render.listings import (paginate, render_dates_overview, render_home, render_org, render_orgs_overview,
                                       render_tag, render_tags_overview, render_undated, render_year)
from generator.render.markup import Page
from generator.render.missing_page import render_missing
from generator.render.paper_page import render_paper
from generator.render.redirects import redirect_pages
from generator.render.related import RelatedCache, related_papers
from generator.render.search_parts import search_parts, search_parts_file
from generator.render.search_terms import paper_words, search_filters, search_terms


class OutputClash(ValueError):
    """Two things would be written to the same path."""


_MISSING = object()


class RenderCache:
    """What a build rendered, by key: reused within the build (a paper's BibTeX
    is on its page and in each of its tags' files) and by the next build while
    the inputs are equal, so `mkdocs serve` re-renders only what an edit changed.
    Owned by the caller (the MkDocs glue keeps one for `serve`); it holds two
    builds at most."""

    def __init__(self, related: RelatedCache | None = None):
        self.context = None
        self.previous: dict = {}
        self.current: dict = {}
        self.related = related or RelatedCache()  # the related papers' own cache, by content hash

    def start(self, context_key) -> None:
        """A new build; what the last one rendered stays usable while `context_key` is equal."""
        self.previous = self.current if context_key == self.context else {}
        self.context, self.current = context_key, {}

    def get(self, key, render):
        # each lookup hashes the key again (a listing's key holds 100 papers): three at most
        output = self.current.get(key, _MISSING)
        if output is _MISSING:
            output = self.previous.get(key, _MISSING)
            if output is _MISSING:
                output = render()
            self.current[key] = output
        return output


def changed_paths(output: dict[str, Page | str | bytes], last: dict[str, int]) -> set[str]:
    """The paths whose output differs from `last` (path -> hash, updated in
    place): what a dirty rebuild must write again."""
    hashes = {path: hash((value.body, repr(value.meta), value.markdown) if isinstance(value, Page) else value)
              for path, value in output.items()}
    changed = {path for path, digest in hashes.items() if last.get(path) != digest}
    last.clear()
    last.update(hashes)
    return changed


def _add(output: dict, path: str, text: Page | str | bytes) -> None:
    if path in output:
        raise OutputClash(f"two generated files map to {path}")
    output[path] = text


def _add_listing(output: dict, cache: RenderCache, base_url: str, papers: list[Paper], render) -> None:
    """A paginated listing: `render(chunk, number, count, total)` for each page."""
    pages = paginate(papers)
    for number, chunk in enumerate(pages, 1):
        key = (base_url, tuple(chunk), number, len(pages), len(papers))
        _add(output, page_for_url(paged_url(base_url, number)),
             cache.get(key, lambda: render(chunk, number, len(pages), len(papers))))


def _related(archive: Archive, cache: RenderCache) -> dict[str, list[Paper]]:
    """Related papers, picked again only when a title, abstract or tag changed,
    or which tags are broad (and computed again only when a title or abstract
    did: `cache.related`); kept as slugs, so other edits show through."""
    papers, topics = archive.papers, topic_tags(archive.vocabulary)
    key = ("related", topics, tuple((paper.slug, paper.title, paper.abstract, paper.tags, paper.arxiv_id)
                                    for paper in papers), archive.embeddings.digest())
    slugs = cache.get(key, lambda: related_papers(papers, cache=cache.related, topics=topics,
                                                  vectors=vectors_by_slug(archive.embeddings, papers)))
    by_slug = {paper.slug: paper for paper in papers}
    return {slug: [by_slug[other] for other in others] for slug, others in slugs.items()}


def prepare_paper_pages(archive: Archive, cache: RenderCache) -> None:
    """What every share of `paper_pages` needs, computed once into `cache`
    (the related papers), so processes forked after it share it."""
    _related(archive, cache)


def _context(archive: Archive, options: SiteOptions) -> SiteContext:
    return SiteContext({tag.slug: tag for tag in archive.vocabulary},
                       {source.file: source for source in archive.sources}, options)


def _citation(cache: RenderCache, context: SiteContext, paper: Paper) -> str:
    return cache.get(("bibtex", paper), lambda: bibtex_entry_text(paper, context.paper_url(paper)))


def paper_pages(archive: Archive, options: SiteOptions, cache: RenderCache,
                share: tuple[int, int] = (0, 1)) -> dict[str, Page]:
    """Every paper's page, {output path: Page}; `cache` started by generate_site
    for the same build (the MkDocs glue renders these in second processes).
    `share` (i, n): only every n-th paper from the i-th, for n processes that
    computed the related papers (cached in `cache`) before they forked."""
    context = _context(archive, options)
    related = _related(archive, cache)
    neighbours = neighbours_in_first_tag(archive.papers, group_by_tag(archive.papers))
    output: dict[str, Page] = {}
    for paper in archive.papers[share[0]::share[1]]:
        around = Neighbours(*neighbours.get(paper.slug, (None, None, None)))
        others = related[paper.slug]
        _add(output, page_for_paper(paper.slug),
             cache.get((paper, tuple(others), around),
                       lambda: render_paper(paper, others, around, context, _citation(cache, context, paper))))
    return output


def example_paper_page(archive: Archive, options: SiteOptions) -> tuple[str, Page]:
    """The first paper's page without related papers or neighbours: the same
    template and metadata keys as every paper page, in a fraction of the time."""
    paper = archive.papers[0]
    return paper.slug, render_paper(paper, [], Neighbours(None, None, None), _context(archive, options))


def generate_site(archive: Archive, options: SiteOptions = SiteOptions(),
                  cache: RenderCache | None = None, papers: bool = True) -> dict[str, Page | str | bytes]:
    """Every generated page (a Page: metadata and body) and download (text);
    without the paper pages when `papers` is False (see `paper_pages`)."""
    cache = cache or RenderCache()
    context = _context(archive, options)
    cache.start((options, archive.vocabulary, archive.sources))
    output: dict[str, Page | str | bytes] = paper_pages(archive, options, cache) if papers else {}
    papers = archive.papers
    newest = newest_first(papers)
    by_tag = group_by_tag(papers)
    by_year = group_by_year(papers)
    by_org = group_by_organisation(papers, organisation_slug)
    no_date = undated(papers)
    tag_names = {slug: tag.name for slug, tag in context.tags.items()}

    def citation(paper: Paper) -> str:
        return _citation(cache, context, paper)

    def record(paper: Paper) -> str:
        return cache.get(("json", paper), lambda: json_entry(paper, context.paper_url(paper)))

    _add(output, TAGS_PAGE, render_tags_overview(by_tag, context))
    for slug, tag in context.tags.items():
        members = by_tag.get(slug, [])
        _add_listing(output, cache, url_for_tag(slug), members,
                     lambda *page, slug=slug: render_tag(slug, *page, context))
        feed, bib = tag_downloads(slug)
        _add(output, feed, atom_feed(f"{tag.name} — {options.site_name}", options.site_name, context.absolute(feed),
                                     context.absolute(url_for_tag(slug)), members, context.paper_url, tag_names))
        _add(output, bib, bibtex_file([citation(paper) for paper in members]))
    _add(output, DATES_PAGE, render_dates_overview(by_year, len(no_date)))
    for year, members in by_year.items():
        _add_listing(output, cache, url_for_year(year), members, lambda *page, year=year: render_year(year, *page, context))
    _add_listing(output, cache, UNDATED_URL, no_date, lambda *page: render_undated(*page, context))
    _add(output, ORGS_PAGE, render_orgs_overview(by_org))
    for slug, members in by_org.items():
        _add_listing(output, cache, url_for_org(slug), members,
                     lambda *page, slug=slug, name=members[0].organization: render_org(slug, name, *page, context))
    _add(output, MISSING_PAGE, render_missing(papers, context))
    slugs = {paper.slug for paper in papers}
    for alias in sorted(alias for paper in papers for alias in paper.aliases if alias in slugs):
        raise OutputClash(f"the old slug {alias!r} is a paper's slug")  # `check` refuses it first
    for path, text in redirect_pages(papers, context.paper_url).items():
        _add(output, path, text)
    _add(output, HOME_PAGE, render_home(papers, newest, by_tag, len(no_date), context))
    _add(output, FEED_FILE, atom_feed(options.site_name, options.site_name, context.absolute(FEED_FILE),
                                      context.absolute(HOME_URL), newest, context.paper_url, tag_names))
    _add(output, FEEDS_SITEMAP_FILE, EMPTY_SITEMAP)
    _add(output, PAPERS_JSON_FILE, gzipped(papers_json([record(paper) for paper in newest]), options.gzip_level))
    _add(output, PAPERS_CSV_FILE, gzipped(csv_file([cache.get(("csv", paper), lambda paper=paper: csv_row(
        paper, context.paper_url(paper))) for paper in newest]), options.gzip_level))

    def words_of(paper: Paper, names: dict[str, str]):
        return cache.get(("words", paper), lambda: paper_words(paper, names))
    for path, text in [*search_terms(papers, tag_names, words_of).items(), *search_filters(papers, tag_names).items(),
                       *search_parts_file(search_parts(papers, options.search_part_size)).items()]:
        _add(output, path, text)
    return output
