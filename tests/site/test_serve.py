"""`mkdocs serve` picks up an edited YAML record without a restart."""

import subprocess
import sys
import time

import pytest

from tests.support import copy_repo, fetch, free_port, served_root, wait_for
from generator.content.yamlio import dump_mapping, load_mapping
from generator.model.paper import FIELD_ORDER


@pytest.mark.parametrize("mode", [[], ["--dirty", "--no-strict"]])
def test_serve_rebuilds_when_a_record_changes_and_keeps_search(tmp_path, mode):
    repo = copy_repo(tmp_path)
    record_path = sorted((repo / "content" / "papers").glob("adamerging*.yaml"))[0]
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *mode],
                              cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: served_root(port) is not None, 120), "mkdocs serve did not come up"
        url = f"{served_root(port)}papers/{record_path.stem}/"
        assert "Published Feb 29, 2000" not in fetch(url)
        record, _ = load_mapping(record_path.read_text("utf-8"))
        record_path.write_text(dump_mapping({**record, "published": "2000-02-29"}, FIELD_ORDER), encoding="utf-8")
        assert wait_for(lambda: "Published Feb 29, 2000" in (fetch(url) or ""), 120), "the edit never showed"
        # a full rebuild cleans the folder and indexes again; a dirty one keeps the index
        assert wait_for(lambda: fetch(f"{served_root(port)}pagefind/pagefind.js") is not None, 60), "no search index"
    finally:
        server.terminate()
        server.wait(timeout=30)

