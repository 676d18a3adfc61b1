"""Lab outputs in a terminal (rich tables; figures are written to a file)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table as RichTable

from dl500.bank.labdata import LabOutput, Table
from dl500.render.artifacts import format_cell


def print_lab_output(output: LabOutput, lang: str = "en") -> None:
    """Print a lab table, or save a figure's SVG and print its path."""
    console = Console()
    result = output.result
    if isinstance(result, Table):
        table = RichTable(title=result.caption.get(lang))  # type: ignore[arg-type]
        for column in result.columns:
            table.add_column(column.get(lang))  # type: ignore[arg-type]
        for row in result.rows:
            table.add_row(*(format_cell(v) for v in row))
        console.print(table)
        if result.notes.get(lang):  # type: ignore[arg-type]
            console.print(result.notes.get(lang))  # type: ignore[arg-type]
    else:
        path = Path(tempfile.gettempdir()) / f"{output.name}.svg"
        path.write_text(result.svg, encoding="utf-8")
        console.print(f"{result.caption.get(lang)}\nfigure written to {path}")  # type: ignore[arg-type]
    for key, value in output.facts.items():
        console.print(f"[dim]{key} = {value}[/dim]")
