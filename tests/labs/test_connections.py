"""Connection patterns: counts on the worked example, and RegionConv vs F.conv2d."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from dl500.labs import connections


def _weights(counts: dict[str, dict[str, int]]) -> list[int]:
    return [c["weights"] for c in counts.values()]


def test_worked_example() -> None:
    _, counts = connections.connections_param_table(c_in=3, c_out=4, k=3, n=6, region=2)
    assert _weights(counts) == [6912, 1728, 108, 432]
    assert [c["total"] for c in counts.values()] == [6976, 1792, 112, 448]
    assert [c["macs"] for c in counts.values()] == [6912, 1728, 1728, 1728]


def test_larger_input_follow_up() -> None:
    counts = connections.patterns(c_in=3, c_out=4, k=3, n=10, region=2)
    fc, local, conv, _ = _weights(counts)
    assert (fc, local, conv) == (76800, 6912, 108)


def test_one_region_is_a_convolution_and_untied_differs_per_position() -> None:
    x = torch.randn(2, 3, 6, 6)
    conv = connections.build_region_conv(3, 4, 3, 6, region=4)
    kernel = conv.weight[0].reshape(4, 3, 3, 3)
    assert torch.allclose(conv(x), F.conv2d(x, kernel, conv.bias[0]), atol=1e-5)
    untied = connections.build_region_conv(3, 4, 3, 6, region=1)
    kernel = untied.weight[5].reshape(4, 3, 3, 3)  # position (1, 1) of the 4×4 output
    expected = F.conv2d(x, kernel, untied.bias[5])[:, :, 1, 1]
    assert torch.allclose(untied(x)[:, :, 1, 1], expected, atol=1e-5)
    assert not torch.allclose(untied(x)[:, :, 0, 0], F.conv2d(x, kernel)[:, :, 0, 0])
