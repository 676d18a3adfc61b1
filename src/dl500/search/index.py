"""Build the on-disk search index of a bank, keyed by a hash of the content files.

Layout of one index (a folder named by the key, under `index_home()`):

- `main/`   tantivy index, one document per question. The searched fields hold terms we
            tokenised ourselves (whitespace-separated), so tantivy only scores: BM25 per
            field, with field boosts applied at query time. Stored fields hold each
            language's plain text for snippets.
- `meta.json`  id, number and titles of every question (by the `ord` fast field), the
            synonym patterns and the bank's Chinese characters: with it `dl500 ask` never
            parses the Markdown bank while the index is fresh.
- `zh_vocab.json`  the Chinese vocabulary rjieba produced, for cutting queries alike.
- `words/`, `words.json`  the bank's English words, most frequent first, indexed for
            typo correction and completion (tantivy's fuzzy queries run in Rust).

A build writes into a temporary folder and renames it into place, so concurrent
processes never see half an index.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dl500.search.cache import INDEX_VERSION, content_files, current_key, index_home
from dl500.search.snippet import plain_text
from dl500.search.synonyms import SynonymMatcher, load_concepts
from dl500.search.tokenize import (
    ZhCutter,
    cjk_chars,
    en_terms,
    is_cjk_run,
    normalize,
    runs,
)

if TYPE_CHECKING:
    from dl500.bank.schema import Bank, Question

FIELDS = ("title", "tags", "points", "answer")
STORED = ("text_zh", "text_en")
KEEP_INDEXES = 3
DICTIONARY_SHARE = 3e-4


def schema() -> Any:
    """Return the tantivy schema of the main index."""
    import tantivy

    builder = tantivy.SchemaBuilder()
    for name in FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    for name in STORED:
        builder.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("ord", fast=True)
    return builder.build()


def words_schema() -> Any:
    """Return the schema of the English word list (word → document frequency)."""
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("w", tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("i", fast=True)
    return builder.build()


@dataclass
class DocTokenizer:
    """Tokenise document fields, counting the vocabulary the query side will need."""

    cutter: ZhCutter
    matcher: SynonymMatcher | None = None
    zh_vocab: Counter[str] = field(default_factory=Counter)
    en_words: Counter[str] = field(default_factory=Counter)
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
                self._seen.update(f"\x01{p}" for p in run.split("-"))
        return terms, extra

    def terms(self, text: str) -> str:
        """Return a field's index terms, space-separated, synonyms' concepts appended."""
        terms, extra = self.primary(text)
        concepts = [c for _, _, c in self.matcher.find(terms)] if self.matcher else []
        return " ".join(terms + extra + concepts)

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


def _stored(q: Question) -> dict[str, str]:
    return {
        "text_zh": plain_text("\n".join((*q.zh.key_points, q.zh.answer))),
        "text_en": plain_text("\n".join((*q.en.key_points, q.en.answer))),
    }


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
    import tantivy

    directory.mkdir(parents=True)
    tok = make_tokenizer()
    main = tantivy.Index(schema(), path=str(_mkdir(directory / "main")))
    writer = main.writer(heap_size=64_000_000, num_threads=1)
    chars: set[str] = set()
    docs = []
    for ord_, q in enumerate(bank.ordered()):
        fields = {name: tok.terms(text) for name, text in question_fields(q).items()}
        stored = _stored(q)
        chars.update(cjk_chars(normalize(q.title.zh + stored["text_zh"])))
        doc = tantivy.Document(**fields, **stored)
        doc.add_unsigned("ord", ord_)
        writer.add_document(doc)
        tok.end_document()
        docs.append([q.id, q.number, q.title.zh, q.title.en])
    writer.commit()
    writer.wait_merging_threads()
    _write_words(directory, tok.en_words)
    _write_meta(directory, tok, chars, docs)


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _write_words(directory: Path, words: Counter[str]) -> None:
    import tantivy

    ranked = sorted(words, key=lambda w: (-words[w], w))  # position = frequency rank
    index = tantivy.Index(words_schema(), path=str(_mkdir(directory / "words")))
    writer = index.writer(heap_size=32_000_000, num_threads=1)
    for i, word in enumerate(ranked):
        doc = tantivy.Document(w=word)
        doc.add_unsigned("i", i)  # a plain int keyword would be typed as signed
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    (directory / "words.json").write_text(json.dumps(ranked), "utf-8")


def _write_meta(directory: Path, tok: DocTokenizer, chars: set[str], docs: list[list[str]]) -> None:
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
    vocab = {"total": total, "words": words}
    (directory / "zh_vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")


def ensure_index(
    content_root: Path, bank: Bank | None = None, on_build: Callable[[int], None] | None = None
) -> Path:
    """Return the folder of the index for the current content, building it if missing.

    `on_build(number of content files)` is called before a build, so a command can say
    why this run is slower.
    """
    home = index_home()
    target = home / current_key(content_root, home)
    if (target / "meta.json").is_file():
        return target
    if on_build is not None:
        on_build(len(content_files(content_root)))
    import shutil
    import tempfile

    if bank is None:
        from dl500.bank.loader import read_bank

        bank, _problems = read_bank(content_root)
    home.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="build-", dir=home))
    try:
        build_index(bank, scratch / "index")
        if target.exists() and not (target / "meta.json").is_file():
            shutil.rmtree(target, ignore_errors=True)  # a broken leftover: meta.json is last
        try:
            os.rename(scratch / "index", target)
        except OSError:
            if not (target / "meta.json").is_file():  # not a lost race: a real failure
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _prune(home, keep=target)
    return target


def _prune(home: Path, keep: Path) -> None:
    """Delete all but the last-used few indexes: each content edit leaves an old one behind.

    Opening an index marks it used (its folder's time), so the index of a running server
    survives edits made meanwhile; a server whose index is deleted anyway keeps working
    (open files stay readable) and only loses typo correction and Chinese word cutting.
    """
    import shutil

    old = sorted(
        (p for p in home.iterdir() if p.is_dir() and p != keep and not p.name.startswith("build-")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for path in old[KEEP_INDEXES - 1 :]:
        shutil.rmtree(path, ignore_errors=True)
