"""A small Network in Network (Lin, Chen & Yan, 2013) for CIFAR-100, counted per layer.

Three mlpconv blocks (a 3×3 convolution followed by a 1×1 convolution, i.e. a per-pixel
MLP) and global average pooling instead of FC layers: the last block already outputs one
map per class. The table is the worked example of the NIN answer; its point is how small
the network stays when GAP replaces a flattened FC head.
"""

from __future__ import annotations

from typing import Any

from dl500.bank.labdata import Table
from dl500.bank.schema import Localized
from dl500.labs.counting import count_params, fmt_shape, trace
from dl500.labs.registry import lab

BLOCKS = (16, 64, 100)
"""Output channels of the three mlpconv blocks (the last one = number of classes)."""


def build_nin() -> Any:
    """Return the three-block NIN: (3×3 conv, ReLU, 1×1 conv, ReLU) ×3, pools, GAP."""
    from collections import OrderedDict

    from torch import nn

    layers: list[tuple[str, nn.Module]] = []
    channels = 3
    for i, width in enumerate(BLOCKS, start=1):
        layers += [
            (f"mlpconv{i}_3x3", nn.Conv2d(channels, width, 3, padding=1)), (f"relu{i}a", nn.ReLU()),
            (f"mlpconv{i}_1x1", nn.Conv2d(width, width, 1)), (f"relu{i}b", nn.ReLU()),
        ]  # fmt: skip
        if i < len(BLOCKS):
            layers.append((f"pool{i}", nn.MaxPool2d(2)))
        channels = width
    layers += [("gap", nn.AdaptiveAvgPool2d(1)), ("flat", nn.Flatten())]
    return nn.Sequential(OrderedDict(layers))


@lab("nin.param_table")
def nin_param_table() -> tuple[Table, dict[str, Any]]:
    """Parameters of each layer of the small CIFAR-100 NIN, and the FC head it avoids."""
    model = build_nin()
    traced = trace(model, (3, 32, 32))
    rows = []
    for name, module in model.named_children():
        if name in traced:
            macs, shape = traced[name]
            kernel = f"{module.kernel_size[0]}×{module.kernel_size[1]}"
            rows.append((name, kernel, fmt_shape(shape), count_params(module), macs))
    last = traced[f"mlpconv{len(BLOCKS)}_1x1"][1]
    flat_inputs = last[0] * last[1] * last[2]
    facts = {
        "total_params": count_params(model),
        "layer_params": [r[3] for r in rows],
        "fc_head_params": (flat_inputs + 1) * BLOCKS[-1],
        "total_macs": sum(r[4] for r in rows),
    }
    rows.append(("GAP", "", str(BLOCKS[-1]), 0, 0))
    rows.append(("Σ", "", "", facts["total_params"], facts["total_macs"]))
    table = Table(
        caption=Localized(
            "CIFAR-100 上三段式小 NIN 的逐层参数（32×32 输入，每段 3×3 卷积 + 1×1 卷积）",
            "Per-layer parameters of a small three-block NIN on CIFAR-100 (32×32 input, each "
            "block a 3×3 convolution plus a 1×1 convolution)",
        ),
        columns=(
            Localized("层", "Layer"),
            Localized("卷积核", "Kernel"),
            Localized("输出", "Output"),
            Localized("参数", "Params"),
            Localized("MAC", "MACs"),
        ),
        rows=tuple(rows),
        notes=Localized(
            f"若把最后的 {fmt_shape(last)} 展平后接到 100 类的全连接层，仅这一层就有 "
            f"{facts['fc_head_params']:,} 个参数；全局平均池化没有参数。",
            f"Flattening the final {fmt_shape(last)} map into a 100-way FC layer would cost "
            f"{facts['fc_head_params']:,} parameters for that layer alone; global average "
            "pooling has none.",
        ),
    )
    return table, facts
