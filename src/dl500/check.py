"""`dl500 check`: every content rule, plus the ones that need the renderer and the labs.

The bank checks its own format; this module adds what needs the other layers: that every
formula parses in KaTeX and that every ```lab fence names a registered lab whose cached
output is current.
"""

from __future__ import annotations

from pathlib import Path

from dl500.bank.loader import read_bank
from dl500.bank.schema import Bank, Question
from dl500.errors import ContentError, Severity
from dl500.labs.cache import is_stale
from dl500.labs.registry import registry
from dl500.render.katex import check_formulas
from dl500.render.mathscan import scan_lab_fences, scan_math


def check_content(root: Path) -> tuple[Bank, list[ContentError]]:
    """Return the bank and every problem in it, sorted by path and line."""
    bank, problems = read_bank(root)
    problems += _check_math(bank)
    problems += _check_labs(bank, root)
    return bank, sorted(problems)


def _bodies(q: Question) -> list[tuple[str, int]]:
    out = []
    for body in (q.zh, q.en):
        out.append(("\n".join(f"- {p}" for p in body.key_points), body.answer_line))
        out.append((body.answer, body.answer_line))
    return out


def _check_math(bank: Bank) -> list[ContentError]:
    found: list[tuple[Question, int, str, bool]] = []
    for q in bank.questions.values():
        for text, first in _bodies(q):
            found += [
                (q, s.line if s.line else first, s.tex, s.is_display)
                for s in scan_math(text, first)
            ]
    verdicts, used_katex = check_formulas([(tex, disp) for _, _, tex, disp in found])
    problems = [
        ContentError(q.path, line, "math", f"does not parse: {error}")
        for (q, line, _, _), error in zip(found, verdicts, strict=True)
        if error
    ]
    if found and not used_katex:
        problems.append(
            ContentError(
                "content",
                1,
                "math",
                "KaTeX is not installed (run "
                "`make` or `npm ci`); formulas were only checked for "
                "balanced braces",
                Severity.WARNING,
            )
        )
    return problems


def _check_labs(bank: Bank, root: Path) -> list[ContentError]:
    labs = registry()
    problems = []
    for q in bank.questions.values():
        for body in (q.zh, q.en):
            for line, name, _ in scan_lab_fences(body.answer, body.answer_line):
                entry = labs.get(name)
                if entry is None:
                    problems.append(
                        ContentError(
                            q.path, line, "lab", f"unknown lab {name!r}; see `dl500 labs list`"
                        )
                    )
                elif is_stale(entry, root):
                    problems.append(
                        ContentError(
                            q.path,
                            line,
                            "lab",
                            f"output of {name!r} is missing or stale; run `dl500 labs build`",
                        )
                    )
    return problems
