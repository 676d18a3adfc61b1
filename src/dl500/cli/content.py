"""Reading and authoring commands: list, show, check, new, content-stats."""

from __future__ import annotations

import re
import time
from pathlib import Path

import click

from dl500.cli.options import content_option, lang_option, load_or_fail

STEM = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@click.command("check")
@content_option
@click.option(
    "--strict", is_flag=True, help="Treat warnings (e.g. missing translations) as errors."
)
def check_command(content_root: Path, strict: bool) -> None:
    """Validate every content file; print `path:line: field: problem` lines."""
    from dl500.check import check_content

    started = time.perf_counter()
    bank, problems = check_content(content_root)
    for problem in problems:
        kind = "warning: " if problem.is_warning else ""
        click.echo(
            f"{problem.path}:{problem.line}: {kind}{problem.field}: {problem.message}"
            if problem.field
            else f"{kind}{problem}"
        )
    errors = [p for p in problems if strict or not p.is_warning]
    elapsed = time.perf_counter() - started
    summary = (
        f"{len(bank.questions)} questions in {len(bank.chapters)} chapters; "
        f"{len(errors)} errors, {len(problems) - len(errors)} warnings ({elapsed:.2f} s)"
    )
    if errors:
        raise click.ClickException(summary)
    click.echo(summary)


@click.command("list")
@content_option
@lang_option
@click.option("--chapter", type=int, help="Only this chapter number.")
def list_command(content_root: Path, lang: str, chapter: int | None) -> None:
    """List questions with their numbers and ids."""
    bank = load_or_fail(content_root)
    if chapter is not None and bank.chapter(chapter) is None:
        raise click.BadParameter(
            f"no chapter {chapter}; chapters are 1-{len(bank.chapters)}", param_hint="--chapter"
        )
    for ch in bank.chapters:
        if chapter is not None and ch.number != chapter:
            continue
        click.secho(f"{ch.number}. {ch.title.get(lang)}  ({len(ch.question_ids)})", bold=True)
        for qid in ch.question_ids:
            q = bank.questions[qid]
            click.echo(f"  {q.number:<8} {q.title.get(lang)}  [{q.id}]")


@click.command("show")
@content_option
@lang_option
@click.argument("question_id")
def show_command(content_root: Path, lang: str, question_id: str) -> None:
    """Print one question: title, key points and answer (math left as LaTeX)."""
    from rich.console import Console
    from rich.panel import Panel

    from dl500.render.terminal import print_body

    bank = load_or_fail(content_root)
    q = bank.resolve(question_id)
    if q is None:
        raise click.ClickException(f"no question {question_id!r}; try `dl500 list`")
    console = Console()
    console.print(
        Panel(
            f"[bold]{q.number}  {q.title.get(lang)}[/bold]\n[dim]{q.id} · level "
            f"{q.meta.level} · {', '.join(q.meta.tags)}[/dim]"
        )
    )
    print_body(console, bank, q, content_root, lang)  # type: ignore[arg-type]
    if q.meta.related:
        titles = [f"{r} ({t.title.get(lang)})" for r in q.meta.related if (t := bank.resolve(r))]
        console.print("[dim]related: " + "; ".join(titles) + "[/dim]")


@click.command("content-stats")
@content_option
def stats_command(content_root: Path) -> None:
    """Questions per chapter and how much of each is translated."""
    from rich.console import Console
    from rich.table import Table

    bank = load_or_fail(content_root)
    table = Table("#", "chapter", "questions", "zh", "en")
    total = zh_total = en_total = 0
    for ch in bank.chapters:
        qs = [bank.questions[i] for i in ch.question_ids]
        zh = sum(1 for q in qs if q.zh.answer and q.title.zh)
        en = sum(1 for q in qs if q.en.answer and q.title.en)
        total, zh_total, en_total = total + len(qs), zh_total + zh, en_total + en
        table.add_row(str(ch.number), ch.slug, str(len(qs)), _pct(zh, len(qs)), _pct(en, len(qs)))
    table.add_row("", "total", str(total), _pct(zh_total, total), _pct(en_total, total))
    Console().print(table)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


@click.command("new")
@content_option
@click.argument("target")
@click.option("--section", type=int, default=-1, help="Section index to add to (default: last).")
def new_command(content_root: Path, target: str, section: int) -> None:
    """Scaffold CHAPTER/SLUG (e.g. cnn/dilated-conv) and register it in _chapter.yaml."""
    from dl500.bank.scaffold import scaffold_question
    from dl500.errors import Dl500Error

    try:
        path = scaffold_question(content_root, target, section)
    except Dl500Error as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"created {path}; fill in the text, then run `dl500 check`")
