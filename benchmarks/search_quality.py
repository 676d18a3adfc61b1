"""Search quality on benchmarks/search_queries.yaml: ours against two baselines.

Prints hit@1, hit@3 and MRR@10, overall and by kind of query (zh, en, mixed, abbrev,
typo, trad), for:

- ours: `dl500.search` (index built fresh into a temporary folder);
- BM25: bm25s over the same text (titles, tags, key points, answers, both languages),
  Chinese cut by rjieba, English lowercased with bm25s's English stop words;
- substring: what docsify's search does, every space-separated keyword looked up as a
  case-insensitive substring of the title (2 points) and the body (1 point).

`--semantic` also measures the optional rerank with minivectordb-ooc's multilingual
encoder (if installed): our top 20 reordered by a mix of our score and cosine
similarity. Target for ours: hit@3 ≥ 0.95. Run: `.venv/bin/python benchmarks/search_quality.py`.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "benchmarks" / "search_queries.yaml"
TARGET_HIT3 = 0.95
SEMANTIC_WEIGHTS = (0.5, 1.0, 2.0)
SEMANTIC_TIMINGS: list[float] = []
Ranker = Callable[[str], list[str]]


def load_queries() -> list[dict]:
    """Return the labeled queries."""
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def doc_text(q) -> str:  # noqa: ANN001 - a dl500 Question
    """Everything a baseline may search: both titles, tags, key points and answers."""
    parts = [q.title.zh, q.title.en, " ".join(q.meta.tags), *q.zh.key_points, *q.en.key_points]
    return "\n".join([*parts, q.zh.answer, q.en.answer])


def bm25_ranker(questions: Sequence) -> Ranker:
    """Return a plain BM25 ranker (bm25s) over the questions."""
    import bm25s
    import rjieba
    from bm25s.stopwords import STOPWORDS_EN

    stop, word = set(STOPWORDS_EN), re.compile(r"\w+")

    def tokens(text: str) -> list[str]:
        cut = (w for piece in rjieba.cut(text.lower()) for w in word.findall(piece))
        return [w for w in cut if w not in stop] or ["<none>"]

    retriever = bm25s.BM25()
    retriever.index([tokens(doc_text(q)) for q in questions], show_progress=False)
    ids = [q.id for q in questions]

    def rank(query: str) -> list[str]:
        k = min(10, len(ids))
        docs, _ = retriever.retrieve([tokens(query)], k=k, show_progress=False)
        return [ids[i] for i in docs[0]]

    return rank


def substring_ranker(questions: Sequence) -> Ranker:
    """Return a docsify-style keyword substring matcher."""
    docs = [(q.id, f"{q.title.zh} {q.title.en}".lower(), doc_text(q).lower()) for q in questions]
    split = re.compile(r"[\s\-，,/\\]+")

    def rank(query: str) -> list[str]:
        keywords = [k for k in split.split(query.strip().lower()) if k]
        scored = []
        for order, (qid, title, body) in enumerate(docs):
            score = sum(2 * (k in title) + (k in body) for k in keywords)
            if score:
                scored.append((-score, order, qid))
        return [qid for _, _, qid in sorted(scored)[:10]]

    return rank


def evaluate(rank: Ranker, queries: list[dict]) -> dict[str, tuple[float, float, float, int]]:
    """Return {kind: (hit@1, hit@3, MRR@10, n)}, with 'all' for the whole set."""
    per_kind: dict[str, list[tuple[float, float, float]]] = {}
    for item in queries:
        got = rank(item["q"])[:10]
        wanted = set(item["ids"])
        first = next((i for i, qid in enumerate(got) if qid in wanted), None)
        row = (
            float(first == 0),
            float(first is not None and first < 3),
            1 / (first + 1) if first is not None else 0.0,
        )
        for kind in ("all", item["kind"]):
            per_kind.setdefault(kind, []).append(row)
    return {
        kind: (*(sum(r[i] for r in rows) / len(rows) for i in range(3)), len(rows))  # type: ignore[misc]
        for kind, rows in per_kind.items()
    }


def print_table(results: dict[str, dict[str, tuple[float, float, float, int]]]) -> None:
    """Print one line per (kind, system)."""
    kinds = ["all"] + sorted(k for k in next(iter(results.values())) if k != "all")
    print(f"{'kind':8} {'n':>4}  " + "  ".join(f"{name:>24}" for name in results))
    print(f"{'':8} {'':>4}  " + "  ".join(f"{'hit@1  hit@3  MRR@10':>24}" for _ in results))
    for kind in kinds:
        n = next(iter(results.values()))[kind][3]
        cells = "  ".join(
            f"{r[kind][0]:>8.3f} {r[kind][1]:>6.3f} {r[kind][2]:>7.3f}" for r in results.values()
        )
        print(f"{kind:8} {n:>4}  {cells}")


def semantic_rankers(engine, questions: Sequence) -> dict[str, Ranker]:  # noqa: ANN001
    """Return ours reranked by a multilingual sentence encoder at a few mixing weights.

    Our top 20 are reordered by score / best score + weight × cosine(query, question),
    the question embedded from its titles and English key points. Empty if
    minivectordb-ooc (not a dependency: this only measures whether it would pay off)
    is not installed.
    """
    try:
        from minivectordb import EmbeddingModel
    except ImportError:
        print("semantic: minivectordb-ooc is not installed; skipped")
        return {}
    model = EmbeddingModel()
    texts = [f"{q.title.zh} {q.title.en} {' '.join(q.en.key_points)}" for q in questions]
    vectors = dict(zip([q.id for q in questions], model.encode(texts), strict=True))
    cache: dict[str, tuple] = {}
    SEMANTIC_TIMINGS.clear()

    def embedded(query: str) -> tuple:
        if query not in cache:
            started = time.perf_counter()
            hits = engine.search(query, 20, snippet_langs=())
            vector = model.encode(query) if hits else None
            SEMANTIC_TIMINGS.append(time.perf_counter() - started)
            cache[query] = (hits, vector)
        return cache[query]

    def ranker(weight: float) -> Ranker:
        def rank(query: str) -> list[str]:
            hits, qv = embedded(query)
            if not hits:
                return []
            top = max(h.score for h in hits)
            scored = [(h.score / top + weight * float(qv @ vectors[h.id]), h.id) for h in hits]
            return [qid for _, qid in sorted(scored, reverse=True)]

        return rank

    return {f"ours + semantic ×{w:g}": ranker(w) for w in SEMANTIC_WEIGHTS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semantic", action="store_true", help="also measure the rerank")
    parser.add_argument("--misses", action="store_true", help="list the queries ours misses")
    args = parser.parse_args(argv)
    from dl500.bank.loader import read_bank

    bank, _ = read_bank(ROOT / "content")
    questions = list(bank.ordered())
    queries = load_queries()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DL500_INDEX_DIR"] = tmp
        from dl500.search.query import SearchEngine

        engine = SearchEngine.for_content(ROOT / "content", bank)

        def ours(query: str) -> list[str]:
            return [h.id for h in engine.search(query, 10, snippet_langs=())]

        systems = {"ours": ours, "BM25 (bm25s)": bm25_ranker(questions)}
        systems["substring (docsify)"] = substring_ranker(questions)
        if args.semantic:
            systems.update(semantic_rankers(engine, questions))
        results = {name: evaluate(rank, queries) for name, rank in systems.items()}
        print(f"{len(queries)} queries over {len(questions)} questions\n")
        print_table(results)
        if args.misses:
            print_misses(ours, queries)
        if SEMANTIC_TIMINGS:
            t = sorted(SEMANTIC_TIMINGS)
            print(
                f"\nsemantic rerank: p50 {t[len(t) // 2] * 1e3:.1f} ms per query (ours + encoder)"
            )
    ours_hit3, bm25_hit3 = results["ours"]["all"][1], results["BM25 (bm25s)"]["all"][1]
    print(
        f"\nhit@3: ours {ours_hit3:.3f} (target ≥ {TARGET_HIT3}), "
        f"{ours_hit3 / max(bm25_hit3, 1e-9):.2f}× BM25"
    )
    return 0  # a report, like the other benchmarks: the verdict is printed above


def print_misses(rank: Ranker, queries: list[dict]) -> None:
    """List queries whose answer is not in our top 3."""
    print("\nmisses (not in top 3):")
    for item in queries:
        got = rank(item["q"])
        if not set(item["ids"]) & set(got[:3]):
            print(f"  [{item['kind']}] {item['q']!r} → {got[:3]} want {item['ids']}")


if __name__ == "__main__":
    sys.exit(main())
