"""Scoring a query as arithmetic on big integers, one 32-bit lane per question.

Each index term has a precomputed score per question (BM25 summed over the boosted
fields), quantised to an integer. A term's scores for all N questions are packed into
one Python int, question i in bits 32·i to 32·i+31. Adding two such ints adds every
question's score at once, and multiplying by a small integer weights them all, in C,
with no Python loop per question: for a bank of a few hundred questions a whole query
costs a few microseconds of arithmetic where a loop over posting lists costs a hundred.

This works because no lane can overflow into its neighbour: a term scores below 2^16,
weights are at most 10 (tenths), and a query has at most `MAX_PAIRS` weighted terms, so
a lane stays below 2^27 (see `lane_bound`, checked when a query is scored).

On disk (`postings.bin`) a term is stored sparse (question numbers and scores) when few
questions use it and as zlib-compressed lanes when many do; `terms.json` maps each term
to its record. Decoded terms are kept in memory up to `CACHE_BYTES`.
"""

from __future__ import annotations

import heapq
import json
import math
import os
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

LANE_BITS = 32
SCALE = 1024
"""Quantisation: a stored score of 1 is 1/1024 of a BM25 point."""
MAX_TERM_SCORE = (1 << 16) - 1
WEIGHT_SCALE = 10
"""Term weights are applied in tenths (0.4 → 4), so they stay integers."""
MAX_PAIRS = 96
K1, B = 1.2, 0.75
DENSE_SHARE = 1 / 32
"""A term used by at least this share of the questions is stored as packed lanes."""
CACHE_BYTES = 64 << 20
NUMBER_MASK = 0xFFFFFFFF
POSTINGS, TERMS = "postings.bin", "terms.json"


def field_scores(
    fields: Sequence[Mapping[str, Counter[str]]], boosts: Mapping[str, float]
) -> dict[str, dict[int, float]]:
    """Return term → {question: score}: BM25 (k1 1.2, b 0.75) per field, boost-weighted, summed.

    `fields[i][name]` counts the terms of field `name` of question i.
    """
    n = len(fields)
    scores: dict[str, dict[int, float]] = {}
    for name, boost in boosts.items():
        lengths = [sum(doc[name].values()) for doc in fields]
        average = sum(lengths) / n if n and sum(lengths) else 1.0
        df = Counter(term for doc in fields for term in doc[name])
        idf = {t: math.log(1 + (n - m + 0.5) / (m + 0.5)) for t, m in df.items()}
        for i, doc in enumerate(fields):
            norm = K1 * (1 - B + B * lengths[i] / average)
            for term, tf in doc[name].items():
                row = scores.setdefault(term, {})
                row[i] = row.get(i, 0.0) + boost * idf[term] * tf * (K1 + 1) / (tf + norm)
    return scores


def quantise(score: float) -> int:
    """Return a stored score: at least 1, so a term's presence always shows in its lane."""
    return min(MAX_TERM_SCORE, max(1, round(score * SCALE)))


def write_postings(directory: Path, scores: Mapping[str, Mapping[int, float]], n: int) -> None:
    """Write `postings.bin` and `terms.json` for a bank of `n` questions."""
    table: dict[str, list[int]] = {}
    with open(directory / POSTINGS, "wb") as out:
        for term in sorted(scores):
            row = scores[term]
            if len(row) >= max(2, n * DENSE_SHARE):
                lanes = array("I", bytes(4 * n))
                for i, s in row.items():
                    lanes[i] = quantise(s)
                blob, kind = zlib.compress(_little(lanes).tobytes(), 1), 1
            else:
                ids = array("I", sorted(row))
                values = array("I", (quantise(row[i]) for i in ids))
                blob, kind = _little(ids).tobytes() + _little(values).tobytes(), 0
            table[term] = [out.tell(), len(blob), kind]
            out.write(blob)
    (directory / TERMS).write_text(json.dumps(table, ensure_ascii=False), "utf-8")


def _little(values: array) -> array:
    if sys.byteorder == "big":
        values = array(values.typecode, values)
        values.byteswap()
    return values


class Postings:
    """Read-only access to the packed term scores of one index.

    The file is opened once: an index pruned by another process stays readable.
    """

    def __init__(self, directory: Path, n: int) -> None:
        self.n = n
        self._table: dict[str, list[int]] = json.loads((directory / TERMS).read_text("utf-8"))
        self._file = open(directory / POSTINGS, "rb")  # noqa: SIM115 - lives with the engine
        self._cache: dict[str, tuple[int, int]] = {}
        self._cached_bytes = 0
        self.ones = int.from_bytes(b"\x01\x00\x00\x00" * n, "little")
        """1 in every lane."""
        self._numbered = _little(array("Q", (NUMBER_MASK - i for i in range(n)))).tobytes()

    def __contains__(self, term: str) -> bool:
        return term in self._table

    def entry(self, term: str) -> tuple[int, int]:
        """Return the term's scores packed into lanes, and 1 in the lanes where it occurs.

        (0, 0) for a term no question uses.
        """
        cached = self._cache.get(term)
        if cached is not None:
            return cached
        record = self._table.get(term)
        if record is None:
            return (0, 0)
        offset, size, kind = record
        blob = os.pread(self._file.fileno(), size, offset)
        if kind:
            value = int.from_bytes(zlib.decompress(blob), "little")
        else:
            count = size // 8
            ids, values = _unpack(blob[: 4 * count]), _unpack(blob[4 * count :])
            lanes = array("I", bytes(4 * self.n))
            for i, s in zip(ids, values, strict=True):
                lanes[i] = s
            value = int.from_bytes(_little(lanes).tobytes(), "little")
        found = (value, self.present(value))
        self._remember(term, found)
        return found

    def _remember(self, term: str, found: tuple[int, int]) -> None:
        size = 8 * self.n + 128
        if self._cached_bytes + size > CACHE_BYTES:
            self._cache.clear()  # simple and rare: the working set of queries is small
            self._cached_bytes = 0
        self._cache[term] = found
        self._cached_bytes += size

    def present(self, lanes: int) -> int:
        """Return 1 in every lane that is non-zero, 0 elsewhere (lanes must be < 2^31).

        Adding 2^31 − 1 to a lane sets its top bit exactly when the lane is at least 1,
        without carrying into the next lane.
        """
        return ((lanes + self.ones * 0x7FFFFFFF) >> (LANE_BITS - 1)) & self.ones

    def top(self, lanes: int, k: int) -> list[tuple[int, int]]:
        """Return up to `k` (question, lane value) pairs with the highest non-zero values.

        Ties go to the lower question number (the bank's reading order). Each lane is
        copied beside its inverted question number into a 64-bit record (strided byte
        copies, in C), so the k largest records carry their question along.
        """
        raw = lanes.to_bytes(4 * self.n, "little")
        records = bytearray(self._numbered)
        for byte in range(4):
            records[4 + byte :: 8] = raw[byte::4]
        found = []
        for record in heapq.nlargest(k, _unpack(bytes(records), "Q")):
            if record >> 32 == 0:
                break
            found.append((NUMBER_MASK - (record & NUMBER_MASK), record >> 32))
        return found

    def close(self) -> None:
        self._file.close()


def _unpack(blob: bytes, code: str = "I") -> array:
    values = array(code)
    values.frombytes(blob)
    return _little(values) if sys.byteorder == "big" else values


def lane_bound(weights: Sequence[int], bonuses: Sequence[int]) -> int:
    """Return the largest value a lane can reach for these term weights and group bonuses."""
    return sum(weights) * MAX_TERM_SCORE + sum(bonuses)
