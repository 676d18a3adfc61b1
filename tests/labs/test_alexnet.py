"""AlexNet: grouped vs single-tower counts, torchvision and ZFNet totals, 224 vs 227."""

from __future__ import annotations

import pytest

from dl500.labs import alexnet


def test_grouped_and_single_tower() -> None:
    table, facts = alexnet.alexnet_layer_table()
    assert facts["grouped_params"] == 60965224
    assert facts["single_params"] == 62378344
    assert facts["fc8_params"] == 4097000
    assert round(facts["grouped_macs"] / 1e9, 3) == 0.724
    assert round(facts["single_macs"] / 1e9, 3) == 1.135
    assert facts["conv1_output"] == 55
    rows = {row[0]: row for row in table.rows}
    assert rows["conv2"][2:4] == (307456, 614656)
    assert rows["fc6"][2] == 37752832
    assert facts["fc_param_share"] == pytest.approx(0.962, abs=1e-3)


def test_variants_and_zfnet() -> None:
    _, facts = alexnet.alexnet_variants()
    assert facts["torchvision_params"] == 61100840
    assert facts["zfnet_params"] == 62357608
    assert facts["zfnet_conv1"] == "96×110×110"
    assert facts["zfnet_conv2"] == "256×26×26"
    assert facts["torchvision_conv1"] == "64×55×55"


def test_input_size_arithmetic() -> None:
    _, facts = alexnet.alexnet_input_size()
    assert facts["conv1_exact_227_p0"] == 55
    assert facts["conv1_exact_224_p0"] == 54.25
    assert facts["fc6_inputs_224_p0"] == 256 * 5 * 5
    assert facts["fc6_inputs_224_p2"] == facts["fc6_inputs_227_p0"] == 9216
