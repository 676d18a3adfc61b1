"""Build lab outputs into the committed cache and tell which ones are stale."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dl500.bank.labdata import LabOutput, artifact_dir, read_output, to_json
from dl500.labs.registry import Lab


def run_lab(entry: Lab, *, is_smoke: bool = False) -> LabOutput:
    """Run one lab and return its output (smoke parameters for fast tests)."""
    params = {**entry.params, **(entry.smoke if is_smoke else {})}
    result = entry.fn(**params)
    facts: dict[str, Any] = {}
    if isinstance(result, tuple):
        result, facts = result
    return LabOutput(entry.name, entry.source_hash, result, facts)


def is_stale(entry: Lab, content_root: Path) -> bool:
    """True when the cached output is missing or was made by other code or parameters."""
    cached = read_output(content_root, entry.name)
    return cached is None or cached.source_hash != entry.source_hash


def write_output(output: LabOutput, content_root: Path) -> Path:
    """Write an output to the cache; return its path."""
    folder = artifact_dir(content_root)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{output.name}.json"
    path.write_text(to_json(output), encoding="utf-8")
    return path
