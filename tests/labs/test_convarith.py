"""Convolution arithmetic: sizes, receptive fields (checked by autograd), kernel flipping."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from dl500.labs import convarith


def test_output_sizes() -> None:
    table, facts = convarith.output_sizes()
    assert facts["LeNet C1"] == 28
    assert facts["AlexNet conv1"] == 55
    assert facts["AlexNet overlapping max-pool"] == 27
    assert facts["ResNet stem"] == 112
    assert facts["dilated 3×3, d = 2"] == 64
    assert facts["3×3, stride 2, pad 1"] == 4
    assert facts["3×3, stride 2, no pad"] == 2
    assert facts["transposed, k 4, s 3"] == 7
    assert facts["transposed, k 3, s 2, p 1, op 1"] == 32
    assert all(row[-1] == facts[row[0]] for row in table.rows)


def test_small_receptive_fields() -> None:
    table, facts = convarith.receptive_fields()
    assert list(facts.values()) == [3, 5, 7, 5, 7, 15]
    assert all(row[1] == row[2] for row in table.rows)  # formula == gradient measurement
    reached = {row[0]: row[3] for row in table.rows}
    assert reached["3×3, d = 2"] == "9/25"  # one dilated kernel leaves holes
    assert reached["3×3 with d = 1, 2, 4"] == "225/225"  # rates 1, 2, 4 cover the window


def _vgg16_input_gradient(until: str, size: int = 320) -> torch.Tensor:
    """Gradient of one central unit of layer `until` w.r.t. the input, 1 channel, ones."""
    x = torch.zeros(1, 1, size, size, dtype=torch.float64, requires_grad=True)
    y = x
    for name, k, s in convarith.vgg16_rf_layers():
        if name.startswith("conv"):
            y = F.conv2d(y, torch.ones(1, 1, k, k, dtype=torch.float64), padding=1)
        else:
            y = F.avg_pool2d(y, k, s)  # same geometry as max-pooling, gradient everywhere
        if name == until:
            break
    centre = y.shape[-1] // 2
    y[0, 0, centre, centre].backward()
    return x.grad[0, 0]


def _support(grad: torch.Tensor) -> tuple[int, int]:
    rows = (grad.abs().sum(1) > 0).nonzero()
    return int(rows.min()), int(rows.max())


def test_vgg16_receptive_field_by_gradient() -> None:
    _, facts = convarith.vgg16_receptive_field()
    assert (facts["conv5_3_rf"], facts["conv5_3_jump"]) == (196, 16)
    assert (facts["pool5_rf"], facts["pool5_jump"]) == (212, 32)
    for layer in ("conv5_3", "pool5"):
        low, high = _support(_vgg16_input_gradient(layer))
        assert high - low + 1 == facts[f"{layer}_rf"], layer


def test_conv2d_is_cross_correlation() -> None:
    _, facts = convarith.flip_kernel()
    assert facts["torch_conv2d"] == [27, 37, 57, 67] == facts["scipy_correlate2d"]
    assert facts["torch_conv2d_flipped"] == [13, 23, 43, 53] == facts["scipy_convolve2d"]
