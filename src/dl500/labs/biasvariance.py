"""Bias, variance and noise measured by simulation, and under- vs over-fitting by degree.

Drawing many training sets and refitting shows what E[(g − y)²] = bias² + variance + σ²
means: the average fit is off by the bias, the spread of fits is the variance, and the
noise is a floor no model removes. The decomposition table uses the chapter-2 setting
(f = sin 2x, x ~ U(−1, 1), σ = 0.3, 20 points, evaluated at x = 0.7); the degree curves use
the textbook sin 2πx on a fixed grid, whose fits stay well conditioned up to degree 15.
"""

from __future__ import annotations

from typing import Any

from dl500.bank.labdata import Figure, Table
from dl500.bank.schema import Localized
from dl500.labs.figures import new_figure, to_svg
from dl500.labs.registry import lab

NOISE_STD = 0.3
N_POINTS = 20
X_EVAL = 0.7
DEGREES = (1, 3, 5)


def _truth(x: Any) -> Any:
    import numpy as np

    return np.sin(2 * x)


def _draw_sets(rng: Any, n_sets: int) -> tuple[Any, Any]:
    x = rng.uniform(-1, 1, size=(n_sets, N_POINTS))
    return x, _truth(x) + NOISE_STD * rng.standard_normal((n_sets, N_POINTS))


def _powers(x: Any, degree: int) -> Any:
    import numpy as np

    return np.stack([np.asarray(x) ** k for k in range(degree + 1)], axis=-1)


def _fit(x: Any, y: Any, degree: int) -> Any:
    """Least-squares polynomial coefficients, one row per training set."""
    import numpy as np

    return np.stack(
        [np.linalg.lstsq(d, t, rcond=None)[0] for d, t in zip(_powers(x, degree), y, strict=True)]
    )


def _predict(coef: Any, x_new: Any) -> Any:
    """Evaluate every fit (one row of coef per training set) at the points x_new."""
    return coef @ _powers(x_new, coef.shape[1] - 1).T


def _show(value: float) -> str:
    return f"{value:.4f}" if value >= 1e-3 else f"{value:.1e}"


def _decompose(rng: Any, n_sets: int, degree: int) -> dict[str, float]:
    x, y = _draw_sets(rng, n_sets)
    g = _predict(_fit(x, y, degree), [X_EVAL])[:, 0]
    y_new = _truth(X_EVAL) + NOISE_STD * rng.standard_normal(n_sets)
    bias2 = float((g.mean() - _truth(X_EVAL)) ** 2)
    variance = float(g.var())
    return {
        "direct": float(((g - y_new) ** 2).mean()),
        "bias2": bias2,
        "variance": variance,
        "noise": NOISE_STD**2,
        "sum": bias2 + variance + NOISE_STD**2,
    }


@lab("biasvariance.decomposition", n_sets=4000)
def decomposition(n_sets: int) -> tuple[Table, dict[str, Any]]:
    """Estimate bias², variance and noise at x = 0.7 for polynomial fits of degree 1, 3, 5."""
    import numpy as np

    # The same seed for every degree: each model is fitted to the same training sets.
    results = {deg: _decompose(np.random.default_rng(0), n_sets, deg) for deg in DEGREES}
    labels = (
        ("bias²", "bias2"),
        ("variance", "variance"),
        ("noise σ²", "noise"),
        ("bias² + variance + σ²", "sum"),
        ("E[(g − y)²] (direct)", "direct"),
    )
    rows = tuple((name, *(_show(results[d][key]) for d in results)) for name, key in labels)
    facts = {f"degree{d}": {k: round(v, 4) for k, v in r.items()} for d, r in results.items()}
    table = Table(
        caption=Localized(
            f"偏差–方差分解的模拟：f(x) = sin 2x，x ~ U(−1, 1)，σ = {NOISE_STD}，"
            f"{n_sets} 个各含 {N_POINTS} 点的训练集，在 x = {X_EVAL} 处评估",
            f"Bias–variance decomposition by simulation: f(x) = sin 2x, x ~ U(−1, 1), "
            f"σ = {NOISE_STD}, {n_sets} training sets of {N_POINTS} points, evaluated at "
            f"x = {X_EVAL}",
        ),
        columns=(
            Localized("项", "Term"),
            Localized("1 次（直线）", "degree 1 (line)"),
            Localized("3 次", "degree 3"),
            Localized("5 次", "degree 5"),
        ),
        rows=rows,
        notes=Localized(
            "最后两行只差蒙特卡洛误差：交叉项只在期望意义下为 0。",
            "The last two rows differ only by Monte Carlo error: the cross terms vanish in "
            "expectation, not in a finite sample.",
        ),
    )
    return table, facts


def _curve_truth(x: Any) -> Any:
    import numpy as np

    return np.sin(2 * np.pi * x)


def _legendre_fit(x: Any, y: Any, degree: int, x_new: Any) -> tuple[Any, Any]:
    """Fit every row of y on the shared design x; return fits at x and at x_new."""
    import numpy as np
    from numpy.polynomial import legendre

    # Legendre features on [−1, 1] keep degree 15 well conditioned (monomials would not).
    design = legendre.legvander(2 * x - 1, degree)
    coef = np.linalg.lstsq(design, y.T, rcond=None)[0]
    return (design @ coef).T, (legendre.legvander(2 * x_new - 1, degree) @ coef).T


def _degree_curves(rng: Any, degrees: range, n_sets: int) -> dict[str, list[float]]:
    """Fixed design on [0, 1]: mean train error, and test error = bias² + variance + σ²."""
    import numpy as np

    x = np.linspace(0, 1, N_POINTS)
    y = _curve_truth(x) + NOISE_STD * rng.standard_normal((n_sets, N_POINTS))
    x_test = np.linspace(0, 1, 201)
    out: dict[str, list[float]] = {"train": [], "test": [], "bias2": [], "variance": []}
    for degree in degrees:
        fit_train, preds = _legendre_fit(x, y, degree, x_test)
        bias2 = float(((preds.mean(0) - _curve_truth(x_test)) ** 2).mean())
        variance = float(preds.var(0).mean())
        out["train"].append(float(((fit_train - y) ** 2).mean()))
        out["bias2"].append(bias2)
        out["variance"].append(variance)
        out["test"].append(bias2 + variance + NOISE_STD**2)
    return out


def _draw_fits(ax: Any, rng: Any) -> None:
    import numpy as np

    x = np.linspace(0, 1, N_POINTS)
    y = _curve_truth(x) + NOISE_STD * rng.standard_normal((1, N_POINTS))
    grid = np.linspace(0, 1, 201)
    ax.plot(grid, _curve_truth(grid), color="black", lw=1, ls=":", label="sin 2πx")
    ax.scatter(x, y[0], s=12, color="gray", zorder=3)
    for degree in (1, 3, 15):
        ax.plot(grid, _legendre_fit(x, y, degree, grid)[1][0], lw=1.4, label=f"degree {degree}")
    ax.set(ylim=(-1.8, 1.8), xlabel="x", title=f"one training set ({N_POINTS} points)")
    ax.legend(fontsize=8, loc="upper right")


@lab("biasvariance.degree_curves", n_sets=500)
def degree_curves(n_sets: int) -> tuple[Figure, dict[str, Any]]:
    """Draw fits of degree 1/3/12 and the train/test error curves against degree."""
    import numpy as np

    degrees = range(16)
    curves = _degree_curves(np.random.default_rng(1), degrees, n_sets)
    fig, (left, right) = new_figure(10.0, 3.8, ncols=2)
    _draw_fits(left, np.random.default_rng(7))
    styles = {"train": "-", "test": "-", "bias2": "--", "variance": "--"}
    names = {"train": "train MSE", "test": "test MSE", "bias2": "bias²", "variance": "variance"}
    for key, values in curves.items():
        right.semilogy(list(degrees), values, styles[key], marker=".", lw=1.4, label=names[key])
    right.axhline(NOISE_STD**2, color="gray", lw=0.8, ls=":")
    right.annotate(
        f"noise σ² = {NOISE_STD**2:.2f}", (0, NOISE_STD**2 * 0.7), fontsize=8, color="gray"
    )
    best = int(np.argmin(curves["test"]))
    right.set(xlabel="polynomial degree", title=f"averaged over {n_sets} training sets")
    right.legend(fontsize=8, loc="upper center", ncol=2)
    fig.tight_layout()
    facts = {
        "best_degree": best,
        "test_mse": [round(v, 4) for v in curves["test"]],
        "train_mse": [round(v, 4) for v in curves["train"]],
    }
    caption = Localized(
        f"欠拟合与过拟合（f(x) = sin 2πx，x 为 [0, 1] 上 {N_POINTS} 个等距点，σ = {NOISE_STD}）："
        f"左为同一训练集上的 1、3、15 次多项式拟合；右为 {n_sets} 个训练集"
        f"平均的训练误差、测试误差及其分解（偏差²、方差、噪声）。训练误差随次数单调下降，"
        f"测试误差呈 U 形，在 {best} 次附近最低。",
        f"Under- and over-fitting (f(x) = sin 2πx, {N_POINTS} evenly spaced x in [0, 1], "
        f"σ = {NOISE_STD}): left, polynomial fits of degree 1, 3 and 15 to one training "
        f"set; right, train error, test error and its parts (bias², variance, noise) averaged "
        f"over {n_sets} training sets. Training error falls with the degree; test error is "
        f"U-shaped with its minimum near degree {best}.",
    )
    return Figure(caption=caption, svg=to_svg(fig)), facts
