"""MobileNetV1 (Howard et al., 2017) and V2 (Sandler et al., 2018), width 1.0 at 224×224.

V1 replaces each standard convolution by a depthwise 3×3 plus a pointwise 1×1; V2 stacks
inverted residual blocks (1×1 expand by t, depthwise 3×3, linear 1×1 project). The table
splits parameters and MACs by kind of layer, which shows where a "depthwise" network
actually spends its compute: in the 1×1 convolutions.
"""

from __future__ import annotations

from typing import Any

from dl500.bank.labdata import Table
from dl500.bank.schema import Localized
from dl500.labs.counting import count_params, on_meta, trace
from dl500.labs.registry import lab

V1_BLOCKS = ((64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
             (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1))  # fmt: skip
"""(pointwise output channels, depthwise stride) of V1's 13 separable blocks."""

V2_STAGES = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
             (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1))  # fmt: skip
"""(expansion t, output channels c, repeats n, first stride s) of V2, Table 2 of the paper."""


def _cbr(c_in: int, c_out: int, k: int, stride: int = 1, groups: int = 1, act: bool = True) -> Any:
    """Bias-free conv + BN (+ ReLU6; V1's ReLU and V2's ReLU6 have no parameters alike)."""
    from torch import nn

    layers = [nn.Conv2d(c_in, c_out, k, stride, k // 2, groups=groups, bias=False),
              nn.BatchNorm2d(c_out)]  # fmt: skip
    return nn.Sequential(*layers, *([nn.ReLU6()] if act else []))


def build_mobilenet_v1() -> Any:
    """Return MobileNetV1 (α = 1.0, 1000 classes)."""
    from torch import nn

    layers, channels = [_cbr(3, 32, 3, 2)], 32
    for out, stride in V1_BLOCKS:
        layers += [_cbr(channels, channels, 3, stride, groups=channels), _cbr(channels, out, 1)]
        channels = out
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, 1000)]
    return nn.Sequential(*layers)


def _inverted_residual(c_in: int, c_out: int, stride: int, t: int) -> Any:
    import torch
    from torch import nn

    hidden = c_in * t
    expand = [_cbr(c_in, hidden, 1)] if t != 1 else []
    body = nn.Sequential(*expand, _cbr(hidden, hidden, 3, stride, groups=hidden),
                         _cbr(hidden, c_out, 1, act=False))  # fmt: skip

    class InvertedResidual(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.body = body
            self.is_residual = stride == 1 and c_in == c_out

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return x + self.body(x) if self.is_residual else self.body(x)

    return InvertedResidual()


def build_mobilenet_v2() -> Any:
    """Return MobileNetV2 (α = 1.0, 1000 classes)."""
    from torch import nn

    layers, channels = [_cbr(3, 32, 3, 2)], 32
    for t, c, n, s in V2_STAGES:
        for i in range(n):
            layers.append(_inverted_residual(channels, c, s if i == 0 else 1, t))
            channels = c
    layers += [_cbr(channels, 1280, 1), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
               nn.Linear(1280, 1000)]  # fmt: skip
    return nn.Sequential(*layers)


def _split(model: Any) -> dict[str, tuple[int, int]]:
    """(params, MACs) of depthwise convs, 1×1 convs, other convs and the FC layer.

    A layer's BN parameters are counted with its convolution.
    """
    from torch import nn

    traced, modules = trace(model, (3, 224, 224)), dict(model.named_modules())
    split = {"depthwise": [0, 0], "pointwise": [0, 0], "other conv": [0, 0], "fc": [0, 0]}
    for name, (macs, _) in traced.items():
        layer = modules[name]
        if isinstance(layer, nn.Linear):
            kind = "fc"
        elif layer.groups > 1:
            kind = "depthwise"
        else:
            kind = "pointwise" if layer.kernel_size == (1, 1) else "other conv"
        parent = name.rsplit(".", 1)[0]
        bn = modules[f"{parent}.1"] if isinstance(layer, nn.Conv2d) else None
        split[kind][0] += count_params(layer) + (count_params(bn) if bn is not None else 0)
        split[kind][1] += macs
    return {k: (v[0], v[1]) for k, v in split.items()}


@lab("mobilenet.summary")
def mobilenet_summary() -> tuple[Table, dict[str, Any]]:
    """Parameters and MACs of MobileNetV1/V2, split by layer kind."""
    rows, facts = [], {}
    for key, label, builder in (("v1", "MobileNetV1", build_mobilenet_v1),
                                ("v2", "MobileNetV2", build_mobilenet_v2)):  # fmt: skip
        model = on_meta(builder)
        split = _split(model)
        params, macs = count_params(model), sum(m for _, m in split.values())
        assert params == sum(p for p, _ in split.values())
        for kind, (p, m) in split.items():
            rows.append((label, kind, p, round(m / 1e6, 1), round(m / macs, 3)))
        rows.append((label, "Σ", params, round(macs / 1e6, 1), 1.0))
        facts |= {f"{key}_params": params, f"{key}_mmacs": round(macs / 1e6, 1)}
        facts[f"{key}_pointwise_mac_share"] = round(split["pointwise"][1] / macs, 3)
    table = Table(
        caption=Localized(
            "MobileNetV1/V2（宽度 1.0，224×224）按层类型拆分的参数与 MAC",
            "MobileNetV1/V2 (width 1.0, 224×224): parameters and MACs by kind of layer",
        ),
        columns=(
            Localized("模型", "Model"),
            Localized("层类型", "Layers"),
            Localized("参数", "Params"),
            Localized("MAC（百万）", "MACs (M)"),
            Localized("MAC 占比", "MAC share"),
        ),
        rows=tuple(rows),
        notes=Localized(
            "depthwise = 3×3 深度卷积，pointwise = 1×1 卷积，other conv = 第一层 3×3 标准卷积；"
            "各卷积的 BN 参数计入该卷积。",
            "depthwise = 3×3 depthwise convs, pointwise = 1×1 convs, other conv = the first "
            "standard 3×3 conv; each conv's BN parameters are counted with it.",
        ),
    )
    return table, facts
