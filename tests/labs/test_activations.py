"""Activation derivatives (autograd) and the softmax + cross-entropy gradient, facts.md Ch3."""

from __future__ import annotations

import pytest

from dl500.labs import activations


def test_sigmoid_and_tanh_derivative_maxima() -> None:
    _, facts = activations.curves()
    assert facts["sigmoid_max_grad"] == pytest.approx(0.25, abs=1e-6)
    assert facts["sigmoid_argmax_grad"] == 0.0
    assert facts["tanh_max_grad"] == pytest.approx(1.0, abs=1e-6)
    assert facts["relu_max_grad"] == 1.0
    # GELU and SiLU overshoot 1 and dip below 0: not monotone.
    assert facts["gelu_max_grad"] > 1.0 and facts["silu_max_grad"] > 1.0
    assert facts["gelu_min_value"] == pytest.approx(-0.17, abs=1e-3)
    assert facts["silu_min_value"] == pytest.approx(-0.2785, abs=1e-3)


def test_softmax_cross_entropy_gradient_is_p_minus_y() -> None:
    table, facts = activations.softmax_grad()
    assert facts["is_grad_p_minus_y"] and facts["grad_sum_is_zero"]
    assert facts["shift_max_diff_ok"]
    assert facts["p"] == pytest.approx([0.0900, 0.2447, 0.6652], abs=1e-4)
    assert facts["loss"] == pytest.approx(1.4076, abs=1e-4)
    assert facts["wrong_denominator_output"] == pytest.approx([1 / 3] * 3, abs=1e-4)
    assert [row[4] for row in table.rows] == [row[5] for row in table.rows]
