"""GoogLeNet: module counts, totals, torchvision variant, auxiliary head, 3a bottleneck."""

from __future__ import annotations

from dl500.labs import googlenet


def test_totals_and_modules() -> None:
    _, facts = googlenet.googlenet_module_table()
    assert facts["total_params"] == 6998552
    assert facts["total_gmacs"] == 1.583
    assert facts["inception_3a_params"] == 163696
    assert facts["inception_5b_params"] == 1444080
    assert facts["fc_params"] == 1025000
    assert facts["torchvision_params"] == 6624904
    assert facts["aux_head_4a_params"] == 3188840


def test_bottleneck_3a() -> None:
    _, facts = googlenet.googlenet_bottleneck_3a()
    assert facts["reduced_params"] == 163696
    assert facts["naive_params"] == 387296
    assert facts["reduced_macs"] == 163328 * 28 * 28
    assert facts["naive_macs"] == 387072 * 28 * 28
    assert (facts["reduced_channels"], facts["naive_channels"]) == (256, 416)
