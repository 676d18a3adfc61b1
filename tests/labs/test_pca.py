"""PCA: covariance eigenvalues equal squared singular values / (n − 1)."""

from __future__ import annotations

import pytest

from dl500.labs import pca


def test_eigenvalues_equal_svd() -> None:
    table, facts = pca.eigen_check()
    assert facts["is_eig_equal_svd"]
    assert [row[1] for row in table.rows] == [row[2] for row in table.rows]
    assert facts["eigenvalues"] == sorted(facts["eigenvalues"], reverse=True)
    # Population variances are 9, 1, 0.04: the sample ones must be close.
    assert facts["eigenvalues"] == pytest.approx([9, 1, 0.04], rel=0.15)
    assert sum(facts["explained"]) == pytest.approx(1.0, abs=1e-3)


def test_axes_are_orthogonal() -> None:
    _, facts = pca.axes_figure()
    assert facts["is_orthogonal"]
    assert facts["pc1_ratio"] > 0.8


def test_numbers_quoted_in_the_answer() -> None:
    """ml-basics/pca quotes the eigenvalues, total variance and explained ratios."""
    _, facts = pca.eigen_check()
    assert facts["eigenvalues"] == [8.651, 0.918, 0.042]
    assert facts["total_variance"] == pytest.approx(9.61, abs=0.005)
    assert facts["explained"][0] == pytest.approx(0.900, abs=5e-4)
    assert sum(facts["explained"][:2]) == pytest.approx(0.996, abs=5e-4)
