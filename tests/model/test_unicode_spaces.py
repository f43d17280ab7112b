import sys
import unicodedata

from generator.model.text import to_plain_spaces, unicode_spaces


def test_every_unicode_space_but_the_plain_one_is_found_and_made_plain():
    spaces = "".join(char for char in map(chr, range(sys.maxunicode + 1))
                     if unicodedata.category(char) == "Zs" and char != " ")
    assert len(unicode_spaces(spaces)) == len(spaces)
    assert to_plain_spaces(f"a{spaces}b") == "a" + " " * len(spaces) + "b"


def test_spaces_are_named_once_in_order_of_appearance():
    assert unicode_spaces("a\u3000b\u00a0c\u3000 d\u200be") == ["ideographic space U+3000", "no-break space U+00A0"]
