"""facts.md Ch3: activation std after 50 layers of width 256 for five initialisations.

Exact values depend on the random stream (a product of 50 random factors), so the facts.md
numbers are asserted as orders of magnitude and the median of ten seeds is checked.
"""

from __future__ import annotations

import pytest

from dl500.labs import init


@pytest.fixture(scope="module")
def facts() -> dict:
    return init.std_table()[1]


def test_small_gaussian_underflows(facts: dict) -> None:
    assert facts["N(0, 0.01²) relu L=50"]["max"] == 0.0


def test_xavier_with_relu_vanishes(facts: dict) -> None:
    xavier = facts["Xavier √(1/n) relu L=50"]
    assert 2.1e-8 / 3 < xavier["median"] < 2.1e-8 * 3
    assert xavier["max"] < 1e-7


def test_he_keeps_scale(facts: dict) -> None:
    he = facts["He √(2/n) relu L=50"]
    assert 1.10 / 3 < he["median"] < 1.10 * 3
    assert he["min"] < 1.10 < he["max"]  # facts.md's single run lies within our seeds' range


def test_tanh_xavier_decays_slowly(facts: dict) -> None:
    assert facts["Xavier √(1/n) tanh L=50"]["median"] == pytest.approx(0.099, rel=0.15)


def test_unscaled_explodes_in_ten_layers(facts: dict) -> None:
    assert facts["N(0, 1) relu L=10"]["median"] == pytest.approx(2.9e10, rel=0.3)


def test_small_init_underflows_before_layer_50() -> None:
    _, facts = init.activation_std()
    # Theory: std ≈ 0.58·√(0.0256·0.0128^(l−1)) falls below float32's smallest subnormal
    # (1.4e−45) in the late forties.
    assert 40 < facts["small_init_last_nonzero_layer"] < 50


def test_numbers_quoted_in_the_answer(facts: dict) -> None:
    """dl-basics/init-variance-analysis and deep-training-difficulty quote these."""
    assert facts["N(0, 0.01²) relu L=50"]["theory"] == pytest.approx(4e-48, rel=0.05)
    assert facts["Xavier √(1/n) relu L=50"]["median"] == pytest.approx(2e-8, rel=0.05)
    he = facts["He √(2/n) relu L=50"]
    assert he["median"] == pytest.approx(0.53, abs=0.01)
    assert he["min"] == pytest.approx(0.29, abs=0.01)
    assert he["max"] == pytest.approx(1.56, abs=0.01)
    assert he["theory"] == pytest.approx(0.83, abs=0.005)
    assert facts["Xavier √(1/n) tanh L=50"]["median"] == pytest.approx(0.1, abs=0.005)
    unscaled = facts["N(0, 1) relu L=10"]
    assert unscaled["median"] == pytest.approx(2.6e10, rel=0.02)
    assert unscaled["theory"] == pytest.approx(2.8e10, rel=0.02)
