"""ViT-B/16: total and per-layer parameters."""

from __future__ import annotations

from dl500.labs import vit


def test_vit_b16() -> None:
    _, facts = vit.vit_param_table()
    assert facts["total_params"] == 86567656
    assert facts["encoder_layer_params"] == facts["encoder_layer_formula"] == 7087872
    assert facts["tokens"] == 197
