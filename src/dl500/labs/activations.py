"""Activation functions, their derivatives, and the softmax + cross-entropy gradient.

The derivatives are taken by autograd, not typed from formulas, so the figure doubles as a
check of the closed forms the answers give (σ' = σ(1 − σ) ≤ 1/4, tanh' = 1 − tanh² ≤ 1).
The softmax table shows ∂L/∂z = p − y next to autograd's gradient on the worked example.
"""

from __future__ import annotations

from typing import Any

from dl500.bank.labdata import Figure, Table
from dl500.bank.schema import Localized
from dl500.labs.figures import new_figure, to_svg
from dl500.labs.registry import lab

LEAKY_SLOPE_PLOT = 0.1
"""Plotted slope for Leaky ReLU: the usual 0.01 would be invisible at this scale."""


def _activations(torch: Any) -> dict[str, Any]:
    F = torch.nn.functional
    return {
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "ReLU": torch.relu,
        f"Leaky ReLU (α={LEAKY_SLOPE_PLOT})": lambda z: F.leaky_relu(z, LEAKY_SLOPE_PLOT),
        "ELU (α=1)": F.elu,
        "GELU": F.gelu,
        "SiLU / Swish": F.silu,
    }


def _values_and_grads(torch: Any, fn: Any, z: Any) -> tuple[Any, Any]:
    z = z.clone().requires_grad_(True)
    out = fn(z)
    (grad,) = torch.autograd.grad(out.sum(), z)
    return out.detach(), grad


@lab("activations.curves")
def curves() -> tuple[Figure, dict[str, Any]]:
    """Plot seven activations and their autograd derivatives on [-5, 5]."""
    import torch

    # An even grid that contains 0 exactly, where σ' and tanh' peak.
    z = torch.linspace(-5, 5, 1001, dtype=torch.float64)
    fig, (left, right) = new_figure(10.0, 3.8, ncols=2)
    facts: dict[str, Any] = {}
    for name, fn in _activations(torch).items():
        value, grad = _values_and_grads(torch, fn, z)
        style = "--" if name in ("sigmoid", "tanh") else "-"
        left.plot(z.numpy(), value.numpy(), style, lw=1.5, label=name)
        right.plot(z.numpy(), grad.numpy(), style, lw=1.5, label=name)
        key = name.split(" ")[0].lower()
        facts[f"{key}_max_grad"] = round(grad.max().item(), 4)
        facts[f"{key}_argmax_grad"] = round(z[grad.argmax()].item(), 2) + 0.0
        facts[f"{key}_min_value"] = round(value.min().item(), 4)
    left.set(title="f(z)", xlabel="z", ylim=(-1.5, 3.0))
    right.set(title="f′(z) (autograd)", xlabel="z", ylim=(-0.2, 1.25))
    right.axhline(0.25, color="gray", lw=0.6, ls=":")
    right.annotate("0.25 = max σ′", (-4.9, 0.27), fontsize=8, color="gray")
    for ax in (left, right):
        ax.axhline(0, color="black", lw=0.5)
        ax.axvline(0, color="black", lw=0.5)
    left.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    caption = Localized(
        "常用激活函数（左）及其由自动微分得到的导数（右）。sigmoid 的导数最大只有 0.25，"
        "tanh 为 1；ReLU 正半轴导数恒为 1，负半轴为 0；GELU 与 SiLU 在负半轴有一段小的负值。"
        f"Leaky ReLU 为了可见画成 α = {LEAKY_SLOPE_PLOT}（常用 0.01）。",
        "Common activations (left) and their derivatives from autograd (right). The sigmoid's "
        "derivative peaks at 0.25, tanh's at 1; ReLU's is 1 for z > 0 and 0 below; GELU and "
        f"SiLU dip slightly below zero for negative z. Leaky ReLU is drawn with α = "
        f"{LEAKY_SLOPE_PLOT} to be visible (0.01 is common).",
    )
    return Figure(caption=caption, svg=to_svg(fig)), facts


def _softmax_rows(torch: Any, logits: Any, target: int) -> tuple[list[tuple], dict[str, Any]]:
    F = torch.nn.functional
    z = logits.clone().requires_grad_(True)
    loss = F.cross_entropy(z[None], torch.tensor([target]))
    (grad,) = torch.autograd.grad(loss, z)
    p = torch.softmax(logits, dim=0)
    y = F.one_hot(torch.tensor(target), len(logits)).double()
    formula = p - y
    rows = [
        (
            k + 1,
            round(logits[k].item(), 4),
            f"{p[k].item():.4f}",
            int(y[k].item()),
            f"{grad[k].item():+.4f}",
            f"{formula[k].item():+.4f}",
        )
        for k in range(len(logits))
    ]
    facts = {
        "loss": round(loss.item(), 4),
        "p": [round(v, 4) for v in p.tolist()],
        "is_grad_p_minus_y": bool((grad - formula).abs().max().item() < 1e-12),
        "grad_sum_is_zero": bool(abs(grad.sum().item()) < 1e-12),
    }
    return rows, facts


@lab("activations.softmax_grad")
def softmax_grad() -> tuple[Table, dict[str, Any]]:
    """Check ∂CE/∂z = softmax(z) − onehot(y) with autograd, and softmax's shift invariance."""
    import torch

    logits = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
    rows, facts = _softmax_rows(torch, logits, target=1)
    shifted = torch.softmax(logits + 100.0, dim=0)
    facts["shift_max_diff_ok"] = bool(
        (shifted - torch.softmax(logits, 0)).abs().max().item() < 1e-12
    )
    # A denominator that reuses the numerator's index, Σ_k e^{z_i}, is K·e^{z_i}: always 1/K.
    wrong = torch.exp(logits) / (len(logits) * torch.exp(logits))
    facts["wrong_denominator_output"] = [round(v, 4) for v in wrong.tolist()]
    table = Table(
        caption=Localized(
            "softmax + 交叉熵的梯度：z = (1, 2, 3)，真实类别为第 2 类",
            "Gradient of softmax + cross-entropy: z = (1, 2, 3), true class 2",
        ),
        columns=(
            Localized("k", "k"),
            Localized("zₖ", "zₖ"),
            Localized("pₖ", "pₖ"),
            Localized("yₖ", "yₖ"),
            Localized("∂L/∂zₖ（autograd）", "∂L/∂zₖ (autograd)"),
            Localized("pₖ − yₖ", "pₖ − yₖ"),
        ),
        rows=tuple(rows),
        notes=Localized(
            f"L = {facts['loss']}；autograd 与 p − y 在 float64 下一致（差 < 1e−12），"
            "梯度分量之和为 0；softmax(z + 100) 与 softmax(z) 相同。",
            f"L = {facts['loss']}; autograd equals p − y in float64 (difference < 1e−12), the "
            "components sum to 0, and softmax(z + 100) equals softmax(z).",
        ),
    )
    return table, facts
