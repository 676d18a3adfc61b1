"""Build the on-disk search index of a bank, keyed by a hash of the content files.

Layout of one index (a folder named by the key, under `index_home()`):

- `postings.bin`, `terms.txt`, `terms.idx`  every index term's score in every question, packed
            for `dl500.search.lanes`: BM25 per field over terms we tokenised ourselves,
            with the field boosts applied at build time.
- `texts.bin`  each question's plain text per language, for snippets.
- `meta.json`  id, number and titles of every question, where its texts are, the
            synonym patterns and the bank's Chinese characters: with it `dl500 ask` never
            parses the Markdown bank while the index is fresh.
- `zh_vocab.json`  the Chinese vocabulary rjieba produced, for cutting queries alike.
- `words.json`  the bank's English words, most frequent first, with their stems: typo
            correction and completion choose among them, and a query word the bank uses
            needs no stemmer.

A build writes into a temporary folder and renames it into place, so concurrent
processes never see half an index.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dl500.search.cache import INDEX_VERSION, TEXTS
from dl500.search.lanes import field_scores, write_postings
from dl500.search.snippet import plain_text
from dl500.search.synonyms import SynonymMatcher, load_concepts
from dl500.search.tokenize import (
    STOP_EN,
    ZhCutter,
    ZhVocab,
    cjk_chars,
    en_terms,
    is_cjk_run,
    normalize,
    runs,
    stem,
    word_parts,
)

if TYPE_CHECKING:
    from dl500.bank.schema import Bank, Question

BOOSTS = {"title": 2.0, "tags": 1.0, "points": 1.0, "answer": 1.0}
"""Field weights, applied when the scores are computed (a title word counts double)."""
DICTIONARY_SHARE = 3e-4


@dataclass
class DocTokenizer:
    """Tokenise document fields, counting the vocabulary the query side will need."""

    cutter: ZhCutter
    matcher: SynonymMatcher | None = None
    zh_vocab: Counter[str] = field(default_factory=Counter)
    en_words: Counter[str] = field(default_factory=Counter)
    latin: set[str] = field(default_factory=set)
    """Every Latin word seen, whole and by hyphenated parts: their stems are stored."""
    _seen: set[str] = field(default_factory=set)

    def primary(self, text: str) -> tuple[list[str], list[str]]:
        """Return (terms in order, extra Chinese sub-words) of one text."""
        terms: list[str] = []
        extra: list[str] = []
        for run in runs(normalize(text)):
            if is_cjk_run(run):
                words, subs = self.cutter.cut(run)
                terms += words
                extra += subs
                self._seen.update(words, subs)
            else:
                terms += en_terms(run)
                self.latin.update(word_parts(run))
                self._seen.update(f"\x01{p}" for p in run.split("-"))
        return terms, extra

    def terms(self, text: str) -> list[str]:
        """Return a field's index terms, synonyms' concepts appended."""
        terms, extra = self.primary(text)
        concepts = [c for _, _, c in self.matcher.find(terms)] if self.matcher else []
        return terms + extra + concepts

    def end_document(self) -> None:
        """Count the words seen since the last call once, as document frequencies."""
        for item in self._seen:
            if item.startswith("\x01"):
                if item[1:].isalpha() and len(item) > 3:
                    self.en_words[item[1:]] += 1
            else:
                self.zh_vocab[item] += 1
        self._seen.clear()


def question_fields(q: Question) -> dict[str, str]:
    """Return the raw text of each searched field of a question (both languages)."""
    aliases = " ".join(a.split("/", 1)[-1] for a in (q.id, *q.meta.aliases))
    return {
        "title": f"{q.title.zh}\n{q.title.en}",
        "tags": " ".join(q.meta.tags) + " " + aliases,
        "points": "\n".join(q.zh.key_points + q.en.key_points),
        "answer": f"{plain_text(q.zh.answer)}\n{plain_text(q.en.answer)}",
    }


def plain_texts(q: Question) -> tuple[str, str]:
    """Return the text snippets are cut from: key points and answer, per language."""
    return (
        plain_text("\n".join((*q.zh.key_points, q.zh.answer))),
        plain_text("\n".join((*q.en.key_points, q.en.answer))),
    )


def make_tokenizer() -> DocTokenizer:
    """Return a document tokenizer with the term list and synonym table loaded."""
    concepts = load_concepts()
    zh_variants = [v for c in concepts for v in c.variants if any(is_cjk_run(r) for r in runs(v))]
    tok = DocTokenizer(ZhCutter([w for v in zh_variants for w in runs(v) if is_cjk_run(w)]))
    tok.matcher = SynonymMatcher.from_concepts(concepts, lambda v: tok.primary(v)[0])
    tok.end_document()  # the variants are not documents
    tok.zh_vocab.clear()
    tok.en_words.clear()
    return tok


def build_index(bank: Bank, directory: Path) -> None:
    """Write a complete index of `bank` into `directory` (which must not exist yet)."""
    directory.mkdir(parents=True)
    tok = make_tokenizer()
    chars: set[str] = set()
    fields: list[dict[str, Counter[str]]] = []
    docs = []
    with open(directory / TEXTS, "wb") as texts:
        for q in bank.ordered():
            raw = question_fields(q)
            fields.append({name: Counter(tok.terms(raw[name])) for name in BOOSTS})
            tok.end_document()
            zh, en = (t.encode("utf-8") for t in plain_texts(q))
            chars.update(cjk_chars(normalize(q.title.zh + zh.decode("utf-8"))))
            docs.append([q.id, q.number, q.title.zh, q.title.en, texts.tell(), len(zh), len(en)])
            texts.write(zh + en)
    write_postings(directory, field_scores(fields, BOOSTS), len(docs))
    _write_words(directory, tok.en_words, tok.latin)
    _write_meta(directory, tok, chars, docs)


def _write_words(directory: Path, words: Counter[str], latin: set[str]) -> None:
    """Write the English words, most frequent first, and the stem of every Latin word.

    With the stems stored, a query made of the bank's words (and common English words)
    is stemmed without loading the stemmer.
    """
    ranked = sorted(words, key=lambda w: (-words[w], w))
    stems = {w: stem(w) for w in sorted(latin | STOP_EN)}
    data = {
        "ranked": ranked,
        "stems": [x for w, s in stems.items() if s != w for x in (w, s)],
        "plain": [w for w, s in stems.items() if s == w],
    }
    (directory / "words.json").write_text(json.dumps(data), "utf-8")


def _write_meta(
    directory: Path, tok: DocTokenizer, chars: set[str], docs: list[list[str | int]]
) -> None:
    assert tok.matcher is not None
    variants = {c.term: list(c.variants) for c in load_concepts()}
    meta = {
        "version": INDEX_VERSION,
        "docs": docs,
        "chars": "".join(sorted(chars)),
        "patterns": tok.matcher.patterns(),
        "variants": variants,
    }
    (directory / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    total = sum(tok.zh_vocab.values())
    words = dict(tok.zh_vocab)
    # Terms and Chinese synonyms are words even where the bank never uses them, so a query
    # "梯度消失" stays one word (and meets its concept) in a bank that only says
    # "vanishing gradients". Rare but known, like the weight jieba gives them.
    floor = max(1, round(total * DICTIONARY_SHARE))
    for word in tok.cutter.dictionary_words:
        words[word] = max(words.get(word, 0), floor)
    vocab = ZhVocab.from_counts(words)._asdict()
    (directory / "zh_vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
