"""Packed-lane scoring agrees with plain float arithmetic, and no lane can overflow."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl500.search import lanes
from dl500.search.lanes import Postings, field_scores, quantise, write_postings
from dl500.search.query import COVERAGE_BONUS, MAX_TERMS, Group, _cap_pairs

WORDS = ["a", "b", "c", "d", "e"]
BOOSTS = {"title": 2.0, "answer": 1.0}

docs_strategy = st.lists(
    st.fixed_dictionaries(
        {f: st.lists(st.sampled_from(WORDS), max_size=6).map(Counter) for f in BOOSTS}
    ),
    min_size=1,
    max_size=70,  # above and below the dense threshold (1/32 of the questions)
)


def build(tmp: Path, docs: list[dict[str, Counter[str]]]) -> tuple[Postings, dict]:
    scores = field_scores(docs, BOOSTS)
    write_postings(tmp, scores, len(docs))
    return Postings(tmp, len(docs)), scores


@settings(max_examples=60, deadline=None)
@given(docs=docs_strategy, data=st.data())
def test_packed_scores_match_float_scores(
    tmp_path_factory: object, docs: list[dict[str, Counter[str]]], data: st.DataObject
) -> None:
    tmp = tmp_path_factory.mktemp("lanes")  # type: ignore[attr-defined]
    postings, scores = build(tmp, docs)
    groups = data.draw(
        st.lists(
            st.lists(
                st.tuples(st.sampled_from(WORDS + ["zz"]), st.sampled_from([0.4, 1.0])),
                min_size=1,
                max_size=3,
            ),
            min_size=1,
            max_size=4,
        )
    )
    total = 0
    expected = [0.0] * len(docs)
    for group in groups:
        summed = present = 0
        matched = set()
        for term, weight in group:
            value, occurs = postings.entry(term)
            summed += value * round(weight * 10)
            present |= occurs
            for i, s in scores.get(term, {}).items():
                expected[i] += weight * quantise(s) / lanes.SCALE
                matched.add(i)
        total += summed + present * round(COVERAGE_BONUS * max(w for _, w in group) * 10 * 1024)
        for i in matched:
            expected[i] += COVERAGE_BONUS * max(w for _, w in group)
    got = postings.top(total, len(docs))
    want = sorted(
        ((i, s) for i, s in enumerate(expected) if s > 0),
        key=lambda p: (-round(p[1] * 10240), p[0]),
    )
    assert [i for i, _ in got] == [i for i, _ in want]
    for (_, value), (_, score) in zip(got, want, strict=True):
        assert abs(value / 10240 - score) < 1e-6


def test_top_breaks_ties_by_reading_order(tmp_path: Path) -> None:
    docs = [{"title": Counter(["a"]), "answer": Counter()} for _ in range(5)]
    postings, _ = build(tmp_path, docs)
    value, _ = postings.entry("a")
    assert [i for i, _ in postings.top(value, 3)] == [0, 1, 2]
    assert postings.top(0, 3) == []


def test_present_marks_exactly_the_non_zero_lanes(tmp_path: Path) -> None:
    postings, _ = build(tmp_path, [{"title": Counter(), "answer": Counter()}] * 4)
    packed = sum(v << (32 * i) for i, v in enumerate([0, 1, 2**31 - 1, 0]))
    assert postings.present(packed) == (1 << 32) | (1 << 64)


def test_no_query_can_overflow_a_lane() -> None:
    many = [Group(tuple((f"t{i}-{j}", 1.0) for j in range(5))) for i in range(3 * MAX_TERMS)]
    capped = _cap_pairs(many)
    weights = [lanes.WEIGHT_SCALE for g in capped for _ in g.alternatives]  # weight 1.0 each
    bonuses = [round(COVERAGE_BONUS * lanes.WEIGHT_SCALE * lanes.SCALE)] * len(capped)
    assert len(weights) == lanes.MAX_PAIRS
    largest_lane = sum(weights) * lanes.MAX_TERM_SCORE + sum(bonuses)
    assert largest_lane < 2**31  # `present` and `at_least` need the top bit free


def test_sparse_and_dense_terms_decode_alike(tmp_path: Path) -> None:
    docs = [{"title": Counter(["a"] if i % 2 else ["b"]), "answer": Counter()} for i in range(64)]
    docs[5]["answer"] = Counter(["rare"])
    postings, scores = build(tmp_path, docs)
    for term in ("a", "b", "rare"):
        value, _ = postings.entry(term)
        lanes_out = [(value >> (32 * i)) & 0xFFFFFFFF for i in range(64)]
        assert lanes_out == [
            quantise(scores[term][i]) if i in scores[term] else 0 for i in range(64)
        ]
    assert postings.entry("missing") == (0, 0)


@settings(max_examples=30, deadline=None)
@given(
    n=st.sampled_from([1, 7, 300, 4097, 9000]),
    density=st.sampled_from([0.0, 0.001, 0.3, 1.0]),
    spread=st.sampled_from([3, 2**27]),  # few distinct values (ties) or many
    seed=st.integers(0, 2**16),
    k=st.integers(1, 12),
)
def test_both_ways_of_finding_the_best_agree(
    tmp_path_factory: object, n: int, density: float, spread: int, seed: int, k: int
) -> None:
    rng = random.Random(seed)
    values = [rng.randrange(1, spread) if rng.random() < density else 0 for _ in range(n)]
    tmp = tmp_path_factory.mktemp("top")  # type: ignore[attr-defined]
    postings, _ = build(tmp, [{"title": Counter(), "answer": Counter()}] * n)
    packed = int.from_bytes(b"".join(v.to_bytes(4, "little") for v in values), "little")
    want = sorted(((i, v) for i, v in enumerate(values) if v), key=lambda p: (-p[1], p[0]))[:k]
    assert postings._top_by_records(packed, k) == want
    if n > 2 * lanes.SAMPLE_SIZE:
        assert postings._top_by_floor(packed, k) == want
        assert postings.top(packed, k) == want


def test_a_damaged_postings_file_scores_nothing_instead_of_failing(tmp_path: Path) -> None:
    docs = [
        {"title": Counter(["a", "b"] if i % 2 else ["b"]), "answer": Counter()} for i in range(40)
    ]
    build(tmp_path, docs)
    (tmp_path / lanes.POSTINGS).write_bytes(b"\x00garbage")
    postings = Postings(tmp_path, 40)
    assert postings.entry("a") == (0, 0) and postings.entry("b") == (0, 0)


def test_reading_at_an_offset_without_pread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"0123456789")
    owner = type("Owner", (), {})()
    fd = lanes.open_for_life(owner, path)
    assert lanes.read_at(fd, 3, 4) == b"456"
    monkeypatch.delattr(lanes.os, "pread")  # as on Windows
    assert lanes.read_at(fd, 2, 8) == b"89" and lanes.read_at(fd, 2, 0) == b"01"
