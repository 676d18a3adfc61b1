"""`dl500 quiz` (a review session in the terminal) and `dl500 progress` (summary, export,
import).

The quiz reads single key presses on a terminal and whole lines otherwise, so the same
session runs interactively, from a pipe, and under click's CliRunner in the tests.
Every rating is committed before the next card is shown.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from dl500.cli.options import content_option, lang_option, load_or_fail

F = TypeVar("F", bound=Callable[..., Any])
_GRADES = {"1": "Again", "2": "Hard", "3": "Good", "4": "Easy"}


def db_option(fn: F) -> F:
    """Add `--db URL` (default: $DL500_DATABASE_URL or SQLite in the user data folder)."""
    return click.option(
        "--db",
        "db_url",
        envvar="DL500_DATABASE_URL",
        help="SQLAlchemy URL (default: SQLite in the user data folder).",
    )(fn)


def _open_store(db_url: str | None) -> Any:
    from dl500.store import Store

    return Store(db_url)


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


class _Keys:
    """One answer per prompt: a key press on a terminal, a line otherwise; None at EOF."""

    def __init__(self) -> None:
        self.is_tty = sys.stdin.isatty()

    def ask(self, prompt: str) -> str | None:
        click.echo(prompt, nl=False)
        if self.is_tty:
            key = click.getchar()
            click.echo()
            return None if key in ("\x03", "\x04") else key.strip().lower() or "\n"
        line = sys.stdin.readline()
        click.echo()
        if not line:
            return None
        return line.strip().lower() or "\n"


def _show_front(console: Any, q: Any, lang: str, index: int, count: int, card: Any) -> None:
    from rich.panel import Panel

    phase = card.state.phase.name.lower()
    console.print(
        Panel(
            f"[bold]{q.title.get(lang)}[/bold]",
            title=f"{index}/{count} · {q.number} · {phase}",
            title_align="left",
        )
    )


def _show_back(console: Any, bank: Any, q: Any, lang: str, content_root: Path) -> None:
    from dl500.render.terminal import print_body

    print_body(console, bank, q, content_root, lang)  # type: ignore[arg-type]


def _rating_prompt(card: Any) -> str:
    from dl500.practice.scheduler import format_interval, preview

    after = preview(card.state, _now())
    labels = [f"{int(g)} {_GRADES[str(int(g))]} ({format_interval(d)})" for g, d in after.items()]
    return "  ".join(labels) + "   u undo · q quit > "


def _ask_grade(keys: _Keys, card: Any) -> str | None:
    """Return '1'-'4', 'u', 'q' or None (EOF), asking again after anything else."""
    prompt = _rating_prompt(card)
    while True:
        answer = keys.ask(prompt)
        if answer is None or answer in ("1", "2", "3", "4", "u", "q"):
            return answer
        click.echo("Type 1, 2, 3 or 4 to rate, u to undo the last rating, q to quit.")


def _rate(store: Any, qid: str, card: Any, key: str) -> str:
    import uuid

    from dl500.practice.scheduler import Grade, format_interval
    from dl500.store.practice import Submission

    sub = Submission(uuid.uuid4().hex, qid, Grade(int(key)), card.seq)  # type: ignore[arg-type]
    at = _now()
    rated = store.practice.rate(sub, at)
    return f"{_GRADES[key]} — next in {format_interval(rated.card.state.due - at)}"


def _undo(store: Any) -> str | None:
    """Undo the latest rating; return its question id (None when there is nothing)."""
    from dl500.errors import NotFound

    try:
        done = store.practice.undo(None, _now())
    except NotFound:
        click.echo("Nothing to undo.")
        return None
    click.echo(f"Undone: {done.card.state.question_id}")
    return str(done.card.state.question_id)


def _session(
    store: Any, bank: Any, filters: Any, count: int, lang: str, content_root: Path
) -> list[str]:
    """Run the quiz loop; return the grades given (undone ones removed), in order."""
    from rich.console import Console

    console, keys = Console(), _Keys()
    given: list[str] = []
    again = None
    while len(given) < count:
        qid = again or store.practice.queue(bank, _now(), filters).next()
        again = None
        if qid is None:
            click.echo("Nothing more is due. Well done!")
            break
        q, card = bank.questions[qid], store.practice.card(qid)
        _show_front(console, q, lang, len(given) + 1, count, card)
        if keys.ask("Press Enter (or any key) to reveal, q to quit > ") in (None, "q"):
            break
        _show_back(console, bank, q, lang, content_root)
        key = _ask_grade(keys, card)
        if key in (None, "q"):
            break
        if key == "u":
            undone = _undo(store)
            if undone is not None and given:
                given.pop()
            again = undone or qid
            continue
        click.echo(_rate(store, qid, card, key))  # type: ignore[arg-type]
        given.append(key)  # type: ignore[arg-type]
    return given


@click.command("quiz")
@content_option
@lang_option
@db_option
@click.option("--chapter", type=int, multiple=True, help="Only this chapter (repeatable).")
@click.option(
    "--count", type=click.IntRange(1, 1000), default=20, show_default=True, help="Cards to rate."
)
def quiz_command(
    content_root: Path, lang: str, db_url: str | None, chapter: tuple[int, ...], count: int
) -> None:
    """Review due and new cards: reveal with a key, rate 1-4 (u undo, q quit)."""
    from dl500.practice.queue import Filters

    bank = load_or_fail(content_root)
    for number in chapter:
        if bank.chapter(number) is None:
            raise click.BadParameter(f"no chapter {number}", param_hint="--chapter")
    store = _open_store(db_url)
    try:
        given = _session(
            store, bank, Filters(chapters=frozenset(chapter)), count, lang, content_root
        )
    finally:
        store.close()
    done = len(given)
    parts = ", ".join(
        f"{name.lower()} {given.count(k)}" for k, name in _GRADES.items() if k in given
    )
    click.echo(f"Rated {done} card{'s' if done != 1 else ''}" + (f": {parts}." if parts else "."))


def _bar(share: float, width: int = 20) -> str:
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled)


def _print_summary(store: Any, bank: Any, lang: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from dl500.practice.stats import due_forecast, mastery_by_chapter, summarize

    at, practice = _now(), store.practice
    offset = practice.settings().utc_offset_min
    states, events = practice.states(), practice.events()
    s = summarize(bank, states, events, at, offset)
    queue = practice.queue(bank, at)
    retention = "—" if s.retention_30d is None else f"{s.retention_30d:.0%}"
    console = Console()
    console.print(
        f"[bold]Due now[/bold] {len(queue.due)}   [bold]new left today[/bold] {len(queue.new)}"
        f" (of {queue.new_total} unseen)\n"
        f"[bold]Reviews[/bold] {s.reviews_total} total, {s.reviews_today} today   "
        f"[bold]streak[/bold] {s.streak_days} day{'s' if s.streak_days != 1 else ''}\n"
        f"[bold]Retention (30 d)[/bold] {retention}   [bold]mastery[/bold] {s.mastery:.0%}   "
        f"[bold]seen[/bold] {s.seen}/{s.total}"
    )
    table = Table("chapter", "seen", "mastery", "")
    titles = {c.number: c.title.get(lang) for c in bank.chapters}
    for m in mastery_by_chapter(bank, states, at):
        name = f"{m.chapter}. {titles[m.chapter]}"
        table.add_row(name, f"{m.seen}/{m.total}", _bar(m.mastery), f"{m.mastery:.0%}")
    console.print(table)
    week = due_forecast(states, at, offset, 7)
    console.print("Due in the next 7 days: " + " ".join(str(n) for n in week))


@click.group("progress", invoke_without_command=True)
@content_option
@lang_option
@db_option
@click.pass_context
def progress_group(ctx: click.Context, content_root: Path, lang: str, db_url: str | None) -> None:
    """Show practice progress; `export` and `import` back it up or move it."""
    if ctx.invoked_subcommand is not None:
        return
    bank = load_or_fail(content_root)
    store = _open_store(db_url)
    try:
        _print_summary(store, bank, lang)
    finally:
        store.close()


@progress_group.command("export")
@db_option
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def export_command(db_url: str | None, file: Path) -> None:
    """Write practice history, bookmarks and notes to FILE as versioned JSON (`-`: stdout)."""
    import json
    import os

    from dl500.store.transfer import export_progress

    store = _open_store(db_url)
    try:
        data = export_progress(store.writer, _now())
    finally:
        store.close()
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if str(file) == "-":
        click.echo(text, nl=False)
        return
    partial = file.with_name(file.name + ".partial")  # never leave a half-written backup
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, file)
    counts = data["counts"]
    click.echo(
        f"Exported {counts['reviews']} reviews of {counts['cards']} cards, "
        f"{counts['bookmarks']} bookmarks and {counts['notes']} notes to {file}"
    )


@progress_group.command("import")
@db_option
@click.option("--replace", "is_replace", is_flag=True, help="Overwrite existing history.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(db_url: str | None, is_replace: bool, file: Path) -> None:
    """Replace practice history with FILE (from `export`) and merge its notes; all or nothing."""
    from dl500.errors import BadRequest, Conflict
    from dl500.store.transfer import import_progress

    store = _open_store(db_url)
    try:
        done = import_progress(store.writer, file.read_bytes(), is_replace=is_replace)
    except BadRequest as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    except Conflict as exc:
        raise click.ClickException(f"{exc} (pass --replace)") from None
    finally:
        store.close()
    click.echo(
        f"Imported {done.reviews} reviews of {done.cards} cards, {done.interviews} interviews"
    )
