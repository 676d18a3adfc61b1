"""NIN: the 81,960-parameter CIFAR-100 example."""

from __future__ import annotations

from dl500.labs import nin


def test_layer_params() -> None:
    _, facts = nin.nin_param_table()
    assert facts["layer_params"] == [448, 272, 9280, 4160, 57700, 10100]
    assert facts["total_params"] == 81960
    assert facts["fc_head_params"] == 640100
