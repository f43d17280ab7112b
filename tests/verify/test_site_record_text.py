"""check-site's rules on a record's own text hold for whatever `check`
accepts, and a failure names the record; the site's size against its budget."""

import pytest

from generator.content.load import load_archive, load_record
from generator.content.store import ContentDir
from generator.content.yamlio import dump_mapping
from generator.model.paper import FIELD_ORDER
from generator.verify.site_checks import SIZE_FIXED, SIZE_PER_PAPER, check_site
from tests.support import ROOT, build_site, copy_repo
from tests.verify.test_site_checks import make_site


def one_record(content, title: str) -> None:
    record = {"title": title, "published": "2024-03-05", "tags": ["style-transfer"], "abstract": "A."}
    (content.papers / "a.yaml").write_text(dump_mapping(record, FIELD_ORDER), encoding="utf-8")


def test_a_title_with_unicode_spaces_that_check_accepts_passes_check_site(tmp_path, content):
    # Pagefind keeps a no-break space and collapses a run of plain spaces
    one_record(content, "Shared\u00a0Encoders  for\u2009All")
    assert [problem.severity for problem in load_archive(content, advice=True)[1]] == ["warning", "warning"]
    site = make_site(tmp_path, {"index.html": "", "papers/a/index.html": ""},
                     {"/papers/a/": "Shared\u00a0Encoders for\u2009All"})
    assert check_site(site, content) == []


def test_a_search_title_unlike_the_record_names_the_record_at_its_title_line(tmp_path, content):
    one_record(content, "Shared Encoders")
    (content.papers / "a.yaml").write_text("published: 2024-03-05\n" + (content.papers / "a.yaml").read_text("utf-8")
                                           .replace("published: 2024-03-05\n", ""), encoding="utf-8")
    site = make_site(tmp_path, {"index.html": "", "papers/a/index.html": ""}, {"/papers/a/": "Shared &amp; Encoders"})
    assert [problem.text() for problem in check_site(site, content)] == [
        "content/papers/a.yaml:2: title: the search index (site/pagefind) holds the title as 'Shared &amp; Encoders', "
        "not as the record writes it"]


def test_a_page_in_the_search_index_that_is_no_record_s_is_named(tmp_path, content):
    one_record(content, "Shared Encoders")
    site = make_site(tmp_path, {"index.html": "", "papers/a/index.html": ""}, {"/papers/b/": "B"})
    assert [problem.text() for problem in check_site(site, content)] == [
        "site/pagefind:1: -: the search index holds '/papers/b/', which is no record's page"]


def test_a_site_over_its_size_budget_is_refused(tmp_path, content):
    one_record(content, "Shared Encoders")
    site = make_site(tmp_path, {"index.html": "", "papers/a/index.html": ""}, {"/papers/a/": "Shared Encoders"})
    allowed = SIZE_FIXED + SIZE_PER_PAPER
    with open(site / "big.bin", "wb") as file:  # sparse: its size without writing it
        file.truncate(allowed - sum(path.stat().st_size for path in site.rglob("*") if path.is_file()))
    assert check_site(site, content) == []
    with open(site / "big.bin", "ab") as file:
        file.write(b"x")
    assert [problem.text() for problem in check_site(site, content)] == [
        "site:1: -: the site is 16,795,649 bytes, more than the 16,795,648 allowed for 1 paper (16 MiB plus "
        "18 KiB a paper); is the vocabulary or a record too large?"]


TITLES = ("Spaces" + "".join(f" w{index}{space}x" for index, space in enumerate(
              "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000")),
          "Formats a\u200bb c\u00add e\u200ef g\u2060h i\ufeffj k\u200fl m\u200dn",  # marks only: direction controls are refused
          "Marks e\u0301 \U0001d538 \U0001f600 a\u20dd \u0915\u094d\u0937",
          "Markup & <b>bold</b> &amp; {{ done }}",
          "\u00a0Edge\u3000 ")


@pytest.mark.slow
def test_titles_of_every_kind_of_character_check_accepts_build_and_pass_check_site(tmp_path, monkeypatch):
    repo = copy_repo(tmp_path, ROOT / "tests" / "fixtures" / "small")
    content = ContentDir(repo / "content")
    for path, title in zip(sorted(content.papers.glob("*.yaml")), TITLES):
        _, data, _ = load_record(path)
        path.write_text(dump_mapping({**data, "title": title}, FIELD_ORDER), encoding="utf-8")
    monkeypatch.chdir(repo)
    assert [problem.text() for problem in load_archive(content, advice=True)[1] if problem.severity == "error"] == []
    result = build_site(repo, repo / "site")
    assert result.returncode == 0, result.stderr
    assert check_site(repo / "site", content) == []
