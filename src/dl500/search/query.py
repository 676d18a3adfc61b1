"""Answer a query from the index: parse, expand, score with tantivy, cut snippets.

A query becomes groups of weighted terms. Each content word is a group (its Chinese
sub-words or other completions are weaker members); each synonym concept the query
mentions is a group of its own. A term scores as the boosted BM25 sum over the fields,
and the query as the sum of its terms, so a question that covers more of what was asked
ranks higher. The terms go to tantivy as one query string with per-field boosts: every
term is a quoted token we produced ourselves, so nothing the user typed is ever parsed
as query syntax.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dl500.bank.schema import LANGS, Lang, Localized, QuestionId
from dl500.search.snippet import Highlighter, make_snippet
from dl500.search.synonyms import SynonymMatcher
from dl500.search.tokenize import (
    STOP_EN,
    STOP_ZH,
    cjk_chars,
    en_terms,
    has_cjk,
    is_cjk_run,
    normalize,
    query_subwords,
    runs,
    segment_query_zh,
    stem,
    word_parts,
)
from dl500.search.typos import Correction, WordList

if TYPE_CHECKING:
    from dl500.bank.schema import Bank

MAX_QUERY_CHARS = 200
MAX_TERMS = 24
BOOSTS = {"title": 2.0, "tags": 1.0, "points": 1.0, "answer": 1.0}
COVERAGE_BONUS = 8.0
CONCEPT_WEIGHT = 1.0
SUBWORD_WEIGHT = 0.4
SINGLE_CHAR_WEIGHT = 0.5
COMPLETION_WEIGHT = 0.8


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked result: enough to print or link it without loading the bank."""

    id: QuestionId
    number: str
    title: Localized
    score: float
    snippet: Localized
    """HTML: the text is escaped and matches are wrapped in `<mark>`; '' if not asked for."""


@dataclass(frozen=True, slots=True)
class Group:
    """Alternatives for one thing the user asked about: (term, weight) pairs."""

    alternatives: tuple[tuple[str, float], ...]


@dataclass
class ParsedQuery:
    """The query as index terms, plus what to highlight (worked out only if asked for)."""

    groups: list[Group]
    _make_marker: Callable[[], Highlighter]

    @cached_property
    def marker(self) -> Highlighter:
        return self._make_marker()


class SearchEngine:
    """Search one built index (see `dl500.search.index`)."""

    def __init__(self, directory: Path) -> None:
        import tantivy

        self.directory = directory
        self._index = tantivy.Index.open(str(directory / "main"))
        self._searcher = self._index.searcher()
        meta = json.loads((directory / "meta.json").read_text("utf-8"))
        self._docs: list[list[str]] = meta["docs"]
        self._chars = frozenset(meta["chars"])
        self._matcher = SynonymMatcher((p[0], p[1]) for p in meta["patterns"])
        self._variants: dict[str, list[str]] = meta["variants"]
        self._words = WordList(directory)
        with suppress(OSError):
            os.utime(directory)  # last use, for pruning: see `index._prune`

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
        from dl500.search.index import ensure_index

        directory = ensure_index(content_root, bank, on_build)
        try:
            return cls(directory)
        except (OSError, ValueError, KeyError):  # json.JSONDecodeError is a ValueError
            import shutil

            shutil.rmtree(directory, ignore_errors=True)
            return cls(ensure_index(content_root, bank, on_build))

    @cached_property
    def _zh_vocab(self) -> tuple[dict[str, int], int]:
        # Loaded on the first Chinese query only: English queries never pay for it. If the
        # index was pruned meanwhile (a long-running server), cut into characters instead.
        try:
            data = json.loads((self.directory / "zh_vocab.json").read_text("utf-8"))
        except (OSError, ValueError):
            return {}, 1
        return data["words"], int(data["total"])

    def search(
        self, query: str, limit: int = 10, snippet_langs: tuple[Lang, ...] = LANGS
    ) -> list[Hit]:
        """Return up to `limit` questions answering `query`, best first."""
        parsed = self.parse(query)
        if not parsed.groups or limit < 1:
            return []
        hits = self._searcher.search(self._tantivy_query(parsed.groups), limit, count=False).hits
        addresses = [addr for _, addr in hits]
        ords = self._searcher.fast_field_values("ord", addresses)
        texts = self._texts(addresses, snippet_langs)
        return [
            self._hit(score, int(ord_), text, parsed.marker)
            for (score, _), ord_, text in zip(hits, ords, texts, strict=True)
            if ord_ is not None  # every document has one; tantivy's API allows for none
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
        return ParsedQuery(groups, lambda: self._marker(slots, concepts))

    def _chinese_slots(self, run: str) -> list[tuple[str, Group | None]]:
        vocab, total = self._zh_vocab
        slots: list[tuple[str, Group | None]] = []
        for word in segment_query_zh(run, vocab, total):
            if word in STOP_ZH:
                slots.append((word, None))
                continue
            # One character says little on its own (一, 好, 层) yet can score high.
            weight = SINGLE_CHAR_WEIGHT if len(word) == 1 else 1.0
            subs = query_subwords(word, vocab)
            slots.append((word, Group(((word, weight), *((s, SUBWORD_WEIGHT) for s in subs)))))
        return slots

    def _latin_slots(self, word: str, is_last: bool) -> list[tuple[str, Group | None]]:
        fixed = Correction(word) if word in STOP_EN else self._words.correct(word, is_last)
        terms = en_terms(fixed.word)
        others = tuple(
            (s, COMPLETION_WEIGHT)
            for s in dict.fromkeys(map(stem, fixed.alternatives))
            if s not in terms
        )
        return [
            (term, None if surface in STOP_EN else Group(((term, 1.0), *others)))
            for surface, term in zip(word_parts(fixed.word), terms, strict=True)
        ]

    def _fold_traditional(self, text: str) -> str:
        """Convert traditional characters to simplified when the bank does not use them."""
        if not has_cjk(text) or cjk_chars(text) <= self._chars:
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
                    en.update(en_terms(words[0]))
        zh = {w for w in zh if len(w) > 1 or len(zh) == 1}
        return Highlighter(zh, en, stem)

    def _tantivy_query(self, groups: list[Group]) -> Any:
        """Return BM25 over the boosted fields plus a fixed bonus for each group matched.

        Plain BM25 lets one frequent word outscore a question that matches everything
        asked; the bonus (tantivy's constant-score query) rewards covering the query.
        """
        import tantivy

        fields = list(BOOSTS)
        should = tantivy.Occur.Should
        clauses = [(should, self._index.parse_query(_query_string(groups), fields, BOOSTS))]
        for group in groups:
            matched = self._index.parse_query(_query_string([group]), fields)
            bonus = COVERAGE_BONUS * max(weight for _, weight in group.alternatives)
            clauses.append((should, tantivy.Query.const_score_query(matched, bonus)))
        return tantivy.Query.boolean_query(clauses)

    def _texts(self, addresses: list[Any], langs: tuple[Lang, ...]) -> list[dict[str, str]]:
        """Fetch the stored plain text of each hit, in the languages a snippet is wanted in."""
        if not langs:
            return [{} for _ in addresses]
        docs = (self._searcher.doc(addr) for addr in addresses)
        return [{lang: doc[f"text_{lang}"][0] for lang in langs} for doc in docs]

    def _hit(self, score: float, ord_: int, texts: dict[str, str], marker: Highlighter) -> Hit:
        qid, number, title_zh, title_en = self._docs[ord_]
        snippets = {lang: make_snippet(text, marker, lang) for lang, text in texts.items()}
        return Hit(
            id=QuestionId(qid),
            number=number,
            title=Localized(title_zh, title_en),
            score=score,
            snippet=Localized(snippets.get("zh", ""), snippets.get("en", "")),
        )


def _query_string(groups: list[Group]) -> str:
    """Write the groups as a tantivy query: quoted terms with weights, OR-ed together."""
    return " ".join(f'"{term}"^{weight:g}' for g in groups for term, weight in g.alternatives)
