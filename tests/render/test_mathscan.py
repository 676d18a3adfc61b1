"""The fast formula scanner must see exactly what the Markdown parser renders.

`dl500 check` uses the scanner for speed; if it ever disagrees with the parser on a file
of the bank, a formula could render without being checked. This test runs both on every
answer of the real bank and of the mini bank.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dl500.bank.loader import read_bank
from dl500.render.markdown import iter_lab_fences, iter_math
from dl500.render.mathscan import scan_lab_fences, scan_math

REAL = Path(__file__).parents[2] / "content"


@pytest.mark.parametrize("root", [REAL, Path(__file__).parents[1] / "data/mini_bank/content"])
def test_scanner_agrees_with_parser_on_the_bank(root: Path) -> None:
    def spans(found):  # lines may differ by one for `$$` inside a list item; text may not
        return [(s.tex.strip(), s.is_display) for s in found]

    bank, _ = read_bank(root)
    disagreements = []
    for q in bank.questions.values():
        for body in (q.zh, q.en):
            for text in (body.answer, *body.key_points):
                if spans(iter_math(text)) != spans(scan_math(text)):
                    disagreements.append(q.path)
                if list(iter_lab_fences(text)) != list(scan_lab_fences(text)):
                    disagreements.append(q.path)
    assert disagreements == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a $x$ b", [("x", False)]),
        ("$x = a$，即 2×2", [("x = a", False)]),  # plugin bug with allow_digits=False
        ("escaped \\$x$ here", []),
        ("code `$x$` then $y$", [("y", False)]),
        ("inline $$a+b$$ double", [("a+b", True)]),
        ("$$\nx = 1\n$$", [("x = 1", True)]),
        ("- item with $k$\n- next $m$", [("k", False), ("m", False)]),
        ("| $a$ | $b$ |\n|---|---|", [("a", False), ("b", False)]),
        ("```\n$not math$\n```\nafter $z$", [("z", False)]),
    ],
)
def test_scanner_cases(text: str, expected: list[tuple[str, bool]]) -> None:
    assert [(s.tex, s.is_display) for s in scan_math(text)] == expected
    assert [(s.tex, s.is_display) for s in iter_math(text)] == expected
