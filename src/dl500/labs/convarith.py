"""Convolution arithmetic: output sizes, receptive fields, and what the formulas hide.

Every number here is computed twice where that is possible: once by the textbook formula
and once by PyTorch itself (running the layer, or back-propagating to the input), so the
tables show that the formula *is* the framework's behaviour: output sizes floor,
transposed convolutions invert the size formula, stacked 3×3 kernels reach 5×5 and 7×7,
and F.conv2d computes a cross-correlation (it does not flip the kernel).
"""

from __future__ import annotations

from typing import Any

from dl500.bank.labdata import Table
from dl500.bank.schema import Localized
from dl500.labs.counting import conv_out
from dl500.labs.registry import lab

# (label, n, k, s, p, d) for convolution / pooling
CONV_CASES = (
    ("LeNet C1", 32, 5, 1, 0, 1),
    ("AlexNet conv1", 227, 11, 4, 0, 1),
    ("AlexNet overlapping max-pool", 55, 3, 2, 0, 1),
    ("ResNet stem", 224, 7, 2, 3, 1),
    ("dilated 3×3, d = 2", 64, 3, 1, 2, 2),
    ("3×3, stride 2, pad 1", 7, 3, 2, 1, 1),
    ("3×3, stride 2, no pad", 5, 3, 2, 0, 1),
)
# (label, n, k, s, p, output_padding) for transposed convolution
TRANSPOSED_CASES = (
    ("transposed, k 4, s 3", 2, 4, 3, 0, 0),
    ("transposed, k 3, s 2, p 1, op 1", 16, 3, 2, 1, 1),
)


def _torch_size(label: str, n: int, k: int, s: int, p: int, extra: int, is_transposed: bool) -> int:
    """Run the real layer on an n×n input and return its output side."""
    import torch
    from torch import nn

    if is_transposed:
        layer: nn.Module = nn.ConvTranspose2d(1, 1, k, s, p, output_padding=extra)
    elif "pool" in label:
        layer = nn.MaxPool2d(k, s, p)
    else:
        layer = nn.Conv2d(1, 1, k, s, p, dilation=extra)
    with torch.no_grad():
        return int(layer(torch.zeros(1, 1, n, n)).shape[-1])


@lab("convarith.output_sizes")
def output_sizes() -> tuple[Table, dict[str, Any]]:
    """Output side for common layers: the formula next to what PyTorch returns."""
    rows, facts = [], {}
    for label, n, k, s, p, d in CONV_CASES:
        formula = conv_out(n, k, s, p, d)
        text = f"⌊({n} + {2 * p} − {d * (k - 1) + 1})/{s}⌋ + 1 = {formula}"
        rows.append((label, n, k, s, p, d, "", text, _torch_size(label, n, k, s, p, d, False)))
        facts[label] = formula
    for label, n, k, s, p, op in TRANSPOSED_CASES:
        formula = (n - 1) * s - 2 * p + (k - 1) + op + 1
        text = f"({n} − 1)·{s} − {2 * p} + {k} + {op} = {formula}"
        rows.append((label, n, k, s, p, 1, op, text, _torch_size(label, n, k, s, p, op, True)))
        facts[label] = formula
    assert all(r[-1] == facts[r[0]] for r in rows), "formula and PyTorch disagree"
    table = Table(
        caption=Localized(
            "卷积输出尺寸：公式与 PyTorch 实际输出（边长）",
            "Convolution output sizes: the formula and what PyTorch returns (side length)",
        ),
        columns=(
            Localized("层", "Layer"),
            Localized("输入 n", "Input n"),
            Localized("k", "k"),
            Localized("s", "s"),
            Localized("p", "p"),
            Localized("d", "d"),
            Localized("output_padding", "output_padding"),
            Localized("公式", "Formula"),
            Localized("PyTorch", "PyTorch"),
        ),  # fmt: skip
        rows=tuple(rows),
        notes=Localized(
            "卷积/池化：⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1；转置卷积："
            "(n − 1)s − 2p + d(k − 1) + output_padding + 1。",
            "Convolution/pooling: ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1; transposed convolution: "
            "(n − 1)s − 2p + d(k − 1) + output_padding + 1.",
        ),
    )
    return table, facts


VGG16_LAYERS = tuple(
    [(f"conv{b}_{i}", 3, 1) for b, n in enumerate((2, 2, 3, 3, 3), start=1)
     for i in range(1, n + 1)]
)  # fmt: skip
"""(name, kernel, stride) of VGG-16's convolutions; a 2×2/2 pool closes each stage."""


def vgg16_rf_layers() -> list[tuple[str, int, int]]:
    """VGG-16's convolution and pooling layers in order, as (name, kernel, stride)."""
    layers: list[tuple[str, int, int]] = []
    for name, k, s in VGG16_LAYERS:
        layers.append((name, k, s))
        stage, index = name[4], int(name[6:])
        if index == (2 if stage in "12" else 3):
            layers.append((f"pool{stage}", 2, 2))
    return layers


@lab("convarith.vgg16_receptive_field")
def vgg16_receptive_field() -> tuple[Table, dict[str, Any]]:
    """Receptive field r and jump j layer by layer through VGG-16."""
    rf, jump, size, rows = 1, 1, 224, []
    for name, k, s in vgg16_rf_layers():
        rf, jump = rf + (k - 1) * jump, jump * s
        size = conv_out(size, k, s, 1 if k == 3 else 0)
        rows.append((name, k, s, size, rf, jump))
    last = {r[0]: r for r in rows}
    facts = {f"{name}_{key}": last[name][i] for name in ("conv5_3", "pool5")
             for key, i in (("rf", 4), ("jump", 5))}  # fmt: skip
    table = Table(
        caption=Localized(
            "VGG-16 逐层感受野 r 与累计步长 j（r ← r + (k − 1)·j，j ← j·s；输入 224×224）",
            "Receptive field r and jump j through VGG-16 (r ← r + (k − 1)·j, j ← j·s; "
            "224×224 input)",
        ),
        columns=(
            Localized("层", "Layer"),
            Localized("k", "k"),
            Localized("s", "s"),
            Localized("输出边长", "Output side"),
            Localized("感受野 r", "RF r"),
            Localized("累计步长 j", "Jump j"),
        ),  # fmt: skip
        rows=tuple(rows),
        notes=Localized(
            "感受野可以超过输入尺寸，超出部分落在填充区。",
            "The receptive field may exceed the input; the excess lies in padding.",
        ),
    )
    return table, facts


RF_STACKS = (
    ("3×3", ((3, 1),)),
    ("3×3 ×2", ((3, 1), (3, 1))),
    ("3×3 ×3", ((3, 1), (3, 1), (3, 1))),
    ("3×3, d = 2", ((3, 2),)),
    ("3×3 (d = 1) + 3×3 (d = 2)", ((3, 1), (3, 2))),
    ("3×3 with d = 1, 2, 4", ((3, 1), (3, 2), (3, 4))),
)
"""Stride-1 stacks as ((kernel, dilation), ...)."""


def measured_rf(stack: tuple[tuple[int, int], ...], size: int = 41) -> tuple[int, int]:
    """Side of the input region that reaches the centre output, and how many of its
    positions actually do (a dilated kernel alone leaves holes), found by autograd."""
    import torch
    import torch.nn.functional as F

    x = torch.zeros(1, 1, size, size, requires_grad=True)
    y = x
    for k, d in stack:
        y = F.conv2d(y, torch.ones(1, 1, k, k), padding=d * (k - 1) // 2, dilation=d)
    y[0, 0, size // 2, size // 2].backward()
    reached = x.grad[0, 0] != 0
    rows = reached.any(1).nonzero()
    return int(rows.max() - rows.min() + 1), int(reached.sum())


@lab("convarith.receptive_fields")
def receptive_fields() -> tuple[Table, dict[str, Any]]:
    """Receptive fields of small stride-1 stacks: recurrence vs gradient measurement."""
    rows, facts = [], {}
    for label, stack in RF_STACKS:
        formula = 1 + sum(d * (k - 1) for k, d in stack)
        side, reached = measured_rf(stack)
        rows.append(
            (label, formula, side, f"{reached}/{side * side}", sum(k * k for k, _ in stack))
        )
        facts[label] = formula
    table = Table(
        caption=Localized(
            "步长 1 的卷积堆叠的感受野：递推公式与梯度实测（对中心输出反传，输入上梯度非零的区域）",
            "Receptive fields of stride-1 stacks: the recurrence vs a gradient measurement "
            "(back-propagate from the centre output; where the input gradient is non-zero)",
        ),
        columns=(
            Localized("堆叠", "Stack"),
            Localized("公式 1 + Σ d(k − 1)", "Formula 1 + Σ d(k − 1)"),
            Localized("实测边长", "Measured side"),
            Localized("窗口内被覆盖的位置", "Positions reached in the window"),
            Localized("每对通道的权重数", "Weights per channel pair"),
        ),  # fmt: skip
        rows=tuple(rows),
    )
    return table, facts


@lab("convarith.flip_kernel")
def flip_kernel() -> tuple[Table, dict[str, Any]]:
    """F.conv2d is a cross-correlation: compare it with a true (flipped-kernel) convolution."""
    import torch
    import torch.nn.functional as F
    from scipy import signal

    x = torch.arange(9.0).reshape(1, 1, 3, 3)
    kernel = torch.tensor([[1.0, 2.0], [3.0, 4.0]]).reshape(1, 1, 2, 2)
    x_np, k_np = x[0, 0].numpy(), kernel[0, 0].numpy()
    outputs = {
        "torch_conv2d": F.conv2d(x, kernel)[0, 0].numpy(),
        "torch_conv2d_flipped": F.conv2d(x, kernel.flip(-1, -2))[0, 0].numpy(),
        "scipy_correlate2d": signal.correlate2d(x_np, k_np, mode="valid"),
        "scipy_convolve2d": signal.convolve2d(x_np, k_np, mode="valid"),
    }
    labels = {
        "torch_conv2d": "F.conv2d(x, K)",
        "torch_conv2d_flipped": "F.conv2d(x, flip(K))",
        "scipy_correlate2d": "scipy.signal.correlate2d(x, K)",
        "scipy_convolve2d": "scipy.signal.convolve2d(x, K)",
    }
    facts = {key: [int(v) for v in out.flatten()] for key, out in outputs.items()}
    rows = tuple((labels[key], str(facts[key])) for key in outputs)
    table = Table(
        caption=Localized(
            "F.conv2d 不翻转卷积核：输入 x = 0…8（3×3），核 K = [[1, 2], [3, 4]]，"
            "valid 输出按行展开",
            "F.conv2d does not flip the kernel: input x = 0…8 (3×3), kernel K = [[1, 2], [3, 4]], "
            "valid output read row by row",
        ),
        columns=(Localized("运算", "Operation"), Localized("输出", "Output")),
        rows=rows,
        notes=Localized(
            "深度学习框架的“卷积”与 correlate2d 一致；"
            "数学上的卷积（convolve2d）等于先把核旋转 180°。",
            'Deep-learning "convolution" matches correlate2d; the mathematical convolution '
            "(convolve2d) equals correlating with the kernel rotated by 180°.",
        ),
    )
    return table, facts
