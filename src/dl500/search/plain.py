"""A plain, dependency-free search used until the ranked index exists.

It folds case and width, splits Latin words and keeps Chinese runs whole, then scores a
question by which fields contain each term (title > tags > key points > answer), in both
languages. Good enough to find a question by its words; not a ranking engine.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from dl500.bank.schema import Bank, Question

MAX_QUERY_CHARS = 200
_TERM = re.compile(r"[a-z0-9][a-z0-9+#.\-]*|[\u3400-\u9fff]+")
_WEIGHTS = (("title", 8.0), ("tags", 4.0), ("points", 2.0), ("answer", 1.0))


@dataclass(frozen=True, slots=True)
class Hit:
    question: Question
    score: float


def normalize(text: str) -> str:
    """Fold full-width forms and case, so 'ＢＮ' and 'bn' match."""
    return unicodedata.normalize("NFKC", text).casefold()


def terms(query: str) -> list[str]:
    """Split a query into search terms (at most 20; overlong input is cut)."""
    return _TERM.findall(normalize(query[:MAX_QUERY_CHARS]))[:20]


def _fields(q: Question) -> dict[str, str]:
    return {
        "title": normalize(f"{q.title.zh} {q.title.en}"),
        "tags": normalize(" ".join(q.meta.tags)),
        "points": normalize(" ".join(q.zh.key_points + q.en.key_points)),
        "answer": normalize(f"{q.zh.answer} {q.en.answer}"),
    }


class PlainSearch:
    """Substring search over every question, with per-field weights."""

    def __init__(self, bank: Bank) -> None:
        self._docs = [(q, _fields(q)) for q in bank.ordered()]

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """Return up to `limit` questions containing the query's terms, best first."""
        wanted = terms(query)
        if not wanted:
            return []
        hits = []
        for q, fields in self._docs:
            score = 0.0
            for term in wanted:
                found = [w for name, w in _WEIGHTS if term in fields[name]]
                score += max(found, default=0.0)
            if score:
                hits.append(Hit(q, score))
        hits.sort(key=lambda h: -h.score)
        return hits[:limit]
