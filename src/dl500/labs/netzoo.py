"""The network zoo: the main neural-network families as small node-and-edge diagrams.

Our own drawing of the idea behind the well-known "neural network zoo" chart: each family is
a few columns of cells, coloured by cell type, with the connections that define it (full,
local for convolutions, self-loops for recurrence, skips for residual nets, all-to-all for
attention). Nodes are scatter markers and edges one line collection per panel, which keeps
the SVG small.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dl500.bank.labdata import Figure
from dl500.bank.schema import Localized
from dl500.labs.figures import new_figure, to_svg
from dl500.labs.registry import lab

CELL_STYLES: dict[str, tuple[str, str, str]] = {
    "input": ("#edae49", "o", "input"),
    "noise": ("#f6d58e", "o", "noise / latent input"),
    "hidden": ("#66a182", "o", "hidden"),
    "prob": ("#66a182", "o", "probabilistic hidden (•)"),
    "output": ("#d1495b", "o", "output"),
    "match": ("#f08a4b", "o", "reconstruction (matches input)"),
    "recurrent": ("#00798c", "o", "recurrent"),
    "memory": ("#2e4057", "o", "memory cell (LSTM)"),
    "gated": ("#5b7fa6", "o", "gated memory cell (GRU)"),
    "kernel": ("#8d5a97", "s", "kernel / convolution"),
    "attention": ("#b8860b", "D", "attention"),
}
"""cell type → (colour, marker, legend label)."""


@dataclass
class Net:
    """A small layered diagram: (cell type, count) per column and how columns connect."""

    title: str
    layers: list[tuple[str, int]]
    local: set[int] = field(default_factory=set)
    """Indices i whose edges to column i + 1 are local (each cell sees its neighbours)."""
    skips: list[tuple[int, int]] = field(default_factory=list)
    """(from column, to column) one-to-one skip connections drawn as arcs."""
    one_to_one: set[int] = field(default_factory=set)
    """Indices i whose edges to column i + 1 are one-to-one (position-wise)."""


def _positions(layers: list[tuple[str, int]]) -> list[list[tuple[float, float]]]:
    return [[(float(i), j - (n - 1) / 2) for j in range(n)] for i, (_, n) in enumerate(layers)]


def _layer_edges(net: Net, pos: list[list[tuple[float, float]]]) -> list[Any]:
    edges = []
    for i in range(len(pos) - 1):
        for a in pos[i]:
            for b in pos[i + 1]:
                if i in net.one_to_one and abs(a[1] - b[1]) > 1e-9:
                    continue
                if i in net.local and abs(a[1] - b[1]) > 1.01:
                    continue
                edges.append((a, b))
    return edges


def _draw_cells(
    ax: Any, cells: list[tuple[str, tuple[float, float]]], has_loops: bool = True
) -> None:
    for kind, (colour, marker, _) in CELL_STYLES.items():
        xy = [p for k, p in cells if k == kind]
        if not xy:
            continue
        xs, ys = zip(*xy, strict=True)
        ax.scatter(
            xs, ys, s=55, c=colour, marker=marker, edgecolors="black", linewidths=0.7, zorder=3
        )
        if kind == "prob":
            ax.scatter(xs, ys, s=6, c="black", zorder=4)
        if kind in ("memory", "gated"):
            ax.scatter(
                xs, ys, s=120, facecolors="none", edgecolors=colour, linewidths=1.0, zorder=2
            )
        if has_loops and kind in ("recurrent", "memory", "gated"):
            _self_loops(ax, xy, colour)


def _self_loops(ax: Any, xy: list[tuple[float, float]], colour: str) -> None:
    from matplotlib.patches import Arc

    for x, y in xy:
        ax.add_patch(
            Arc(
                (x + 0.18, y + 0.18),
                0.36,
                0.36,
                theta1=-100,
                theta2=190,
                color=colour,
                lw=0.9,
                zorder=1,
            )
        )


def _draw_edges(ax: Any, edges: list[Any], color: str = "gray", lw: float = 0.5) -> None:
    from matplotlib.collections import LineCollection

    if edges:
        ax.add_collection(LineCollection(edges, colors=color, linewidths=lw, zorder=1))


def _draw_layered(ax: Any, net: Net) -> None:
    pos = _positions(net.layers)
    _draw_edges(ax, _layer_edges(net, pos))
    for src, dst in net.skips:
        _skip_arcs(ax, pos[src], pos[dst])
    cells = [(kind, p) for (kind, _), column in zip(net.layers, pos, strict=True) for p in column]
    _draw_cells(ax, cells)
    top = max(n for _, n in net.layers) / 2
    ax.set(xlim=(-0.6, len(net.layers) - 0.4), ylim=(-top - 0.3, top + 0.5))


def _skip_arcs(ax: Any, src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> None:
    from matplotlib.patches import FancyArrowPatch

    for a, b in zip(src, dst, strict=False):
        ax.add_patch(
            FancyArrowPatch(
                a,
                b,
                connectionstyle="arc3,rad=-0.45",
                arrowstyle="-",
                color="#d1495b",
                lw=0.9,
                zorder=1,
            )
        )


def _draw_graph(ax: Any, title: str, kind: str, edges: list[tuple[int, int]], n: int) -> None:
    """Draw n cells on a circle joined by `edges` (Hopfield, GNN)."""
    import math

    pts = [
        (math.cos(2 * math.pi * k / n + 0.3) * 1.5 + 1.5, math.sin(2 * math.pi * k / n + 0.3) * 1.5)
        for k in range(n)
    ]
    _draw_edges(ax, [(pts[a], pts[b]) for a, b in edges], lw=0.7)
    # Hopfield weights are symmetric with no self-connections: no loops drawn.
    _draw_cells(ax, [(kind, p) for p in pts], has_loops=False)
    ax.set(xlim=(-0.6, 3.6), ylim=(-2.2, 2.2), title=title)


def _nets() -> list[Net]:
    return [
        Net("Perceptron", [("input", 3), ("output", 1)]),
        Net("MLP (feed-forward)", [("input", 3), ("hidden", 4), ("hidden", 4), ("output", 2)]),
        Net(
            "Autoencoder", [("input", 4), ("hidden", 3), ("hidden", 2), ("hidden", 3), ("match", 4)]
        ),
        Net(
            "Variational AE",
            [("input", 4), ("hidden", 3), ("prob", 2), ("hidden", 3), ("match", 4)],
        ),
        Net("RBM", [("input", 4), ("prob", 3)]),
        Net("Deep belief net", [("input", 4), ("prob", 3), ("prob", 3), ("output", 2)]),
        Net(
            "CNN",
            [("input", 6), ("kernel", 5), ("kernel", 4), ("hidden", 3), ("output", 2)],
            local={0, 1},
        ),
        Net(
            "Deconvolutional net",
            [("input", 2), ("hidden", 3), ("kernel", 4), ("kernel", 5), ("output", 6)],
            local={2, 3},
        ),
        Net("RNN", [("input", 3), ("recurrent", 3), ("recurrent", 3), ("output", 3)]),
        Net("LSTM", [("input", 3), ("memory", 3), ("memory", 3), ("output", 3)]),
        Net("GRU", [("input", 3), ("gated", 3), ("gated", 3), ("output", 3)]),
        Net(
            "GAN (generator → discriminator)",
            [("noise", 2), ("hidden", 3), ("match", 4), ("hidden", 3), ("output", 1)],
        ),
        Net(
            "ResNet",
            [
                ("input", 3),
                ("hidden", 3),
                ("hidden", 3),
                ("hidden", 3),
                ("hidden", 3),
                ("output", 3),
            ],
            skips=[(1, 3), (3, 5)],
        ),
        Net(
            "Transformer block",
            [("input", 4), ("attention", 4), ("hidden", 4), ("output", 4)],
            one_to_one={1, 2},
            skips=[(0, 2)],
        ),
    ]


def _legend(fig: Any) -> None:
    from matplotlib.lines import Line2D

    handles = [
        Line2D(
            [],
            [],
            ls="",
            marker=marker,
            ms=8,
            markerfacecolor=colour,
            markeredgecolor="black",
            label=label,
        )
        for colour, marker, label in CELL_STYLES.values()
    ]
    fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=8, bbox_to_anchor=(0.5, -0.01))


@lab("netzoo.chart")
def chart() -> tuple[Figure, dict[str, Any]]:
    """Draw fourteen layered families plus Hopfield and GNN as graphs, with a legend."""
    fig, axes = new_figure(8.0, 8.4, nrows=4, ncols=4)
    nets = _nets()
    for ax, net in zip(axes.flat, nets, strict=False):
        _draw_layered(ax, net)
        ax.set_title(net.title, fontsize=9)
    ring = [(k, (k + 1) % 6) for k in range(6)] + [(0, 3), (1, 4)]
    complete = [(a, b) for a in range(5) for b in range(a + 1, 5)]
    _draw_graph(axes.flat[len(nets)], "Hopfield network", "recurrent", complete, 5)
    _draw_graph(axes.flat[len(nets) + 1], "Graph neural net", "hidden", ring, 6)
    for ax in axes.flat:
        ax.set_aspect("equal")
        ax.axis("off")
        ax.title.set_fontsize(9)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    _legend(fig)
    titles = [n.title for n in nets] + ["Hopfield network", "Graph neural net"]
    caption = Localized(
        "神经网络“动物园”：按我们自己的画法把主要网络家族画成小的节点–连线图，颜色表示单元类型"
        "（输入、隐藏、概率隐藏、输出、重构、循环、记忆单元、门控记忆单元、卷积核、注意力）。"
        "卷积只连接相邻单元；循环单元带自环；ResNet 的弧线是跳跃连接；Transformer 中注意力"
        "让每个位置看到所有位置，之后的前馈层逐位置独立。图只示意连接方式，不表示真实规模。",
        "The neural network zoo, drawn our own way: the main families as small node-and-edge "
        "diagrams, coloured by cell type (input, hidden, probabilistic hidden, output, "
        "reconstruction, recurrent, memory cell, gated memory cell, kernel, attention). "
        "Convolutions connect only neighbouring cells; recurrent cells carry a self-loop; "
        "ResNet's arcs are skip connections; in the Transformer, attention lets every "
        "position see every position and the feed-forward layer then acts position-wise. "
        "The diagrams show connectivity, not real sizes.",
    )
    return Figure(caption=caption, svg=to_svg(fig)), {"families": titles}
