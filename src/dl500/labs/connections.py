"""Full, locally connected, convolutional and locally shared layers on one example.

Two switches make the four patterns: is each output local (a k×k window), and are weights
shared across positions (everywhere, within regions, or not at all). One module,
`RegionConv`, covers the three local patterns — one weight set per region of the output
grid, so a single region is a convolution and one region per position is a locally
connected layer — and is checked against F.conv2d in the tests.
"""

from __future__ import annotations

from typing import Any

from dl500.bank.labdata import Table
from dl500.bank.schema import Localized
from dl500.labs.counting import conv_out
from dl500.labs.registry import lab


def build_region_conv(c_in: int, c_out: int, k: int, n: int, region: int) -> Any:
    """A k×k, stride-1, unpadded layer on n×n inputs with one weight set per region×region
    block of output positions (region = output side: convolution; region = 1: untied)."""
    import torch
    import torch.nn.functional as F
    from torch import nn

    side = conv_out(n, k)
    per_side = -(-side // region)

    class RegionConv(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            regions = per_side * per_side
            self.weight = nn.Parameter(torch.randn(regions, c_out, c_in * k * k) * 0.1)
            self.bias = nn.Parameter(torch.zeros(regions, c_out))
            cells = torch.arange(side) // region
            self.register_buffer(
                "region_of", (cells[:, None] * per_side + cells[None, :]).flatten()
            )

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            patches = F.unfold(x, k)  # (batch, c_in·k², positions)
            w, b = self.weight[self.region_of], self.bias[self.region_of]  # per position
            y = torch.einsum("nip,poi->nop", patches, w) + b.T
            return y.reshape(len(x), c_out, side, side)

    return RegionConv()


def patterns(c_in: int, c_out: int, k: int, n: int, region: int) -> dict[str, dict[str, int]]:
    """Weights, biases and MACs of the four patterns, counted from the modules."""
    from torch import nn

    side = conv_out(n, k)
    modules = {
        "fully connected": nn.Linear(c_in * n * n, c_out * side * side),
        "locally connected": build_region_conv(c_in, c_out, k, n, 1),
        "convolution": build_region_conv(c_in, c_out, k, n, side),
        f"local convolution ({region}×{region} regions)": build_region_conv(
            c_in, c_out, k, n, region
        ),
    }
    units = c_out * side * side
    counts = {}
    for name, module in modules.items():
        fan_in = c_in * n * n if name == "fully connected" else c_in * k * k
        counts[name] = {
            "weights": module.weight.numel(),
            "biases": module.bias.numel(),
            "total": sum(p.numel() for p in module.parameters()),
            "macs": units * fan_in,
        }
    return counts


@lab("connections.param_table", c_in=3, c_out=4, k=3, n=6, region=2)
def connections_param_table(
    c_in: int, c_out: int, k: int, n: int, region: int
) -> tuple[Table, dict]:
    """Parameters and MACs of the four connection patterns on one worked example."""
    side = conv_out(n, k)
    counts = patterns(c_in, c_out, k, n, region)
    formulas = ("(n²·C_in)·(P·C_out)", "P·k²·C_in·C_out", "k²·C_in·C_out", "R·k²·C_in·C_out")
    rows = tuple(
        (name, formula, c["weights"], c["biases"], c["total"], c["macs"])
        for (name, c), formula in zip(counts.items(), formulas, strict=True)
    )
    table = Table(
        caption=Localized(
            f"四种连接方式的参数与乘加（输入 {n}×{n}×{c_in}，{k}×{k} 窗口，步长 1，无填充，"
            f"输出 {side}×{side}×{c_out}）",
            f"Parameters and MACs of the four connection patterns (input {n}×{n}×{c_in}, "
            f"{k}×{k} window, stride 1, no padding, output {side}×{side}×{c_out})",
        ),
        columns=(
            Localized("方式", "Pattern"),
            Localized("权重公式", "Weight formula"),
            Localized("权重", "Weights"),
            Localized("偏置", "Biases"),
            Localized("合计", "Total"),
            Localized("乘加", "MACs"),
        ),  # fmt: skip
        rows=rows,
        notes=Localized(
            f"P = {side}² = {side * side} 个输出位置，R = {(-(-side // region)) ** 2} 个区域。"
            "偏置按常见约定：全连接与局部连接每个输出单元一个，卷积每个输出通道一个，"
            "局部卷积每个区域每个通道一个。",
            f"P = {side}² = {side * side} output positions, "
            f"R = {(-(-side // region)) ** 2} regions. "
            "Biases follow the usual convention: one per output unit for the fully and locally "
            "connected layers, one per output channel for convolution, one per region and "
            "channel for local convolution.",
        ),
    )
    return table, counts
