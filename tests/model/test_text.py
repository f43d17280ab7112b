from generator.model.text import find_links, normalise_whitespace


def test_normalise_whitespace():
    assert normalise_whitespace("  a \t b\n\nc ") == "a b c"


def test_find_links_strips_sentence_punctuation_and_braces():
    text = ("Code: https://github.com/x/y. Data at {https://github.com/zahrag/BIOSCAN-5M} and "
            "(see https://example.org/a_(b)) again https://github.com/x/y")
    assert find_links(text) == ("https://github.com/x/y", "https://github.com/zahrag/BIOSCAN-5M",
                                "https://example.org/a_(b)")


def test_find_links_ignores_other_schemes():
    assert find_links("javascript:alert(1) ftp://x.org data:text/html,hi") == ()
