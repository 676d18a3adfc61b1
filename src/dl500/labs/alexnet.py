"""AlexNet (2012) in its three common layouts, and ZFNet, counted layer by layer.

The original network was split over two GPUs: conv2, conv4 and conv5 only see the half of
the channels on their own GPU (groups = 2), while conv3 and the FC layers cross over. The
"single tower" puts everything on one device, and torchvision's variant (from Krizhevsky's
2014 "one weird trick" paper) uses 64-192-384-256-256 channels on a padded 224 input.
These labs count parameters and MACs from those modules, and redo the 224-vs-227
arithmetic that many textbooks get wrong.
"""

from __future__ import annotations

from typing import Any

from dl500.bank.labdata import Table
from dl500.bank.schema import Localized
from dl500.labs.counting import conv_out, count_params, fmt_shape, on_meta, trace
from dl500.labs.registry import lab

LAYERS = ("conv1", "conv2", "conv3", "conv4", "conv5", "fc6", "fc7", "fc8")

# (out channels, kernel, stride, padding, groups, max-pool after it) for conv1 … conv5
_CONVS = {
    "grouped": ((96, 11, 4, 0, 1, True), (256, 5, 1, 2, 2, True), (384, 3, 1, 1, 1, False),
                (384, 3, 1, 1, 2, False), (256, 3, 1, 1, 2, True)),
    "single": ((96, 11, 4, 0, 1, True), (256, 5, 1, 2, 1, True), (384, 3, 1, 1, 1, False),
               (384, 3, 1, 1, 1, False), (256, 3, 1, 1, 1, True)),
    "torchvision": ((64, 11, 4, 2, 1, True), (192, 5, 1, 2, 1, True), (384, 3, 1, 1, 1, False),
                    (256, 3, 1, 1, 1, False), (256, 3, 1, 1, 1, True)),
    "zfnet": ((96, 7, 2, 1, 1, True), (256, 5, 2, 0, 1, True), (384, 3, 1, 1, 1, False),
              (384, 3, 1, 1, 1, False), (256, 3, 1, 1, 1, True)),
}  # fmt: skip


def build(layout: str, conv1_padding: int | None = None, is_ceil_pool: bool = False) -> Any:
    """Return the layout as nn.Sequential(features, classifier) with named conv/fc layers.

    ZFNet's pools round up (Caffe's convention) so that its 110 → 55 → 26 → 13 → 6 sizes
    match the paper; the classifier assumes a 256×6×6 feature map.
    """
    from collections import OrderedDict

    from torch import nn

    features: list[tuple[str, nn.Module]] = []
    channels = 3
    for i, (out, k, s, p, g, is_pooled) in enumerate(_CONVS[layout], start=1):
        pad = conv1_padding if i == 1 and conv1_padding is not None else p
        features += [(f"conv{i}", nn.Conv2d(channels, out, k, s, pad, groups=g)),
                     (f"relu{i}", nn.ReLU())]  # fmt: skip
        if is_pooled:
            features.append((f"pool{i}", nn.MaxPool2d(3, 2, ceil_mode=is_ceil_pool)))
        channels = out
    classifier = [
        ("flat", nn.Flatten()),
        ("fc6", nn.Linear(channels * 6 * 6, 4096)), ("relu6", nn.ReLU()),
        ("fc7", nn.Linear(4096, 4096)), ("relu7", nn.ReLU()),
        ("fc8", nn.Linear(4096, 1000)),
    ]  # fmt: skip
    return nn.Sequential(
        OrderedDict([("features", nn.Sequential(OrderedDict(features))),
                     ("classifier", nn.Sequential(OrderedDict(classifier)))])
    )  # fmt: skip


def _per_layer(model: Any, size: int) -> dict[str, tuple[int, int, tuple[int, ...]]]:
    """{layer: (params, MACs, output shape)} for conv1 … fc8."""
    traced = {name.split(".")[-1]: v for name, v in trace(model, (3, size, size)).items()}
    modules = {name.split(".")[-1]: m for name, m in model.named_modules()}
    return {n: (count_params(modules[n]), *traced[n]) for n in LAYERS}


def _zfnet() -> Any:
    return build("zfnet", is_ceil_pool=True)


@lab("alexnet.layer_table")
def alexnet_layer_table() -> tuple[Table, dict[str, Any]]:
    """Per-layer output, parameters and MACs of the two-GPU and the single-tower AlexNet."""
    grouped = _per_layer(on_meta(build, "grouped"), 227)
    single = _per_layer(on_meta(build, "single"), 227)
    rows = []
    for name in LAYERS:
        (gp, gm, shape), (sp, sm, _) = grouped[name], single[name]
        rows.append((name, fmt_shape(shape), gp, sp, gm, sm))
    totals = [sum(r[i] for r in rows) for i in range(2, 6)]
    rows.append(("Σ", "", *totals))
    facts = {
        "grouped_params": totals[0], "single_params": totals[1],
        "grouped_macs": totals[2], "single_macs": totals[3],
        "fc8_params": grouped["fc8"][0], "conv1_output": grouped["conv1"][2][-1],
        "fc_params": sum(grouped[n][0] for n in ("fc6", "fc7", "fc8")),
        "fc_macs": sum(grouped[n][1] for n in ("fc6", "fc7", "fc8")),
    }  # fmt: skip
    facts["fc_param_share"] = round(facts["fc_params"] / facts["grouped_params"], 4)
    facts["fc_mac_share"] = round(facts["fc_macs"] / facts["grouped_macs"], 4)
    table = Table(
        caption=Localized(
            "AlexNet 逐层输出、参数与 MAC（227×227 输入）：原论文双 GPU 分组版与单塔版",
            "AlexNet per layer at 227×227: output, parameters and MACs of the original "
            "two-GPU (grouped) layout and of the single tower",
        ),
        columns=(
            Localized("层", "Layer"),
            Localized("输出", "Output"),
            Localized("参数（分组）", "Params (grouped)"),
            Localized("参数（单塔）", "Params (single)"),
            Localized("MAC（分组）", "MACs (grouped)"),
            Localized("MAC（单塔）", "MACs (single)"),
        ),
        rows=tuple(rows),
        notes=Localized(
            "conv2、conv4、conv5 在原版中分两组（每组只看一半输入通道），conv3 与全连接层跨 GPU。"
            f"全连接层占分组版参数的 {facts['fc_param_share']:.1%}，却只占 MAC 的 "
            f"{facts['fc_mac_share']:.1%}。MAC 只计卷积与全连接的乘加。",
            "In the original, conv2, conv4 and conv5 have two groups (each sees half of the "
            "input channels); conv3 and the FC layers cross the GPUs. The FC layers hold "
            f"{facts['fc_param_share']:.1%} of the grouped model's parameters but only "
            f"{facts['fc_mac_share']:.1%} of its MACs. MACs count conv and FC multiply-adds only.",
        ),
    )
    return table, facts


@lab("alexnet.variants")
def alexnet_variants() -> tuple[Table, dict[str, Any]]:
    """Totals of the three AlexNet layouts and of ZFNet."""
    variants = (
        ("grouped", "AlexNet, 2 GPUs (groups = 2)", on_meta(build, "grouped"), 227),
        ("single", "AlexNet, single tower", on_meta(build, "single"), 227),
        ("torchvision", "AlexNet, torchvision (64-192-384-256-256)",
         on_meta(build, "torchvision"), 224),
        ("zfnet", "ZFNet, single tower", on_meta(_zfnet), 224),
    )  # fmt: skip
    rows, facts = [], {}
    for key, label, model, size in variants:
        layers = _per_layer(model, size)
        params = sum(v[0] for v in layers.values())
        macs = sum(v[1] for v in layers.values())
        conv1 = fmt_shape(layers["conv1"][2])
        rows.append((label, size, conv1, params, round(macs / 1e9, 3)))
        facts |= {f"{key}_params": params, f"{key}_gmacs": round(macs / 1e9, 3)}
        facts[f"{key}_conv1"] = conv1
    facts["zfnet_conv2"] = fmt_shape(_per_layer(on_meta(_zfnet), 224)["conv2"][2])
    table = Table(
        caption=Localized(
            "AlexNet 各版本与 ZFNet 的参数量和计算量",
            "Parameters and compute of the AlexNet layouts and ZFNet",
        ),
        columns=(
            Localized("版本", "Layout"),
            Localized("输入", "Input"),
            Localized("conv1 输出", "conv1 output"),
            Localized("参数", "Params"),
            Localized("GMAC", "GMACs"),
        ),
        rows=tuple(rows),
        notes=Localized(
            "torchvision 版在 conv1 填充 2，使 224 输入也得到 55×55；"
            "ZFNet 用 7×7、步长 2 的 conv1。",
            "torchvision pads conv1 by 2 so that a 224 input also gives 55×55; ZFNet's conv1 "
            "is 7×7 with stride 2.",
        ),
    )
    return table, facts


def _feature_sizes(size: int, padding: int) -> dict[str, int]:
    """Spatial size after each named layer of the grouped features for one input size."""
    import torch

    x, sizes = torch.zeros(1, 3, size, size, device="meta"), {}
    model = on_meta(build, "grouped", conv1_padding=padding)
    with torch.no_grad():
        for name, layer in model.features.named_children():
            x = layer(x)
            sizes[name] = x.shape[-1]
    sizes["fc6_inputs"] = x[0].numel()
    return sizes


@lab("alexnet.input_size")
def alexnet_input_size() -> tuple[Table, dict[str, Any]]:
    """Why 227 (or 224 with padding 2) and not 224: conv1 and pool sizes per input."""
    rows, facts = [], {}
    for size, padding in ((227, 0), (224, 0), (224, 2)):
        exact = (size + 2 * padding - 11) / 4 + 1
        sizes = _feature_sizes(size, padding)
        assert sizes["conv1"] == conv_out(size, 11, 4, padding)  # PyTorch floors like the formula
        rows.append((size, padding, exact, sizes["conv1"], sizes["pool1"], sizes["pool2"],
                     sizes["pool5"], sizes["fc6_inputs"]))  # fmt: skip
        facts[f"conv1_exact_{size}_p{padding}"] = exact
        facts[f"fc6_inputs_{size}_p{padding}"] = sizes["fc6_inputs"]
    table = Table(
        caption=Localized(
            "AlexNet 的输入尺寸：conv1（11×11、步长 4）的 (n + 2p − 11)/4 + 1 与各池化层输出",
            "AlexNet's input size: (n + 2p − 11)/4 + 1 for conv1 (11×11, stride 4) and the "
            "size after each pooling layer",
        ),
        columns=(
            Localized("输入 n", "Input n"),
            Localized("填充 p", "Padding p"),
            Localized("(n+2p−11)/4+1", "(n+2p−11)/4+1"),
            Localized("conv1（向下取整）", "conv1 (floor)"),
            Localized("pool1", "pool1"),
            Localized("pool2", "pool2"),
            Localized("pool5", "pool5"),
            Localized("fc6 输入维度", "fc6 inputs"),
        ),
        rows=tuple(rows),
        notes=Localized(
            "只有 227（无填充）能整除；224 无填充得 54.25，框架向下取整为 54，"
            "最后 fc6 的输入变成 256×5×5 = 6,400 而不是 9,216。",
            "Only 227 without padding divides evenly; 224 without padding gives 54.25, which "
            "frameworks floor to 54, and fc6 then receives 256×5×5 = 6,400 inputs instead of "
            "9,216.",
        ),
    )
    return table, facts
