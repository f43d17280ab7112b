"""markup: html and join (the fast paths give exactly Markup.format's and Markup.join's text), and math."""

import itertools
import subprocess
import sys
import time
from xml.etree import ElementTree

import latex2mathml.converter
import pytest
from markupsafe import Markup, escape

from generator.model.tex import ALLOWED_NAMES, ALLOWED_SYMBOLS, math_problems
from generator.render.markup import MATHML, _content, _mathml, html, join, math_text

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


# --- Math: formulas as MathML, bounded by the rules of model/tex.py

HOSTILE_MATH = {  # each kept as typed, quickly; before the rules, each crashed, flooded the page or moved text
    "a definition of 1,000 characters used 300 times": "$\\def\\a{" + "x" * 1000 + "}" + "\\a" * 300 + "$",
    "text raised over the header": "Title $\\raisebox{30em}{x}$",
    "fractions nested 20 deep": "$" + "\\frac{" * 20 + "x" + "}{y}" * 20 + "$",
    "a formula of 10,000 characters": "$" + "x+" * 5000 + "y$",
}


def _as_typed(text: str) -> str:
    return str(escape(text))


@pytest.mark.security
@pytest.mark.parametrize("name", HOSTILE_MATH)
def test_hostile_math_stays_as_typed_and_finishes(name):
    started = time.monotonic()
    assert math_text(HOSTILE_MATH[name]) == _as_typed(HOSTILE_MATH[name])
    assert time.monotonic() - started < 10  # finishes (a bound for a loaded machine, not a speed claim)


@pytest.mark.security
def test_four_formulas_of_200_nested_braces_leave_the_process_alive():
    # In a child process: the renderer before this one corrupted its memory here and aborted.
    text = ("$" + "{" * 200 + "x" + "}" * 200 + "$ ") * 4
    script = ("import sys; from generator.render.markup import math_text; "
              "sys.stdout.write(str(math_text(sys.stdin.read())))")
    result = subprocess.run([sys.executable, "-c", script], input=text, capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stderr, result.stdout) == (0, "", _as_typed(text))


@pytest.mark.security
def test_a_field_at_the_math_limits_renders_to_bounded_markup():
    text = " ".join(["$\\mathbf{" + "a" * 240 + "}$"] * 4)  # the widest MathML per character of TeX
    assert math_problems(text) == []
    rendered = math_text(text)
    assert rendered.count("<math ") == 4 and len(rendered) < 40 * len(text)


def test_every_allowed_command_renders_as_mathml():
    def sample(name):
        if name in ("frac", "dfrac", "tfrac", "binom", "stackrel", "overset", "underset"):
            return f"\\{name}{{a}}{{b}}"
        return {"left": "\\left(a\\right)", "right": "\\left(a\\right)", "middle": "\\left(a\\middle|b\\right)",
                "limits": "\\sum\\limits_{i} a"}.get(name, f"\\{name}{{x}}")

    for name in sorted(ALLOWED_NAMES):
        rendered = math_text(f"${sample(name)}$")
        presentation = rendered.split("<annotation")[0]
        assert presentation.startswith('<span class="katex-mathml-root"><math '), name
        assert f"\\{name}" not in presentation, name  # not shown as an unknown command
    for symbol in ALLOWED_SYMBOLS:
        assert math_text(f"$a\\{symbol}b$").startswith('<span class="katex-mathml-root">'), symbol


def test_math_written_is_what_check_site_allows():
    from generator.verify.site_checks import ALLOWED

    for element, attributes in MATHML.items():
        assert element in ALLOWED and attributes <= ALLOWED[element].keys(), element


@pytest.mark.security
@pytest.mark.parametrize(("tag", "attributes"), [
    ("mrow", {"href": "javascript:alert(1)"}), ("mrow", {"style": "color:red"}), ("mi", {"onclick": "x"}),
    ("mstyle", {"mathcolor": "red"}), ("mspace", {"width": "1em;x"}), ("mi", {"mathvariant": 'x" onclick="y'}),
    ("mi", {"mathvariant": "url(x)"}), ("maction", {}), ("a", {}), ("mpadded", {"voffset": "30em"}),
])
def test_the_rewriter_refuses_elements_attributes_and_values_outside_its_list(tag, attributes):
    row = ElementTree.Element("mrow")
    ElementTree.SubElement(row, tag, attributes).text = "x"
    assert _content(row) is None


@pytest.mark.security
def test_the_rewriter_writes_text_from_the_tree_never_as_markup():
    # latex2mathml's own text output turns `<` typed in \text{} into markup; the tree keeps it text
    rendered = math_text("$\\text{<b>x</b> &amp; <img src=x onerror=alert(1)>}$")
    assert "<b>" not in rendered and "<img" not in rendered
    assert "<mtext>&lt;b&gt;x&lt;/b&gt;\u00a0&amp;\u00a0&lt;img\u00a0src=x\u00a0onerror=alert(1)&gt;</mtext>" in rendered


@pytest.mark.parametrize("text", ["$\\frac{a}$", "$x^$", "$\\sqrt$"])
def test_math_the_renderer_cannot_write_in_full_stays_as_typed(text):
    assert math_text(text) == _as_typed(text)


@pytest.mark.security
@pytest.mark.parametrize("failure", [RecursionError, MemoryError, ValueError, KeyError])
def test_a_renderer_failure_keeps_the_text(monkeypatch, failure):
    def fail(tex):
        raise failure("boom")

    monkeypatch.setattr(latex2mathml.converter, "convert_to_element", fail)
    _mathml.cache_clear()
    try:
        assert math_text("A $x^2$ b") == "A $x^2$ b"
    finally:
        _mathml.cache_clear()


def test_math_needs_no_platform_specific_package():
    math_text("$x^2$")
    assert "pykatex" not in sys.modules  # latex2mathml is pure Python: math renders on every platform
