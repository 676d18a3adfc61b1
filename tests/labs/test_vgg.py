"""VGG: parameters, MACs and the FC share."""

from __future__ import annotations

from dl500.labs import vgg


def test_summary_matches_facts() -> None:
    _, facts = vgg.vgg_summary()
    params = [facts[f"vgg{d}_params"] for d in (11, 13, 16, 19)]
    assert params == [132863336, 133047848, 138357544, 143667240]
    assert [facts[f"vgg{d}_gmacs"] for d in (11, 13, 16, 19)] == [7.61, 11.31, 15.47, 19.63]
    assert round(facts["vgg16_fc_share"], 3) == 0.894
    assert facts["vgg16_mib"] == 527.8


def test_vgg16_layers() -> None:
    table, facts = vgg.vgg16_layers()
    assert facts["fc6_params"] == 102764544
    assert facts["conv_params"] == 14714688
    assert facts["fc_macs"] == 123633664
    assert sum(row[2] for row in table.rows) == 138357544
    assert facts["conv1_2_mmacs"] == 1849.7  # 9·64·64·224²
    assert facts["conv5_1_mmacs"] == 462.4
