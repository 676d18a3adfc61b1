"""The committed lab outputs match the code: regenerate and compare.

Labs with a `smoke` configuration are slow at full size (training): for those the test
checks the cache's source hash and that the smoke run works; every other lab is rerun in
full and its output must equal the committed JSON byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dl500.bank.labdata import artifact_dir, to_json
from dl500.labs.cache import is_stale, run_lab
from dl500.labs.registry import registry

CONTENT = Path(__file__).parents[2] / "content"
LABS = registry()


@pytest.mark.parametrize("name", sorted(LABS))
def test_cached_output_is_current(name: str) -> None:
    entry = LABS[name]
    assert not is_stale(entry, CONTENT), f"run `dl500 labs build` ({name} is stale)"
    if entry.smoke:
        run_lab(entry, is_smoke=True)
        return
    cached = (artifact_dir(CONTENT) / f"{name}.json").read_text(encoding="utf-8")
    assert to_json(run_lab(entry)) == cached, f"{name}: code and cache disagree"


def test_every_cached_output_has_a_lab() -> None:
    folder = artifact_dir(CONTENT)
    orphans = sorted(p.stem for p in folder.glob("*.json") if p.stem not in LABS)
    assert orphans == [], "delete outputs of removed labs"


def test_every_lab_is_used_by_an_answer() -> None:
    from dl500.bank.loader import read_bank
    from dl500.render.mathscan import scan_lab_fences

    bank, _ = read_bank(CONTENT)
    used = {
        name
        for q in bank.questions.values()
        for body in (q.zh, q.en)
        for _, name, _ in scan_lab_fences(body.answer)
    }
    assert sorted(set(LABS) - used) == []
