"""Turn text into index terms, the same way for documents and for queries.

Text is folded first (NFKC, case, a few look-alike symbols), then split into Latin and
Chinese runs. Latin words are spelling-folded (British -ise/-our/-tre to US) and stemmed
with the Snowball English stemmer, so "normalisation" and "normalizing" meet.
Chinese runs are cut by rjieba at index time, with the shipped DL term list as extra
words, plus the dictionary sub-words of long words (jieba's "search mode").

Queries do not use rjieba: loading its dictionary takes about 200 ms, longer than the
whole budget of a cold `dl500 ask`. They are segmented by `segment_query_zh`, a
maximum-probability cut over the vocabulary the index recorded from rjieba's output,
which yields the same words wherever the query uses the bank's own words.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

DATA_DIR = Path(__file__).with_name("data")
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(rf"[{CJK}]+|[a-z0-9]+(?:-[a-z0-9]+)*")
_FOLD = str.maketrans({"×": "x", "−": "-", "–": "-", "‐": "-", "’": "'", "_": " "})
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_BRITISH = (
    (re.compile(r"(?<=\w{3})is(ation|ations|e|es|ed|ing|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=\w{3})our(s|ed|ing)?$"), r"or\1"),
    (re.compile(r"(?<=\w{3})tre(s|d)?$"), r"ter\1"),
)
MAX_WORD_CHARS = 40


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MAX_ZH_WORD = 8

STOP_EN = _words(
    """a an the is are was were be been being am do does did doing done why what how when where
    which who whom whose my our your their his her i we you it its this that these those of
    in on for to from with and or vs versus about can could should would will shall may
    might must there here so some any into by as at if then than me us them they he she
    please explain tell describe give get gets got go goes going keep keeps kept just really
    also very such like s t"""
)
STOP_ZH = _words(
    """的 上 了 吗 呢 吧 啊 呀 嘛 是 在 和 与 跟 及 或 或者 什么 为什么 为何
    怎么 怎么办 怎样 如何 哪些 哪个 哪里 有 有何 一个 我 我们 你 你们 他 它
    会 要 能 能否 可以 这 那 这个 那个 就 都 也 还 而 被 把 让 给 对 从
    到 之 其 请 问 下 一下 老是 总是 为啥 啥 咋 干嘛 时候 东西 是不是 有没有
    到底 究竟 呢 之间 一些 一种 这种 那种 怎么回事 回事 用 为 很 很多 不是
    几个 做 还是 还有 以及 需要 应该 比较 时 时候 得 地 着 过"""
)


def normalize(text: str) -> str:
    """Fold width, case, accents, look-alike symbols and control characters ('ＢＮ' → 'bn')."""
    text = unicodedata.normalize("NFKD", text).translate(_FOLD)
    if not text.isascii():
        text = _COMBINING.sub("", text)
    return _CONTROL.sub(" ", text).casefold()


def _is_cjk_char(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" and not "\u4dc0" <= c <= "\u4dff" or "\uf900" <= c <= "\ufaff"


def cjk_chars(text: Iterable[str]) -> set[str]:
    """Return the set of Chinese characters in `text` (a string or a set of characters)."""
    return {c for c in set(text) if _is_cjk_char(c)}


def has_cjk(text: str) -> bool:
    """Return whether the text contains a Chinese character."""
    # Not a regex: compiling a character class this wide costs ~2 ms of every cold start.
    return not text.isascii() and any(_is_cjk_char(c) for c in text)


def runs(text: str) -> Iterator[str]:
    """Yield the Latin words and Chinese runs of already normalised text, in order."""
    for m in _RUN.finditer(text):
        yield m.group()


def is_cjk_run(run: str) -> bool:
    """Return whether a run from `runs` is Chinese (runs are never mixed)."""
    return bool(run) and _is_cjk_char(run[0])


@lru_cache(maxsize=1)
def _stemmer() -> Callable[[str], str]:
    # Imported on the first word the index does not know (~12 ms): the stems of the
    # bank's own words are stored with the index, see `dl500.search.typos.WordList.stem`.
    from snowballstemmer import stemmer

    stem_word: Callable[[str], str] = stemmer("english").stemWord
    return stem_word


def fold_spelling(word: str) -> str:
    """Map British spellings to US ones so both forms stem alike ('normalise' → 'normalize')."""
    for pattern, repl in _BRITISH:
        word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return the index term of one lowercase English word."""
    if len(word) > MAX_WORD_CHARS:
        word = word[:MAX_WORD_CHARS]
    if not word.isalpha():
        return word
    folded = fold_spelling(word.replace("'", ""))
    stemmed = _stemmer()(folded) if folded else word
    if stemmed == word and _is_acronym_plural(word):
        return word[:-1]
    return stemmed


def _is_acronym_plural(word: str) -> bool:
    """Return whether a word looks like 'rnns' or 'lstms', which Snowball leaves alone."""
    return len(word) >= 4 and word[-1] == "s" and not any(v in word[:-1] for v in "aeiouy")


def word_parts(word: str) -> list[str]:
    """Split a hyphenated word into its parts plus the joined form (k-means → k, means, kmeans)."""
    if "-" not in word:
        return [word]
    parts = [p for p in word.split("-") if p]
    return [*parts, "".join(parts)]


def en_terms(word: str, stem_of: Callable[[str], str] = stem) -> list[str]:
    """Return the index terms of one Latin word (stems of its parts and of the whole)."""
    return [stem_of(p) for p in word_parts(word)]


class ZhCutter:
    """rjieba with the DL term list loaded: cuts document text at index time."""

    def __init__(self, extra_words: list[str]) -> None:
        import rjieba

        self._jieba = rjieba.Jieba()
        self.dictionary_words = [normalize(w) for w in [*load_terms(), *extra_words]]
        for word in self.dictionary_words:
            self._jieba.add_word(word, 20000, None)

    def cut(self, run: str) -> tuple[list[str], list[str]]:
        """Return (words in order, dictionary sub-words of words longer than two characters)."""
        words = self._jieba.cut(run, True)
        extra = []
        for w in words:
            if len(w) > 2:
                extra.extend(_subwords(w, self._jieba.has_word))
        return words, extra


def _subwords(word: str, known: Callable[[str], bool]) -> list[str]:
    """Return the known 2- and 3-character pieces of a long word."""
    found: list[str] = []
    for n in (2, 3):
        if len(word) > n:
            found.extend(
                word[i : i + n] for i in range(len(word) - n + 1) if known(word[i : i + n])
            )
    return found


def load_terms() -> list[str]:
    """Return the shipped DL term list (src/dl500/search/data/terms.txt)."""
    text = (DATA_DIR / "terms.txt").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


UNKNOWN_CHAR_PENALTY = 3.0


class ZhVocab(NamedTuple):
    """What cutting a Chinese query needs, precomputed when the index is built."""

    logp: Mapping[str, int]
    """log(freq / (total + 1)) of every known word, in thousandths (integers: JSON reads
    them twice as fast as floats, and sums of them are exact)."""
    unknown: int
    """The score of a character the bank never uses: seen once, less a penalty."""
    longest: Mapping[str, int]
    """Length of the longest word starting with each two characters (longer pieces are
    never looked up)."""

    @classmethod
    def from_counts(cls, counts: Mapping[str, int]) -> ZhVocab:
        """Build from word frequencies."""
        log_total = math.log(sum(counts.values()) + 1)
        logp = {w: round(1000 * (math.log(f) - log_total)) for w, f in counts.items() if f > 0}
        longest: dict[str, int] = {}
        for word in logp:
            if len(word) > 1 and len(word) > longest.get(word[:2], 0):
                longest[word[:2]] = min(len(word), MAX_ZH_WORD)
        return cls(logp, round(-1000 * (UNKNOWN_CHAR_PENALTY + log_total)), longest)


def segment_query_zh(run: str, vocab: ZhVocab) -> list[str]:
    """Cut a Chinese query run into the most probable sequence of known words.

    Each word scores its log-probability; an unknown single character scores as if seen
    once, less a penalty, so known words are preferred but every character is kept.
    """
    n = len(run)
    best: list[float] = [0.0] + [-math.inf] * n
    back = [0] * (n + 1)
    logp, reach_of = vocab.logp.get, vocab.longest.get
    for start in range(n):
        base = best[start]
        score = base + logp(run[start], vocab.unknown)
        if score > best[start + 1]:
            best[start + 1], back[start + 1] = score, start
        for end in range(start + 2, min(n, start + reach_of(run[start : start + 2], 1)) + 1):
            p = logp(run[start:end])
            if p is not None and base + p > best[end]:
                best[end], back[end] = base + p, start
    words = []
    end = n
    while end > 0:
        words.append(run[back[end] : end])
        end = back[end]
    return words[::-1]


def query_subwords(word: str, vocab: Mapping[str, object]) -> list[str]:
    """Return the known pieces of a long query word, mirroring the index's sub-words."""
    return _subwords(word, vocab.__contains__) if len(word) > 2 else []
