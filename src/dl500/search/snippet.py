"""Plain text for indexing, and highlighted snippets for results.

A snippet is HTML: every character of the source text is escaped, and only the `<mark>`
tags we add are markup, so a question that quotes `<script>` or a query full of `"*:()-`
can never inject anything into a page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection
from functools import cached_property

from dl500.search.tokenize import normalize

SNIPPET_CHARS = {"zh": 90, "en": 180}
SCAN_CHARS = 3000
"""Snippets come from the key points and the start of the answer: scanning a whole long
answer for the best window costs milliseconds per hit and rarely finds a better one."""
_FENCE = re.compile(r"^(`{3,}|~{3,})\s*lab\b.*?^\1\s*$", re.M | re.S)
_FENCE_LINE = re.compile(r"^\s*(`{3,}|~{3,}).*$", re.M)
_DISPLAY_MATH = re.compile(r"\$\$.*?\$\$", re.S)
_WIKILINK = re.compile(r"\[\[([^\]]+)\]\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_HEADING = re.compile(r"^\s{0,3}#+\s*", re.M)
_INLINE = re.compile(r"\*\*|__|`")
_MARKUP = re.compile(r"^\s*>\s?|^\s*[-*+]\s+|^\s*\d+\.\s+|\|\s*:?-{3,}:?\s*|\|", re.M)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*")


def plain_text(markdown: str) -> str:
    """Strip Markdown down to readable text on one line.

    Lab blocks and display math are dropped; inline math is read as plain text.
    """
    from dl500.search.mathtext import inline_math_to_text  # index time only, not `dl500 ask`

    text = _FENCE.sub(" ", markdown)
    text = _FENCE_LINE.sub(" ", text)
    text = _DISPLAY_MATH.sub(" … ", text)
    text = inline_math_to_text(text)
    text = _WIKILINK.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _HEADING.sub("", text)
    text = _INLINE.sub("", text)
    text = _MARKUP.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


class Highlighter:
    """What to mark in a text: Chinese strings and English words whose stem is wanted.

    Built for every query but used only when snippets are asked for, so its regexes are
    compiled on first use (compiling costs more than a whole ranked search); then once
    for all hits, and the stems of the words it meets are remembered across hits.
    """

    def __init__(
        self, zh: Collection[str], en_stems: Collection[str], stem: Callable[[str], str]
    ) -> None:
        self.zh = frozenset(zh)
        self.en_stems = frozenset(en_stems)
        self._stem = stem
        self._keys: dict[str, str | None] = {}

    @cached_property
    def _zh_re(self) -> re.Pattern[str] | None:
        return re.compile(_alternation(self.zh)) if self.zh else None

    @cached_property
    def _en_re(self) -> re.Pattern[str] | None:
        # Stemming every word of a long answer is slow; a stem's first letters are a prefix
        # of its words (up to y→i and British spellings, hence five letters at most), so a
        # regex finds the few candidates and only those are stemmed. It runs on lowercased
        # text: case-insensitive character classes are slow to compile.
        prefixes = {s[: min(5, max(1, len(s) - 1))] for s in self.en_stems if s.isalpha()}
        exact = {s for s in self.en_stems if not s.isalpha()}  # 'l2', '196': never stemmed
        words = [_alternation(prefixes) + r"[a-z0-9'-]*"] if prefixes else []
        words += [_alternation(exact) + r"\b"] if exact else []
        return re.compile(r"\b(?:" + "|".join(words) + ")") if words else None

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Return (start, end, key) for every match, left to right, without overlaps."""
        found: list[tuple[int, int, str]] = []
        if self._zh_re is not None:
            found.extend((m.start(), m.end(), m.group()) for m in self._zh_re.finditer(text))
        lowered = text.lower()
        if self._en_re is not None and len(lowered) == len(text):  # same offsets
            for m in self._en_re.finditer(lowered):
                key = self._en_key(m.group())
                if key is not None:
                    found.append((m.start(), m.end(), key))
        found.sort()
        kept: list[tuple[int, int, str]] = []
        for span in found:
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        return kept

    def _en_key(self, word: str) -> str | None:
        if word not in self._keys:
            folded = normalize(word).strip("'-")
            parts = [folded, *folded.split("-")] if "-" in folded else [folded]
            stems = (self._stem(p) for p in parts)
            self._keys[word] = next((s for s in stems if s in self.en_stems), None)
        return self._keys[word]


def _alternation(options: Collection[str]) -> str:
    """Return the regex `(?:a|b|…)`, longest option first so that it wins."""
    return "(?:" + "|".join(re.escape(o) for o in sorted(options, key=len, reverse=True)) + ")"


def make_snippet(text: str, marker: Highlighter, lang: str) -> str:
    """Return an escaped excerpt of `text` around the densest cluster of matches, marked."""
    width = SNIPPET_CHARS.get(lang, 180)
    text = text[:SCAN_CHARS]
    spans = marker.spans(text)
    start = _best_start(spans, width)
    begin = max(0, start - width // 6)
    if lang == "en" and begin > 0:
        space = text.rfind(" ", 0, begin + 1)
        begin = space + 1 if space > begin - 20 else begin
    end = min(len(text), begin + width)
    if lang == "en" and end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > end - 20 else end
    out = ["…" if begin > 0 else ""]
    cursor = begin
    for s, e, _ in spans:
        if s < begin or e > end:
            continue
        out += [
            html.escape(text[cursor:s], quote=False),
            "<mark>",
            html.escape(text[s:e]),
            "</mark>",
        ]
        cursor = e
    out += [html.escape(text[cursor:end], quote=False), "…" if end < len(text) else ""]
    return "".join(out)


def _best_start(spans: list[tuple[int, int, str]], width: int) -> int:
    """Return the start of the window of `width` characters holding the most distinct keys."""
    best, best_count = 0, 0
    for i, (start, _, _) in enumerate(spans[:200]):
        keys = set()
        for s, _, key in spans[i:]:
            if s >= start + width:
                break
            keys.add(key)
        if len(keys) > best_count:
            best, best_count = start, len(keys)
    return best
