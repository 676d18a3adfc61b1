"""The engine end to end on a small bilingual bank: languages, synonyms, typos, bad input."""

from __future__ import annotations

import pytest

from dl500.search.query import MAX_QUERY_CHARS, SearchEngine
from tests.search.conftest import top


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # English words that only the Chinese half says (批归一化), and the reverse.
        ("batch normalization at inference", "t/bn"),
        ("BN", "t/bn"),
        ("梯度消失", "t/vanish"),
        ("RNN 的 LSTM 遗忘门", "t/lstm"),
        ("卷积输出大小", "t/conv-size"),
        ("why does my model overfit", "t/overfit"),
        ("dropout 测试", "t/dropout"),
    ],
)
def test_finds_the_answer_in_either_language(
    engine: SearchEngine, query: str, expected: str
) -> None:
    assert top(engine, query) == [expected]


def test_cross_lingual_match_uses_the_synonym_table(engine: SearchEngine) -> None:
    # "batch normalization" appears nowhere in t/bn; only its Chinese variant does.
    parsed = engine.parse("batch normalization")
    assert [g.alternatives for g in parsed.groups] == [(("~bn", 1.0),)]
    # and a Chinese query that the bank never spells out meets its English form
    assert [g.alternatives[0][0] for g in engine.parse("梯度消失").groups] == [
        "~vanishing_gradient"
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("遺忘門", "t/lstm"),  # traditional characters
        ("過擬合", "t/overfit"),
        ("批次歸一化", "t/bn"),  # Taiwanese term folded to the mainland one
    ],
)
def test_traditional_chinese_is_folded(engine: SearchEngine, query: str, expected: str) -> None:
    assert top(engine, query) == [expected]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dropuot", "t/dropout"),  # swapped letters
        ("ovrfitting", "t/overfit"),  # a missing letter
        ("convolutoin outptu", "t/conv-size"),
        ("exponentialy", "t/vanish"),
    ],
)
def test_english_typos_are_tolerated(engine: SearchEngine, query: str, expected: str) -> None:
    assert top(engine, query) == [expected]


def test_a_word_being_typed_is_completed_only_at_the_end(engine: SearchEngine) -> None:
    assert top(engine, "memoris") == ["t/overfit"]  # memorised, still typing
    assert top(engine, "memoris ") == []  # a finished word that the bank does not use


def test_known_words_are_not_corrected(engine: SearchEngine) -> None:
    groups = engine.parse("gates").groups
    assert [g.alternatives[0][0] for g in groups] == ["gate"]


@pytest.mark.parametrize(
    "query",
    ["", "   ", "😀🔥", "\x00\x1f\x7f", '"*:()-', "title:foo AND (bar OR", "\\", "\u202e"],
)
def test_odd_input_gives_an_empty_list(engine: SearchEngine, query: str) -> None:
    assert engine.search(query) == []


def test_query_syntax_characters_are_just_text(engine: SearchEngine) -> None:
    assert top(engine, '"dropout" AND (test:time) -inference*') == ["t/dropout"]
    assert top(engine, "~bn^9") == ["t/bn"]  # our own concept syntax is not honoured either
    terms = [g.alternatives[0][0] for g in engine.parse("~bn^9").groups]
    assert terms == ["9", "~bn"]  # "~" is dropped; "bn" maps to its concept as a word


def test_long_input_is_cut_not_refused(engine: SearchEngine) -> None:
    long_query = "dropout " + "x" * 10_000
    assert top(engine, long_query) == ["t/dropout"]
    assert len(engine.parse("a" * 10_000).groups) <= MAX_QUERY_CHARS


def test_hits_carry_what_a_result_line_needs(engine: SearchEngine) -> None:
    hit = engine.search("遗忘门", 1)[0]
    assert (hit.id, hit.number, hit.title.en) == (
        "t/lstm",
        "1.1.4",
        "What does the forget gate of an LSTM do?",
    )
    assert hit.score > 0
    assert "<mark>遗忘门</mark>" in hit.snippet.zh
    assert "<mark>" not in hit.snippet.en  # no English word of the query


def test_snippets_are_escaped_and_marked(engine: SearchEngine) -> None:
    hit = engine.search("script text", 1, snippet_langs=("en",))[0]
    assert hit.id == "t/conv-size"
    assert "&lt;<mark>script</mark>&gt;" in hit.snippet.en
    assert "<script>" not in hit.snippet.en and "&amp;" in hit.snippet.en
    assert hit.snippet.zh == ""  # not asked for


def test_limit_and_ranking(engine: SearchEngine) -> None:
    hits = engine.search("training", 3)
    assert len(hits) == 3
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert engine.search("training", 0) == []
