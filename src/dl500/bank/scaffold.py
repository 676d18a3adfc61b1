"""Scaffold a new question file and register it in its chapter's `_chapter.yaml`.

The scaffold is structurally valid, so `dl500 check` accepts it while it is being
written; its marker text is reported as a warning, so `--strict` (CI) refuses to ship it.
"""

from __future__ import annotations

import re
from pathlib import Path

from dl500.errors import Dl500Error

SCAFFOLD_MARK = "⟨write here⟩"
_STEM = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FLOW_LIST = re.compile(r"^(\s*questions:\s*\[)(.*)(\]\s*)$")

TEMPLATE = f"""---
title:
  zh: {SCAFFOLD_MARK}
  en: {SCAFFOLD_MARK}
level: 1
tags: []
related: []
refs: []
---

# 中文

## 要点

- {SCAFFOLD_MARK}
- {SCAFFOLD_MARK}

## 解答

{SCAFFOLD_MARK}

# English

## Key points

- {SCAFFOLD_MARK}
- {SCAFFOLD_MARK}

## Answer

{SCAFFOLD_MARK}
"""


def scaffold_question(content_root: Path, target: str, section: int = -1) -> Path:
    """Create `<chapter folder>/<stem>.md` for `slug/stem` and list it in a section."""
    slug, _, stem = target.partition("/")
    if not _STEM.match(slug or "") or not _STEM.match(stem or ""):
        raise Dl500Error(f"expected CHAPTER/SLUG like 'cnn/dilated-conv', got {target!r}")
    folders = [p for p in content_root.glob(f"[0-9][0-9]-{slug}") if p.is_dir()]
    if not folders:
        raise Dl500Error(f"no chapter with slug {slug!r} under {content_root}")
    folder = folders[0]
    path = folder / f"{stem}.md"
    if path.exists():
        raise Dl500Error(f"{path} already exists")
    chapter_file = folder / "_chapter.yaml"
    chapter_file.write_text(
        _register(chapter_file.read_text(encoding="utf-8"), stem, section), encoding="utf-8"
    )
    path.write_text(TEMPLATE, encoding="utf-8")
    return path


def _register(text: str, stem: str, section: int) -> str:
    """Add `stem` to the chosen section's flow list, or start a first section."""
    lines = text.splitlines()
    slots = [i for i, line in enumerate(lines) if _FLOW_LIST.match(line)]
    if not slots:
        if re.search(r"^sections:\s*\[\]\s*$", text, flags=re.M):
            block = (
                f"sections:\n  - title: {{zh: 新问题, en: New questions}}\n    questions: [{stem}]"
            )
            return re.sub(r"^sections:\s*\[\]\s*$", block, text, count=1, flags=re.M)
        raise Dl500Error(
            "could not find a `questions: [...]` list in _chapter.yaml; "
            "add the file to a section by hand"
        )
    try:
        i = slots[section]
    except IndexError:
        raise Dl500Error(f"no section {section}; the chapter has {len(slots)}") from None
    m = _FLOW_LIST.match(lines[i])
    assert m is not None
    items = m.group(2).strip()
    lines[i] = f"{m.group(1)}{items + ', ' if items else ''}{stem}{m.group(3)}"
    return "\n".join(lines) + "\n"
