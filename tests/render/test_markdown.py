"""Markdown rendering: golden HTML for the mini bank, math extraction, lab fences."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dl500.bank.loader import read_bank
from dl500.render.markdown import Renderer, iter_lab_fences, iter_math

GOLDEN = Path(__file__).parents[1] / "golden"


def _renderer() -> Renderer:
    return Renderer(
        lambda qid: (f"/q/{qid}", f"N {qid}") if qid.startswith("alpha/") else None,
        lambda name, args: f'<div class="lab" data-name="{name}" data-args="{args}"></div>',
    )


@pytest.mark.parametrize("qid", ["alpha/sigmoid-derivative", "alpha/norms"])
def test_golden_answer_html(mini_root: Path, qid: str) -> None:
    bank, _ = read_bank(mini_root)
    q = bank.questions[qid]  # type: ignore[index]
    html = "\n<!-- en -->\n".join(_renderer().render(q.body(lang).answer) for lang in ("zh", "en"))
    path = GOLDEN / f"{qid.replace('/', '__')}.html"
    if os.environ.get("DL500_UPDATE_GOLDEN"):
        path.write_text(html, encoding="utf-8")
    assert html == path.read_text(encoding="utf-8"), "run `make golden` and review the diff"


def test_math_is_escaped_not_interpreted() -> None:
    html = _renderer().render("a $x<y \\& z$ b")
    assert '<span class="math">x&lt;y \\&amp; z</span>' in html


def test_formula_opening_a_line_that_ends_in_a_digit_renders() -> None:
    assert '<span class="math">x = a</span>' in _renderer().render("$x = a$, so 2")


def test_unknown_wikilink_is_marked_missing() -> None:
    assert '<span class="qlink missing">beta/x</span>' in _renderer().render("see [[beta/x]]")


def test_raw_html_is_not_passed_through() -> None:
    assert "<script>" not in _renderer().render("<script>alert(1)</script>")


def test_lab_fence_calls_the_lab_renderer() -> None:
    html = _renderer().render("```lab\nlenet5.param_table variant=modern\n```")
    assert 'data-name="lenet5.param_table" data-args="variant=modern"' in html
    assert list(iter_lab_fences("x\n\n```lab\nfoo.bar\n```\n", 10)) == [(12, "foo.bar", "")]


def test_iter_math_reports_lines() -> None:
    text = "intro $a$\n\n| h |\n|---|\n| $b$ |\n\n$$\nc\n$$\n"
    spans = [(s.line, s.tex, s.is_display) for s in iter_math(text, 100)]
    assert spans == [(100, "a", False), (104, "b", False), (106, "c", True)]
