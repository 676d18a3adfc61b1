"""Traditional → simplified Chinese folding with OpenCC's character and phrase tables.

The bank is written in simplified Chinese; a reader in Taiwan or Hong Kong types
"梯度為什麼會消失" or "批次歸一化". Such a query is converted with OpenCC's `tw2sp`
configuration, which also maps Taiwanese terms to mainland ones (網路 → 网络, 批次 →
批量), so it meets the bank's words. The bank itself is not converted: char-level
conversion is not the identity on simplified text (显著 would become 显着).
OpenCC is imported on first use: most queries use only characters the bank already
uses and never need it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("tw2sp")


def to_simplified(text: str) -> str:
    """Return `text` with traditional Chinese characters and phrases made simplified."""
    return str(_converter().convert(text))
