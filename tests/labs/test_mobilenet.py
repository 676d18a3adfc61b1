"""MobileNetV1/V2: parameters, MACs and the 1×1 share."""

from __future__ import annotations

from dl500.labs import mobilenet


def test_summary() -> None:
    _, facts = mobilenet.mobilenet_summary()
    assert facts["v1_params"] == 4231976
    assert round(facts["v1_mmacs"]) == 569
    assert facts["v2_params"] == 3504872
    assert round(facts["v2_mmacs"]) == 301
    assert facts["v1_pointwise_mac_share"] > 0.9
