"""markup.html and join: the fast paths give exactly Markup.format's and Markup.join's text."""

import itertools

from markupsafe import Markup

from generator.render.markup import html, join

VALUES = ["<script>alert('x') & \"y\"</script>", Markup("<b>kept</b>"), 3, None, 2.5, "{}", "{0}", "a}b{", "", "é\u2028"]
TEMPLATES = ['<a href="{}">{}</a>', "{}", "x{}y{}z", "<p>{}</p>", "{} · {}", "{}{}{}", "{0} {1}", "{{}} {}"]


def test_html_is_markup_format_for_every_template_and_value():
    for template in TEMPLATES:
        fields = template.count("{}") - template.count("{{}}") if "{0}" not in template else 2
        for values in itertools.product(VALUES, repeat=fields):
            got = html(template, *values)
            assert got == Markup(template).format(*values) and type(got) is Markup, (template, values)


def test_html_escapes_plain_text_and_keeps_markup():
    assert html("<p>{}</p>", "<i>&</i>") == "<p>&lt;i&gt;&amp;&lt;/i&gt;</p>"
    assert html("<p>{}</p>", Markup("<i>&amp;</i>")) == "<p><i>&amp;</i></p>"


class Escapable:
    """Neither str nor Markup, with its own __html__ (as markupsafe honours)."""

    def __html__(self):
        return "<em>own</em>"


def test_join_is_markup_join_for_every_separator_and_value():
    for separator in ["", " · ", "\n", Markup(", "), Markup("<br>")]:
        for values in itertools.permutations([*VALUES, Escapable()], 3):
            got = join(values, separator)
            assert got == Markup(separator).join(values) and type(got) is Markup, (separator, values)
