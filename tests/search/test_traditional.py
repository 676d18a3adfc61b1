"""Traditional → simplified folding, phrases included."""

from __future__ import annotations

from dl500.search.traditional import to_simplified


def test_characters_and_taiwanese_terms_become_mainland_simplified() -> None:
    assert to_simplified("梯度為什麼會消失") == "梯度为什么会消失"
    assert to_simplified("類神經網路") == "类神经网络"  # 網路 (TW) → 网络
    assert to_simplified("批归一化 BN") == "批归一化 BN"  # simplified text passes through
