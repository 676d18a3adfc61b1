"""Per-file rules of the content format (content-format.md), one small function each.

Each check appends to `ParsedFile.problems`; nothing stops at the first problem. The
cross-file rules (ids, links, listing in `_chapter.yaml`) live in `loader`, which sees the
whole bank.
"""

from __future__ import annotations

import re
from typing import Any

from dl500.bank.frontmatter import ParsedFile, key_points
from dl500.bank.scaffold import SCAFFOLD_MARK
from dl500.bank.schema import Body, FrontMatter, Localized, QuestionId

KNOWN_FIELDS = ("title", "level", "tags", "related", "refs", "aliases")
MIN_POINTS, MAX_POINTS = 2, 6
PLACEHOLDER = re.compile(
    r"\b(?:TODO|TBD|FIXME|XXX)\b|待补充|待完善|待更新|未完待续|(?i:lorem ipsum)"
)
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$")
LINK = re.compile(r"\[\[([^\[\]\n]+)\]\]")


def check_front_matter(parsed: ParsedFile) -> FrontMatter | None:
    """Validate the header fields; return a FrontMatter when it is usable."""
    meta, at = parsed.meta, parsed.meta_lines
    for key in meta:
        if key not in KNOWN_FIELDS:
            parsed.error(
                at.get(str(key), 2),
                str(key),
                f"unknown field; expected one of {', '.join(KNOWN_FIELDS)}",
            )
    title = _check_title(parsed, meta.get("title"), at.get("title", 2))
    level = _check_level(parsed, meta.get("level"), at.get("level", 2))
    tags = _str_list(parsed, meta, "tags")
    refs = _str_list(parsed, meta, "refs")
    related = tuple(QuestionId(r) for r in _id_list(parsed, meta, "related"))
    aliases = tuple(QuestionId(a) for a in _id_list(parsed, meta, "aliases"))
    if title is None or level is None:
        return None
    return FrontMatter(title, level, tags, related, refs, aliases)


def _check_title(parsed: ParsedFile, value: Any, line: int) -> Localized | None:
    if value is None:
        parsed.error(line, "title", "missing; add `title: {zh: ..., en: ...}`")
        return None
    if not isinstance(value, dict):
        parsed.error(line, "title", f"expected a mapping with zh and en, got {value!r}")
        return None
    zh, en = (str(value.get(k) or "").strip() for k in ("zh", "en"))
    if not zh and not en:
        parsed.error(line, "title", "expected title.zh and title.en, got neither")
        return None
    for lang, text in (("zh", zh), ("en", en)):
        if not text:
            parsed.warn(
                line, f"title.{lang}", "missing translation; add the title in this language"
            )
    return Localized(zh, en)


def _check_level(parsed: ParsedFile, value: Any, line: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3:
        parsed.error(line, "level", f"expected 1-3, got {value!r}")
        return None
    return value


def _str_list(parsed: ParsedFile, meta: dict[str, Any], key: str) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    line = parsed.meta_lines.get(key, 2)
    if not isinstance(value, list):
        parsed.error(line, key, f"expected a list, got {value!r}")
        return ()
    for i, item in enumerate(value, start=1):
        if isinstance(item, dict):
            parsed.error(
                line,
                key,
                f"item {i} contains ': ', so YAML read it as a mapping; "
                "wrap the whole item in single quotes",
            )
            return ()
        if not isinstance(item, str) or not item.strip():
            parsed.error(line, key, f"item {i}: expected a non-empty string, got {item!r}")
            return ()
    return tuple(v.strip() for v in value)


def _id_list(parsed: ParsedFile, meta: dict[str, Any], key: str) -> tuple[str, ...]:
    ids = _str_list(parsed, meta, key)
    for qid in ids:
        if not ID_PATTERN.match(qid):
            parsed.error(
                parsed.meta_lines.get(key, 2),
                key,
                f"expected an id like 'cnn/receptive-field', got {qid!r}",
            )
    return tuple(q for q in ids if ID_PATTERN.match(q))


def check_bodies(parsed: ParsedFile) -> tuple[Body, Body] | None:
    """Validate key points and answers in both languages; return the two bodies."""
    bodies = []
    counts: dict[str, tuple[int, int]] = {}
    for lang, points_h, answer_h in (("zh", "要点", "解答"), ("en", "Key points", "Answer")):
        points_block, answer_block = parsed.blocks.get(points_h), parsed.blocks.get(answer_h)
        if points_block is None or answer_block is None:
            if lang == "en" and "English" not in parsed.blocks:
                bodies.append(Body((), "", 0))  # missing translation: already a warning
                continue
            return None
        points, stray = key_points(points_block)
        for line, text in stray:
            parsed.error(line, points_h, f"expected only '- ' bullets here, got {text[:40]!r}")
        if not MIN_POINTS <= len(points) <= MAX_POINTS:
            parsed.error(
                points_block.heading_line,
                points_h,
                f"expected {MIN_POINTS}-{MAX_POINTS} bullets, got {len(points)}",
            )
        counts[lang] = (len(points), points_block.heading_line)
        answer = answer_block.text
        if not answer.strip():
            parsed.error(
                answer_block.heading_line,
                answer_h,
                "empty answer; write the answer under this heading",
            )
        _check_placeholders(parsed, points_block.lines, points_block.first_line, points_h)
        _check_placeholders(parsed, answer_block.lines, answer_block.first_line, answer_h)
        bodies.append(Body(tuple(points), answer, _answer_start(answer_block)))
    if len(counts) == 2 and counts["zh"][0] != counts["en"][0]:
        parsed.error(
            counts["en"][1],
            "Key points",
            f"expected the same number of bullets as 要点 ({counts['zh'][0]}), "
            f"got {counts['en'][0]}",
        )
    return bodies[0], bodies[1]


def _answer_start(block: Any) -> int:
    for offset, line in enumerate(block.lines):
        if line.strip():
            return int(block.first_line + offset)
    return int(block.first_line)


def _check_placeholders(parsed: ParsedFile, lines: tuple[str, ...], first: int, fld: str) -> None:
    joined = "\n".join(lines)
    if SCAFFOLD_MARK not in joined and not PLACEHOLDER.search(joined):
        return  # the common case: one search per block instead of one per line
    for offset, line in enumerate(lines):
        if SCAFFOLD_MARK in line:
            parsed.warn(first + offset, fld, f"scaffold text {SCAFFOLD_MARK!r} not replaced yet")
            continue
        m = PLACEHOLDER.search(line)
        if m:
            parsed.error(
                first + offset,
                fld,
                f"placeholder {m.group(0)!r}; write the content or remove the line",
            )


def find_links(body: Body, heading_line: int) -> list[tuple[int, str]]:
    """Return (line, target) for every `[[id]]` link in a body, skipping code."""
    found: list[tuple[int, str]] = []
    for point in body.key_points:
        found.extend((heading_line, m.group(1).strip()) for m in LINK.finditer(point))
    text = body.answer
    if "[[" not in text:
        return found
    if "`" in text or "~~~" in text:
        text = _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    for m in LINK.finditer(text):
        found.append((body.answer_line + text.count("\n", 0, m.start()), m.group(1).strip()))
    return found


_CODE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[ \t]*$|`+[^`\n]*?`+", re.M | re.S)
