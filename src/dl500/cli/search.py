"""`dl500 ask` as a click command: help, validation and error messages.

The plain calls never reach it when run as the `dl500` script: `dl500.cli.main` answers
them through `dl500.cli.ask` without importing click. Both end in `run_ask`.
"""

from __future__ import annotations

from pathlib import Path

import click

from dl500.bank.lang import LANGS
from dl500.cli.ask import MAX_LIMIT, AskRequest, run_ask
from dl500.cli.options import content_option


@click.command("ask")
@content_option
@click.argument("query", nargs=-1)
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    help="Language of titles and snippets (default: Chinese if the query has Chinese).",
)
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=10, show_default=True)
@click.option(
    "--json", "as_json", is_flag=True, help="Print [{id, number, title, score, snippet}]."
)
def ask_command(
    content_root: Path, query: tuple[str, ...], lang: str | None, limit: int, as_json: bool
) -> None:
    """Find the questions that answer QUERY (Chinese, English or both; typos are fine)."""
    text = " ".join(query)
    if not text.strip():
        raise click.UsageError('QUERY is empty; try e.g. dl500 ask "BN和LN区别"')
    status = run_ask(AskRequest(text, content_root, lang, limit, as_json))
    if status:
        raise SystemExit(status)
