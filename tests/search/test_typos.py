"""Typo correction and completion against the bank's own English words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dl500.search.query import SearchEngine
from dl500.search.typos import Correction, WordList, one_edit_apart


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (adjacent swaps cost one): the reference."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("batch", "batch", 0),
        ("bacth", "batch", 1),
        ("dropuot", "dropout", 1),
        ("norm", "form", 1),
        ("normalizaton", "normalization", 1),
        ("", "abc", 3),
        ("kitten", "sitting", 3),
    ],
)
def test_the_reference_distance_counts_a_swap_as_one(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance


def test_corrections(engine: SearchEngine) -> None:
    words = engine._words
    assert words.is_known("dropout") and not words.is_known("dropuot")
    assert words.correct("dropout") == Correction("dropout")  # known: untouched
    assert words.correct("dropuot") == Correction("dropout")
    assert words.correct("expnentially") == Correction("exponentially")  # one insertion
    assert words.correct("xqzvw") == Correction("xqzvw")  # nothing near: kept
    assert words.correct("gat") == Correction("gat")  # too short to guess
    completed = words.correct("regul", is_last=True)
    assert completed.word in ("regularise", "regularization") and completed.alternatives


@settings(max_examples=300, deadline=None)
@given(a=st.text("abc", max_size=7), b=st.text("abc", max_size=7))
def test_one_edit_check_agrees_with_the_full_distance(a: str, b: str) -> None:
    assert one_edit_apart(a, b) == (edit_distance(a, b) == 1)


def test_a_valid_word_the_bank_knows_by_its_stem_is_not_corrected(engine: SearchEngine) -> None:
    words = engine._words
    is_term = engine._postings.__contains__
    assert not words.is_known("exponentials") and is_term(words.stem("exponentials"))
    assert words.correct("exponentials", False, is_term) == Correction("exponentials")


def test_two_edit_typos_that_share_a_deletion(tmp_path: Path) -> None:
    words = {
        "ranked": ["recommendation", "regularization", "optimization"],
        "stems": [],
        "plain": [],
    }
    (tmp_path / "words.json").write_text(json.dumps(words), "utf-8")
    table = WordList(tmp_path)
    assert table.correct("reccomendation") == Correction("recommendation")  # c doubled, m lost
    assert table.correct("regulariaztion") == Correction("regularization")  # a swap
    # A substitution plus a deletion shares no one-deletion string: left as typed.
    assert table.correct("regularisaton") == Correction("regularisaton")
    assert table.correct("optimisation") == Correction("optimization")  # one edit
    assert table.correct("xylophones") == Correction("xylophones")  # nothing near: kept


@settings(max_examples=300, deadline=None)
@given(a=st.text("abc", min_size=1, max_size=7), b=st.text("abc", min_size=1, max_size=7))
def test_sharing_a_one_deletion_string_means_at_most_two_edits(a: str, b: str) -> None:
    def forms(w: str) -> set[str]:
        return {w} | {w[:i] + w[i + 1 :] for i in range(len(w))}

    if forms(a) & forms(b):
        assert edit_distance(a, b) <= 2
