"""check-site's rules on a record's own text hold for whatever `check`
accepts, and a failure names the record; the site's size against its budget."""

from generator.content.load import load_archive
from generator.content.yamlio import dump_mapping
from generator.model.paper import FIELD_ORDER
from generator.verify.site_checks import SIZE_FIXED, SIZE_PER_PAPER, check_site
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
