"""Lab outputs as content: the tables and figures that code computes for answers.

Labs (`dl500.labs`, which needs PyTorch) write these to `content/_generated/labs/*.json`;
the renderer and exporters read them back through this module, so reading the handbook
never imports torch.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dl500.bank.schema import Localized

Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class Table:
    """A computed table: bilingual headers and caption, rows of plain values."""

    caption: Localized
    columns: tuple[Localized, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: Localized = Localized("", "")


@dataclass(frozen=True, slots=True)
class Figure:
    """A computed figure: an SVG drawn with `currentColor` so it reads in both themes."""

    caption: Localized
    svg: str


@dataclass(frozen=True, slots=True)
class LabOutput:
    """One named lab output with the hash of the code and parameters that made it."""

    name: str
    source_hash: str
    result: Table | Figure
    facts: dict[str, Any] = field(default_factory=dict)
    """Key numbers the lab computed, for tests that compare prose with code."""


def _loc(value: dict[str, str] | None) -> Localized:
    value = value or {}
    return Localized(str(value.get("zh", "")), str(value.get("en", "")))


def to_json(output: LabOutput) -> str:
    """Serialise an output (stable key order, so diffs are readable)."""
    result = output.result
    body: dict[str, Any]
    if isinstance(result, Table):
        body = {
            "kind": "table",
            "caption": {"zh": result.caption.zh, "en": result.caption.en},
            "columns": [{"zh": c.zh, "en": c.en} for c in result.columns],
            "rows": [list(r) for r in result.rows],
            "notes": {"zh": result.notes.zh, "en": result.notes.en},
        }
    else:
        body = {
            "kind": "figure",
            "caption": {"zh": result.caption.zh, "en": result.caption.en},
            "svg": result.svg,
        }
    doc = {"name": output.name, "source_hash": output.source_hash, "facts": output.facts, **body}
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def from_json(text: str) -> LabOutput:
    """Parse what `to_json` wrote."""
    doc = json.loads(text)
    result: Table | Figure
    if doc["kind"] == "table":
        result = Table(
            _loc(doc["caption"]),
            tuple(_loc(c) for c in doc["columns"]),
            tuple(tuple(r) for r in doc["rows"]),
            _loc(doc.get("notes")),
        )
    else:
        result = Figure(_loc(doc["caption"]), str(doc["svg"]))
    return LabOutput(str(doc["name"]), str(doc["source_hash"]), result, dict(doc.get("facts", {})))


def artifact_dir(content_root: Path) -> Path:
    """Return where lab outputs for a content tree live."""
    return content_root / "_generated" / "labs"


def read_output(content_root: Path, name: str) -> LabOutput | None:
    """Read one lab output, or None when it was never built."""
    path = artifact_dir(content_root) / f"{name}.json"
    if not path.is_file():
        return None
    return from_json(path.read_text(encoding="utf-8"))
