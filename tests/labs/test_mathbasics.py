"""Chapter-1 numbers (facts.md Ch1) reproduced by the math labs."""

from __future__ import annotations

import pytest

from dl500.labs import mathbasics


def test_vector_norms_of_a() -> None:
    _, facts = mathbasics.vector_norms()
    assert facts == {"l1": 29, "l2": 15, "linf": 10, "l0": 4, "min_abs": 5}


def test_matrix_norms_of_a() -> None:
    _, facts = mathbasics.matrix_norms()
    assert facts["induced 1-norm"] == 9
    assert facts["spectral ‖A‖₂"] == pytest.approx(10.0623, abs=1e-4)
    assert facts["induced ∞-norm"] == 16
    assert facts["nuclear ‖A‖*"] == pytest.approx(10.9287, abs=1e-4)
    assert facts["Frobenius ‖A‖F"] == pytest.approx(10.0995, abs=1e-4)
    assert facts["entrywise L1"] == 22
    assert facts["L0"] == 6
    assert facts["L2,1"] == pytest.approx(17.1559, abs=1e-4)
    assert facts["spectral ‖A‖₂"] < facts["Frobenius ‖A‖F"] < facts["nuclear ‖A‖*"]


def test_svd_singular_values_are_root_eigenvalues() -> None:
    table, facts = mathbasics.svd_check()
    assert facts["sigma"] == pytest.approx([3.5379, 2.1490, 0.7688], abs=1e-4)
    assert facts["is_sigma_sqrt_eig"] and facts["is_u_mv_over_sigma"]
    assert all(row[3] == "✓" and row[4] == "✓" for row in table.rows)


def test_entropy_cross_entropy_kl() -> None:
    _, facts = mathbasics.information()
    assert facts["entropy"] == pytest.approx(0.8018, abs=1e-4)
    assert facts["cross_entropy"] == pytest.approx(1.0026, abs=1e-4)
    assert facts["kl_pq"] == pytest.approx(0.2008, abs=1e-4)
    assert facts["kl_qp"] == pytest.approx(0.2274, abs=1e-4)
    assert facts["js"] == pytest.approx(0.0519, abs=1e-4)
    assert facts["kl_pq"] != facts["kl_qp"]  # KL is not symmetric


def test_gaussian_mass() -> None:
    table, facts = mathbasics.gaussian_mass(samples=50_000)
    assert facts["within_1sigma"] == pytest.approx(0.6827, abs=1e-4)
    assert facts["within_2sigma"] == pytest.approx(0.9545, abs=1e-4)
    assert facts["within_3sigma"] == pytest.approx(0.9973, abs=1e-4)
    assert facts["all_10_within_1sigma"] == pytest.approx(0.0220, abs=1e-4)
    for _, exact, simulated in table.rows:  # Monte Carlo agrees within sampling error
        assert float(simulated) == pytest.approx(float(exact), abs=0.01)
