"""Typo tolerance and completion for English words, from the bank's own word list.

Only words the bank never uses are touched: a known word is taken as typed. An unknown
last word of a query that is still being typed is completed ("normaliz" →
"normalization"); any other unknown word is replaced by the most frequent bank word
within one edit (two for words of eight letters or more), transpositions counting as one
edit ("bacth" → "batch"). The candidate search is tantivy's Levenshtein automaton over
the word list, in Rust; Python only ranks the few candidates it returns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

MIN_FUZZY_CHARS = 5
MIN_PREFIX_CHARS = 3


@dataclass(frozen=True, slots=True)
class Correction:
    """The word to search for, and weaker alternatives (other completions)."""

    word: str
    alternatives: tuple[str, ...] = ()


class WordList:
    """The bank's English words, most frequent first, with a tantivy index over them."""

    def __init__(self, directory: Path) -> None:
        import tantivy

        self._directory = directory
        index = tantivy.Index.open(str(directory / "words"))
        self._searcher = index.searcher()
        self._schema = index.schema
        self._tantivy = tantivy

    @cached_property
    def _ranked(self) -> list[str]:
        # Read on the first unknown word only; most queries use known words. Missing (the
        # index was pruned under a long-running server): no corrections rather than errors.
        try:
            words: list[str] = json.loads((self._directory / "words.json").read_text("utf-8"))
        except (OSError, ValueError):
            return []
        return words

    def is_known(self, word: str) -> bool:
        """Return whether the bank uses `word`."""
        return bool(self._searcher.doc_freq("w", word))

    def correct(self, word: str, is_last: bool = False) -> Correction:
        """Return the word to search for instead of `word` (itself when it is fine)."""
        if not word.isalpha() or len(word) < MIN_PREFIX_CHARS or self.is_known(word):
            return Correction(word)
        if is_last and (completions := self._near(word, 0, is_prefix=True, limit=3)):
            return Correction(completions[0], tuple(completions[1:]))
        if len(word) < MIN_FUZZY_CHARS:
            return Correction(word)
        # One edit first: most typos are one, and the two-edit automaton costs 3× more.
        candidates = self._near(word, 1) or (self._near(word, 2) if len(word) >= 8 else [])
        if not candidates:
            return Correction(word)
        return Correction(min(candidates, key=lambda c: edit_distance(word, c)))

    def _near(
        self, word: str, distance: int, is_prefix: bool = False, limit: int = 16
    ) -> list[str]:
        """Return bank words within `distance` edits of `word` (or of a prefix of them)."""
        fuzzy = self._tantivy.Query.fuzzy_term_query
        return self._words(fuzzy(self._schema, "w", word, distance, True, is_prefix), limit)

    def _words(self, query: Any, limit: int) -> list[str]:
        """Return the words matching `query`, most frequent first."""
        asc = self._tantivy.Order.Asc
        hits = self._searcher.search(query, limit, count=False, order_by_field="i", order=asc).hits
        ranks = self._searcher.fast_field_values("i", [addr for _, addr in hits])
        return [self._ranked[int(r)] for r in ranks if r is not None and int(r) < len(self._ranked)]


def edit_distance(a: str, b: str) -> int:
    """Return the optimal-string-alignment distance (adjacent swaps cost one)."""
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
