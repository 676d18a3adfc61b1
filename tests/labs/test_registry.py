"""The lab mechanism with a throw-away lab: register, run, cache, staleness, rendering."""

from __future__ import annotations

from pathlib import Path

from dl500.bank.labdata import Table, read_output
from dl500.bank.schema import Localized
from dl500.labs import registry as reg
from dl500.labs.cache import is_stale, run_lab, write_output
from dl500.render.artifacts import lab_html


def _square_table(n: int = 3) -> tuple[Table, dict[str, int]]:
    rows = tuple((i, i * i) for i in range(1, n + 1))
    table = Table(Localized("平方", "Squares"), (Localized("n", "n"), Localized("n²", "n²")), rows)
    return table, {"last": rows[-1][1]}


def test_register_run_cache_and_render(tmp_path: Path) -> None:
    reg.lab("test.squares", smoke={"n": 2}, n=4)(_square_table)
    try:
        entry = reg.registry()["test.squares"]
        assert is_stale(entry, tmp_path)
        output = run_lab(entry)
        assert output.facts == {"last": 16}
        assert run_lab(entry, is_smoke=True).facts == {"last": 4}
        write_output(output, tmp_path)
        assert not is_stale(entry, tmp_path)
        assert read_output(tmp_path, "test.squares") == output
        html = lab_html(tmp_path, "test.squares", "en")
        assert "<th>n²</th>" in html and "<td>16</td>" in html and "Squares" in html
    finally:
        reg._REGISTRY.pop("test.squares", None)


def test_changed_parameters_make_the_cache_stale(tmp_path: Path) -> None:
    reg.lab("test.squares", n=4)(_square_table)
    try:
        write_output(run_lab(reg.registry()["test.squares"]), tmp_path)
        reg._REGISTRY["test.squares"] = reg.Lab("test.squares", _square_table, {"n": 5})
        assert is_stale(reg.registry()["test.squares"], tmp_path)
    finally:
        reg._REGISTRY.pop("test.squares", None)


def test_missing_output_renders_a_notice(tmp_path: Path) -> None:
    assert "has not been built" in lab_html(tmp_path, "nope", "zh")
