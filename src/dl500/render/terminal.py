"""Lab outputs in a terminal (rich tables; figures are written to a file)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table as RichTable

from dl500.bank.labdata import LabOutput, Table, read_output
from dl500.bank.schema import Bank, Lang, Question
from dl500.render.artifacts import format_cell

_LINK = re.compile(r"\[\[([^\[\]\n]+)\]\]")
_LAB_FENCE = re.compile(r"^ {0,3}```lab[ \t]*\n(.*?)\n {0,3}```[ \t]*$", re.M | re.S)


def print_body(console: Console, bank: Bank, q: Question, content_root: Path, lang: Lang) -> None:
    """Print a question's key points and answer: links as titles, labs as tables."""

    def title(m: re.Match[str]) -> str:
        target = bank.resolve(m.group(1).strip())
        return f"「{target.number} {target.title.get(lang)}」" if target else m.group(0)

    body = q.body(lang)
    points = "\n".join(f"- {p}" for p in body.key_points)
    heading = "要点" if lang == "zh" else "Key points"
    console.print(Markdown(_LINK.sub(title, f"**{heading}**\n\n{points}\n\n---")))
    print_answer(console, _LINK.sub(title, body.answer), content_root, lang)


def print_answer(console: Console, markdown: str, content_root: Path, lang: str) -> None:
    """Print answer Markdown with each ```lab fence replaced by its table or caption."""
    pos = 0
    for m in _LAB_FENCE.finditer(markdown):
        console.print(Markdown(markdown[pos : m.start()]))
        name = m.group(1).strip().split()[0] if m.group(1).strip() else ""
        output = read_output(content_root, name)
        if output is None:
            console.print(f"[red]lab output {name!r} not built (dl500 labs build)[/red]")
        elif isinstance(output.result, Table):
            print_lab_output(output, lang, console=console, show_facts=False)
        else:
            caption = output.result.caption.get(lang)  # type: ignore[arg-type]
            console.print(f"[dim]\\[figure: {caption} — see the web page][/dim]")
        pos = m.end()
    console.print(Markdown(markdown[pos:]))


def print_lab_output(
    output: LabOutput, lang: str = "en", *, console: Console | None = None, show_facts: bool = True
) -> None:
    """Print a lab table, or save a figure's SVG and print its path."""
    console = console or Console()
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
    if show_facts:
        for key, value in output.facts.items():
            console.print(f"[dim]{key} = {value}[/dim]")
