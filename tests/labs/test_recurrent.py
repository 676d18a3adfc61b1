"""facts.md Ch6: RNN/LSTM/GRU parameter counts and vanishing/exploding Jacobians."""

from __future__ import annotations

import pytest

from dl500.labs import recurrent


def test_parameter_counts() -> None:
    _, facts = recurrent.param_table()
    assert facts["RNN"] == {"torch": 91_648, "single_bias": 91_392}
    assert facts["LSTM"] == {"torch": 366_592, "single_bias": 365_568}
    assert facts["GRU"] == {"torch": 274_944, "single_bias": 274_176}


def test_gradients_vanish_or_explode() -> None:
    _, facts = recurrent.gradient_norms()
    small, critical, large = (facts[f"scale_{s}"] for s in (0.5, 1.0, 1.5))
    assert all(f["matches_autograd"] for f in (small, critical, large))
    assert small["norm_t50"] < 1e-10
    assert small["norm_t50"] <= small["bound_t50"]  # ‖∂h50/∂h0‖ ≤ 0.5⁵⁰
    assert small["norm_t50"] == pytest.approx(8.5e-16, rel=0.1)  # facts.md magnitude
    assert 0.05 < critical["norm_t50"] < 1.0  # facts.md: 0.19
    assert large["norm_t50"] > 10  # facts.md: 369 with another seed
    assert large["norm_t50"] < large["bound_t50"]  # saturation caps the growth


def test_numbers_quoted_in_the_answer() -> None:
    """rnn/vanishing-exploding-gradients quotes 8.5e−16 / 0.22 / about 120."""
    _, facts = recurrent.gradient_norms()
    assert facts["scale_0.5"]["norm_t50"] == pytest.approx(8.5e-16, rel=0.01)
    assert facts["scale_1.0"]["norm_t50"] == pytest.approx(0.22, abs=0.005)
    assert facts["scale_1.5"]["norm_t50"] == pytest.approx(120, rel=0.05)
