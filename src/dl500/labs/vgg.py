"""VGG-11/13/16/19 (Simonyan & Zisserman, 2014): where the parameters and the MACs are.

The four configurations (A, B, D, E of the paper) stack 3×3 convolutions in five stages
and end with three FC layers. The tables show the well-known scissors: almost 90% of the
parameters sit in the FC layers, almost all the compute in the convolutions. Models are
built on the meta device, so counting needs neither memory nor arithmetic.
"""

from __future__ import annotations

from typing import Any

from dl500.bank.labdata import Table
from dl500.bank.schema import Localized
from dl500.labs.counting import count_params, fmt_shape, on_meta, trace
from dl500.labs.registry import lab

STAGES = {
    11: (1, 1, 2, 2, 2),
    13: (2, 2, 2, 2, 2),
    16: (2, 2, 3, 3, 3),
    19: (2, 2, 4, 4, 4),
}
"""3×3 conv layers per stage; stage widths are 64, 128, 256, 512, 512."""

WIDTHS = (64, 128, 256, 512, 512)


def build_vgg(depth: int) -> Any:
    """Return VGG-depth as nn.Sequential with layers named conv1_1 … pool5, fc6 … fc8."""
    from collections import OrderedDict

    from torch import nn

    layers: list[tuple[str, nn.Module]] = []
    channels = 3
    for stage, (count, width) in enumerate(zip(STAGES[depth], WIDTHS, strict=True), start=1):
        for i in range(1, count + 1):
            layers.append((f"conv{stage}_{i}", nn.Conv2d(channels, width, 3, padding=1)))
            layers.append((f"relu{stage}_{i}", nn.ReLU()))
            channels = width
        layers.append((f"pool{stage}", nn.MaxPool2d(2)))
    layers += [
        ("flat", nn.Flatten()),
        ("fc6", nn.Linear(512 * 7 * 7, 4096)), ("relu6", nn.ReLU()),
        ("fc7", nn.Linear(4096, 4096)), ("relu7", nn.ReLU()),
        ("fc8", nn.Linear(4096, 1000)),
    ]  # fmt: skip
    return nn.Sequential(OrderedDict(layers))


def _counts(depth: int) -> dict[str, int]:
    model = on_meta(build_vgg, depth)
    fc = sum(count_params(getattr(model, n)) for n in ("fc6", "fc7", "fc8"))
    params = count_params(model)
    macs = sum(m for m, _ in trace(model, (3, 224, 224)).values())
    return {"params": params, "fc_params": fc, "conv_params": params - fc, "macs": macs}


@lab("vgg.summary")
def vgg_summary() -> tuple[Table, dict[str, Any]]:
    """Parameters, FC share, MACs and FP32 size of VGG-11/13/16/19 at 224×224."""
    rows, facts = [], {}
    for depth, stages in STAGES.items():
        c = _counts(depth)
        share = round(c["fc_params"] / c["params"], 4)
        gmacs = round(c["macs"] / 1e9, 2)
        mib = round(c["params"] * 4 / 2**20, 1)
        rows.append((f"VGG-{depth}", sum(stages), c["params"], c["conv_params"],
                     c["fc_params"], share, gmacs, mib))  # fmt: skip
        facts |= {f"vgg{depth}_params": c["params"], f"vgg{depth}_gmacs": gmacs}
        facts |= {f"vgg{depth}_fc_share": share, f"vgg{depth}_mib": mib}
    table = Table(
        caption=Localized(
            "VGG 各配置的参数量与计算量（224×224 输入，1000 类）",
            "Parameters and compute of the VGG configurations (224×224 input, 1000 classes)",
        ),
        columns=(
            Localized("模型", "Model"),
            Localized("3×3 卷积层数", "3×3 conv layers"),
            Localized("参数", "Params"),
            Localized("卷积参数", "Conv params"),
            Localized("全连接参数", "FC params"),
            Localized("全连接占比", "FC share"),
            Localized("GMAC", "GMACs"),
            Localized("FP32 权重（MiB）", "FP32 weights (MiB)"),
        ),
        rows=tuple(rows),
        notes=Localized(
            "MAC 只计卷积与全连接的乘加（不计偏置、ReLU、池化）；1 MAC ≈ 2 FLOPs。",
            "MACs count conv and FC multiply-adds only (no biases, ReLU or pooling); "
            "1 MAC ≈ 2 FLOPs.",
        ),
    )
    return table, facts


@lab("vgg.vgg16_layers")
def vgg16_layers() -> tuple[Table, dict[str, Any]]:
    """VGG-16 layer by layer: output shape, parameters and MACs."""
    model = on_meta(build_vgg, 16)
    traced = trace(model, (3, 224, 224))
    rows, stage_macs = [], {}
    for name, module in model.named_children():
        if name in traced:
            macs, shape = traced[name]
            rows.append((name, fmt_shape(shape), count_params(module), round(macs / 1e6, 1)))
            stage = name[4] if name.startswith("conv") else "fc"
            stage_macs[stage] = stage_macs.get(stage, 0) + macs
    facts = {
        "fc6_params": count_params(model.fc6),
        "conv_params": sum(r[2] for r in rows if r[0].startswith("conv")),
        "fc_macs": stage_macs["fc"],
        "conv1_2_mmacs": next(r[3] for r in rows if r[0] == "conv1_2"),
        "conv5_1_mmacs": next(r[3] for r in rows if r[0] == "conv5_1"),
    }
    table = Table(
        caption=Localized(
            "VGG-16 逐层输出、参数与 MAC（224×224 输入）",
            "VGG-16 per layer at 224×224: output, parameters and MACs",
        ),
        columns=(
            Localized("层", "Layer"),
            Localized("输出", "Output"),
            Localized("参数", "Params"),
            Localized("MAC（百万）", "MACs (M)"),
        ),
        rows=tuple(rows),
        notes=Localized(
            "每个阶段末尾有 2×2 最大池化（无参数），空间尺寸减半。"
            f"全连接层的 MAC 共 {stage_macs['fc']:,}，不到总量的 1%。",
            "Each stage ends with 2×2 max-pooling (no parameters), halving the spatial size. "
            f"The FC layers' MACs total {stage_macs['fc']:,}, under 1% of the whole.",
        ),
    )
    return table, facts
