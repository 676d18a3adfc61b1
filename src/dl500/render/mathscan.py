"""A fast scanner for formulas and lab fences, equivalent to the Markdown parser's view.

`dl500 check` must look at every formula in thousands of files; a full markdown-it parse
costs ~2 ms per answer, this scanner ~50 µs. It follows the same rules as the dollarmath
plugin configured in `markdown.build_parser` (block `$$` lines, inline `$...$` and
`$$...$$`, `\\$` escapes, code
spans and fences skipped), and a test checks it finds exactly what `iter_math` finds on
the whole bank.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Generator, Iterator

from dl500.render.markdown import MathSpan

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_BACKTICKS = re.compile(r"`+")
_SPECIAL = re.compile(r"[`$]")


def scan_math(text: str, first_line: int = 1) -> Iterator[MathSpan]:
    """Yield every formula in `text` with the line it starts on."""
    if "$" not in text:
        return
    lines = text.split("\n")
    i, n = 0, len(lines)
    para: list[tuple[int, str]] = []
    while i < n:
        line = lines[i]
        if line and "$" not in line and line[0] not in " `~|" and para:
            para.append((i, line))  # the common case: a plain line inside a paragraph
            i += 1
            continue
        fence = _FENCE.match(line)
        if fence or not line.strip() or line.lstrip().startswith("$$") or _is_table(line):
            yield from _inline_para(para, first_line)
            para = []
        if fence:
            i = _skip_fence(lines, i, fence.group(1))
        elif line.lstrip().startswith("$$"):
            i = yield from _block(lines, i, first_line)
        elif _is_table(line):
            yield from _inline_para([(i, line)], first_line)
            i += 1
        else:
            if line.strip():
                para.append((i, _strip_marker(line) if "$" in line else line))
            i += 1
    yield from _inline_para(para, first_line)


def _is_table(line: str) -> bool:
    return line.lstrip().startswith("|")


def _strip_marker(line: str) -> str:
    """Drop list, quote and heading markers so a `$` right after them scans as in Markdown."""
    return re.sub(r"^\s*(?:[-*+>]|\d+[.)]|#{1,6})\s+", "", line)


def _skip_fence(lines: list[str], i: int, marker: str) -> int:
    for j in range(i + 1, len(lines)):
        stripped = lines[j].strip()
        if stripped.startswith(marker[0] * len(marker)) and not stripped.strip(marker[0]):
            return j + 1
    return len(lines)


def _block(lines: list[str], i: int, first_line: int) -> Generator[MathSpan, None, int]:
    """Yield one display formula starting at line i; return the index after it."""
    start = lines[i].lstrip()[2:]
    if start.rstrip().endswith("$$") and start.strip() != "":
        yield MathSpan(first_line + i, start.rstrip()[:-2].strip(), True)
        return i + 1
    body = [start]
    for j in range(i + 1, len(lines)):
        stripped = lines[j].rstrip()
        if stripped.endswith("$$"):
            body.append(stripped[:-2])
            yield MathSpan(first_line + i, "\n".join(body).strip(), True)
            return j + 1
        body.append(lines[j])
    yield MathSpan(first_line + i, "\n".join(body).strip(), True)
    return len(lines)


def _escaped(src: str, pos: int) -> bool:
    count = 0
    while pos - count - 1 >= 0 and src[pos - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _inline_para(para: list[tuple[int, str]], first_line: int) -> Iterator[MathSpan]:
    if not para:
        return
    src = "\n".join(text for _, text in para)
    if "$" not in src:
        return
    starts = [0]
    for _, text in para[:-1]:
        starts.append(starts[-1] + len(text) + 1)
    pos = 0
    while (m := _SPECIAL.search(src, pos)) is not None:
        pos = m.start()
        if src[pos] == "`":
            run = _BACKTICKS.match(src, pos)
            assert run is not None
            close = src.find(run.group(0), run.end())
            pos = close + len(run.group(0)) if close >= 0 else run.end()
            continue
        found = _inline_at(src, pos)
        if found is None:
            pos += 1
            continue
        end, tex, is_double = found
        line = para[bisect_right(starts, pos) - 1][0]
        yield MathSpan(first_line + line, tex, is_double)
        pos = end


def _inline_at(src: str, pos: int) -> tuple[int, str, bool] | None:
    """Apply the dollarmath inline rule at `pos`: (end, tex, is_double) or None."""
    if _escaped(src, pos) or pos + 1 >= len(src):
        return None
    is_double = src[pos + 1] == "$"
    search = pos + 1 + is_double
    while True:
        end = src.find("$", search)
        if end < 0:
            return None
        if _escaped(src, end):
            search = end + 1
            continue
        if is_double:
            if end + 1 >= len(src):
                return None
            if src[end + 1] != "$":
                search = end + 1
                continue
            end += 1
        break
    tex = src[pos + 2 : end - 1] if is_double else src[pos + 1 : end]
    return (end + 1, tex, is_double) if tex else None


def scan_lab_fences(text: str, first_line: int = 1) -> Iterator[tuple[int, str, str]]:
    """Yield (line, lab name, arguments) for every ```lab fence."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        fence = _FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        end = _skip_fence(lines, i, fence.group(1))
        if fence.group(2).strip().split()[:1] == ["lab"]:
            body = "\n".join(lines[i + 1 : end - 1]).strip()
            name, _, args = body.partition(" ")
            yield first_line + i, name.strip(), args.strip()
        i = end
