"""The sitemap: every page's URL for search engines, as the sitemaps.org
protocol wants it at any size: `sitemap.xml` is an index of gzip files of at
most 50,000 URLs each (a single file would pass that limit near 50,000 papers,
and as plain text it would be 10 MB of the published site).

No <lastmod>: the records carry no modification time, and the build date on
every page tells a crawler nothing."""

from xml.sax.saxutils import escape

from generator.render.exports import gzipped

SITEMAP_FILE = "sitemap.xml"
SITEMAP_PART = "sitemaps/{number}.xml.gz"
URLS_PER_PART = 50_000  # the protocol's limit for one file
_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_files(site_url: str, urls: list[str]) -> dict[str, str | bytes]:
    """{path in the site: text or gzip bytes}: the index and its parts, for
    `urls` relative to the site root (`site_url`), in the order given."""
    base = site_url.rstrip("/") + "/"
    parts = [urls[start:start + URLS_PER_PART] for start in range(0, len(urls), URLS_PER_PART)] or [[]]
    files: dict[str, str | bytes] = {}
    for number, part in enumerate(parts, 1):
        lines = "".join(f"<url><loc>{escape(base + url)}</loc></url>\n" for url in part)
        files[SITEMAP_PART.format(number=number)] = gzipped(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_NAMESPACE}">\n{lines}</urlset>\n')
    entries = "".join(f"<sitemap><loc>{escape(base + path)}</loc></sitemap>\n" for path in files)
    files[SITEMAP_FILE] = f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{_NAMESPACE}">\n{entries}</sitemapindex>\n'
    return files
