"""Inline LaTeX read as plain text for snippets and the index."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dl500.search.mathtext import inline_math_to_text, math_to_text
from dl500.search.snippet import plain_text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"\dfrac{1}{1+e^{-z}}", "1/(1+e^(-z))"),
        (r"\sigma(1-\sigma)", "σ(1-σ)"),
        (r"\text{softmax}(z)-\text{onehot}(y)", "softmax(z)-onehot(y)"),
        (r"\frac{\partial L}{\partial w_{ij}}", "(∂ L)/(∂ w_ij)"),
        (r"\sqrt{d_k}", "√d_k"),
        (r"\mathbf{W}^\top \mathbf{x}", "Wᵀ x"),
        (r"\left(\frac{1}{n}\right)", "(1/n)"),
        (r"\frac12", "1/2"),
        (r"\sum_{i=1}^{n} x_i", "Σ_(i=1)^n x_i"),
        (r"\|x\|_2 \le \lambda", "‖x‖_2 ≤ λ"),
        (r"\operatorname{argmax}_k p_k", "argmax_k p_k"),
    ],
)
def test_formulas_read_as_text(latex: str, text: str) -> None:
    assert math_to_text(latex) == text


def test_only_markdown_math_is_converted() -> None:
    prose = r"costs $5 and $10; $\alpha$ and $x$ but not $ x $ or $$\beta$$"
    assert inline_math_to_text(prose) == r"costs $5 and $10; α and x but not $ x $ or $$\beta$$"


def test_plain_text_drops_the_markup_of_formulas() -> None:
    text = plain_text(r"The derivative is $\sigma(z)\left(1-\sigma(z)\right)$, at most $\frac14$.")
    assert text == "The derivative is σ(z)(1-σ(z)), at most 1/4."


PIECES = [*"\\{}^_$ ab1-\n", "\\frac", "\\sqrt", "\\text", "\\left(", "\\alpha"]


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_any_input_gives_text(latex: str) -> None:
    assert isinstance(math_to_text(latex), str)
    assert isinstance(inline_math_to_text(latex), str)


def test_deep_nesting_is_flattened_not_a_crash() -> None:
    assert math_to_text("{" * 5000 + "x" + "}" * 5000) == "x"
    assert math_to_text("\\frac" * 3000 + "12") == "frac" * 3000 + "12"
