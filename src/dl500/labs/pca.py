"""PCA two ways: eigenvectors of the covariance and the SVD of the centred data agree.

The figure draws the principal axes of correlated 2-D data, each scaled by the standard
deviation along it. The table checks, on 3-D data with one dominant, one medium and one
almost-flat direction, that the covariance eigenvalues equal σⱼ²/(n − 1) from the SVD of
the centred data, and gives the explained-variance ratios used to choose k.
"""

from __future__ import annotations

from typing import Any

from dl500.bank.labdata import Figure, Table
from dl500.bank.schema import Localized
from dl500.labs.figures import PALETTE, new_figure, to_svg
from dl500.labs.registry import lab

STDS_3D = (3.0, 1.0, 0.2)
"""Standard deviations of the 3-D example before a random rotation."""


def _eig_and_svd(x: Any) -> tuple[Any, Any, Any]:
    """Return (descending covariance eigenvalues, eigenvectors, σ²/(n−1) from the SVD)."""
    import numpy as np

    centred = x - x.mean(axis=0)
    eigvals, eigvecs = np.linalg.eigh(np.cov(centred, rowvar=False))
    order = np.argsort(eigvals)[::-1]
    singular = np.linalg.svd(centred, compute_uv=False)
    return eigvals[order], eigvecs[:, order], singular**2 / (len(x) - 1)


@lab("pca.eigen_check")
def eigen_check() -> tuple[Table, dict[str, Any]]:
    """Compare covariance eigenvalues with squared singular values / (n − 1) on 3-D data."""
    import numpy as np

    rng = np.random.default_rng(0)
    n = 500
    rotation, _ = np.linalg.qr(rng.standard_normal((3, 3)))
    x = rng.standard_normal((n, 3)) * np.array(STDS_3D) @ rotation.T + np.array([5, -2, 1])
    eigvals, _, from_svd = _eig_and_svd(x)
    ratio = eigvals / eigvals.sum()
    rows = tuple(
        (
            j + 1,
            f"{eigvals[j]:.3f}",
            f"{from_svd[j]:.3f}",
            f"{ratio[j]:.1%}",
            f"{ratio[: j + 1].sum():.1%}",
        )
        for j in range(3)
    )
    facts = {
        "eigenvalues": [round(float(v), 3) for v in eigvals],
        "total_variance": round(float(eigvals.sum()), 3),
        "is_eig_equal_svd": bool(np.allclose(eigvals, from_svd, rtol=1e-10)),
        "explained": [round(float(v), 4) for v in ratio],
    }
    table = Table(
        caption=Localized(
            f"PCA 两种算法一致：{n} 个三维样本（旋转后的标准差 {STDS_3D}）",
            f"Two routes to PCA agree: {n} samples in 3-D (standard deviations {STDS_3D}, "
            "then a random rotation)",
        ),
        columns=(
            Localized("j", "j"),
            Localized("协方差特征值 λⱼ", "covariance eigenvalue λⱼ"),
            Localized("σⱼ²/(n−1)（SVD）", "σⱼ²/(n−1) (SVD)"),
            Localized("解释方差比", "explained ratio"),
            Localized("累计", "cumulative"),
        ),
        rows=rows,
        notes=Localized(
            f"总方差 {facts['total_variance']}；两列在 1e−10 相对误差内相等。",
            f"Total variance {facts['total_variance']}; the two columns agree to a relative 1e−10.",
        ),
    )
    return table, facts


@lab("pca.axes_figure")
def axes_figure() -> tuple[Figure, dict[str, Any]]:
    """Scatter correlated 2-D data with its principal axes (length 2 standard deviations)."""
    import numpy as np

    rng = np.random.default_rng(3)
    mixing = np.array([[1.6, 0.5], [0.9, -0.4]])  # covariance mixing·mixingᵀ, tilted ~30°
    x = rng.standard_normal((300, 2)) @ mixing.T + np.array([1.0, 0.5])
    eigvals, eigvecs, _ = _eig_and_svd(x)
    mean = x.mean(axis=0)
    fig, ax = new_figure(5.2, 4.2)
    ax.scatter(x[:, 0], x[:, 1], s=8, color="gray", alpha=0.6)
    for j, colour in enumerate(PALETTE[:2]):
        direction = eigvecs[:, j] * 2 * np.sqrt(eigvals[j])
        direction *= np.sign(direction[j])  # eigenvector signs are arbitrary: point up/right
        ax.annotate(
            "",
            xy=mean + direction,
            xytext=mean,
            arrowprops={"arrowstyle": "->", "color": colour, "lw": 2},
        )
        ax.text(
            *(mean + direction * 1.15),
            f"PC{j + 1}: λ = {eigvals[j]:.2f}",
            color=colour,
            fontsize=9,
            ha="left" if j == 0 else "right",
            va="center",
        )
    ax.set_aspect("equal")
    ax.set(xlabel="x₁", ylabel="x₂", title="principal axes (arrow = 2√λ)")
    ratio = float(eigvals[0] / eigvals.sum())
    caption = Localized(
        f"二维相关数据的主轴：箭头为协方差矩阵的特征向量，长度为 2 倍标准差（2√λ）。"
        f"第一主成分解释 {ratio:.1%} 的方差；两轴正交。",
        f"Principal axes of correlated 2-D data: the arrows are eigenvectors of the covariance, "
        f"2 standard deviations (2√λ) long. PC1 explains {ratio:.1%} of the variance; the axes "
        "are orthogonal.",
    )
    facts = {
        "eigenvalues": [round(float(v), 3) for v in eigvals],
        "pc1_ratio": round(ratio, 4),
        "is_orthogonal": bool(abs(float(eigvecs[:, 0] @ eigvecs[:, 1])) < 1e-12),
    }
    return Figure(caption=caption, svg=to_svg(fig)), facts
