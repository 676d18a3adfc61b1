"""Typo tolerance and completion for English words, from the bank's own word list.

Only words the bank never uses are touched: a known word is taken as typed. An unknown
last word of a query that is still being typed is completed ("normaliz" →
"normalization"); any other unknown word is replaced by the most frequent bank word
within one edit (two for words of eight letters or more), transpositions counting as one
edit ("bacth" → "batch").

Candidates come from a deletion table (as in SymSpell): every bank word is filed under
itself and each string one deletion away from it; a query word looks up itself and its
own one-deletion strings, and the few words found get a linear one-edit check. This finds every
word one edit away, and the two-edit ones that share a one-deletion string ("reccomend"
for "recommend": a letter doubled and another dropped), with a dozen lookups. Looking up
two-deletion strings as well found no more answers on the evaluation queries and was
most of the cost of the slowest queries (an unknown long word: 144 µs median; afterwards
every evaluation query had a median under 95 µs).
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from dl500.search.tokenize import stem

MIN_FUZZY_CHARS = 5
MIN_PREFIX_CHARS = 3
LONG_WORD_CHARS = 8


def _never(_: str) -> bool:
    return False


class Correction(NamedTuple):
    """The word to search for, and weaker alternatives (other completions)."""

    word: str
    alternatives: tuple[str, ...] = ()


class WordList:
    """The bank's English words (most frequent first) and the stems of all its words."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory

    @cached_property
    def _data(self) -> dict[str, list[str]]:
        # Read on the first English word only. Missing (the index was pruned under a
        # long-running server): no corrections and a slower stemmer rather than errors.
        try:
            data: dict[str, list[str]] = json.loads(
                (self._directory / "words.json").read_text("utf-8")
            )
        except (OSError, ValueError):
            return {"ranked": [], "stems": [], "plain": []}
        return data

    @cached_property
    def _stems(self) -> dict[str, str]:
        stems = dict(zip(self._data["stems"][::2], self._data["stems"][1::2], strict=True))
        stems.update((w, w) for w in self._data["plain"])
        return stems

    @cached_property
    def _rank(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self._data["ranked"])}

    @cached_property
    def _sorted(self) -> list[str]:
        return sorted(self._rank)

    @cached_property
    def _by_deletion(self) -> dict[str, list[str]]:
        table: dict[str, list[str]] = {}
        for word in self._data["ranked"]:
            for key in {word, *_deletions(word)}:
                table.setdefault(key, []).append(word)
        return table

    def stem(self, word: str) -> str:
        """Return the index term of a word: stored for the bank's words, computed otherwise."""
        return self._stems.get(word) or stem(word)

    def is_known(self, word: str) -> bool:
        """Return whether the bank uses `word`."""
        return word in self._rank

    def correct(
        self, word: str, is_last: bool = False, is_term: Callable[[str], bool] = _never
    ) -> Correction:
        """Return the word to search for instead of `word` (itself when it is fine).

        `is_term` says whether the index has a term: a word the bank never uses whose
        stem it does ("descending" in a bank that says "descend") is not a typo.
        """
        if not word.isalpha() or len(word) < MIN_PREFIX_CHARS or self.is_known(word):
            return Correction(word)
        if is_last and (completions := self.completions(word, 3)):
            return Correction(completions[0], tuple(completions[1:]))
        if len(word) < MIN_FUZZY_CHARS:
            return Correction(word)
        near = self._ranked_near({word, *_deletions(word)})
        for candidate in near:  # one edit first: most typos are one
            if one_edit_apart(word, candidate):
                return Correction(candidate)
        if not near or len(word) < LONG_WORD_CHARS or is_term(self.stem(word)):
            return Correction(word)
        # The rest share a one-deletion string with `word`, so each is exactly two edits
        # away (one would have been taken above): the most frequent wins.
        return Correction(near[0])

    def completions(self, prefix: str, limit: int) -> list[str]:
        """Return the most frequent bank words that start with `prefix`."""
        words = self._sorted
        found = []
        for i in range(bisect_left(words, prefix), len(words)):
            if not words[i].startswith(prefix):
                break
            found.append(words[i])
        return sorted(found, key=self._rank.__getitem__)[:limit]

    def _ranked_near(self, keys: set[str]) -> list[str]:
        """Return the bank words filed under any of `keys`, most frequent first."""
        table = self._by_deletion
        return sorted({w for key in keys for w in table.get(key, ())}, key=self._rank.__getitem__)


def _deletions(word: str) -> set[str]:
    """Return the strings one deletion away from `word`."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def one_edit_apart(a: str, b: str) -> bool:
    """Return whether one insertion, deletion, substitution or adjacent swap turns a into b.

    A linear scan, where an edit distance would cost a quadratic loop in Python.
    """
    if len(a) < len(b):
        a, b = b, a
    if len(a) - len(b) > 1 or a == b:
        return False
    i = 0
    while i < len(b) and a[i] == b[i]:
        i += 1
    if len(a) > len(b):
        return a[i + 1 :] == b[i:]
    if a[i + 1 :] == b[i + 1 :]:  # a substitution
        return True
    return a[i + 2 :] == b[i + 2 :] and a[i : i + 2] == b[i + 1 : i + 2] + b[i]  # a swap
