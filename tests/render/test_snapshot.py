"""Every file the generator makes for a small fixture archive, as a snapshot
(syrupy). An intended change shows as a diff of __snapshots__/: review it and
accept it with `python3 dev.py snapshot`."""

import datetime as dt
import gzip

import pytest

from generator.content.load import load_archive
from generator.content.store import ContentDir
from generator.render.site import SiteOptions, generate_site
from tests.support import ROOT

SMALL = ROOT / "tests" / "fixtures" / "small"
OPTIONS = SiteOptions(edit_base="https://github.com/o/r/edit/main/", site_url="https://example.org/archive/")


def generated() -> dict[str, str]:
    archive, problems = load_archive(ContentDir(SMALL), today=dt.date(2026, 11, 1))
    assert not problems, problems
    return {path: output if isinstance(output, str) else gzip.decompress(output).decode("utf-8")
            if isinstance(output, bytes) else output.text() for path, output in generate_site(archive, OPTIONS).items()}


OUTPUTS = generated()


def test_the_generated_files_are_these(snapshot):
    assert sorted(OUTPUTS) == snapshot


@pytest.mark.parametrize("path", sorted(OUTPUTS))
def test_generated_file(path, snapshot):
    assert OUTPUTS[path] == snapshot
