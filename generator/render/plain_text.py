"""The plain form of a title or abstract, for every place markup cannot go: the
tab title (<title>), `citation_title`, JSON-LD, feeds, the description metas
and the search result's title (Pagefind keeps its titles as plain text).

One rule everywhere: a formula (`$…$`, as model/tex.py finds them) whose
every symbol has a Unicode character becomes those characters (`$R^2$-Tuning` ->
`R²-Tuning`, `Re$^3$Sim` -> `Re³Sim`); any other formula keeps its TeX without
the dollars (`$\\mathcal{O}(n)$` -> `\\mathcal{O}(n)`), never half converted.
Unicode has superscripts and subscripts for digits, signs and only a few
letters, so a formula is converted whole or not at all. Text outside formulas
is unchanged, except `\\$`, which shows as `$`."""

import re

from generator.model.tex import math_problems, math_spans

_SUPERSCRIPT = dict(zip("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ"))
_SUBSCRIPT = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
_COMMANDS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ",
    "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "ell": "ℓ", "infty": "∞", "times": "×", "cdot": "·",
    "pm": "±", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "approx": "≈", "to": "→",
    "rightarrow": "→", "leftarrow": "←", "in": "∈", "sim": "∼", "%": "%",
}
# one token of a formula: a command, a script with its argument, or one character
_TOKEN = re.compile(r"\\([A-Za-z]+|%)|([\^_])(?:\{([^{}]*)\}|(.))|(.)", re.S)
_PLAIN_CHAR = re.compile(r"[A-Za-z0-9 +\-=()\[\]/,.:;|!'<>*]")


def _unicode(tex: str) -> str | None:
    """The formula as Unicode characters, or None when one symbol has none."""
    out = []
    for match in _TOKEN.finditer(tex):
        command, script, braced, single, char = match.groups()
        if command is not None:
            if command not in _COMMANDS:
                return None
            out.append(_COMMANDS[command])
        elif script is not None:
            table = _SUPERSCRIPT if script == "^" else _SUBSCRIPT
            argument = braced if braced is not None else single
            if not argument or any(symbol not in table for symbol in argument):
                return None
            out.append("".join(table[symbol] for symbol in argument))
        elif _PLAIN_CHAR.fullmatch(char):
            out.append(char)
        else:
            return None
    return "".join(out)


def _outside(text: str) -> str:
    return text.replace("\\$", "$")


def plain_text(text: str) -> str:
    """`text` with each formula in its plain form (module docstring). A field the
    page shows as typed (an odd number of unescaped `$`, a formula breaking the
    math rules of model/tex.py) keeps its dollars here too."""
    if "$" not in text or math_problems(text):
        return text
    parts, end = [], 0
    for match in math_spans(text):
        tex = match.group(1)
        converted = _unicode(tex)
        parts += [_outside(text[end:match.start()]), tex if converted is None else converted]
        end = match.end()
    return "".join([*parts, _outside(text[end:])])
