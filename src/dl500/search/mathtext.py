"""Inline LaTeX as readable plain text, for snippets and the search index.

A snippet is plain text (a terminal cannot typeset, and a cut may fall anywhere), so
`$\\dfrac{1}{1+e^{-z}}$` becomes `1/(1+e^(−z))` and `$\\sigma(1-\\sigma)$` becomes
`σ(1-σ)`. The index then also stops matching the markup itself ("frac", "mathbf").

This is not a LaTeX renderer: commands it does not know lose their backslash and keep
their name, and any input, however malformed, gives some text (never an error).
"""

from __future__ import annotations

import re

SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "θ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ",
    "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
    "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "le": "≤", "leq": "≤",
    "ge": "≥", "geq": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "~", "equiv": "≡",
    "propto": "∝", "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒",
    "infty": "∞", "sum": "Σ", "prod": "Π", "int": "∫", "partial": "∂", "nabla": "∇",
    "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "cup": "∪", "cap": "∩",
    "forall": "∀", "exists": "∃", "odot": "⊙", "otimes": "⊗", "oplus": "⊕", "circ": "∘",
    "ldots": "…", "cdots": "…", "dots": "…", "vdots": "⋮", "mid": "|", "lVert": "‖",
    "rVert": "‖", "Vert": "‖", "|": "‖", "langle": "⟨", "rangle": "⟩", "top": "ᵀ",
    "quad": " ", "qquad": " ", ",": " ", ";": " ", ":": " ", "!": "", " ": " ",
    "{": "{", "}": "}", "%": "%", "_": "_", "&": "&", "#": "#", "$": "$",
    "left": "", "right": "", "big": "", "Big": "", "bigg": "", "Bigg": "", "displaystyle": "",
    "prime": "′", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "ell": "ℓ", "star": "*",
}  # fmt: skip
FRACTIONS = {"frac", "dfrac", "tfrac", "cfrac"}
MAX_NESTING = 200
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_INLINE = re.compile(r"(?<![\\$])\$(?![\s$])([^$\n]*?[^\s\\$])\$(?![$\d])")
"""`$…$` as Markdown math reads it: no space inside either dollar, no digit after the
closing one (so "$5 and $10" stays prose)."""


def inline_math_to_text(text: str) -> str:
    """Replace every `$…$` in `text` by its plain-text reading."""
    return _INLINE.sub(lambda m: math_to_text(m.group(1)), text)


def math_to_text(latex: str) -> str:
    """Return a plain-text reading of one LaTeX formula."""
    if latex.count("\\") + latex.count("{") > MAX_NESTING:  # the reader recurses
        return re.sub(r"\\([A-Za-z]*)|[{}]", r"\1", latex)
    out, _ = _read(latex, 0, closing=None)
    return re.sub(r" {2,}", " ", out).strip()


def _read(src: str, at: int, closing: str | None) -> tuple[str, int]:
    """Read from `at` up to the matching `closing` brace (or the end); return (text, next)."""
    parts: list[str] = []
    while at < len(src):
        c = src[at]
        if c == closing:
            return "".join(parts), at + 1
        if c == "{":
            inner, at = _read(src, at + 1, "}")
            parts.append(inner)
        elif c == "\\":
            text, at = _command(src, at)
            parts.append(text)
        elif c in "^_":
            arg, at = _argument(src, at + 1)
            if arg in ("ᵀ", "′"):  # W^\top, f^\prime
                parts.append(arg)
            else:
                parts.append(c + (arg if arg.isalnum() else f"({arg})"))
        else:
            parts.append(c)
            at += 1
    return "".join(parts), at


def _command(src: str, at: int) -> tuple[str, int]:
    """Read the command at `at` (a backslash) and what it applies to."""
    m = _COMMAND.match(src, at)
    if m is None:  # a lone backslash at the very end
        return "", at + 1
    name, at = m.group(1), m.end()
    if name in FRACTIONS:
        top, at = _argument(src, at)
        bottom, at = _argument(src, at)
        return f"{_grouped(top)}/{_grouped(bottom)}", at
    if name == "sqrt":
        arg, at = _argument(src, at)
        return f"√{_grouped(arg)}", at
    if name in SYMBOLS:
        return SYMBOLS[name], at
    if name.isalpha() and at < len(src) and src[at] == "{":
        return _argument(src, at)  # \text{…}, \mathbf{…}, \hat{…}: keep the content
    return name, at  # \log, \max, \softmax: the name reads fine


def _argument(src: str, at: int) -> tuple[str, int]:
    """Read one argument: a braced group, a command, or a single character."""
    while at < len(src) and src[at] == " ":
        at += 1
    if at >= len(src):
        return "", at
    if src[at] == "{":
        return _read(src, at + 1, "}")
    if src[at] == "\\":
        return _command(src, at)
    return src[at], at + 1


def _grouped(text: str) -> str:
    """Parenthesise a fraction part unless it is a single name or number."""
    return text if re.fullmatch(r"[\w.·′']*", text) else f"({text})"
