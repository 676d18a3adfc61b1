"""The synonym and abbreviation table: BN ↔ batch normalization ↔ 批归一化, and so on.

Each line of data/synonyms.txt is one concept. At index time every variant found in a
field adds the concept's term (`~bn`) to that field, so a question written in Chinese is
found by the English abbreviation and the other way round; at query time the same
matcher maps the query's variants to the same terms. Variants are matched as sequences
of index terms, so "Batch-Normalisation" matches "batch normalization" after folding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from dl500.search.tokenize import DATA_DIR, normalize

CONCEPT_PREFIX = "~"


class Concept(NamedTuple):
    """One line of the table: its index term and its variants as written (normalised)."""

    term: str
    variants: tuple[str, ...]


def load_concepts(text: str | None = None) -> list[Concept]:
    """Parse the table (the shipped data/synonyms.txt unless `text` is given)."""
    if text is None:
        text = (DATA_DIR / "synonyms.txt").read_text("utf-8")
    concepts = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        variants = tuple(v for v in (normalize(p).strip() for p in line.split("|")) if v)
        if len(variants) >= 2:
            name = "_".join(variants[0].split())
            concepts.append(Concept(CONCEPT_PREFIX + name, variants))
    return concepts


class SynonymMatcher:
    """Find the concepts whose variants occur as term sequences in a stream of terms."""

    def __init__(self, patterns: Iterable[tuple[Sequence[str], str]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for terms, concept in patterns:
            if terms:
                self._by_first.setdefault(terms[0], []).append((tuple(terms), concept))
        for options in self._by_first.values():
            options.sort(key=lambda p: -len(p[0]))

    @classmethod
    def from_concepts(
        cls, concepts: Iterable[Concept], terms_of: Callable[[str], list[str]]
    ) -> SynonymMatcher:
        """Build a matcher, turning each variant into terms with the document tokenizer."""
        return cls((terms_of(v), c.term) for c in concepts for v in c.variants)

    def patterns(self) -> list[tuple[list[str], str]]:
        """Return every (terms, concept) pattern, to store beside the index."""
        return [(list(t), c) for opts in self._by_first.values() for t, c in opts]

    def find(self, terms: Sequence[str]) -> list[tuple[int, int, str]]:
        """Return (start, end, concept) for every variant occurring in `terms`."""
        found = []
        for i, term in enumerate(terms):
            for pattern, concept in self._by_first.get(term, ()):
                end = i + len(pattern)
                if tuple(terms[i:end]) == pattern:
                    found.append((i, end, concept))
        return found
