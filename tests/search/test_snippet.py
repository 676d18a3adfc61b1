"""Plain text from Markdown, and the escaped, marked snippet window."""

from __future__ import annotations

from dl500.search.snippet import Highlighter, make_snippet, plain_text
from dl500.search.tokenize import stem

MARKDOWN = """### 训练模式

**批归一化**用 `running_mean`，见 [[cnn/receptive-field]] 和 [论文](https://example.org)。

```lab
lenet5.param_table
```

$$
y = \\gamma \\hat x + \\beta
$$

| a | b |
|---|---|
| 1 | 2 |
"""


def test_plain_text_keeps_words_and_drops_markup() -> None:
    text = plain_text(MARKDOWN)
    assert text.startswith("训练模式 批归一化用 running_mean，见 cnn/receptive-field 和 论文。")
    for gone in ("###", "**", "`", "[[", "https://", "lenet5.param_table", "\\gamma", "|---"):
        assert gone not in text
    assert "1 2" in text.replace("  ", " ")


def test_snippet_marks_matches_and_escapes_everything_else() -> None:
    text = "Intro. " + "filler " * 60 + "The <b>vanishing</b> gradients & vanish again."
    marker = Highlighter(zh=(), en_stems={stem("vanishing"), stem("gradient")}, stem=stem)
    snippet = make_snippet(text, marker, "en")
    assert snippet.startswith("…")  # the window moved to the matches
    assert "&lt;b&gt;<mark>vanishing</mark>&lt;/b&gt; <mark>gradients</mark> &amp;" in snippet
    assert snippet.count("<mark>") == 3 and "<b>" not in snippet


def test_chinese_snippet_marks_longest_match_first() -> None:
    marker = Highlighter(zh={"归一化", "批归一化"}, en_stems=(), stem=stem)
    assert make_snippet("先讲批归一化，再讲归一化。", marker, "zh") == (
        "先讲<mark>批归一化</mark>，再讲<mark>归一化</mark>。"
    )


def test_snippet_without_matches_is_the_start_of_the_text() -> None:
    marker = Highlighter(zh=(), en_stems={"zzz"}, stem=stem)
    text = "word " * 100
    snippet = make_snippet(text, marker, "en")
    assert snippet.startswith("word word") and snippet.endswith("…") and "<mark>" not in snippet
