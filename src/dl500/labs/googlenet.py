"""GoogLeNet / Inception v1 (Szegedy et al., 2014), counted module by module.

The paper's Table 1 gives each inception module's branch widths; the network below follows
it (with biases, no batch norm, auxiliary heads counted separately). A second build
reproduces torchvision's variant (batch norm, bias-free convs and a 3×3 kernel in the
"5×5" branch), whose count differs and is often quoted by mistake as the paper's.
"""

from __future__ import annotations

from typing import Any

from dl500.bank.labdata import Table
from dl500.bank.schema import Localized
from dl500.labs.counting import count_params, on_meta, trace
from dl500.labs.registry import lab

# name: (1×1, 3×3 reduce, 3×3, 5×5 reduce, 5×5, pool proj), from Table 1 of the paper
MODULES = {
    "3a": (64, 96, 128, 16, 32, 32),
    "3b": (128, 128, 192, 32, 96, 64),
    "4a": (192, 96, 208, 16, 48, 64),
    "4b": (160, 112, 224, 24, 64, 64),
    "4c": (128, 128, 256, 24, 64, 64),
    "4d": (112, 144, 288, 32, 64, 64),
    "4e": (256, 160, 320, 32, 128, 128),
    "5a": (256, 160, 320, 32, 128, 128),
    "5b": (384, 192, 384, 48, 128, 128),
}
POOL_AFTER = ("3b", "4e")


def _conv(c_in: int, c_out: int, k: int, is_tv: bool) -> Any:
    """Conv + ReLU (paper) or bias-free conv + BN + ReLU (torchvision)."""
    from torch import nn

    conv = nn.Conv2d(c_in, c_out, k, padding=k // 2, bias=not is_tv)
    if is_tv:
        return nn.Sequential(conv, nn.BatchNorm2d(c_out, eps=1e-3), nn.ReLU())
    return nn.Sequential(conv, nn.ReLU())


def _inception(c_in: int, widths: tuple[int, ...], is_tv: bool = False) -> Any:
    import torch
    from torch import nn

    w1, r3, w3, r5, w5, wp = widths
    k5 = 3 if is_tv else 5

    class Inception(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.b1 = _conv(c_in, w1, 1, is_tv)
            self.b3 = nn.Sequential(_conv(c_in, r3, 1, is_tv), _conv(r3, w3, 3, is_tv))
            self.b5 = nn.Sequential(_conv(c_in, r5, 1, is_tv), _conv(r5, w5, k5, is_tv))
            self.bp = nn.Sequential(
                nn.MaxPool2d(3, 1, 1, ceil_mode=True), _conv(c_in, wp, 1, is_tv)
            )

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return torch.cat([self.b1(x), self.b3(x), self.b5(x), self.bp(x)], dim=1)

    return Inception()


def build_googlenet(is_tv: bool = False) -> Any:
    """Return GoogLeNet (paper layout, or torchvision's when `is_tv`) without aux heads."""
    from collections import OrderedDict

    from torch import nn

    layers: list[tuple[str, nn.Module]] = [
        ("conv1", nn.Sequential(nn.Conv2d(3, 64, 7, 2, 3, bias=not is_tv),
                                *([nn.BatchNorm2d(64, eps=1e-3)] if is_tv else []), nn.ReLU())),
        ("pool1", nn.MaxPool2d(3, 2, ceil_mode=True)),
        ("conv2_reduce", _conv(64, 64, 1, is_tv)),
        ("conv2", _conv(64, 192, 3, is_tv)),
        ("pool2", nn.MaxPool2d(3, 2, ceil_mode=True)),
    ]  # fmt: skip
    channels = 192
    for name, widths in MODULES.items():
        layers.append((f"inception_{name}", _inception(channels, widths, is_tv)))
        channels = widths[0] + widths[2] + widths[4] + widths[5]
        if name in POOL_AFTER:
            layers.append((f"pool_{name}", nn.MaxPool2d(3, 2, ceil_mode=True)))
    layers += [("gap", nn.AdaptiveAvgPool2d(1)), ("flat", nn.Flatten()),
               ("fc", nn.Linear(channels, 1000))]  # fmt: skip
    return nn.Sequential(OrderedDict(layers))


def build_aux_head(c_in: int) -> Any:
    """The paper's auxiliary classifier: 5×5/3 avg-pool, 1×1 conv 128, FC 1024, FC 1000."""
    from torch import nn

    return nn.Sequential(
        nn.AvgPool2d(5, 3), nn.Conv2d(c_in, 128, 1), nn.ReLU(), nn.Flatten(),
        nn.Linear(128 * 4 * 4, 1024), nn.ReLU(), nn.Dropout(0.7), nn.Linear(1024, 1000),
    )  # fmt: skip


def _module_macs(model: Any) -> dict[str, tuple[int, tuple[int, ...]]]:
    """MACs per top-level child (summed over its conv/FC layers) and its output shape."""
    import torch

    macs: dict[str, int] = {}
    for name, (m, _) in trace(model, (3, 224, 224)).items():
        top = name.split(".")[0]
        macs[top] = macs.get(top, 0) + m
    x, shapes = torch.zeros(1, 3, 224, 224, device="meta"), {}
    with torch.no_grad():
        for name, child in model.named_children():
            x = child(x)
            shapes[name] = tuple(x.shape[1:])
    return {name: (macs.get(name, 0), shapes[name]) for name in macs}


@lab("googlenet.module_table")
def googlenet_module_table() -> tuple[Table, dict[str, Any]]:
    """Output, parameters and MACs of every GoogLeNet stage and inception module."""
    model = on_meta(build_googlenet)
    per_module = _module_macs(model)
    rows, facts = [], {}
    for name, child in model.named_children():
        if name in per_module:
            macs, shape = per_module[name]
            out = "×".join(str(v) for v in shape)
            rows.append((name, out, count_params(child), round(macs / 1e6, 1)))
            facts[f"{name}_params"] = count_params(child)
    facts |= {
        "total_params": count_params(model),
        "total_gmacs": round(sum(m for m, _ in per_module.values()) / 1e9, 3),
        "torchvision_params": count_params(on_meta(build_googlenet, is_tv=True)),
        "aux_head_4a_params": count_params(on_meta(build_aux_head, 512)),
        "aux_head_4d_params": count_params(on_meta(build_aux_head, 528)),
    }
    total_macs = sum(m for m, _ in per_module.values())
    rows.append(("Σ", "", facts["total_params"], round(total_macs / 1e6, 1)))
    table = Table(
        caption=Localized(
            "GoogLeNet（论文版，含偏置、无 BN、不含辅助分类器）逐模块的输出、参数与 MAC（224×224）",
            "GoogLeNet (paper layout: biases, no BN, no auxiliary heads) per stage and "
            "inception module at 224×224: output, parameters and MACs",
        ),
        columns=(
            Localized("模块", "Module"),
            Localized("输出", "Output"),
            Localized("参数", "Params"),
            Localized("MAC（百万）", "MACs (M)"),
        ),
        rows=tuple(rows),
        notes=Localized(
            f"每个辅助分类器另有约 {facts['aux_head_4a_params']:,} 个参数（接在 4a 后；4d 后为 "
            f"{facts['aux_head_4d_params']:,}），推理时丢弃。torchvision 的 googlenet（BN、"
            f"“5×5”分支实为 3×3）为 {facts['torchvision_params']:,}。",
            f"Each auxiliary classifier adds {facts['aux_head_4a_params']:,} parameters (after "
            f"4a; {facts['aux_head_4d_params']:,} after 4d) and is dropped at inference. "
            f'torchvision\'s googlenet (BN, a 3×3 kernel in the "5×5" branch) has '
            f"{facts['torchvision_params']:,}.",
        ),
    )
    return table, facts


@lab("googlenet.bottleneck_3a")
def googlenet_bottleneck_3a() -> tuple[Table, dict[str, Any]]:
    """Inception 3a with and without its 1×1 reductions: parameters, MACs, output width."""
    w1, _, w3, _, w5, _ = MODULES["3a"]
    variants = (("with 1×1 reductions", MODULES["3a"], "reduced"),
                ("naive (no reductions)", (w1, 192, w3, 192, w5, 192), "naive"))  # fmt: skip
    rows, facts = [], {}
    for label, widths, key in variants:
        module = on_meta(_inception, 192, widths)
        if key == "naive":  # no 1×1 before 3×3/5×5 and the pool branch passes 192 maps through
            module.b3, module.b5 = module.b3[1:], module.b5[1:]
            module.bp = module.bp[:1]
        macs = sum(m for m, _ in trace(module, (192, 28, 28)).values())
        params = count_params(module)
        out = w1 + w3 + w5 + (MODULES["3a"][5] if key == "reduced" else 192)
        rows.append((label, params, macs // (28 * 28), round(macs / 1e6, 1), out))
        facts |= {f"{key}_params": params, f"{key}_macs": macs, f"{key}_channels": out}
    table = Table(
        caption=Localized(
            "inception 3a（输入 192×28×28）有无 1×1 降维的对比",
            "Inception 3a (input 192×28×28) with and without its 1×1 reductions",
        ),
        columns=(
            Localized("版本", "Version"),
            Localized("参数", "Params"),
            Localized("每位置 MAC", "MACs per position"),
            Localized("MAC（百万）", "MACs (M)"),
            Localized("输出通道", "Output channels"),
        ),
        rows=tuple(rows),
    )
    return table, facts
