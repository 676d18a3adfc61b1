"""`dl500 ask`: search the handbook from the terminal.

The command imports only click and `dl500.search`, never the web stack or
torch: with the index already built it answers without reading the Markdown bank.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dl500.cli.options import content_option

if TYPE_CHECKING:
    from dl500.search.query import Hit

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


@click.command("ask")
@content_option
@click.argument("query", nargs=-1)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default=None,
    help="Language of titles and snippets (default: Chinese if the query has Chinese).",
)
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option(
    "--json", "as_json", is_flag=True, help="Print [{id, number, title, score, snippet}]."
)
def ask_command(
    content_root: Path, query: tuple[str, ...], lang: str | None, limit: int, as_json: bool
) -> None:
    """Find the questions that answer QUERY (Chinese, English or both; typos are fine)."""
    from dl500.search.query import MAX_QUERY_CHARS, SearchEngine
    from dl500.search.tokenize import has_cjk

    text = " ".join(query)
    if not text.strip():
        raise click.UsageError('QUERY is empty; try e.g. dl500 ask "BN和LN区别"')
    if not content_root.is_dir():
        raise click.ClickException(f"no content folder at {content_root}")
    if len(text) > MAX_QUERY_CHARS:
        click.echo(f"note: only the first {MAX_QUERY_CHARS} characters are used", err=True)
    chosen = lang or ("zh" if has_cjk(text) else "en")
    engine = SearchEngine.for_content(content_root, on_build=_say_building)
    hits = engine.search(text, limit, snippet_langs=(chosen,))  # type: ignore[arg-type]
    if as_json:
        click.echo(json.dumps([_as_dict(h, chosen) for h in hits], ensure_ascii=False, indent=2))
    elif not hits:
        click.echo("No question matched; try other words or the other language.")
    for rank, hit in enumerate(hits if not as_json else [], 1):
        click.echo(
            f"{rank:>2}. {click.style(hit.number, bold=True)}  {hit.title.get(chosen)}"  # type: ignore[arg-type]
            + click.style(f"  [{hit.id}]", dim=True)
        )
        click.echo(f"    {_terminal(hit.snippet.get(chosen))}")  # type: ignore[arg-type]


def _say_building(files: int) -> None:
    click.echo(f"Indexing {files} content files (once per content change)…", err=True)


def _as_dict(hit: Hit, lang: str) -> dict[str, object]:
    return {
        "id": hit.id,
        "number": hit.number,
        "title": {"zh": hit.title.zh, "en": hit.title.en},
        "score": round(hit.score, 3),
        "snippet": hit.snippet.zh if lang == "zh" else hit.snippet.en,
    }


def _terminal(snippet_html: str) -> str:
    """Turn a snippet's `<mark>` into bold colour and unescape the rest.

    click.echo drops the colour again when the output is not a terminal.
    """
    parts = _MARK.split(snippet_html)
    return "".join(
        click.style(html.unescape(p), fg="yellow", bold=True) if i % 2 else html.unescape(p)
        for i, p in enumerate(parts)
    )
