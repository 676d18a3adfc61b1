"""A gallery of the distributions an interview expects you to know, drawn from torch.distributions.

Discrete panels show the PMF as stems, continuous panels the PDF; every value comes from
`log_prob`, so the pictures are the library's own densities, not hand-typed formulas. The
facts dict keeps the moments the chapter-1 table quotes, checked against the samplers.
"""

from __future__ import annotations

from typing import Any

from dl500.bank.labdata import Figure
from dl500.bank.schema import Localized
from dl500.labs.figures import PALETTE, new_figure, to_svg
from dl500.labs.registry import lab


def _stems(ax: Any, dist: Any, support: Any, label: str, color: str, shift: float = 0.0) -> None:
    probs = dist.log_prob(support.double()).exp().numpy()
    xs = support.numpy() + shift
    ax.vlines(xs, 0, probs, color=color, lw=2)
    ax.plot(xs, probs, "o", color=color, ms=3.5, label=label)


def _curve(ax: Any, dist: Any, xs: Any, label: str, color: str) -> None:
    ax.plot(xs.numpy(), dist.log_prob(xs).exp().numpy(), color=color, lw=1.6, label=label)


def _discrete_panels(axes: Any, torch: Any, d: Any) -> None:
    ax = axes[0]
    _stems(ax, d.Bernoulli(probs=torch.tensor(0.3)), torch.arange(2), "φ=0.3", PALETTE[0])
    ax.set_title("Bernoulli")
    ax.set_xticks([0, 1])
    ax.set_xlim(-0.5, 1.5)
    ax = axes[1]
    k = torch.arange(11)
    _stems(ax, d.Binomial(10, probs=torch.tensor(0.3)), k, "n=10, φ=0.3", PALETTE[0], -0.15)
    _stems(ax, d.Binomial(10, probs=torch.tensor(0.5)), k, "n=10, φ=0.5", PALETTE[1], 0.15)
    ax.set_title("Binomial")
    ax.set_xticks(range(0, 11, 2))
    ax = axes[2]
    logits = torch.tensor([2.0, 1.0, 0.1, -1.0])
    _stems(ax, d.Categorical(logits=logits), torch.arange(4), "softmax(2, 1, 0.1, −1)", PALETTE[0])
    ax.set_title("Categorical")
    ax.set_xticks(range(4))
    ax.set_xlim(-0.5, 3.5)
    ax = axes[3]
    k = torch.arange(13)
    _stems(ax, d.Poisson(torch.tensor(1.0)), k, "λ=1", PALETTE[0], -0.15)
    _stems(ax, d.Poisson(torch.tensor(4.0)), k, "λ=4", PALETTE[1], 0.15)
    ax.set_title("Poisson")
    ax.set_xticks(range(0, 13, 3))


def _continuous_panels(axes: Any, torch: Any, d: Any) -> None:
    xs = torch.linspace(-5, 5, 401, dtype=torch.float64)
    ax = axes[0]
    for (mu, sigma), color in zip(((0, 1), (0, 2), (2, 0.5)), PALETTE, strict=False):
        _curve(ax, d.Normal(float(mu), float(sigma)), xs, f"μ={mu}, σ={sigma}", color)
    ax.set_title("Gaussian")
    ax = axes[1]
    pos = torch.linspace(0.0, 5, 301, dtype=torch.float64)
    for rate, color in zip((0.5, 1.0, 2.0), PALETTE, strict=False):
        _curve(ax, d.Exponential(rate), pos, f"λ={rate}", color)
    ax.set_title("Exponential")
    ax = axes[2]
    # Same variance (1) for both: the Laplace has the sharper peak and the heavier tails.
    _curve(ax, d.Laplace(0.0, 2**-0.5), xs, "Laplace b=1/√2", PALETTE[0])
    _curve(ax, d.Normal(0.0, 1.0), xs, "Gaussian σ=1", PALETTE[1])
    ax.set_title("Laplace vs Gaussian")
    ax = axes[3]
    unit = torch.linspace(0.005, 0.995, 199, dtype=torch.float64)
    for (a, b), color in zip(((0.5, 0.5), (2.0, 5.0), (2.0, 2.0)), PALETTE, strict=False):
        _curve(ax, d.Beta(a, b), unit, f"α={a:g}, β={b:g}", color)
    ax.set_title("Beta")
    ax.set_ylim(0, 3.2)


def _moment_facts(torch: Any, d: Any) -> dict[str, Any]:
    """Mean and variance from the formulas of the table, compared with 200k samples."""
    torch.manual_seed(0)
    cases = {
        "bernoulli_0.3": (d.Bernoulli(probs=torch.tensor(0.3)), 0.3, 0.21),
        "binomial_10_0.3": (d.Binomial(10, probs=torch.tensor(0.3)), 3.0, 2.1),
        "exponential_2": (d.Exponential(torch.tensor(2.0)), 0.5, 0.25),
        "laplace_b1": (d.Laplace(torch.tensor(0.0), torch.tensor(1.0)), 0.0, 2.0),
    }
    facts: dict[str, Any] = {}
    for name, (dist, mean, var) in cases.items():
        sample = dist.sample((200_000,)).double()
        facts[name] = {
            "mean": mean,
            "var": var,
            "sample_mean": round(sample.mean().item(), 2) + 0.0,
            "sample_var": round(sample.var().item(), 2),
        }
    return facts


@lab("distributions.gallery")
def gallery() -> tuple[Figure, dict[str, Any]]:
    """Draw PMFs (top row) and PDFs (bottom row) of eight common distributions."""
    import torch
    import torch.distributions as d

    fig, axes = new_figure(9.6, 4.8, nrows=2, ncols=4)
    _discrete_panels(axes[0], torch, d)
    _continuous_panels(axes[1], torch, d)
    for ax in axes.flat:
        ax.legend(fontsize=7, loc="upper right")
        ax.tick_params(labelsize=8)
    fig.tight_layout()
    facts = _moment_facts(torch, d)
    caption = Localized(
        "常见分布：上排离散分布的 PMF（伯努利、二项、类别、泊松），下排连续分布的 PDF"
        "（高斯、指数、同方差的拉普拉斯与高斯、Beta）。数值来自 torch.distributions 的 log_prob。",
        "Common distributions: PMFs of discrete ones on top (Bernoulli, binomial, categorical, "
        "Poisson), PDFs of continuous ones below (Gaussian, exponential, Laplace vs Gaussian "
        "with equal variance, Beta). Values from torch.distributions log_prob.",
    )
    return Figure(caption=caption, svg=to_svg(fig)), facts
