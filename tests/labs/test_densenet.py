"""DenseNet-121: parameters and channel growth."""

from __future__ import annotations

from dl500.labs import densenet


def test_densenet121() -> None:
    table, facts = densenet.densenet_block_table()
    assert facts["total_params"] == 7978856
    assert facts["final_channels"] == 1024
    outs = {row[0]: row[3] for row in table.rows}
    assert [outs[f"block{i}"] for i in range(1, 5)] == [256, 512, 1024, 1024]
