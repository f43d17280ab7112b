"""Math in titles and abstracts: which `$…$` spans are formulas, and the rules a
formula must keep to be rendered.

A formula is TeX limited to an ALLOW-LIST of commands that draw inside their
own box (letters, operators, relations, arrows, fractions, roots, accents,
fonts, delimiters and small fixed spaces), of bounded length and brace depth.
Macro definitions and everything that moves, sizes, colours or links text are
refused. `check` reports each refused formula; the renderer renders only
formulas these rules accept, so a refused one shows as typed."""

import re

from generator.model.text import normalise_whitespace

# `$…$`: not after a backslash or `$`; no space just inside either `$`; a closing
# `$` not followed by a digit or `$` (so "$5 and $10" holds no formula).
MATH_SPAN = re.compile(r"(?<![\\$])\$(?=[^\s$])((?:[^$\\]|\\.)+?)(?<=[^\s\\])\$(?![\d$])")
_DOLLAR = re.compile(r"(?<!\\)\$")

FORMULA_CHARS = 300  # one formula, between its `$`s
MATH_CHARS = 1000  # all formulas of one field
BRACE_DEPTH = 10

# Commands a formula may use. The renderer draws every one of them inside the formula's box.
ALLOWED_COMMANDS: dict[str, str] = {
    "Greek letters": "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa varkappa lambda mu "
                     "nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta "
                     "Lambda Xi Pi Sigma Upsilon Phi Psi Omega",
    "letter-like symbols": "ell hbar imath jmath infty partial nabla emptyset varnothing aleph Re Im wp prime forall "
                           "exists nexists neg lnot top bot angle triangle dagger ddagger checkmark",
    "dots": "cdots ldots dots vdots ddots",
    "binary operators": "pm mp times div cdot ast star circ bullet oplus ominus otimes oslash odot cap cup sqcap sqcup "
                        "vee wedge land lor setminus uplus diamond",
    "relations": "leq le geq ge neq ne equiv approx approxeq sim simeq cong propto ll gg subset supset subseteq "
                 "supseteq subsetneq supsetneq in notin ni mid nmid parallel perp models vdash dashv prec succ preceq "
                 "succeq asymp doteq triangleq lesssim gtrsim leqslant geqslant coloneqq colon",
    "arrows": "to gets rightarrow leftarrow leftrightarrow Rightarrow Leftarrow Leftrightarrow mapsto longrightarrow "
              "longleftarrow longleftrightarrow Longrightarrow Longleftarrow Longleftrightarrow longmapsto implies iff "
              "uparrow downarrow updownarrow Uparrow Downarrow hookrightarrow hookleftarrow rightleftharpoons",
    "large operators and limits": "sum prod coprod int iint iiint oint bigcup bigcap bigoplus bigotimes bigodot bigvee "
                                  "bigwedge bigsqcup biguplus lim limsup liminf sup inf max min argmax argmin limits",
    "function names": "log ln lg exp sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh det dim ker deg gcd Pr "
                      "hom bmod pmod",
    "fractions, roots, stacking": "frac dfrac tfrac binom sqrt stackrel overset underset",
    "accents": "hat widehat tilde widetilde bar overline underline vec dot ddot check breve acute grave mathring "
               "overrightarrow overleftarrow overbrace underbrace",
    "delimiters": "left right middle big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr langle rangle "
                  "lfloor rfloor lceil rceil lbrace rbrace vert Vert lvert rvert lVert rVert backslash",
    "fonts and text": "mathbb mathcal mathrm mathbf mathit mathsf mathtt mathfrak mathscr boldsymbol bm text textrm "
                      "textbf textit texttt textsf textnormal emph",
    "spaces": "quad qquad",
}
ALLOWED_NAMES = frozenset(" ".join(ALLOWED_COMMANDS.values()).split())
# A backslash before one of these characters: a space (`\,` `\;` `\:` `\ `) or the character itself.
ALLOWED_SYMBOLS = frozenset(",;: {}|%$&#_")
# Named on their own: a definition can expand without bound, whatever its length.
DEFINITIONS = frozenset("def gdef edef xdef let futurelet newcommand renewcommand providecommand newenvironment "
                        "renewenvironment DeclareMathOperator DeclareRobustCommand newif csname expandafter".split())

_TOKEN = re.compile(r"\\([A-Za-z]+|.?)|[{}]", re.DOTALL)  # `.?`: a backslash that ends the formula
_SHOWN_CHARS = 40


def math_spans(text: str) -> list[re.Match]:
    """The `$…$` spans of `text` that are formulas: none when `text` has an odd
    number of unescaped `$` (one of them is no delimiter, so all stay as typed)."""
    if "$" not in text or len(_DOLLAR.findall(text)) % 2:
        return []
    return list(MATH_SPAN.finditer(text))


def shown(formula: str) -> str:
    """A formula as a message quotes it: on one line, cut after a few words."""
    formula = normalise_whitespace(formula)
    return "$" + (formula if len(formula) <= _SHOWN_CHARS else formula[:_SHOWN_CHARS] + "…") + "$"


def formula_problems(formula: str) -> list[str]:
    """What breaks the rules in one formula (the text between its `$`s)."""
    where = f"math ({shown(formula)})"
    problems = []
    if len(formula) > FORMULA_CHARS:
        problems.append(f"a formula has {len(formula):,} characters ({shown(formula)}); "
                        f"at most {FORMULA_CHARS} are allowed per formula")
    depth = deepest = 0
    closed_too_soon = False
    defined, refused = [], []
    for token in _TOKEN.finditer(formula):
        if token.group() == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif token.group() == "}":
            depth -= 1
            closed_too_soon = closed_too_soon or depth < 0
        else:
            name = " " if token.group(1).isspace() else token.group(1)  # `\` and a line break: a space
            if name in DEFINITIONS:
                defined.append("\\" + name)
            elif name not in ALLOWED_NAMES and name not in ALLOWED_SYMBOLS:
                refused.append("\\" + name)
    if depth != 0 or closed_too_soon:
        problems.append(f"unbalanced braces in {where}: each {{ needs a matching }}")
    if deepest > BRACE_DEPTH:
        problems.append(f"braces are nested {deepest} deep in {where}; at most {BRACE_DEPTH} levels are allowed")
    if defined:
        problems.append(f"macro definitions ({', '.join(dict.fromkeys(defined))}) are not allowed in {where}; "
                        "write the formula out in full")
    if refused:
        names = list(dict.fromkeys(refused))
        problems.append(f"the command{'s' if len(names) > 1 else ''} {', '.join(names)} "
                        f"{'are' if len(names) > 1 else 'is'} not allowed in {where}; "
                        "allowed commands are listed in CONTRIBUTING.md"
                        + ("; for \\operatorname{x} write \\mathrm{x}" if "\\operatorname" in names else ""))
    return problems


def math_problems(text: str) -> list[str]:
    """What breaks the math rules in one field's text: each formula's problems,
    then the total length of its formulas."""
    spans = math_spans(text)
    problems = [problem for span in spans for problem in formula_problems(span.group(1))]
    total = sum(len(span.group(1)) for span in spans)
    if total > MATH_CHARS:
        problems.append(f"the formulas ($…$) in this field have {total:,} characters in all; "
                        f"at most {MATH_CHARS:,} are allowed")
    return list(dict.fromkeys(problems))
