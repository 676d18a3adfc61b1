"""Lab outputs (tables and figures) as HTML, read from the committed cache."""

from __future__ import annotations

import html
from pathlib import Path

from dl500.bank.labdata import Cell, Figure, Table, read_output
from dl500.bank.schema import Lang


def format_cell(value: Cell) -> str:
    """Format a table value: thousands separators for integers, 4 significant digits else."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() and abs(value) >= 1e4 else f"{value:.4g}"
    return str(value)


def table_html(table: Table, lang: Lang) -> str:
    """Render a lab table with its caption and notes."""
    head = "".join(f"<th>{html.escape(c.get(lang))}</th>" for c in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(format_cell(v))}</td>" for v in row) + "</tr>"
        for row in table.rows
    )
    notes = table.notes.get(lang)
    notes_html = f'<p class="lab-notes">{html.escape(notes)}</p>' if notes else ""
    return (
        f'<figure class="lab lab-table"><div class="table-wrap"><table><thead><tr>{head}'
        f"</tr></thead><tbody>{body}</tbody></table></div>{notes_html}"
        f"<figcaption>{html.escape(table.caption.get(lang))}</figcaption></figure>\n"
    )


def figure_html(figure: Figure, lang: Lang) -> str:
    """Render a lab figure: the SVG inline (it uses currentColor for both themes)."""
    return (
        f'<figure class="lab lab-figure">{figure.svg}'
        f"<figcaption>{html.escape(figure.caption.get(lang))}</figcaption></figure>\n"
    )


def lab_html(content_root: Path, name: str, lang: Lang) -> str:
    """Render the cached output of lab `name`, or a visible notice when it is missing."""
    output = read_output(content_root, name)
    if output is None:
        return (
            f'<p class="lab-missing">lab output {html.escape(name)!s} has not been built '
            "(run <code>dl500 labs build</code>)</p>\n"
        )
    if isinstance(output.result, Table):
        return table_html(output.result, lang)
    return figure_html(output.result, lang)
