"""facts.md Ch13: GD, momentum and Nesterov on ½xᵀdiag(1, 100)x from (1, 1), lr 0.01."""

from __future__ import annotations

import pytest

from dl500.labs import optimizers


def test_distances_after_100_steps() -> None:
    _, facts = optimizers.quadratic_table()
    assert facts["GD lr=0.01"] == pytest.approx(0.366, abs=5e-4)
    assert facts["GD lr=0.01"] == pytest.approx(0.99**100, rel=1e-3)
    assert facts["momentum 0.9 lr=0.01"] == pytest.approx(0.00296, abs=5e-6)
    assert facts["Nesterov 0.9 lr=0.01"] == pytest.approx(0.00071, abs=5e-6)
    assert facts["Adam lr=0.1"] < 0.01 < facts["Adam lr=0.01"]


def test_paths_figure_renders() -> None:
    assert "<svg" in optimizers.paths().svg
