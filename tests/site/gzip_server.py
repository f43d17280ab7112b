"""A built site served on 127.0.0.1 as a static host serves it: text compressed
with gzip when the client accepts it, and cache headers (for Lighthouse)."""

import gzip
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

from tests.support import StaticServer

COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".bib"}


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "public, max-age=600")
        super().end_headers()

    def send_head(self):
        requested = Path(self.translate_path(self.path))
        if requested.is_dir() and not self.path.split("?")[0].endswith("/"):
            return super().send_head()  # the redirect to the folder's URL with a slash
        path = requested / "index.html" if requested.is_dir() else requested
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.body = body
        return None

    def do_GET(self):
        self.body = None
        result = self.send_head()
        if self.body is not None:
            self.wfile.write(self.body)
        elif result is not None:
            try:
                self.copyfile(result, self.wfile)
            finally:
                result.close()


def GzipServer(directory: Path) -> StaticServer:
    """`with GzipServer(site) as base_url:`"""
    return StaticServer(directory, _Handler)
