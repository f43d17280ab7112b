"""The plain form of titles and abstracts, for places markup cannot go."""

import pytest

from generator.render.plain_text import plain_text


@pytest.mark.parametrize("text, plain", [
    ("$R^2$-Tuning: Efficient", "R²-Tuning: Efficient"),
    ("Re$^3$Sim", "Re³Sim"),
    ("$x_{ij}$ and $\\alpha$-blending", "xᵢⱼ and α-blending"),
    ("$O(n^{2})$ time, $k \\leq 5$", "O(n²) time, k ≤ 5"),
    # a formula with a symbol Unicode has no character for keeps its TeX, whole, without the dollars
    ("$\\mathcal{O}(n)$ and $x^T$", "\\mathcal{O}(n) and x^T"),
    ("$\\frac{1}{2}$-step", "\\frac{1}{2}-step"),
    # no formula: as typed
    ("Costs $5 and $10", "Costs $5 and $10"),
    ("odd $x", "odd $x"),
    ("a \\$ b", "a $ b"),
    ("$\\def\\x{1}\\x$ breaks the math rules", "$\\def\\x{1}\\x$ breaks the math rules"),  # shown as typed on the page too
    ("Plain title", "Plain title"),
])
def test_plain_form(text, plain):
    assert plain_text(text) == plain
