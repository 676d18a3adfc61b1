"""Typo correction and completion against the bank's own English words."""

from __future__ import annotations

import pytest

from dl500.search.query import SearchEngine
from dl500.search.typos import Correction, edit_distance


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
def test_edit_distance_counts_a_swap_as_one(a: str, b: str, distance: int) -> None:
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
