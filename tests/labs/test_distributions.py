"""The distribution gallery draws from torch.distributions and its moments match the formulas."""

from __future__ import annotations

import pytest

from dl500.labs import distributions


def test_gallery_moments_match_samples() -> None:
    figure, facts = distributions.gallery()
    assert figure.svg.startswith("<svg")
    for name, moments in facts.items():
        assert moments["sample_mean"] == pytest.approx(moments["mean"], abs=0.02), name
        assert moments["sample_var"] == pytest.approx(moments["var"], rel=0.03), name
    assert facts["laplace_b1"]["var"] == 2.0  # 2b², the number the chapter-1 table gives
