"""ViT-B/16 (Dosovitskiy et al., 2020): where its 86.6 M parameters are.

A 224×224 image becomes 14×14 = 196 patch tokens of 16×16×3 pixels, projected to d = 768,
plus a class token and learned position embeddings; 12 pre-norm encoder layers (12 heads,
MLP 3072) follow, then a final LayerNorm and a 1000-way head. Each encoder layer holds
12d² + 13d parameters; the table checks that against the module.
"""

from __future__ import annotations

from typing import Any

from dl500.bank.labdata import Table
from dl500.bank.schema import Localized
from dl500.labs.counting import count_params, on_meta, trace
from dl500.labs.registry import lab

CONFIG = {"image": 224, "patch": 16, "dim": 768, "depth": 12, "heads": 12, "mlp": 3072}


def build_vit_b16() -> Any:
    """Return ViT-B/16 with a class token and a 1000-class head."""
    import torch
    from torch import nn

    d, heads, tokens = CONFIG["dim"], CONFIG["heads"], (CONFIG["image"] // CONFIG["patch"]) ** 2

    class EncoderLayer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.norm1, self.qkv, self.proj = nn.LayerNorm(d), nn.Linear(d, 3 * d), nn.Linear(d, d)
            self.norm2 = nn.LayerNorm(d)
            self.mlp = nn.Sequential(
                nn.Linear(d, CONFIG["mlp"]), nn.GELU(), nn.Linear(CONFIG["mlp"], d)
            )

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            n, t, _ = x.shape
            q, k, v = (
                self.qkv(self.norm1(x)).view(n, t, 3, heads, d // heads).permute(2, 0, 3, 1, 4)
            )
            attn = torch.softmax(q @ k.transpose(-2, -1) / (d // heads) ** 0.5, dim=-1)
            x = x + self.proj((attn @ v).transpose(1, 2).reshape(n, t, d))
            return x + self.mlp(self.norm2(x))

    class ViT(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.patch_embed = nn.Conv2d(3, d, CONFIG["patch"], CONFIG["patch"])
            self.cls_token = nn.Parameter(torch.zeros(1, 1, d))
            self.pos_embed = nn.Parameter(torch.zeros(1, tokens + 1, d))
            self.layers = nn.Sequential(*(EncoderLayer() for _ in range(CONFIG["depth"])))
            self.norm, self.head = nn.LayerNorm(d), nn.Linear(d, 1000)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            x = self.patch_embed(x).flatten(2).transpose(1, 2)
            x = torch.cat([self.cls_token.expand(len(x), -1, -1), x], dim=1) + self.pos_embed
            return self.head(self.norm(self.layers(x))[:, 0])

    return ViT()


@lab("vit.param_table")
def vit_param_table() -> tuple[Table, dict[str, Any]]:
    """ViT-B/16 parameters by component, and the MACs of one 224×224 image."""
    model = on_meta(build_vit_b16)
    d, depth = CONFIG["dim"], CONFIG["depth"]
    tokens = (CONFIG["image"] // CONFIG["patch"]) ** 2 + 1
    layer = count_params(model.layers[0])
    rows = [
        ("patch embedding (16×16×3 → 768 conv)", count_params(model.patch_embed)),
        ("class token", model.cls_token.numel()),
        (f"position embeddings ({tokens}×{d})", model.pos_embed.numel()),
        (f"one encoder layer (12d² + 13d, d = {d})", layer),
        (f"{depth} encoder layers", count_params(model.layers)),
        ("final LayerNorm", count_params(model.norm)),
        ("head (768 → 1000)", count_params(model.head)),
        ("Σ", count_params(model)),
    ]
    linear_macs = sum(m for m, _ in trace(model, (3, CONFIG["image"], CONFIG["image"])).values())
    attention_macs = depth * 2 * tokens * tokens * d  # QKᵀ and attention × V, all heads
    facts = {
        "total_params": count_params(model),
        "encoder_layer_params": layer,
        "encoder_layer_formula": 12 * d * d + 13 * d,
        "tokens": tokens,
        "gmacs": round((linear_macs + attention_macs) / 1e9, 2),
    }
    table = Table(
        caption=Localized(
            "ViT-B/16 参数按组成部分拆分（224×224 输入，1000 类）",
            "ViT-B/16 parameters by component (224×224 input, 1000 classes)",
        ),
        columns=(Localized("组成部分", "Component"), Localized("参数", "Params")),
        rows=tuple(rows),
        notes=Localized(
            f"{tokens} 个 token（196 个图块 + 1 个类别 token）。一次前向约 {facts['gmacs']} GMAC"
            "（线性层与注意力矩阵乘法）。",
            f"{tokens} tokens (196 patches + 1 class token). One forward pass is about "
            f"{facts['gmacs']} GMACs (linear layers plus the attention matrix products).",
        ),
    )
    return table, facts
