"""model/tex.py: which `$…$` spans are formulas, and the math rules `check` applies."""

import re
from pathlib import Path

import pytest

from generator.model.tex import (ALLOWED_COMMANDS, ALLOWED_NAMES, BRACE_DEPTH, FORMULA_CHARS, formula_problems,
                                 math_problems, math_spans)

# Every formula the archive and the fixtures held when the rules were written, and common ones
ACCEPTED = ["$R^2$-Tuning: Efficient Image-to-Video Transfer Learning", "Re$^3$Sim: Generating Data",
            "fine-tuning of $textbf{specialist} and textbf{generalist}$ models", "a | $y$", "`code` \\ $x^2$ _u_",
            "We report 11\\% gains with $\\lambda_i$ coefficients", "gains of 5\\% on $\\mathbf{eleven}$ tasks",
            "$\\mathcal{O}(n^2)$ to $\\mathcal{O}(n \\log n)$", "$\\ell_1$ and $\\ell_\\infty$ balls",
            "$k$-NN with $\\epsilon$-greedy", "$\\mathbb{E}_{x \\sim p_{\\text{data}}}[\\log D(x)]$",
            "$\\frac{1}{\\sqrt{T}}$ regret", "$\\left(\\frac{a}{b}\\right)^2$",
            "$\\hat{\\theta} \\to \\theta^\\star$", "$\\{0, 1\\}^n$ and $50\\%$", "$a \\, b \\; c \\quad d$",
            "$\\mathrm{softmax}(x)$"]


@pytest.mark.parametrize("text", ACCEPTED)
def test_the_archives_formulas_and_common_math_keep_the_rules(text):
    assert math_problems(text) == []


def test_spans_are_the_formulas_and_none_with_an_odd_dollar():
    assert [span.group(1) for span in math_spans("Costs $5 and $10; $x<y$ and $a$.")] == ["x<y", "a"]
    assert math_spans("odd $x$ and $") == [] and math_spans("no math") == []
    assert [span.group(1) for span in math_spans("$\\$5$ and \\$ $y$ \\$")] == ["\\$5", "y"]


@pytest.mark.security
@pytest.mark.parametrize(("text", "message"), [
    ("$\\raisebox{30em}{x}$", "the command \\raisebox is not allowed in math ($\\raisebox{30em}{x}$); "
                              "allowed commands are listed in CONTRIBUTING.md"),
    ("$\\kern-9em x \\color{red}{y}\\kern1em$", "the commands \\kern, \\color are not allowed in math "
                                                  "($\\kern-9em x \\color{red}{y}\\kern1em$); allowed commands are "
                                                  "listed in CONTRIBUTING.md"),
    ("$\\href{javascript:alert(1)}{x}$", "the command \\href is not allowed in math ($\\href{javascript:alert(1)}{x}$); "
                                        "allowed commands are listed in CONTRIBUTING.md"),
    ("$\\operatorname{rank}(W)$", "the command \\operatorname is not allowed in math ($\\operatorname{rank}(W)$); "
                                "allowed commands are listed in CONTRIBUTING.md; for \\operatorname{x} write "
                                "\\mathrm{x}"),
    ("$a \\! b \\\\ c$", "the commands \\!, \\\\ are not allowed in math ($a \\! b \\\\ c$); allowed commands are "
                         "listed in CONTRIBUTING.md"),
    ("$\\def\\a{" + "x" * 1000 + "}" + "\\a" * 300 + "$",
     "a formula has 1,608 characters ($\\def\\a{xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…$); at most 300 are allowed per formula"),
    ("$\\newcommand{\\b}{y}\\b$", "macro definitions (\\newcommand) are not allowed in math ($\\newcommand{\\b}{y}\\b$); "
                                  "write the formula out in full"),
    ("$" + "{" * 11 + "x" + "}" * 11 + "$",
     "braces are nested 11 deep in math (${{{{{{{{{{{x}}}}}}}}}}}$); at most 10 levels are allowed"),
    ("$\\frac{a}{b$", "unbalanced braces in math ($\\frac{a}{b$): each { needs a matching }"),
    ("$a}{b$", "unbalanced braces in math ($a}{b$): each { needs a matching }"),
    ("$a}\\kern{b$", "the command \\kern is not allowed in math ($a}\\kern{b$); allowed commands are listed in "
                     "CONTRIBUTING.md"),
])
def test_each_rule_has_a_message_naming_the_formula(text, message):
    assert message in math_problems(text)


@pytest.mark.security
def test_a_definition_reports_every_rule_it_breaks_once():
    text = "$\\def\\a{" + "x" * 1000 + "}" + "\\a" * 300 + "$ and $\\def\\a{y}\\a$"
    assert math_problems(text) == [
        "a formula has 1,608 characters ($\\def\\a{xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…$); at most 300 are allowed "
        "per formula",
        "macro definitions (\\def) are not allowed in math ($\\def\\a{xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…$); "
        "write the formula out in full",
        "the command \\a is not allowed in math ($\\def\\a{xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…$); allowed commands "
        "are listed in CONTRIBUTING.md",
        "macro definitions (\\def) are not allowed in math ($\\def\\a{y}\\a$); write the formula out in full",
        "the command \\a is not allowed in math ($\\def\\a{y}\\a$); allowed commands are listed in CONTRIBUTING.md",
        "the formulas ($…$) in this field have 1,619 characters in all; at most 1,000 are allowed"]


@pytest.mark.security
def test_nested_braces_and_long_formulas_are_refused_at_the_limits():
    nested = "$" + "{" * BRACE_DEPTH + "x" + "}" * BRACE_DEPTH + "$"
    assert math_problems(nested) == []
    assert math_problems(("$" + "{" * 200 + "x" + "}" * 200 + "$ ") * 4) == [
        "a formula has 401 characters (${{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{…$); at most 300 are allowed per formula",
        "braces are nested 200 deep in math (${{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{…$); at most 10 levels are allowed",
        "the formulas ($…$) in this field have 1,604 characters in all; at most 1,000 are allowed"]
    assert math_problems("$" + "x" * FORMULA_CHARS + "$") == []
    assert math_problems(" ".join(["$" + "x" * 250 + "$"] * 4)) == []
    assert math_problems(" ".join(["$" + "x" * 250 + "$"] * 4) + " $y$") == [
        "the formulas ($…$) in this field have 1,001 characters in all; at most 1,000 are allowed"]


def test_a_formula_is_quoted_on_one_line():
    assert math_problems("$a\n\\kern\n  b$") == [
        "the command \\kern is not allowed in math ($a \\kern b$); allowed commands are listed in CONTRIBUTING.md"]


def test_the_allowed_commands_are_named_once_and_hold_no_definition_or_mover():
    names = " ".join(ALLOWED_COMMANDS.values()).split()
    assert len(names) == len(ALLOWED_NAMES)
    assert not ALLOWED_NAMES & {"def", "newcommand", "raisebox", "kern", "mkern", "hspace", "rule", "color", "href",
                                "url", "includegraphics", "htmlStyle", "style", "vphantom", "smash", "rlap", "llap",
                                "Huge", "displaystyle", "mathchoice", "char", "not", "mbox", "operatorname"}


def test_a_backslash_that_ends_a_formula_is_refused():
    # no `$…$` span ends in a backslash; the rules hold for any text given to them all the same
    assert formula_problems("x\\") == [
        "the command \\ is not allowed in math ($x\\$); allowed commands are listed in CONTRIBUTING.md"]


def test_contributing_lists_exactly_the_allowed_commands():
    guide = (Path(__file__).resolve().parents[2] / "CONTRIBUTING.md").read_text("utf-8")
    section = guide[guide.index("**Math in titles and abstracts.**"):guide.index("## Walk-throughs")]
    listed = set(re.findall(r"^- [^:]+: (.*)$", section, re.M))
    names = {name for line in listed for name in re.findall(r"`\\([A-Za-z]+)`", line)}
    assert names == ALLOWED_NAMES
