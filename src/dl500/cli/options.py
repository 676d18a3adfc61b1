"""Options shared by several commands, written once as decorators."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def default_content_root() -> Path:
    """Return the default content folder (see `dl500.bank.paths`)."""
    # Not from the loader: it pulls in YAML, which `--help` and `dl500 ask` never need.
    from dl500.bank.paths import default_content_root as from_paths

    return from_paths()


def content_option(fn: F) -> F:
    """Add `--content DIR` (defaults to the handbook's content folder)."""
    return click.option(
        "--content",
        "content_root",
        type=click.Path(file_okay=False, path_type=Path),
        default=default_content_root,
        show_default="./content",
        help="Content folder to read.",
    )(fn)


def lang_option(fn: F) -> F:
    """Add `--lang zh|en`."""
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default="zh",
        show_default=True,
        help="Language to show.",
    )(fn)


def load_or_fail(content_root: Path) -> Any:
    """Load the bank for a reading command; print problems as a click error."""
    from dl500.bank.loader import read_bank

    bank, problems = read_bank(content_root)
    errors = [p for p in problems if not p.is_warning]
    if errors:
        shown = "\n".join(str(p) for p in errors[:20])
        more = f"\n… and {len(errors) - 20} more" if len(errors) > 20 else ""
        click.echo(
            f"warning: {len(errors)} content problems (run `dl500 check`):\n{shown}{more}", err=True
        )
    return bank
