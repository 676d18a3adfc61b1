"""The synonym table: parsing, matching term sequences, and the shipped data."""

from __future__ import annotations

from collections import Counter

from dl500.search.synonyms import SynonymMatcher, load_concepts

TABLE = """
# a comment
bn | Batch Normalization | 批归一化
lonely
k-means | kmeans
"""


def test_load_concepts_normalises_and_skips_comments_and_singletons() -> None:
    concepts = load_concepts(TABLE)
    assert [(c.term, c.variants) for c in concepts] == [
        ("~bn", ("bn", "batch normalization", "批归一化")),
        ("~k-means", ("k-means", "kmeans")),
    ]


def test_matcher_finds_multi_word_and_overlapping_variants() -> None:
    matcher = SynonymMatcher(
        [(["batch", "norm"], "~bn"), (["bn"], "~bn"), (["norm"], "~norm"), (["批归一化"], "~bn")]
    )
    assert matcher.find(["use", "batch", "norm", "here"]) == [(1, 3, "~bn"), (2, 3, "~norm")]
    assert matcher.find(["批归一化", "和", "bn"]) == [(0, 1, "~bn"), (2, 3, "~bn")]
    assert matcher.find(["batch"]) == []
    assert SynonymMatcher(matcher.patterns()).find(["bn"]) == [(0, 1, "~bn")]


def test_shipped_table_is_unambiguous_and_bilingual() -> None:
    concepts = load_concepts()
    assert len(concepts) >= 150
    counts = Counter(v for c in concepts for v in c.variants)
    assert [v for v, n in counts.items() if n > 1] == []  # a variant means one concept
    by_term = {c.term: c.variants for c in concepts}
    assert {"bn", "batch normalization", "批归一化"} <= set(by_term["~bn"])
    assert {"backprop", "反向传播"} <= set(by_term["~backprop"])
    for abbreviation in ("~ln", "~gan", "~sgd", "~rnn", "~lstm"):
        assert any("\u4e00" <= ch <= "\u9fff" for v in by_term[abbreviation] for ch in v)
