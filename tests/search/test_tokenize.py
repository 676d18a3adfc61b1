"""Folding, splitting, stemming and Chinese segmentation: the same for index and query."""

from __future__ import annotations

import pytest

from dl500.search.tokenize import (
    STOP_EN,
    STOP_ZH,
    ZhCutter,
    ZhVocab,
    en_terms,
    load_terms,
    normalize,
    query_subwords,
    runs,
    segment_query_zh,
    stem,
    word_parts,
)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("ＢＮ和ＬＮ", "bn和ln"),  # full width
        ("Fréchet naïve", "frechet naive"),  # accents
        ("1×1 conv", "1x1 conv"),  # look-alike symbols
        ("a\x00b\u200bc\x1f", "a b c "),  # control and zero-width characters
        ("running_mean", "running mean"),
    ],
)
def test_normalize(raw: str, folded: str) -> None:
    assert normalize(raw) == folded


def test_runs_split_scripts_and_drop_punctuation() -> None:
    assert list(runs(normalize("BN和LN区别？(k-means, L2)"))) == [
        "bn",
        "和",
        "ln",
        "区别",
        "k-means",
        "l2",
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("normalisation", "normalization"),
        ("normalizing", "normalized"),
        ("behaviour", "behavior"),
        ("centres", "center"),
        ("modelling", "modeling"),
        ("gradients", "gradient"),
        ("rnns", "rnn"),  # Snowball leaves vowel-less plurals alone; we do not
        ("lstms", "lstm"),
    ],
)
def test_stem_meets_spelling_variants(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_stem_keeps_codes_and_numbers() -> None:
    assert [stem(w) for w in ("l2", "fp16", "1x1", "196")] == ["l2", "fp16", "1x1", "196"]
    assert stem("x" * 500) == "x" * 40


def test_hyphenated_words_index_parts_and_the_joined_form() -> None:
    assert word_parts("k-means") == ["k", "means", "kmeans"]
    assert en_terms("fine-tuning") == [stem("fine"), stem("tuning"), stem("finetuning")]


def test_jieba_keeps_dl_terms_whole() -> None:
    words, subwords = ZhCutter([]).cut("批归一化和层归一化的区别")
    assert words == ["批归一化", "和", "层归一化", "的", "区别"]
    assert "归一化" in subwords  # so a query for the shorter word still matches


def test_query_segmentation_prefers_known_words() -> None:
    counts = {"梯度": 50, "消失": 20, "梯度消失": 5, "为什么": 30, "什么": 40, "会": 60}
    vocab = ZhVocab.from_counts(counts)
    assert segment_query_zh("梯度为什么会消失", vocab) == ["梯度", "为什么", "会", "消失"]
    assert segment_query_zh("梯度消失", vocab) == ["梯度消失"]
    assert segment_query_zh("未知字", vocab) == ["未", "知", "字"]  # nothing is lost
    assert query_subwords("梯度消失", counts) == ["梯度", "消失"]


def test_shipped_term_list() -> None:
    terms = load_terms()
    assert len(terms) >= 300
    assert len(set(terms)) == len(terms)
    assert {"批归一化", "反向传播", "感受野", "长短期记忆"} <= set(terms)


def test_stop_words_are_function_words_only() -> None:
    assert {"the", "why", "does"} <= STOP_EN and {"的", "为什么", "吗"} <= STOP_ZH
    assert not {"loss", "norm", "many", "gradient"} & STOP_EN
    assert not {"梯度", "区别", "损失"} & STOP_ZH
