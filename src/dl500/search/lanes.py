"""Scoring a query as arithmetic on big integers, one 32-bit lane per question.

Each index term has a precomputed score per question (BM25 summed over the boosted
fields), quantised to an integer. A term's scores for all N questions are packed into
one Python int, question i in bits 32·i to 32·i+31. Adding two such ints adds every
question's score at once, and multiplying by a small integer weights them all, in C,
with no Python loop per question: for a bank of a few hundred questions a whole query
costs a few microseconds of arithmetic where a loop over posting lists costs a hundred.

This works because no lane can overflow into its neighbour: a term scores below 2^16,
weights are at most 10 (tenths), and a query has at most `MAX_PAIRS` weighted terms, so
a lane stays below 2^27 (a test checks the largest query `_cap_pairs` lets through).

On disk (`postings.bin`) a term is stored sparse (question numbers and scores) when few
questions use it and as zlib-compressed lanes when many do. The term table is a sorted
word list (`terms.txt`), searched by bisection, beside an array of record offsets
(`terms.idx`): it loads in a fraction of a millisecond, where the same table as JSON
took several on every cold `dl500 ask`. Decoded terms stay in memory up to `CACHE_BYTES`.
"""

from __future__ import annotations

import heapq
import math
import os
import re
import sys
import threading
import weakref
import zlib
from array import array
from bisect import bisect_left
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
SAMPLE_FROM = 4096
"""Above this many questions the best are found from a sample's floor (`Postings.top`)."""
SAMPLE_SIZE = 2048
_ONE = re.compile(b"\x01")
_SEEK_LOCK = threading.Lock()
POSTINGS, TERMS, TERM_INDEX = "postings.bin", "terms.txt", "terms.idx"


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
    """Write `postings.bin` and the term table (`terms.txt`, `terms.idx`) for `n` questions."""
    terms = sorted(t for t in scores if "\n" not in t)  # never happens: one term a line
    offsets = array("Q", [0])
    kinds = array("B")
    with open(directory / POSTINGS, "wb") as out:
        for term in terms:
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
            out.write(blob)
            offsets.append(out.tell())
            kinds.append(kind)
    (directory / TERMS).write_text("\n".join(terms), "utf-8")
    (directory / TERM_INDEX).write_bytes(_little(offsets).tobytes() + kinds.tobytes())


def _little(values: array) -> array:
    if sys.byteorder == "big":
        values = array(values.typecode, values)
        values.byteswap()
    return values


class Postings:
    """Read-only access to the packed term scores of one index."""

    def __init__(self, directory: Path, n: int) -> None:
        self.n = n
        text = (directory / TERMS).read_text("utf-8")
        self._terms = text.split("\n") if text else []
        index = (directory / TERM_INDEX).read_bytes()
        self._offsets = _unpack(index[: 8 * (len(self._terms) + 1)], "Q")
        self._kinds = index[8 * (len(self._terms) + 1) :]
        if len(self._offsets) != len(self._terms) + 1 or len(self._kinds) != len(self._terms):
            raise ValueError(f"{directory}: the term table does not match its index")
        self._fd = open_for_life(self, directory / POSTINGS)
        self._cache: dict[str, tuple[int, int]] = {}
        self._weighted: dict[tuple[str, int, int], int] = {}
        self._cached_bytes = 0
        self.ones = int.from_bytes(b"\x01\x00\x00\x00" * n, "little")
        """1 in every lane."""
        self._below_top = self.ones * 0x7FFFFFFF
        self._numbered = _little(array("Q", (NUMBER_MASK - i for i in range(n)))).tobytes()

    def __contains__(self, term: str) -> bool:
        return self._find(term) is not None

    def _find(self, term: str) -> int | None:
        at = bisect_left(self._terms, term)
        return at if at < len(self._terms) and self._terms[at] == term else None

    def entry(self, term: str) -> tuple[int, int]:
        """Return the term's scores packed into lanes, and 1 in the lanes where it occurs.

        (0, 0) for a term no question uses.
        """
        cached = self._cache.get(term)
        if cached is not None:
            return cached
        at = self._find(term)
        if at is None:
            return (0, 0)
        try:
            value = self._decode(at)
        except (OSError, ValueError, IndexError, zlib.error):
            # A damaged cache file: this term scores nothing rather than failing a search
            # (the index is rebuilt on the next content change, or by deleting it).
            return (0, 0)
        found = (value, self.present(value))
        self._remember(term, found)
        return found

    def _decode(self, at: int) -> int:
        offset, size = self._offsets[at], self._offsets[at + 1] - self._offsets[at]
        blob = read_at(self._fd, size, offset)
        if self._kinds[at]:
            raw = zlib.decompress(blob)
            if len(raw) != 4 * self.n:
                raise ValueError("a packed term of the wrong length")
            return int.from_bytes(raw, "little")
        count = size // 8
        ids, values = _unpack(blob[: 4 * count]), _unpack(blob[4 * count :])
        lanes = array("I", bytes(4 * self.n))
        for i, s in zip(ids, values, strict=True):
            lanes[i] = s
        return int.from_bytes(_little(lanes).tobytes(), "little")

    def weighted(self, term: str, weight: int, bonus: int) -> int:
        """Return the term's lanes times `weight`, plus `bonus` where it occurs.

        This is all a one-term group adds (most groups are); remembered like `entry`.
        """
        key = (term, weight, bonus)
        cached = self._weighted.get(key)
        if cached is None:
            lanes, occurs = self.entry(term)
            cached = lanes * weight + occurs * bonus
            self._weighted[key] = cached
            self._count_bytes()
        return cached

    def forget(self) -> None:
        """Drop the decoded terms (benchmarks time queries with and without them)."""
        self._cache.clear()
        self._weighted.clear()
        self._cached_bytes = 0

    def _count_bytes(self, ints: int = 1) -> None:
        """Account for `ints` more packed ints kept; past the budget, start afresh."""
        self._cached_bytes += ints * (4 * self.n + 64)
        if self._cached_bytes > CACHE_BYTES:
            self.forget()  # simple and rare: the working set of queries is small

    def _remember(self, term: str, found: tuple[int, int]) -> None:
        self._cache[term] = found
        self._count_bytes(ints=2)

    def present(self, lanes: int) -> int:
        """Return 1 in every lane that is non-zero, 0 elsewhere (lanes must be < 2^31)."""
        return ((lanes + self._below_top) >> (LANE_BITS - 1)) & self.ones  # see `at_least`

    def at_least(self, lanes: int, floor: int) -> int:
        """Return 1 in every lane holding at least `floor` (≥ 1), 0 elsewhere.

        Adding 2^31 − floor to a lane below 2^31 sets its top bit exactly when the lane is
        at least `floor`, without carrying into the next lane.
        """
        return ((lanes + self.ones * ((1 << 31) - floor)) >> (LANE_BITS - 1)) & self.ones

    def top(self, lanes: int, k: int) -> list[tuple[int, int]]:
        """Return up to `k` (question, lane value) pairs with the highest non-zero values.

        Ties go to the lower question number (the bank's reading order).
        """
        if self.n > SAMPLE_FROM and k * 8 < self.n:
            return self._top_by_floor(lanes, k)
        return self._top_by_records(lanes, k)

    def _top_by_records(self, lanes: int, k: int) -> list[tuple[int, int]]:
        """Copy each lane beside its inverted question number into a 64-bit record (strided
        byte copies, in C), so the k largest records carry their question along."""
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

    def _top_by_floor(self, lanes: int, k: int) -> list[tuple[int, int]]:
        """For large banks: the k-th best of an evenly spaced sample is a floor no answer is
        below, and the lanes at or above it are found by arithmetic and a byte search."""
        values = _unpack(lanes.to_bytes(4 * self.n, "little"))
        sample = heapq.nlargest(k, values[:: self.n // SAMPLE_SIZE])
        floor = max(1, sample[-1]) if len(sample) == k else 1
        marks = self.at_least(lanes, floor).to_bytes(4 * self.n, "little")
        found = [(values[m.start() >> 2], m.start() >> 2) for m in _ONE.finditer(marks)]
        found.sort(key=lambda pair: (-pair[0], pair[1]))
        return [(i, v) for v, i in found[:k]]


def read_at(fd: int, size: int, offset: int) -> bytes:
    """Read `size` bytes at `offset` without moving a shared file position where possible."""
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    with _SEEK_LOCK:  # Windows has no pread: seek and read as one step
        os.lseek(fd, offset, os.SEEK_SET)
        return os.read(fd, size)


def open_for_life(owner: object, path: Path) -> int:
    """Open `path` for reading as long as `owner` lives; return the file descriptor.

    Held open rather than reopened per read, so an index that another process prunes
    stays readable to the engines already using it.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    weakref.finalize(owner, os.close, fd)
    return fd


def _unpack(blob: bytes, code: str = "I") -> array:
    values = array(code)
    values.frombytes(blob)
    return _little(values) if sys.byteorder == "big" else values
