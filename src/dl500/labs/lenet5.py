"""LeNet-5 as in LeCun et al. (1998), beside the "modern" LeNet most tutorials teach.

The 1998 network differs from the tutorial one in three places that interview answers get
wrong: C3 connects each of its 16 maps to only a subset of S2's maps (Table I of the
paper), S2/S4 are trainable subsampling layers (sum of 2×2, one coefficient and one bias
per map, then a squashing function), and the output is a layer of Euclidean RBF units
with fixed ±1 prototypes. The tables count parameters and connections from these
modules; `lenet5.train` trains both variants on scikit-learn's digits (8×8 upsampled to
32×32) to show they reach the same accuracy.
"""

from __future__ import annotations

from typing import Any

from dl500.bank.labdata import Figure, Table
from dl500.bank.schema import Localized
from dl500.labs.counting import count_params, fmt_shape
from dl500.labs.registry import lab

C3_INPUTS: tuple[tuple[int, ...], ...] = (
    (0, 1, 2), (1, 2, 3), (2, 3, 4), (3, 4, 5), (4, 5, 0), (5, 0, 1),
    (0, 1, 2, 3), (1, 2, 3, 4), (2, 3, 4, 5), (3, 4, 5, 0), (4, 5, 0, 1), (5, 0, 1, 2),
    (0, 1, 3, 4), (1, 2, 4, 5), (0, 2, 3, 5),
    (0, 1, 2, 3, 4, 5),
)  # fmt: skip
"""Which S2 maps feed each C3 map (Table I of the 1998 paper, read by columns)."""

LAYERS = ("C1", "S2", "C3", "S4", "C5", "F6", "OUT")


def _modules() -> dict[str, Any]:
    """Build the 1998 layers (torch imported lazily; returns module classes by name)."""
    import torch
    import torch.nn.functional as F
    from torch import nn

    class ScaledTanh(nn.Module):
        """The paper's squashing function f(a) = A·tanh(S·a), A = 1.7159, S = 2/3."""

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return 1.7159 * torch.tanh(x * (2 / 3))

    class Subsampling(nn.Module):
        """Sum each 2×2 block, times a trainable coefficient, plus a trainable bias (per map)."""

        def __init__(self, maps: int) -> None:
            super().__init__()
            self.coef = nn.Parameter(torch.full((maps,), 0.25))
            self.bias = nn.Parameter(torch.zeros(maps))

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            summed = F.avg_pool2d(x, 2) * 4
            return summed * self.coef[:, None, None] + self.bias[:, None, None]

    class PartialConv(nn.Module):
        """C3: one 5×5 kernel per (C3 map, connected S2 map) pair, as in Table I.

        Only those 60 kernels (and 16 biases) are parameters; each forward pass scatters them
        into a dense 16×6 kernel bank with zeros for the missing connections.
        """

        def __init__(self) -> None:
            super().__init__()
            pairs = [(o, i) for o, inputs in enumerate(C3_INPUTS) for i in inputs]
            fan_in = torch.tensor([len(C3_INPUTS[o]) * 25 for o, _ in pairs], dtype=torch.float)
            bound = (fan_in.rsqrt())[:, None, None]
            self.weight = nn.Parameter((torch.rand(len(pairs), 5, 5) * 2 - 1) * bound)
            self.bias = nn.Parameter(torch.zeros(len(C3_INPUTS)))
            self.register_buffer("rows", torch.tensor([o for o, _ in pairs]))
            self.register_buffer("cols", torch.tensor([i for _, i in pairs]))

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            dense = x.new_zeros(len(C3_INPUTS), 6, 5, 5)
            dense = dense.index_put((self.rows, self.cols), self.weight)
            return F.conv2d(x, dense, self.bias)

    class RBFOutput(nn.Module):
        """Euclidean RBF units: y_i = Σ_j (x_j − w_ij)², fixed ±1 prototypes (a buffer)."""

        def __init__(self, prototypes: torch.Tensor) -> None:
            super().__init__()
            self.register_buffer("prototypes", prototypes)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return ((x[:, None, :] - self.prototypes[None]) ** 2).sum(-1)

    return {"tanh": ScaledTanh, "sub": Subsampling, "c3": PartialConv, "rbf": RBFOutput}


def build_lenet5_1998() -> Any:
    """Return the 1998 LeNet-5 as an nn.Sequential with layers named C1 … OUT."""
    from collections import OrderedDict

    import torch
    from torch import nn

    m = _modules()
    generator = torch.Generator().manual_seed(5)
    # The paper draws each class as a 7×12 bitmap; any fixed ±1 code plays the same role.
    prototypes = torch.randint(0, 2, (10, 84), generator=generator).float() * 2 - 1
    layers: list[tuple[str, nn.Module]] = [
        ("C1", nn.Conv2d(1, 6, 5)), ("C1_act", m["tanh"]()),
        ("S2", m["sub"](6)), ("S2_act", m["tanh"]()),
        ("C3", m["c3"]()), ("C3_act", m["tanh"]()),
        ("S4", m["sub"](16)), ("S4_act", m["tanh"]()),
        ("C5", nn.Conv2d(16, 120, 5)), ("C5_act", m["tanh"]()), ("flat", nn.Flatten()),
        ("F6", nn.Linear(120, 84)), ("F6_act", m["tanh"]()),
        ("OUT", m["rbf"](prototypes)),
    ]  # fmt: skip
    return nn.Sequential(OrderedDict(layers))


def build_lenet5_modern() -> Any:
    """Return the tutorial LeNet-5: ReLU, max-pooling, dense C3, linear output."""
    from collections import OrderedDict

    from torch import nn

    layers: list[tuple[str, nn.Module]] = [
        ("C1", nn.Conv2d(1, 6, 5)), ("C1_act", nn.ReLU()), ("S2", nn.MaxPool2d(2)),
        ("C3", nn.Conv2d(6, 16, 5)), ("C3_act", nn.ReLU()), ("S4", nn.MaxPool2d(2)),
        ("C5", nn.Conv2d(16, 120, 5)), ("C5_act", nn.ReLU()), ("flat", nn.Flatten()),
        ("F6", nn.Linear(120, 84)), ("F6_act", nn.ReLU()),
        ("OUT", nn.Linear(84, 10)),
    ]  # fmt: skip
    return nn.Sequential(OrderedDict(layers))


def _shapes(model: Any) -> dict[str, tuple[int, ...]]:
    """Output shape (without batch) of each named layer for one 1×32×32 input."""
    import torch

    x, shapes = torch.zeros(1, 1, 32, 32), {}
    with torch.no_grad():
        for name, layer in model.named_children():
            x = layer(x)
            shapes[name] = tuple(x.shape[1:])
    return shapes


def _connections(name: str, layer: Any, shape: tuple[int, ...]) -> int:
    """Connections as the paper counts them: output units × (inputs per unit + 1 bias)."""
    units = 1
    for size in shape:
        units *= size
    if name in ("S2", "S4"):
        return units * (4 + 1)
    if name == "OUT":
        return layer.prototypes.numel()
    positions = units // shape[0]  # a shared-weight layer uses every weight once per position
    return count_params(layer) * positions


@lab("lenet5.param_table")
def lenet5_param_table() -> tuple[Table, dict[str, int]]:
    """Per-layer output size, parameters and connections of LeNet-5 (1998 and modern)."""
    classic, modern = build_lenet5_1998(), build_lenet5_modern()
    shapes, layers = _shapes(classic), dict(classic.named_children())
    modern_layers = dict(modern.named_children())
    rows, facts = [("Input", "1×32×32", None, None, None)], {}
    for name in LAYERS:
        params = count_params(layers[name])
        conns = _connections(name, layers[name], shapes[name])
        modern_params = count_params(modern_layers[name])
        rows.append((name, fmt_shape(shapes[name]), params, conns, modern_params))
        facts |= {f"{name.lower()}_params": params, f"{name.lower()}_connections": conns}
        facts[f"modern_{name.lower()}_params"] = modern_params
    to_f6 = [r for r in rows[1:] if r[0] != "OUT"]
    facts |= {
        "params_to_f6": sum(r[2] for r in to_f6),
        "connections_to_f6": sum(r[3] for r in to_f6),
        "rbf_fixed_values": facts.pop("out_connections"),
        "fc_output_params": facts["modern_out_params"],
        "modern_total_params": count_params(modern),
        "classic_total_params": count_params(classic),
    }
    facts["params_with_fc_output"] = facts["params_to_f6"] + facts["fc_output_params"]
    rows.append(("Σ C1–F6", "", facts["params_to_f6"], facts["connections_to_f6"],
                 facts["modern_total_params"] - facts["fc_output_params"]))  # fmt: skip
    table = Table(
        caption=Localized(
            "LeNet-5 逐层输出、可训练参数与连接数（1998 年论文版），以及现代变体的参数",
            "LeNet-5 per layer: output, trainable parameters and connections (1998 paper), "
            "and the parameters of the modern variant",
        ),
        columns=(
            Localized("层", "Layer"),
            Localized("输出", "Output"),
            Localized("参数（1998）", "Params (1998)"),
            Localized("连接数（1998）", "Connections (1998)"),
            Localized(
                "参数（现代：ReLU、最大池化、全连接 C3、FC 输出）",
                "Params (modern: ReLU, max-pool, dense C3, FC output)",
            ),
        ),  # fmt: skip
        rows=tuple(rows),
        notes=Localized(
            f"1998 版 OUT 层是 RBF 单元，{facts['rbf_fixed_values']} 个原型值固定不训练；"
            f"换成 84→10 全连接要再加 {facts['fc_output_params']} 个参数，"
            f"共 {facts['params_with_fc_output']:,}。连接数含偏置。",
            f"The 1998 OUT layer is RBF units whose {facts['rbf_fixed_values']} prototype "
            f"values are fixed, not trained; an 84→10 fully connected layer instead adds "
            f"{facts['fc_output_params']} parameters, {facts['params_with_fc_output']:,} "
            "in total. Connections include biases.",
        ),
    )
    return table, facts


@lab("lenet5.c3_table")
def lenet5_c3_table() -> tuple[Table, dict[str, int]]:
    """Table I of the paper: which S2 maps each C3 map reads, with the parameters it costs."""
    rows = [(f"S2 {i}", *("X" if i in inputs else "" for inputs in C3_INPUTS)) for i in range(6)]
    per_map = [len(inputs) * 25 + 1 for inputs in C3_INPUTS]
    rows.append(("params", *per_map))
    total = count_params(dict(build_lenet5_1998().named_children())["C3"])
    table = Table(
        caption=Localized(
            "C3 的部分连接表：列为 C3 特征图，X 表示连接到该行的 S2 特征图；最后一行为每图参数",
            "C3's partial connection table: columns are C3 maps, X marks the S2 map it reads; "
            "the last row is each map's parameters",
        ),
        columns=(Localized("", ""), *(Localized(str(j), str(j)) for j in range(16))),
        rows=tuple(rows),
        notes=Localized(
            f"6×76 + 9×101 + 1×151 = {total:,}（全连接则为 16×151 = 2,416）。",
            f"6×76 + 9×101 + 1×151 = {total:,} (a dense C3 would have 16×151 = 2,416).",
        ),
    )
    return table, {"c3_params": total, "c3_kernels": sum(len(s) for s in C3_INPUTS)}


def _digits_32(seed: int) -> tuple[Any, Any, Any, Any]:
    """Digits 8×8 → 32×32 (bilinear), scaled as in the paper: background −0.1, ink 1.175."""
    import torch
    import torch.nn.functional as F
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    images = torch.tensor(digits.images, dtype=torch.float32)[:, None] / 16
    images = F.interpolate(images, size=(32, 32), mode="bilinear", align_corners=False)
    images = images * 1.275 - 0.1
    labels = torch.tensor(digits.target)
    x_train, x_test, y_train, y_test = train_test_split(
        images, labels, test_size=0.2, stratify=labels, random_state=seed
    )
    return x_train, x_test, y_train, y_test


def _map_loss(penalties: Any, target: Any, j: float = 10.0) -> Any:
    """The paper's MAP criterion: y_target + log(e^−j + Σ_i e^−y_i), averaged."""
    import torch
    import torch.nn.functional as F

    rubbish = torch.full_like(penalties[:, :1], -j)
    return F.cross_entropy(torch.cat([-penalties, rubbish], dim=1), target)


def _shifted(x: Any, generator: Any, pixels: int) -> Any:
    """Translate each image by a random whole number of pixels in [−pixels, pixels]."""
    import torch
    import torch.nn.functional as F

    n, size = len(x), x.shape[-1]
    padded = F.pad(x[:, 0], (pixels,) * 4, value=float(x.min()))
    dy, dx = torch.randint(0, 2 * pixels + 1, (2, n, 1), generator=generator)
    rows, cols = dy + torch.arange(size), dx + torch.arange(size)
    return padded[torch.arange(n)[:, None, None], rows[:, :, None], cols[:, None, :]][:, None]


def _fit(model: Any, kind: str, data: tuple[Any, ...], config: dict[str, Any], tick: Any) -> Any:
    """Train one model (Adam, one-cycle schedule, random shifts); per-epoch (loss, accuracy)."""
    import torch
    import torch.nn.functional as F

    x_train, x_test, y_train, y_test = data
    batches = -(-len(x_train) // config["batch"])
    optimizer = torch.optim.Adam(model.parameters(), lr=config["lr"])
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=config["lr"], total_steps=config["epochs"] * batches
    )
    loss_fn = _map_loss if kind == "1998" else F.cross_entropy
    generator = torch.Generator().manual_seed(config["seed"])
    history = []
    for _ in range(config["epochs"]):
        model.train()
        total = 0.0
        for batch in torch.randperm(len(x_train), generator=generator).split(config["batch"]):
            images = _shifted(x_train[batch], generator, config["shift"])
            loss = loss_fn(model(images), y_train[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            total += loss.item() * len(batch)
        model.eval()
        with torch.no_grad():
            scores = model(x_test)
        predicted = scores.argmin(1) if kind == "1998" else scores.argmax(1)
        history.append((total / len(x_train), float((predicted == y_test).float().mean())))
        tick(kind, *history[-1])
    return history


def _plot(histories: dict[str, list[tuple[float, float]]]) -> str:
    from dl500.labs.figures import new_figure, to_svg

    fig, (ax_loss, ax_acc) = new_figure(7.0, 3.0, ncols=2)
    labels = {"1998": "1998 (RBF, MAP loss)", "modern": "modern (FC, cross-entropy)"}
    for kind, history in histories.items():
        epochs, label = range(1, len(history) + 1), labels[kind]
        ax_loss.plot(epochs, [h[0] for h in history], marker=".", label=label)
        ax_acc.plot(epochs, [100 * h[1] for h in history], marker=".", label=label)
    ax_loss.set(xlabel="epoch", ylabel="train loss", yscale="log")
    ax_acc.set(xlabel="epoch", ylabel="test accuracy (%)", ylim=(50, 100))
    ax_acc.axhline(98, color="gray", linewidth=0.6, linestyle=":")
    fig.tight_layout()
    fig.legend(*ax_acc.get_legend_handles_labels(), loc="upper center",
               bbox_to_anchor=(0.5, 0.02), ncol=2)  # fmt: skip
    return to_svg(fig)


def _train_both(data: tuple[Any, ...], config: dict[str, Any]) -> dict[str, Any]:
    """Train both variants from the same seed, with a rich progress bar on a terminal."""
    import torch
    from rich.console import Console
    from rich.progress import Progress

    console, histories = Console(stderr=True), {}
    with Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
        total = config["epochs"]
        tasks = {k: bar.add_task(f"LeNet-5 {k}", total=total) for k in ("1998", "modern")}

        def tick(kind: str, loss: float, accuracy: float) -> None:
            note = f"LeNet-5 {kind}  loss {loss:.3f}  test acc {accuracy:.2%}"
            bar.update(tasks[kind], advance=1, description=note)

        for kind, build in (("1998", build_lenet5_1998), ("modern", build_lenet5_modern)):
            torch.manual_seed(config["seed"])
            histories[kind] = _fit(build(), kind, data, config, tick)
    return histories


def _train_caption(facts: dict[str, Any], shift: int) -> Localized:
    acc_1998, acc_modern = facts["test_accuracy_1998"], facts["test_accuracy_modern"]
    return Localized(
        f"LeNet-5 在 sklearn digits（8×8 放大到 32×32，训练 {facts['train_size']} / 测试 "
        f"{facts['test_size']}）上训练 {facts['epochs']} 轮（Adam + one-cycle 学习率，"
        f"随机平移至多 {shift} 像素）：左为训练损失，右为测试准确率。"
        f"最终测试准确率：1998 版 {acc_1998:.2%}，现代版 {acc_modern:.2%}。",
        f"LeNet-5 trained for {facts['epochs']} epochs on scikit-learn digits (8×8 upsampled "
        f"to 32×32, {facts['train_size']} train / {facts['test_size']} test; Adam with a "
        f"one-cycle schedule, random shifts of up to {shift} pixels): training loss (left) "
        f"and test accuracy (right). Final test accuracy: 1998 version {acc_1998:.2%}, "
        f"modern version {acc_modern:.2%}.",
    )


@lab("lenet5.train", smoke={"epochs": 1}, epochs=30, batch=32, lr=2e-3, shift=4, seed=0)
def lenet5_train(
    epochs: int, batch: int, lr: float, shift: int, seed: int
) -> tuple[Figure, dict[str, Any]]:
    """Train the 1998 and the modern LeNet-5 on digits; plot loss and test accuracy."""
    import time

    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # one thread: the same bytes on every machine
    start = time.perf_counter()
    try:
        data = _digits_32(seed)
        config = {"epochs": epochs, "batch": batch, "lr": lr, "shift": shift, "seed": seed}
        histories = _train_both(data, config)
    finally:
        torch.set_num_threads(threads)
    facts = {
        "epochs": epochs,
        "train_size": len(data[0]),
        "test_size": len(data[1]),
        "test_accuracy_1998": round(histories["1998"][-1][1], 4),
        "test_accuracy_modern": round(histories["modern"][-1][1], 4),
        "seconds": round(time.perf_counter() - start, 1),  # wall time, varies by machine
    }
    return Figure(caption=_train_caption(facts, shift), svg=_plot(histories)), facts
