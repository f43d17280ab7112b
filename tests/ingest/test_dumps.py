import datetime as dt

import pytest

from generator.ingest.dumps import METADATA, ParseProblem, decode, parse_dump

ABSTRACT_1 = "We study multi-task learning with shared encoders. " * 4
ABSTRACT_2 = "Style transfer moves the look of one image onto another; code at https://github.com/x/y. " * 3

BLANK_LINE_LAYOUT = f"""new

Get trending papers in your email inbox!

Subscribe

Daily Papers

byAK and the research community

Oct 9

First Paper: A Title

{ABSTRACT_1}

Second Paper

{ABSTRACT_2}
"""

ALTERNATING_GLUED = f"""Get trending papers in your email inbox once a day!
Get trending papers in your email inbox!
SubscribeGlobal Rhythm Style Transfer Without Text Transcriptions
{ABSTRACT_1}
Second Paper
{ABSTRACT_2}
"""

METADATA_LAYOUT = f"""new

Subscribe

byAK and the research community

Apr 16

Meta Paper One

{ABSTRACT_1}

  • 5 authors
·
Sep 27, 2024

Meta Paper Two

{ABSTRACT_2}

facebook AI at Meta
·
Jan 7 3
"""


def test_blank_line_layout_gives_titles_abstracts_and_page_date():
    parsed = parse_dump(BLANK_LINE_LAYOUT)
    assert [(e.title, e.line) for e in parsed.entries] == [("First Paper: A Title", 13), ("Second Paper", 17)]
    assert parsed.entries[0].abstract == ABSTRACT_1.strip()
    assert parsed.page_date == "Oct 9"
    assert parsed.problems == ()


def test_header_glued_to_first_title_keeps_that_paper():
    parsed = parse_dump(ALTERNATING_GLUED)
    assert [e.title for e in parsed.entries] == ["Global Rhythm Style Transfer Without Text Transcriptions", "Second Paper"]
    assert parsed.entries[0].line == 3
    assert parsed.page_date is None


def test_metadata_blocks_give_authors_organisation_date_and_upvotes():
    parsed = parse_dump(METADATA_LAYOUT, captured=dt.date(2026, 4, 16))
    first, second = parsed.entries
    assert (first.authors_count, first.organization, first.published, first.upvotes) == (5, None, dt.date(2024, 9, 27), None)
    assert (second.authors_count, second.organization, second.published, second.upvotes) == (None, "facebook AI at Meta", dt.date(2026, 1, 7), 3)
    assert parsed.problems == ()


def test_year_less_date_without_capture_date_is_left_empty():
    parsed = parse_dump(METADATA_LAYOUT, captured=None)
    assert parsed.entries[1].published is None
    assert parsed.entries[0].published == dt.date(2024, 9, 27)


def test_crlf_and_byte_order_mark_parse_like_the_others():
    raw = ("\ufeff" + BLANK_LINE_LAYOUT).replace("\n", "\r\n").encode("utf-8")
    assert parse_dump(decode(raw)) == parse_dump(BLANK_LINE_LAYOUT)


def test_whitespace_inside_title_and_abstract_is_normalised():
    parsed = parse_dump(f"A   spaced\ttitle \n{ABSTRACT_1}  \n")
    assert parsed.entries[0].title == "A spaced title"
    assert "  " not in parsed.entries[0].abstract


def test_title_without_abstract_is_reported_with_its_line():
    text = f"Lonely Title\n\nNext Title\n\n{ABSTRACT_1}\n"
    parsed = parse_dump(text)
    assert [e.title for e in parsed.entries] == ["Next Title"]
    assert parsed.problems == (ParseProblem(1, "abstract", "title 'Lonely Title' has no abstract"),)


def test_trailing_title_without_abstract_is_reported():
    parsed = parse_dump(f"One\n{ABSTRACT_1}\nDangling Title\n")
    assert parsed.problems == (ParseProblem(3, "abstract", "title 'Dangling Title' has no abstract"),)


def test_abstract_without_title_is_reported():
    parsed = parse_dump(f"{ABSTRACT_1 * 3}\n\nTitle\n\n{ABSTRACT_2}\n")
    assert [e.title for e in parsed.entries] == ["Title"]
    assert parsed.problems[0].line == 1
    assert parsed.problems[0].field == "title" and parsed.problems[0].message.startswith("a paragraph of")


def test_bad_metadata_date_is_reported_and_paper_kept():
    text = f"Title\n\n{ABSTRACT_1}\n\n  • 2 authors\n·\nFeb 30, 2024\n"
    parsed = parse_dump(text)
    assert parsed.entries[0].authors_count == 2
    assert parsed.entries[0].published is None
    assert parsed.problems == (ParseProblem(7, "published", "no such day: 'Feb 30, 2024'", METADATA),)


def test_metadata_block_without_a_paper_is_reported():
    parsed = parse_dump("  • 2 authors\n·\nJan 7\n")
    assert parsed.entries == ()
    assert parsed.problems == (ParseProblem(1, "-", "metadata block (authors · date) does not follow an abstract", METADATA),)


def test_symbols_and_non_latin_titles_are_kept_exactly():
    text = f"∑∂ — ⚡️\n{ABSTRACT_1}\n大规模语言模型的迁移学习\n{ABSTRACT_2}\n"
    assert [e.title for e in parse_dump(text).entries] == ["∑∂ — ⚡️", "大规模语言模型的迁移学习"]


def long_title(length: int) -> str:
    """A title of exactly `length` characters (no full stop at the end, like every real title)."""
    return ("Scaling Laws for Transfer Across Many Tasks and Modalities " * 20)[:length - 1] + "s"


@pytest.mark.parametrize("length", [305, 600])
def test_long_titles_import_in_every_layout(length):
    title = long_title(length)
    assert len(title) == length
    layouts = [f"Oct 9\n\n{title}\n\n{ABSTRACT_1}\n\nSecond Paper\n\n{ABSTRACT_2}\n",
               f"Subscribe{title}\n{ABSTRACT_1}\nSecond Paper\n{ABSTRACT_2}\n",
               f"Apr 16\n\nFirst\n\n{ABSTRACT_2}\n\n  • 2 authors\n·\nJan 7\n\n{title}\n\n{ABSTRACT_1}\n\n  • 3 authors\n·\nJan 8\n"]
    for text in layouts:
        parsed = parse_dump(text)
        assert title in [entry.title for entry in parsed.entries]
        assert parsed.problems == ()


@pytest.mark.parametrize("abstract", ["We show it works.", "Short, with no full stop", "x"])
def test_short_abstract_after_a_title_is_still_an_abstract(abstract):
    parsed = parse_dump(f"Oct 9\n\nA Title\n\n{abstract}\n\nNext Title\n\n{ABSTRACT_1}\n")
    assert [(e.title, e.abstract) for e in parsed.entries] == [("A Title", abstract), ("Next Title", ABSTRACT_1.strip())]
    assert parsed.problems == ()


def test_the_line_before_a_metadata_block_is_an_abstract():
    parsed = parse_dump(f"A Title\n\nShort abstract\n\n  • 2 authors\n·\nJan 7\n\nNext\n\n{ABSTRACT_1}\n")
    assert [(e.title, e.abstract, e.authors_count) for e in parsed.entries] == [
        ("A Title", "Short abstract", 2), ("Next", ABSTRACT_1.strip(), None)]
    assert parsed.problems == ()


def test_a_title_right_before_a_metadata_block_is_reported_with_the_block():
    parsed = parse_dump(f"One\n\n{ABSTRACT_1}\n\n  • 2 authors\n·\nJan 7\n\nLonely\n\n  • 3 authors\n·\nJan 8\n")
    assert [e.title for e in parsed.entries] == ["One"]
    assert parsed.problems == (ParseProblem(9, "abstract", "title 'Lonely' has no abstract"),
                               ParseProblem(11, "-", "metadata block (authors · date) does not follow an abstract", METADATA))


def test_the_lost_partner_is_placed_where_titles_keep_no_full_stop():
    text = f"T1\n\n{ABSTRACT_1}\n\nT2\n\nT3\n\n{ABSTRACT_2}\n"
    parsed = parse_dump(text)
    assert [e.title for e in parsed.entries] == ["T1", "T3"]
    assert parsed.problems == (ParseProblem(5, "abstract", "title 'T2' has no abstract"),)


def test_lines_the_layout_cannot_pair_are_reported_not_guessed():
    parsed = parse_dump("Alpha\n\nBeta\n\nGamma\n")
    assert parsed.entries == ()
    assert parsed.problems == (ParseProblem(1, "-", "lines 1-5 do not pair up as title then abstract: "
                                                    "one of them has no partner and the layout does not show which"),)


def test_pairs_every_reading_agrees_on_are_kept():
    parsed = parse_dump(f"T1\n\n{ABSTRACT_1}\n\nAlpha\n\nBeta\n\nGamma\n")
    assert [e.title for e in parsed.entries] == ["T1"]
    assert parsed.problems == (ParseProblem(5, "-", "lines 5-9 do not pair up as title then abstract: "
                                                    "one of them has no partner and the layout does not show which"),)


def test_two_lost_partners_are_reported_not_paired_wrongly():
    parsed = parse_dump(f"Lonely Title\n\nSecond Title\n\n{ABSTRACT_1}\n\n{ABSTRACT_2}\n")
    assert parsed.entries == ()
    assert parsed.problems == (ParseProblem(1, "-", "lines 1-7 do not pair up as title then abstract: "
                                                    "line 5 ends with a full stop where a title is expected"),)


def test_a_long_part_with_a_line_without_partner_is_read_in_linear_time():
    # 20,001 titles and no metadata: every even line is a possible orphan; trying
    # each with a pass over the part took minutes (quadratic)
    import time
    text = "\n".join(f"Title {number}" for number in range(20_001))
    started = time.monotonic()
    parsed = parse_dump(text)
    assert time.monotonic() - started < 2.0
    assert parsed.entries == () and [problem.line for problem in parsed.problems] == [1]


def test_a_problem_names_every_line_it_leaves_out():
    # a metadata block read for no paper covers its three lines; one cut short, its two
    parsed = parse_dump("· \n• 3 authors\n·\nOct 9\nA Title\nAn abstract. Done.\n")
    assert [(problem.line, list(problem.lines)) for problem in parsed.problems] == [(1, [1]), (2, [2, 3, 4])]
    parsed = parse_dump("T1\nA one. Two.\n• 3 authors\n·\n")
    assert [(problem.line, list(problem.lines), problem.message) for problem in parsed.problems] == [
        (3, [3, 4], "metadata block (authors · date) has no date line")]
    assert [(entry.line, entry.abstract_line, entry.metadata_line) for entry in parsed.entries] == [(1, 2, None)]
