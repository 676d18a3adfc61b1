"""ResNet-18 … 152 (He et al., 2015) and the bottleneck block's saving, from our own modules.

The layout is the common (torchvision) one: bias-free convolutions with batch norm, stride
2 in the 3×3 convolution of a bottleneck ("v1.5"), 1×1 projection shortcuts where the
shape changes. Parameter counts include BN's scale and shift; MACs count convolutions and
the final FC layer.
"""

from __future__ import annotations

from typing import Any

from dl500.bank.labdata import Table
from dl500.bank.schema import Localized
from dl500.labs.counting import count_macs, count_params, on_meta
from dl500.labs.registry import lab

DEPTHS = {
    18: ("basic", (2, 2, 2, 2)),
    34: ("basic", (3, 4, 6, 3)),
    50: ("bottleneck", (3, 4, 6, 3)),
    101: ("bottleneck", (3, 4, 23, 3)),
    152: ("bottleneck", (3, 8, 36, 3)),
}


def _conv_bn(c_in: int, c_out: int, k: int, stride: int = 1) -> list[Any]:
    from torch import nn

    return [nn.Conv2d(c_in, c_out, k, stride, k // 2, bias=False), nn.BatchNorm2d(c_out)]


def make_block(kind: str, c_in: int, width: int, stride: int) -> Any:
    """A residual block: basic (two 3×3) or bottleneck (1×1 → 3×3 → 1×1, expansion 4)."""
    import torch
    from torch import nn

    if kind == "basic":
        layers, c_out = (
            [*_conv_bn(c_in, width, 3, stride), nn.ReLU(), *_conv_bn(width, width, 3)],
            width,
        )
    else:
        c_out = 4 * width
        layers = [*_conv_bn(c_in, width, 1), nn.ReLU(), *_conv_bn(width, width, 3, stride),
                  nn.ReLU(), *_conv_bn(width, c_out, 1)]  # fmt: skip

    class Block(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.body = nn.Sequential(*layers)
            is_projected = stride != 1 or c_in != c_out
            self.shortcut = (
                nn.Sequential(*_conv_bn(c_in, c_out, 1, stride)) if is_projected else nn.Identity()
            )

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return torch.relu(self.body(x) + self.shortcut(x))

    return Block()


def build_resnet(depth: int) -> Any:
    """Return ResNet-depth for 224×224 inputs and 1000 classes."""
    from torch import nn

    kind, counts = DEPTHS[depth]
    layers = [*_conv_bn(3, 64, 7, 2), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
    channels = 64
    for stage, count in enumerate(counts):
        width = 64 * 2**stage
        for i in range(count):
            block = make_block(kind, channels, width, 2 if i == 0 and stage > 0 else 1)
            layers.append(block)
            channels = width if kind == "basic" else 4 * width
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, 1000)]
    return nn.Sequential(*layers)


@lab("resnet.summary")
def resnet_summary() -> tuple[Table, dict[str, Any]]:
    """Blocks per stage, parameters and MACs of ResNet-18/34/50/101/152 at 224×224."""
    rows, facts = [], {}
    for depth, (kind, counts) in DEPTHS.items():
        model = on_meta(build_resnet, depth)
        params = count_params(model)
        gmacs = round(count_macs(model, (3, 224, 224)) / 1e9, 3)
        rows.append((f"ResNet-{depth}", kind, "-".join(map(str, counts)), params, gmacs))
        facts |= {f"resnet{depth}_params": params, f"resnet{depth}_gmacs": gmacs}
    table = Table(
        caption=Localized(
            "ResNet 各深度的参数量与计算量（224×224，1000 类）",
            "Parameters and compute of ResNets (224×224, 1000 classes)",
        ),
        columns=(
            Localized("模型", "Model"),
            Localized("残差块", "Block"),
            Localized("各阶段块数", "Blocks per stage"),
            Localized("参数", "Params"),
            Localized("GMAC", "GMACs"),
        ),
        rows=tuple(rows),
        notes=Localized(
            "参数含 BN 的缩放与平移；MAC 只计卷积与全连接。"
            "1 MAC ≈ 2 FLOPs：ResNet-50 约 8.2 GFLOPs。",
            "Parameters include BN's scale and shift; MACs count convolutions and the FC layer "
            "only. 1 MAC ≈ 2 FLOPs: ResNet-50 is about 8.2 GFLOPs.",
        ),
    )
    return table, facts


@lab("resnet.bottleneck")
def resnet_bottleneck() -> tuple[Table, dict[str, Any]]:
    """Conv weights and MACs of a bottleneck vs a basic block on a 56×56 map."""
    from torch import nn

    def weights(block: Any) -> int:
        convs = [m for m in block.body if isinstance(m, nn.Conv2d)]
        return sum(m.weight.numel() for m in convs)

    cases = (
        ("bottleneck", "bottleneck 256→64→64→256", ("bottleneck", 256, 64, 1)),
        ("basic256", "two 3×3 at 256 (basic)", ("basic", 256, 256, 1)),
        ("basic64", "two 3×3 at 64 (basic)", ("basic", 64, 64, 1)),
    )
    rows, facts = [], {}
    for key, label, args in cases:
        block = on_meta(make_block, *args)
        macs = count_macs(block, (args[1], 56, 56))
        rows.append((label, weights(block), round(macs / 1e6, 1)))
        facts |= {f"{key}_weights": weights(block), f"{key}_macs": macs}
    table = Table(
        caption=Localized(
            "瓶颈块与两层 3×3 基本块的卷积权重和 MAC（56×56 特征图，不计 BN）",
            "Conv weights and MACs of a bottleneck vs basic blocks (56×56 map, BN not counted)",
        ),
        columns=(
            Localized("残差块", "Block"),
            Localized("卷积权重", "Conv weights"),
            Localized("MAC（百万）", "MACs (M)"),
        ),
        rows=tuple(rows),
    )
    return table, facts
