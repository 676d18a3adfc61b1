"""Parse one question file into front matter and the two language bodies.

Parsing never raises on bad content: it returns what it could read plus a list of
`ContentError`s with 1-based line numbers, so `dl500 check` can report every problem in
every file at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from dl500.errors import ContentError, Severity

try:  # the C loader is ~10x faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

HEADINGS: tuple[tuple[int, str], ...] = (
    (1, "中文"),
    (2, "要点"),
    (2, "解答"),
    (1, "English"),
    (2, "Key points"),
    (2, "Answer"),
)
"""The six headings every question has, in order: (level, text)."""

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})(.*)$")
_SPECIAL_START = frozenset("#`~ ")
_BULLET = re.compile(r"^[-*+][ \t]+(.*)$")


@dataclass(frozen=True, slots=True)
class Block:
    """The text under one of the six headings."""

    heading_line: int
    lines: tuple[str, ...]
    first_line: int
    """1-based line number of `lines[0]`."""

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip("\n")


@dataclass(slots=True)
class ParsedFile:
    """Everything read from one file; `problems` lists what was wrong."""

    path: str
    meta: dict[str, Any] = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)
    """Front-matter key → 1-based line of the key."""
    blocks: dict[str, Block] = field(default_factory=dict)
    """Heading text (`要点`, `Answer`, ...) → its block; only for the six known headings."""
    problems: list[ContentError] = field(default_factory=list)
    fences: list[tuple[int, str, str]] = field(default_factory=list)
    """(line, info string, content) of every fenced code block."""

    def error(self, line: int, fld: str, message: str) -> None:
        self.problems.append(ContentError(self.path, line, fld, message))

    def warn(self, line: int, fld: str, message: str) -> None:
        self.problems.append(ContentError(self.path, line, fld, message, Severity.WARNING))


def parse_file(path: str, text: str) -> ParsedFile:
    """Split `text` into front matter and heading blocks, recording problems."""
    parsed = ParsedFile(path)
    lines = text.splitlines()
    body_start = _parse_front_matter(parsed, lines)
    if body_start is not None:
        _parse_body(parsed, lines, body_start)
    return parsed


def _parse_front_matter(parsed: ParsedFile, lines: list[str]) -> int | None:
    """Read the `---` header; return the 0-based index of the first body line."""
    if not lines or lines[0].strip() != "---":
        parsed.error(1, "front matter", "expected the file to start with a '---' line")
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        parsed.error(1, "front matter", "expected a closing '---' line after the header")
        return None
    source = "\n".join(lines[1:end])
    try:
        loader = _Loader(source)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        parsed.error(line, "front matter", f"invalid YAML: {problem}")
        return end + 1
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        parsed.error(2, "front matter", f"expected a mapping of fields, got {type(data).__name__}")
        return end + 1
    parsed.meta = data
    parsed.meta_lines = {str(key.value): key.start_mark.line + 2 for key, _ in node.value}
    return end + 1


def _parse_body(parsed: ParsedFile, lines: list[str], start: int) -> None:
    """Find the six headings (outside code fences) and the text under each."""
    found: list[tuple[int, int, str]] = []  # (index, level, text)
    fence: str | None = None
    fence_start, fence_info = 0, ""
    fence_body: list[str] = []
    for i in range(start, len(lines)):
        line = lines[i]
        if fence is None and line[:1] not in _SPECIAL_START:
            continue  # the common case: plain text, neither a heading nor a fence
        m = _FENCE.match(line)
        if fence is None and m:
            fence, fence_start, fence_info, fence_body = m.group(1), i, m.group(2).strip(), []
            continue
        if fence is not None:
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                parsed.fences.append((fence_start + 1, fence_info, "\n".join(fence_body)))
                fence = None
            else:
                fence_body.append(line)
            continue
        h = _HEADING.match(line)
        if h and len(h.group(1)) <= 2:
            found.append((i, len(h.group(1)), h.group(2)))
    if fence is not None:
        parsed.error(
            fence_start + 1,
            "code",
            f"code fence {fence!r} is never closed; add a closing {fence} line",
        )
    _check_headings(parsed, found)
    ends = [i for i, _, _ in found[1:]] + [len(lines)]
    for (i, level, title), end in zip(found, ends, strict=True):
        if (level, title) in HEADINGS and title not in parsed.blocks:
            parsed.blocks[title] = Block(i + 1, tuple(lines[i + 1 : end]), i + 2)


def _check_headings(parsed: ParsedFile, found: list[tuple[int, int, str]]) -> None:
    """Report unknown, repeated, missing and out-of-order top-level headings."""
    seen: list[str] = []
    for i, level, title in found:
        if (level, title) not in HEADINGS:
            parsed.error(
                i + 1,
                "heading",
                f"unexpected '{'#' * level} {title}'; use '###' or deeper for your own subheadings",
            )
        elif title in seen:
            parsed.error(i + 1, "heading", f"'{'#' * level} {title}' appears twice; keep one")
        else:
            seen.append(title)
    expected = [t for _, t in HEADINGS]
    order = [t for t in expected if t in seen]
    if seen != order:
        parsed.error(
            found[0][0] + 1 if found else 1,
            "heading",
            f"expected the order {' / '.join(expected)}, got {' / '.join(seen)}",
        )
    has_english = "English" in seen
    for k, (level, title) in enumerate(HEADINGS):
        if title in seen:
            continue
        if title in ("Key points", "Answer") and not has_english:
            continue  # reported once, as a missing translation, below
        line = _expected_at(found, k)
        if title == "English":
            parsed.warn(
                line, "translation", "missing '# English' section; add the English translation"
            )
        else:
            parsed.error(
                line, "heading", f"missing '{'#' * level} {title}'; add it (see content-format.md)"
            )


def _expected_at(found: list[tuple[int, int, str]], k: int) -> int:
    """Line where the k-th required heading belongs: at the next required heading found."""
    later = {t for _, t in HEADINGS[k + 1 :]}
    return next((i + 1 for i, _, t in found if t in later), _last_line(found))


def _last_line(found: list[tuple[int, int, str]]) -> int:
    return found[-1][0] + 1 if found else 1


def key_points(block: Block) -> tuple[list[str], list[tuple[int, str]]]:
    """Return the top-level bullets of a key-points block and stray non-bullet lines."""
    bullets: list[str] = []
    stray: list[tuple[int, str]] = []
    for offset, raw in enumerate(block.lines):
        if not raw.strip():
            continue
        m = _BULLET.match(raw)
        if m:
            bullets.append(m.group(1).strip())
        elif raw[:1] in (" ", "\t") and bullets:
            bullets[-1] += " " + raw.strip()
        else:
            stray.append((block.first_line + offset, raw.strip()))
    return bullets, stray
