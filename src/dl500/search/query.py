"""Answer a query from the index: parse, expand, score, cut snippets.

A query becomes groups of weighted terms. Each content word is a group (its Chinese
sub-words or other completions are weaker members); each synonym concept the query
mentions is a group of its own. A term scores as the boosted BM25 sum over the fields
(precomputed, see `dl500.search.lanes`), the query as the sum of its terms plus a fixed
bonus for each group a question matches, so a question that covers more of what was
asked ranks higher. Nothing the user typed is ever interpreted as query syntax: the
terms are looked up, never parsed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from contextlib import suppress
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from dl500.bank.lang import LANGS, Lang, in_lang
from dl500.search.cache import TEXTS
from dl500.search.lanes import MAX_PAIRS, SCALE, WEIGHT_SCALE, Postings, open_for_life, read_at
from dl500.search.snippet import Highlighter, make_snippet
from dl500.search.synonyms import SynonymMatcher
from dl500.search.tokenize import (
    STOP_EN,
    STOP_ZH,
    ZhVocab,
    cjk_chars,
    en_terms,
    has_cjk,
    is_cjk_run,
    normalize,
    query_subwords,
    runs,
    segment_query_zh,
    word_parts,
)
from dl500.search.typos import WordList

if TYPE_CHECKING:
    from dl500.bank.schema import Bank, QuestionId

MAX_QUERY_CHARS = 200
MAX_TERMS = 24
COVERAGE_BONUS = 8.0
CONCEPT_WEIGHT = 1.0
SUBWORD_WEIGHT = 0.4
SINGLE_CHAR_WEIGHT = 0.5
COMPLETION_WEIGHT = 0.8


# The value types here are NamedTuples, not the frozen dataclasses used elsewhere:
# importing `dataclasses` (and the `inspect` it pulls in) costs ~9 ms, a sixth of what a
# cold `dl500 ask` may take in all. For the same reason only `dl500.bank.lang` is used here.


class Bilingual(NamedTuple):
    """A text per language; reads like `dl500.bank.schema.Localized`."""

    zh: str
    en: str

    def get(self, lang: Lang) -> str:
        """Return the text in `lang`, falling back to the other language when empty."""
        return in_lang(self.zh, self.en, lang)


NO_SNIPPET = Bilingual("", "")


class Hit(NamedTuple):
    """One ranked result: enough to print or link it without loading the bank."""

    id: QuestionId
    number: str
    title: Bilingual
    score: float
    snippet: Bilingual
    """HTML: the text is escaped and matches are wrapped in `<mark>`; '' if not asked for."""


class Group(NamedTuple):
    """Alternatives for one thing the user asked about: (term, weight) pairs."""

    alternatives: tuple[tuple[str, float], ...]


class ParsedQuery:
    """The query as index terms, plus what to highlight (worked out only if asked for)."""

    def __init__(self, groups: list[Group], make_marker: Callable[[], Highlighter]) -> None:
        self.groups = groups
        self._make_marker = make_marker

    @cached_property
    def marker(self) -> Highlighter:
        return self._make_marker()


class SearchEngine:
    """Search one built index (see `dl500.search.index`)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        meta = json.loads((directory / "meta.json").read_text("utf-8"))
        self._docs: list[list[Any]] = meta["docs"]  # id, number, titles, text offsets
        self._postings = Postings(directory, len(self._docs))
        self._titles = [Bilingual(doc[2], doc[3]) for doc in self._docs]
        self._texts = open_for_life(self, directory / TEXTS)
        self._chars = frozenset(meta["chars"])
        self._matcher = SynonymMatcher((p[0], p[1]) for p in meta["patterns"])
        self._variants: dict[str, list[str]] = meta["variants"]
        self._words = WordList(directory)
        with suppress(OSError):
            os.utime(directory)  # last use, for pruning: see `cache._prune`

    @classmethod
    def for_content(
        cls,
        content_root: Path,
        bank: Bank | None = None,
        on_build: Callable[[int], None] | None = None,
    ) -> SearchEngine:
        """Open the index of `content_root`, building it first if the content changed.

        An index that cannot be opened (a disk error, a killed build from an older
        version) is deleted and built again rather than failing every search.
        """
        from dl500.search.cache import ensure_index

        directory = ensure_index(content_root, bank, on_build)
        try:
            return cls(directory)
        except (OSError, ValueError, KeyError, IndexError, TypeError):  # a malformed index
            import shutil

            shutil.rmtree(directory, ignore_errors=True)
            return cls(ensure_index(content_root, bank, on_build))

    @cached_property
    def _zh_vocab(self) -> ZhVocab:
        # Loaded on the first Chinese query only: English queries never pay for it. If the
        # index was pruned meanwhile (a long-running server), cut into characters instead.
        try:
            data = json.loads((self.directory / "zh_vocab.json").read_text("utf-8"))
            return ZhVocab(data["logp"], int(data["unknown"]), data["longest"])
        except (OSError, ValueError, KeyError, TypeError):
            return ZhVocab({}, -1, {})

    def search(
        self, query: str, limit: int = 10, snippet_langs: tuple[Lang, ...] = LANGS
    ) -> list[Hit]:
        """Return up to `limit` questions answering `query`, best first."""
        parsed = self.parse(query)
        if not parsed.groups or limit < 1:
            return []
        ranked = self._postings.top(self._score(parsed.groups), limit)
        marker = parsed.marker if snippet_langs else None
        return [
            self._hit(ord_, value / (SCALE * WEIGHT_SCALE), snippet_langs, marker)
            for ord_, value in ranked
        ]

    def parse(self, query: str) -> ParsedQuery:
        """Turn raw user input into weighted groups of index terms (never raises)."""
        text = self._fold_traditional(normalize(query[:MAX_QUERY_CHARS]))
        is_typing = bool(query) and not query[-1].isspace()
        slots: list[tuple[str, Group | None]] = []  # every term; stop words have no group
        pieces = list(runs(text))
        for n, run in enumerate(pieces):
            if is_cjk_run(run):
                slots += self._chinese_slots(run)
            else:
                slots += self._latin_slots(run, is_last=n == len(pieces) - 1 and is_typing)
        slots = slots[: MAX_TERMS * 2]
        terms = [term for term, _ in slots]
        matches = self._matcher.find(terms)
        covered = {i for start, end, _ in matches for i in range(start, end)}
        # A concept's term is in every question that has any of its variants, so it
        # replaces the words it covers instead of counting them twice.
        groups = [g for i, (_, g) in enumerate(slots) if g is not None and i not in covered]
        concepts = sorted({c for _, _, c in matches})
        groups = groups[:MAX_TERMS] + [Group(((c, CONCEPT_WEIGHT),)) for c in concepts]
        if not groups:  # only stop words: search for them after all
            groups = [Group(((t, 1.0),)) for t in terms[:MAX_TERMS]]
        groups = _cap_pairs(groups)
        return ParsedQuery(groups, lambda: self._marker(slots, concepts))

    def _chinese_slots(self, run: str) -> list[tuple[str, Group | None]]:
        vocab = self._zh_vocab
        slots: list[tuple[str, Group | None]] = []
        for word in segment_query_zh(run, vocab):
            if word in STOP_ZH:
                slots.append((word, None))
                continue
            # One character says little on its own (一, 好, 层) yet can score high.
            weight = SINGLE_CHAR_WEIGHT if len(word) == 1 else 1.0
            subs = query_subwords(word, vocab.logp)
            slots.append((word, Group(((word, weight), *((s, SUBWORD_WEIGHT) for s in subs)))))
        return slots

    def _latin_slots(self, word: str, is_last: bool) -> list[tuple[str, Group | None]]:
        if word in STOP_EN:  # kept as a term for synonyms ("state of the art"), not a group
            return [(self._words.stem(word), None)]
        fixed = self._words.correct(word, is_last, self._postings.__contains__)
        terms = en_terms(fixed.word, self._words.stem)
        others = tuple(
            (s, COMPLETION_WEIGHT)
            for s in dict.fromkeys(map(self._words.stem, fixed.alternatives))
            if s not in terms
        )
        return [
            (term, None if surface in STOP_EN else Group(((term, 1.0), *others)))
            for surface, term in zip(word_parts(fixed.word), terms, strict=True)
        ]

    def _fold_traditional(self, text: str) -> str:
        """Convert traditional characters to simplified when the bank does not use them."""
        if text.isascii() or not cjk_chars(set(text) - self._chars):
            return text
        from dl500.search.traditional import to_simplified

        return to_simplified(text)

    def _marker(self, slots: list[tuple[str, Group | None]], concepts: list[str]) -> Highlighter:
        """Return what to mark: the query's words and its concepts' other spellings."""
        alternatives = [t for _, g in slots if g for t, _ in g.alternatives]
        zh = {t for t in alternatives if has_cjk(t)}
        en = {t for t in alternatives if not has_cjk(t)}
        for concept in concepts:
            for variant in self._variants.get(concept, ()):
                words = list(runs(variant))
                if has_cjk(variant):
                    zh.update(r for r in words if is_cjk_run(r))
                elif len(words) == 1:  # words of a phrase alone would mark too much
                    en.update(en_terms(words[0], self._words.stem))
        zh = {w for w in zh if len(w) > 1 or len(zh) == 1}
        return Highlighter(zh, en, self._words.stem)

    def _score(self, groups: list[Group]) -> int:
        """Return every question's score, packed in lanes (see `dl500.search.lanes`).

        A group adds its terms' weighted scores, plus a fixed bonus in each question that
        has any of them: plain BM25 lets one frequent word outscore a question that
        matches everything asked.
        """
        entry, weighted = self._postings.entry, self._postings.weighted
        total = 0
        for group in groups:
            top_weight = max(weight for _, weight in group.alternatives)
            bonus = round(COVERAGE_BONUS * top_weight * WEIGHT_SCALE * SCALE)
            if len(group.alternatives) == 1:
                total += weighted(group.alternatives[0][0], round(top_weight * WEIGHT_SCALE), bonus)
                continue
            summed = present = 0
            for term, weight in group.alternatives:
                lanes, occurs = entry(term)
                if lanes:
                    summed += lanes * round(weight * WEIGHT_SCALE)
                    present |= occurs
            total += summed + present * bonus
        return total

    def _hit(
        self, ord_: int, score: float, langs: tuple[Lang, ...], marker: Highlighter | None
    ) -> Hit:
        qid, number, _, _, start, zh_size, en_size = self._docs[ord_]
        snippet = NO_SNIPPET
        if marker is not None:
            raw = read_at(self._texts, zh_size + en_size, start)
            texts = {"zh": raw[:zh_size], "en": raw[zh_size:]}
            cut = {lang: make_snippet(texts[lang].decode("utf-8"), marker, lang) for lang in langs}
            snippet = Bilingual(cut.get("zh", ""), cut.get("en", ""))
        return Hit(qid, number, self._titles[ord_], score, snippet)


def _cap_pairs(groups: list[Group]) -> list[Group]:
    """Keep at most `MAX_PAIRS` weighted terms in all, so no lane can overflow."""
    if sum(len(g.alternatives) for g in groups) <= MAX_PAIRS:
        return groups
    kept, room = [], MAX_PAIRS
    for group in groups:
        if room <= 0:
            break
        kept.append(Group(group.alternatives[:room]))
        room -= len(kept[-1].alternatives)
    return kept
