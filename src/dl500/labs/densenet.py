"""DenseNet-121 (Huang et al., 2017): channel growth and parameters per dense block.

Each layer of a dense block sees the concatenation of all earlier outputs and adds k = 32
new maps (BN-ReLU-1×1 conv to 4k, BN-ReLU-3×3 conv to k); transitions halve channels and
resolution. The table follows the channel count through the four blocks (6-12-24-16) to
the 1024 maps of the classifier.
"""

from __future__ import annotations

from typing import Any

from dl500.bank.labdata import Table
from dl500.bank.schema import Localized
from dl500.labs.counting import count_params, on_meta, trace
from dl500.labs.registry import lab

BLOCKS = (6, 12, 24, 16)
GROWTH = 32
BN_SIZE = 4


def _dense_layer(c_in: int) -> Any:
    import torch
    from torch import nn

    class DenseLayer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.body = nn.Sequential(
                nn.BatchNorm2d(c_in), nn.ReLU(), nn.Conv2d(c_in, BN_SIZE * GROWTH, 1, bias=False),
                nn.BatchNorm2d(BN_SIZE * GROWTH), nn.ReLU(),
                nn.Conv2d(BN_SIZE * GROWTH, GROWTH, 3, padding=1, bias=False),
            )  # fmt: skip

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return torch.cat([x, self.body(x)], dim=1)

    return DenseLayer()


def build_densenet121() -> Any:
    """Return DenseNet-121 as a Sequential of named stages (stem, block1, trans1, …, head)."""
    from collections import OrderedDict

    from torch import nn

    stages: list[tuple[str, nn.Module]] = [("stem", nn.Sequential(
        nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
        nn.MaxPool2d(3, 2, 1)))]  # fmt: skip
    channels = 64
    for i, count in enumerate(BLOCKS, start=1):
        layers = []
        for _ in range(count):
            layers.append(_dense_layer(channels))
            channels += GROWTH
        stages.append((f"block{i}", nn.Sequential(*layers)))
        if i < len(BLOCKS):
            squeeze = nn.Conv2d(channels, channels // 2, 1, bias=False)
            transition = nn.Sequential(
                nn.BatchNorm2d(channels), nn.ReLU(), squeeze, nn.AvgPool2d(2)
            )
            stages.append((f"trans{i}", transition))
            channels //= 2
    stages.append(("head", nn.Sequential(nn.BatchNorm2d(channels), nn.ReLU(),
                                         nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                         nn.Linear(channels, 1000))))  # fmt: skip
    return nn.Sequential(OrderedDict(stages))


@lab("densenet.block_table")
def densenet_block_table() -> tuple[Table, dict[str, Any]]:
    """Layers, channels in/out, output size, parameters and MACs of each DenseNet-121 stage."""
    import torch

    model = on_meta(build_densenet121)
    macs: dict[str, int] = {}
    for name, (m, _) in trace(model, (3, 224, 224)).items():
        macs[name.split(".")[0]] = macs.get(name.split(".")[0], 0) + m
    x, rows = torch.zeros(1, 3, 224, 224, device="meta"), []
    with torch.no_grad():
        for name, stage in model.named_children():
            c_in, x = x.shape[1], stage(x)
            size = f"{x.shape[-1]}×{x.shape[-1]}" if x.dim() == 4 else ""
            layers = len(stage) if name.startswith("block") else None
            rows.append((name, layers, c_in, x.shape[1], size, count_params(stage),
                         round(macs[name] / 1e6, 1)))  # fmt: skip
    facts = {
        "total_params": count_params(model),
        "total_gmacs": round(sum(macs.values()) / 1e9, 3),
        "final_channels": rows[-2][3],
        "block_params": [r[5] for r in rows if r[0].startswith("block")],
    }
    rows.append(("Σ", sum(BLOCKS), None, None, "", facts["total_params"],
                 round(sum(macs.values()) / 1e6, 1)))  # fmt: skip
    table = Table(
        caption=Localized(
            "DenseNet-121（k = 32，各块 6-12-24-16 层）逐阶段的通道、参数与 MAC（224×224）",
            "DenseNet-121 (k = 32, blocks of 6-12-24-16 layers) per stage at 224×224: "
            "channels, parameters and MACs",
        ),
        columns=(
            Localized("阶段", "Stage"),
            Localized("层数", "Layers"),
            Localized("输入通道", "Channels in"),
            Localized("输出通道", "Channels out"),
            Localized("输出尺寸", "Output size"),
            Localized("参数", "Params"),
            Localized("MAC（百万）", "MACs (M)"),
        ),
        rows=tuple(rows),
        notes=Localized(
            "每个稠密块的输出通道 = 输入通道 + 层数 × 32；过渡层把通道和分辨率减半。参数含 BN。",
            "Each dense block outputs its input channels + layers × 32; transitions halve the "
            "channels and the resolution. Parameters include BN.",
        ),
    )
    return table, facts
