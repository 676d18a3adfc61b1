"""Convolution cost: factorised kernels, the 1×1 bottleneck, depthwise and grouped convs."""

from __future__ import annotations

import pytest

from dl500.labs import convcost


def test_kernel_factorization() -> None:
    _, facts = convcost.kernel_factorization(channels=64)
    assert facts == {"5×5": 25, "3×3 ×2": 18, "7×7": 49, "3×3 ×3": 27}


def test_inception_bottleneck() -> None:
    table, facts = convcost.inception_bottleneck(c1=16, out=16, reduce=8)
    assert (facts["naive"], facts["reduced"]) == (8960, 5120)
    rows = {row[0]: row[1:] for row in table.rows}
    assert rows["5×5"] == (6400, 3328)
    assert facts["naive_output_channels"] == facts["reduced_output_channels"] == 64


def test_depthwise_separable() -> None:
    _, facts = convcost.depthwise_separable(c_in=128, c_out=256, kernel=3, size=56)
    assert facts["standard"]["weights"] == 294912
    assert (facts["depthwise"]["weights"], facts["pointwise"]["weights"]) == (1152, 32768)
    assert facts["separable"]["weights"] == 33920
    assert facts["separable"]["ratio"] == pytest.approx(0.1150, abs=5e-5)
    assert facts["ratio_formula"] == pytest.approx(1 / 256 + 1 / 9, abs=5e-5)
    assert round(facts["standard"]["macs"] / 1e6, 1) == 924.8
    assert round(facts["separable"]["macs"] / 1e6, 1) == 106.4
    assert facts["pointwise"]["weights"] / facts["separable"]["weights"] > 0.96  # "about 97%"


def test_reduce_params() -> None:
    _, facts = convcost.reduce_params(c_in=128, c_out=256, size=56)
    weights = {key: value["weights"] for key, value in facts.items()}
    assert weights == {
        "standard": 294912, "asymmetric": 147456, "grouped": 73728,
        "bottleneck": 61440, "separable": 33920,
    }  # fmt: skip
    assert facts["grouped"]["ratio"] == 0.25
    assert facts["bottleneck"]["ratio"] == pytest.approx(0.208, abs=5e-4)
