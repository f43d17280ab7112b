import pytest

from generator.content.yamlio import YamlError, dump_mapping, load_mapping
from generator.model.paper import FIELD_ORDER

TRICKY_STRINGS = [
    "yes", "null", "1.0", "2024-09-27", ": leading colon", "# not a comment", "- dash", "'quoted'",
    '"double"', "trailing space ", " leading", "∑∂ — ⚡️", "大规模语言模型", "a" * 500, "tab\there",
    "{{ jinja }}", "<script>alert(1)</script>", "*star* _under_ `tick` \\ $x^2$ |pipe|", "---", "@at", "%percent",
]


@pytest.mark.parametrize("text", TRICKY_STRINGS)
def test_any_title_survives_the_round_trip(text):
    data = {"title": text, "abstract": text, "tags": ["x"], "sources": ["d.txt"]}
    loaded, _ = load_mapping(dump_mapping(data, FIELD_ORDER))
    assert loaded == data


def test_canonical_form_orders_keys_and_drops_empty_values():
    text = dump_mapping({"sources": ["d.txt"], "abstract": "A.", "title": "T", "tags": ["b", "a"],
                         "published": "2024-01-02", "links": [], "upvotes": None}, FIELD_ORDER)
    assert text == "title: T\npublished: 2024-01-02\ntags:\n  - b\n  - a\nsources:\n  - d.txt\nabstract: A.\n"
    assert "!!" not in text


def test_dates_stay_strings():
    data, _ = load_mapping("published: 2024-13-45\n")
    assert data == {"published": "2024-13-45"}


def test_line_numbers_of_keys():
    _, lines = load_mapping("title: T\n\n# comment\nabstract: A\n")
    assert lines == {"title": 1, "abstract": 4}


@pytest.mark.parametrize("text, line, message", [
    ("title: a\ntags: []\ntitle: b\n", 3, "duplicate key (first at line 1)"),
    ("- a\n- b\n", 1, "expected a mapping of fields at the top level"),
    ("", 1, "the file is empty; expected a mapping of fields"),
    ("title: [unclosed\nabstract: x\n", 1, "the list in brackets that starts on this line is not closed"),
    ("title: !!python/object:os.system x\n", 1, "explicit tags"),
])
def test_bad_yaml_is_a_clear_error_with_a_line(text, line, message):
    with pytest.raises(YamlError) as caught:
        load_mapping(text)
    assert caught.value.line == line
    assert caught.value.message.startswith(message)
