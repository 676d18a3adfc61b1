"""Chapter 1 worked examples computed, not typed: norms, an SVD check, entropies, Gaussian mass.

Each table puts a value computed from its definition next to the library's value (or a
Monte Carlo estimate), so a reader sees the formula and the check side by side, and the
tests pin the numbers the answers quote.
"""

from __future__ import annotations

import math
from typing import Any

from dl500.bank.labdata import Table
from dl500.bank.schema import Localized
from dl500.labs.registry import lab

VECTOR = (-5.0, 6.0, 8.0, -10.0)
MATRIX = ((-1.0, 2.0, -3.0), (4.0, -6.0, 6.0))
P = (0.1, 0.2, 0.7)
Q = (0.3, 0.3, 0.4)


def _fmt(value: float, digits: int = 4) -> str:
    """Show a float with a fixed number of decimals (the renderer would cut to 4 significant)."""
    return f"{value:.{digits}f}"


@lab("mathbasics.vector_norms")
def vector_norms() -> tuple[Table, dict[str, Any]]:
    """Norms of a = (-5, 6, 8, -10) from their definitions, checked against torch.linalg."""
    import torch

    a = torch.tensor(VECTOR, dtype=torch.float64)
    rows_spec = (
        ("‖a‖₁", "Σ|aᵢ|", a.abs().sum(), 1, "✓"),
        ("‖a‖₂", "√(Σaᵢ²)", a.pow(2).sum().sqrt(), 2, "✓"),
        ("‖a‖∞", "max|aᵢ|", a.abs().max(), math.inf, "✓"),
        ("‖a‖₀", "#{aᵢ ≠ 0}", (a != 0).sum().double(), 0, "✗"),
        ("min|aᵢ|", "min|aᵢ|", a.abs().min(), None, "✗"),
    )
    rows, facts = [], {}
    for name, formula, value, order, is_norm in rows_spec:
        library = None if order is None else torch.linalg.vector_norm(a, ord=order).item()
        if library is not None:
            assert abs(library - value.item()) < 1e-12
        shown = round(value.item(), 6)
        shown = int(shown) if shown.is_integer() else shown
        rows.append((name, formula, shown, is_norm))
        facts[name] = shown
    table = Table(
        caption=Localized(
            "向量 a = (−5, 6, 8, −10) 的范数（与 torch.linalg 一致）",
            "Norms of a = (−5, 6, 8, −10) (agree with torch.linalg)",
        ),
        columns=(
            Localized("量", "Quantity"),
            Localized("定义", "Definition"),
            Localized("值", "Value"),
            Localized("是范数？", "A norm?"),
        ),
        rows=tuple(rows),
    )
    return table, {
        "l1": facts["‖a‖₁"],
        "l2": facts["‖a‖₂"],
        "linf": facts["‖a‖∞"],
        "l0": facts["‖a‖₀"],
        "min_abs": facts["min|aᵢ|"],
    }


def _matrix_norm_rows(torch: Any) -> list[tuple[str, str, float, float | None]]:
    a = torch.tensor(MATRIX, dtype=torch.float64)
    sigma = torch.linalg.svdvals(a)
    lam_max = torch.linalg.eigvalsh(a.T @ a).max()
    norm = torch.linalg.matrix_norm
    return [
        ("induced 1-norm", "max_j Σᵢ|aᵢⱼ|", a.abs().sum(0).max().item(), norm(a, 1).item()),
        ("spectral ‖A‖₂", "√λmax(AᵀA)", lam_max.sqrt().item(), norm(a, 2).item()),
        ("induced ∞-norm", "max_i Σⱼ|aᵢⱼ|", a.abs().sum(1).max().item(), norm(a, math.inf).item()),
        ("nuclear ‖A‖*", "Σσᵢ", sigma.sum().item(), norm(a, "nuc").item()),
        ("Frobenius ‖A‖F", "√(Σaᵢⱼ²)", a.pow(2).sum().sqrt().item(), norm(a, "fro").item()),
        ("entrywise L1", "Σ|aᵢⱼ|", a.abs().sum().item(), None),
        ("L0", "#{aᵢⱼ ≠ 0}", float((a != 0).sum()), None),
        ("L2,1", "Σⱼ‖a₍:,ⱼ₎‖₂", a.pow(2).sum(0).sqrt().sum().item(), None),
    ]


@lab("mathbasics.matrix_norms")
def matrix_norms() -> tuple[Table, dict[str, Any]]:
    """Induced, Schatten and entrywise norms of A = [[-1, 2, -3], [4, -6, 6]]."""
    import torch

    rows, facts = [], {}
    for name, formula, value, library in _matrix_norm_rows(torch):
        if library is not None:
            assert abs(library - value) < 1e-10, name
        shown = _fmt(value) if not value.is_integer() else int(value)
        rows.append((name, formula, shown, "✓" if library is not None else "—"))
        facts[name] = round(value, 4)
    sigma = torch.linalg.svdvals(torch.tensor(MATRIX, dtype=torch.float64))
    facts["singular_values"] = [round(s, 4) for s in sigma.tolist()]
    table = Table(
        caption=Localized(
            "A = [[−1, 2, −3], [4, −6, 6]] 的矩阵范数",
            "Matrix norms of A = [[−1, 2, −3], [4, −6, 6]]",
        ),
        columns=(
            Localized("范数", "Norm"),
            Localized("定义", "Definition"),
            Localized("值", "Value"),
            Localized("torch.linalg 校验", "torch.linalg check"),
        ),
        rows=tuple(rows),
        notes=Localized(
            f"奇异值 {facts['singular_values'][0]}、{facts['singular_values'][1]}；"
            "谱范数 ≤ Frobenius ≤ 核范数。",
            f"Singular values {facts['singular_values'][0]}, {facts['singular_values'][1]}; "
            "spectral ≤ Frobenius ≤ nuclear.",
        ),
    )
    return table, facts


@lab("mathbasics.svd_check")
def svd_check() -> tuple[Table, dict[str, Any]]:
    """Singular values of a 5x3 Gaussian matrix equal √eig(MᵀM), and u_i = M v_i / σ_i."""
    import numpy as np

    m = np.random.RandomState(0).randn(5, 3)  # the legacy stream: np.random.seed(0); randn
    u, sigma, vt = np.linalg.svd(m, full_matrices=False)
    root_eig = np.sqrt(np.sort(np.linalg.eigvalsh(m.T @ m))[::-1])
    rows = []
    for i in range(3):
        # Differences are ~1e-16 and depend on the BLAS build: show the check, not the noise.
        u_gap = np.abs(u[:, i] - m @ vt[i] / sigma[i]).max()
        rows.append(
            (
                i + 1,
                _fmt(sigma[i]),
                _fmt(root_eig[i]),
                "✓" if abs(sigma[i] - root_eig[i]) < 1e-12 else "✗",
                "✓" if u_gap < 1e-12 else "✗",
            )
        )
    facts = {
        "sigma": [round(float(s), 4) for s in sigma],
        "is_sigma_sqrt_eig": bool(np.abs(sigma - root_eig).max() < 1e-12),
        "is_u_mv_over_sigma": bool(np.abs(u - m @ vt.T / sigma).max() < 1e-12),
    }
    table = Table(
        caption=Localized(
            "SVD 校验：M 为 5×3 标准正态矩阵（np.random.seed(0)）",
            "SVD check on a 5×3 standard-normal M (np.random.seed(0))",
        ),
        columns=(
            Localized("i", "i"),
            Localized("σᵢ（SVD）", "σᵢ (SVD)"),
            Localized("√λᵢ(MᵀM)", "√λᵢ(MᵀM)"),
            Localized("相等（< 1e−12）", "equal (< 1e−12)"),
            Localized("uᵢ = Mvᵢ/σᵢ（< 1e−12）", "uᵢ = Mvᵢ/σᵢ (< 1e−12)"),
        ),
        rows=tuple(rows),
    )
    return table, facts


@lab("mathbasics.information")
def information() -> tuple[Table, dict[str, Any]]:
    """Entropy, cross-entropy, both KLs and JS for p = (.1, .2, .7), q = (.3, .3, .4)."""
    import torch
    import torch.nn.functional as F

    p = torch.tensor(P, dtype=torch.float64)
    q = torch.tensor(Q, dtype=torch.float64)
    entropy = -(p * p.log()).sum().item()
    cross = -(p * q.log()).sum().item()
    kl_pq = (p * (p / q).log()).sum().item()
    kl_qp = (q * (q / p).log()).sum().item()
    m = (p + q) / 2
    js = 0.5 * ((p * (p / m).log()).sum() + (q * (q / m).log()).sum()).item()
    library = {
        "H(p)": torch.distributions.Categorical(probs=p).entropy().item(),
        "H(p, q)": F.cross_entropy(q.log()[None], p[None]).item(),
        "KL(p‖q)": F.kl_div(q.log(), p, reduction="sum").item(),
        "KL(q‖p)": F.kl_div(p.log(), q, reduction="sum").item(),
    }
    values = {
        "H(p)": entropy,
        "H(p, q)": cross,
        "KL(p‖q)": kl_pq,
        "KL(q‖p)": kl_qp,
        "H(p) + KL(p‖q)": entropy + kl_pq,
        "JS(p, q)": js,
    }
    formulas = {
        "H(p)": "−Σ p log p",
        "H(p, q)": "−Σ p log q",
        "KL(p‖q)": "Σ p log(p/q)",
        "KL(q‖p)": "Σ q log(q/p)",
        "H(p) + KL(p‖q)": "= H(p, q)",
        "JS(p, q)": "½KL(p‖m) + ½KL(q‖m), m = (p + q)/2",
    }
    rows = []
    for name, value in values.items():
        check = library.get(name)
        if check is not None:
            assert abs(check - value) < 1e-12, name
        rows.append((name, formulas[name], _fmt(value), "✓" if check is not None else "—"))
    table = Table(
        caption=Localized(
            "熵、交叉熵、KL 与 JS（单位 nats）：p = (0.1, 0.2, 0.7)，q = (0.3, 0.3, 0.4)",
            "Entropy, cross-entropy, KL and JS in nats: p = (0.1, 0.2, 0.7), q = (0.3, 0.3, 0.4)",
        ),
        columns=(
            Localized("量", "Quantity"),
            Localized("公式", "Formula"),
            Localized("值", "Value"),
            Localized("PyTorch 校验", "PyTorch check"),
        ),
        rows=tuple(rows),
    )
    facts = {
        "entropy": round(entropy, 4),
        "cross_entropy": round(cross, 4),
        "kl_pq": round(kl_pq, 4),
        "kl_qp": round(kl_qp, 4),
        "js": round(js, 4),
    }
    return table, facts


@lab("mathbasics.gaussian_mass", samples=1_000_000)
def gaussian_mass(samples: int) -> tuple[Table, dict[str, Any]]:
    """Mass of a standard normal within kσ (erf) next to a seeded Monte Carlo estimate."""
    import numpy as np

    z = np.random.default_rng(0).standard_normal((samples, 10))
    rows, facts = [], {}
    for k in (1, 2, 3):
        exact = math.erf(k / math.sqrt(2))
        rows.append((f"P(|z| ≤ {k}σ)", _fmt(exact), _fmt(float(np.mean(np.abs(z[:, 0]) <= k)))))
        facts[f"within_{k}sigma"] = round(exact, 4)
    all_ten = math.erf(1 / math.sqrt(2)) ** 10
    simulated = float(np.mean(np.all(np.abs(z) <= 1, axis=1)))
    rows.append(("P(all 10 coords within 1σ)", _fmt(all_ten), _fmt(simulated)))
    facts["all_10_within_1sigma"] = round(all_ten, 4)
    facts["all_100_within_1sigma"] = float(f"{math.erf(1 / math.sqrt(2)) ** 100:.2g}")
    table = Table(
        caption=Localized(
            "标准正态的 kσ 区间质量：解析值（erf）与蒙特卡洛",
            "Mass of a standard normal within kσ: exact (erf) and Monte Carlo",
        ),
        columns=(
            Localized("事件", "Event"),
            Localized("解析值", "Exact"),
            Localized(f"蒙特卡洛（{samples:,} 次）", f"Monte Carlo ({samples:,} draws)"),
        ),
        rows=tuple(rows),
    )
    return table, facts
