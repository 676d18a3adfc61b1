"""What convolution designs cost: parameters and MACs of factorised, reduced and split kernels.

Each count comes from real PyTorch modules (weights only, no biases, as the answers state
them), so the familiar ratios — 18C² vs 25C², 8,960 vs 5,120, 1/N + 1/k² — are checked
against the framework rather than copied from a formula sheet.
"""

from __future__ import annotations

from typing import Any

from dl500.bank.labdata import Table
from dl500.bank.schema import Localized
from dl500.labs.counting import count_macs, count_params
from dl500.labs.registry import lab


def _convs(*specs: tuple[int, int, int | tuple[int, int], int]) -> Any:
    """nn.Sequential of bias-free, size-preserving convs from (c_in, c_out, kernel, groups)."""
    from torch import nn

    layers = []
    for c_in, c_out, kernel, groups in specs:
        kh, kw = (kernel, kernel) if isinstance(kernel, int) else kernel
        layers.append(nn.Conv2d(c_in, c_out, (kh, kw), padding=(kh // 2, kw // 2),
                                groups=groups, bias=False))  # fmt: skip
    return nn.Sequential(*layers)


def _cost(specs: list[Any], c_in: int, size: int) -> tuple[int, int]:
    """(weights, MACs on a size×size map) of a stack of convs."""
    module = _convs(*specs)
    return count_params(module), count_macs(module, (c_in, size, size))


@lab("convcost.kernel_factorization", channels=64)
def kernel_factorization(channels: int) -> tuple[Table, dict[str, Any]]:
    """One large kernel vs a stack of 3×3 kernels with the same receptive field (C → C)."""
    c = channels
    options = (
        ("5×5", 5, [(c, c, 5, 1)]),
        ("3×3 ×2", 5, [(c, c, 3, 1)] * 2),
        ("7×7", 7, [(c, c, 7, 1)]),
        ("3×3 ×3", 7, [(c, c, 3, 1)] * 3),
    )
    rows, facts = [], {}
    for label, rf, specs in options:
        weights = count_params(_convs(*specs))
        rows.append((label, rf, f"{weights // (c * c)}C²", weights, len(specs)))
        facts[label] = weights // (c * c)
    table = Table(
        caption=Localized(
            f"大核与 3×3 堆叠（C → C，不计偏置）：感受野相同时的权重数（C = {c}）",
            f"A large kernel vs stacked 3×3 kernels (C → C, no biases): weights at equal "
            f"receptive field (C = {c})",
        ),
        columns=(
            Localized("方案", "Option"),
            Localized("感受野", "Receptive field"),
            Localized("权重", "Weights"),
            Localized(f"C = {c} 时", f"At C = {c}"),
            Localized("非线性层数", "Nonlinearities"),
        ),  # fmt: skip
        rows=tuple(rows),
    )
    return table, facts


def _inception(c1: int, out: int, reduce: int | None) -> Any:
    """Weights of the four branches; `reduce` None = naive module (no 1×1 before k×k)."""
    if reduce is None:
        branches = {"1×1": [(c1, out, 1, 1)], "3×3": [(c1, out, 3, 1)],
                    "5×5": [(c1, out, 5, 1)], "pool": []}  # fmt: skip
    else:
        branches = {
            "1×1": [(c1, out, 1, 1)],
            "3×3": [(c1, reduce, 1, 1), (reduce, out, 3, 1)],
            "5×5": [(c1, reduce, 1, 1), (reduce, out, 5, 1)],
            "pool": [(c1, out, 1, 1)],
        }
    return {name: count_params(_convs(*specs)) if specs else 0 for name, specs in branches.items()}


@lab("convcost.inception_bottleneck", c1=16, out=16, reduce=8)
def inception_bottleneck(c1: int, out: int, reduce: int) -> tuple[Table, dict[str, Any]]:
    """Weights of a naive inception module vs one with 1×1 reductions, branch by branch."""
    naive, reduced = _inception(c1, out, None), _inception(c1, out, reduce)
    rows = [(name, naive[name], reduced[name]) for name in naive]
    rows.append(("Σ", sum(naive.values()), sum(reduced.values())))
    facts = {"naive": sum(naive.values()), "reduced": sum(reduced.values())}
    facts |= {"naive_output_channels": 3 * out + c1, "reduced_output_channels": 4 * out}
    table = Table(
        caption=Localized(
            f"Inception 模块的权重（输入 {c1} 通道，各分支输出 {out}，"
            f"1×1 降维到 {reduce}，不计偏置）",
            f"Inception-module weights (input {c1} channels, {out} out per branch, 1×1 "
            f"reduction to {reduce}, no biases)",
        ),
        columns=(
            Localized("分支", "Branch"),
            Localized("朴素模块", "Naive module"),
            Localized("带 1×1 降维", "With 1×1 reductions"),
        ),
        rows=tuple(rows),
        notes=Localized(
            f"朴素模块的池化分支原样输出 {c1} 个通道；降维版在池化后接 1×1 投影到 {out}。",
            f"The naive pool branch passes its {c1} input channels through; the reduced "
            f"module projects them to {out} with a 1×1 convolution.",
        ),
    )
    return table, facts


@lab("convcost.depthwise_separable", c_in=128, c_out=256, kernel=3, size=56)
def depthwise_separable(c_in: int, c_out: int, kernel: int, size: int) -> tuple[Table, dict]:
    """Standard vs depthwise-separable convolution, step by step: weights and MACs."""
    layers = (
        ("standard", f"standard {kernel}×{kernel}, {c_in}→{c_out}", [(c_in, c_out, kernel, 1)]),
        ("depthwise", f"depthwise {kernel}×{kernel} ({c_in} channels)",
         [(c_in, c_in, kernel, c_in)]),
        ("pointwise", f"pointwise 1×1, {c_in}→{c_out}", [(c_in, c_out, 1, 1)]),
        ("separable", "separable total", [(c_in, c_in, kernel, c_in), (c_in, c_out, 1, 1)]),
    )  # fmt: skip
    rows, facts = [], {}
    base = _cost(layers[0][2], c_in, size)[0]
    for key, label, specs in layers:
        weights, macs = _cost(specs, c_in, size)
        rows.append((label, weights, round(weights / base, 4), round(macs / 1e6, 1)))
        facts[key] = {"weights": weights, "ratio": round(weights / base, 4), "macs": macs}
    facts["ratio_formula"] = round(1 / c_out + 1 / kernel**2, 4)
    table = Table(
        caption=Localized(
            f"{kernel}×{kernel} 卷积 {c_in} → {c_out}：标准卷积与深度可分离卷积"
            f"（不计偏置；MAC 按 {size}×{size} 输出）",
            f"A {kernel}×{kernel} convolution {c_in} → {c_out}: standard vs depthwise-separable "
            f"(no biases; MACs on a {size}×{size} output)",
        ),
        columns=(
            Localized("层", "Layer"),
            Localized("权重", "Weights"),
            Localized("相对标准卷积", "Ratio to standard"),
            Localized("MAC（百万）", "MACs (M)"),
        ),  # fmt: skip
        rows=tuple(rows),
        notes=Localized(
            f"比例 = 1/N + 1/k² = 1/{c_out} + 1/{kernel**2} = {facts['ratio_formula']}。",
            f"Ratio = 1/N + 1/k² = 1/{c_out} + 1/{kernel**2} = {facts['ratio_formula']}.",
        ),
    )
    return table, facts


@lab("convcost.reduce_params", c_in=128, c_out=256, size=56)
def reduce_params(c_in: int, c_out: int, size: int) -> tuple[Table, dict]:
    """Five ways to build a 3×3 layer c_in → c_out: weights, ratio, MACs."""
    mid = c_out // 4
    options = (
        ("standard", f"3×3, {c_in}→{c_out}", [(c_in, c_out, 3, 1)]),
        ("asymmetric", f"3×1 {c_in}→{c_in}, then 1×3 {c_in}→{c_out}",
         [(c_in, c_in, (3, 1), 1), (c_in, c_out, (1, 3), 1)]),
        ("grouped", f"3×3, g = 4 (each group {c_in // 4}→{c_out // 4})", [(c_in, c_out, 3, 4)]),
        ("bottleneck", f"1×1 {c_in}→{mid}, 3×3 {mid}→{mid}, 1×1 {mid}→{c_out}",
         [(c_in, mid, 1, 1), (mid, mid, 3, 1), (mid, c_out, 1, 1)]),
        ("separable", f"3×3 depthwise + 1×1 {c_in}→{c_out}",
         [(c_in, c_in, 3, c_in), (c_in, c_out, 1, 1)]),
    )  # fmt: skip
    rows, facts = [], {}
    base = _cost(options[0][2], c_in, size)[0]
    for key, label, specs in options:
        weights, macs = _cost(specs, c_in, size)
        rows.append((label, weights, round(weights / base, 4), round(macs / 1e6, 1)))
        facts[key] = {"weights": weights, "ratio": round(weights / base, 4)}
    table = Table(
        caption=Localized(
            f"同一层（3×3，{c_in} → {c_out}，输出 {size}×{size}，不计偏置）的五种实现",
            f"Five ways to build one layer (3×3, {c_in} → {c_out}, {size}×{size} output, "
            "no biases)",
        ),
        columns=(
            Localized("方案", "Option"),
            Localized("权重", "Weights"),
            Localized("相对比例", "Ratio"),
            Localized("MAC（百万）", "MACs (M)"),
        ),  # fmt: skip
        rows=tuple(rows),
        notes=Localized(
            "步长为 1 时 MAC = 权重 × 输出位置数，所以 MAC 的比例与权重的比例相同。",
            "At stride 1, MACs = weights × output positions, so the MAC ratios equal the "
            "weight ratios.",
        ),
    )
    return table, facts
