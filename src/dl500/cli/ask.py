"""`dl500 ask` without click: the plain forms of the command, parsed and answered directly.

A cold `dl500 ask` must answer within a few times Python's own start-up; importing click
costs more than the search itself. `parse_plain` accepts exactly the well-formed calls
(QUERY words, --lang zh|en, --limit 1..100, --json, --content DIR, `--`) and returns
None for anything else, which then goes to the click command in `dl500.cli.search`: that
one prints help and every error message, so there is one source of wording. A test checks
that both parse every plain call alike.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from dl500.bank.lang import LANGS

if TYPE_CHECKING:
    from dl500.search.query import Hit

MAX_LIMIT = 100
_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
_VALUED = ("--lang", "--limit", "--content")


class AskRequest(NamedTuple):
    """One `dl500 ask` call, validated (a NamedTuple: see `dl500.search.query`)."""

    query: str
    content_root: Path
    lang: str | None = None
    limit: int = 10
    as_json: bool = False


def parse_plain(args: list[str]) -> AskRequest | None:
    """Return the request for a well-formed call, or None to let click handle it."""
    words: list[str] = []
    options: dict[str, str] = {}
    as_json = False
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            words.extend(rest)
        elif arg == "--json":
            as_json = True
        elif arg.split("=", 1)[0] in _VALUED:
            name, has_value, value = arg.partition("=")
            value = value if has_value else next(rest, None)  # type: ignore[assignment]
            if not value or name in options:
                return None  # missing, empty or given twice: click's messages say it best
            options[name] = value
        elif arg.startswith("-") and arg != "-":
            return None  # --help, -h, a typo'd option: click answers
        else:
            words.append(arg)
    limit = options.get("--limit", "10")
    lang = options.get("--lang")
    query = " ".join(words)
    if not query.strip() or lang not in (None, *LANGS) or not _is_limit(limit):
        return None
    root = options.get("--content")
    if root is not None and Path(root).exists() and not Path(root).is_dir():
        return None  # click's message names the problem ("is a file")
    return AskRequest(
        query, Path(root) if root is not None else _default_root(), lang, int(limit), as_json
    )


def _is_limit(text: str) -> bool:
    return text.strip().isdigit() and 1 <= int(text) <= MAX_LIMIT


def _default_root() -> Path:
    from dl500.bank.paths import default_content_root

    return default_content_root()


def run_ask(request: AskRequest) -> int:
    """Search and print; return the exit status (1 when there is no content folder)."""
    from dl500.search.query import MAX_QUERY_CHARS, SearchEngine
    from dl500.search.tokenize import has_cjk

    if not request.content_root.is_dir():
        print(f"Error: no content folder at {request.content_root}", file=sys.stderr)
        return 1
    if len(request.query) > MAX_QUERY_CHARS:
        print(f"note: only the first {MAX_QUERY_CHARS} characters are used", file=sys.stderr)
    lang = request.lang or ("zh" if has_cjk(request.query) else "en")
    engine = SearchEngine.for_content(request.content_root, on_build=_say_building)
    hits = engine.search(request.query, request.limit, snippet_langs=(lang,))  # type: ignore[arg-type]
    try:
        _print_hits(hits, lang, request.as_json)
    except BrokenPipeError:  # `dl500 ask … | head`: the reader left, nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _print_hits(hits: list[Hit], lang: str, as_json: bool) -> None:
    if as_json:
        print(json.dumps([as_dict(h, lang) for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        print("No question matched; try other words or the other language.")
    colour = _colour_wanted()
    for rank, hit in enumerate(hits, 1):
        number = _style(hit.number, "1", colour)
        label = _style(f"  [{hit.id}]", "2", colour)
        print(f"{rank:>2}. {number}  {hit.title.get(lang)}{label}")  # type: ignore[arg-type]
        print(f"    {terminal_snippet(hit.snippet.get(lang), colour)}")  # type: ignore[arg-type]


def _say_building(files: int) -> None:
    print(f"Indexing {files} content files (once per content change)…", file=sys.stderr)


def as_dict(hit: Hit, lang: str) -> dict[str, object]:
    """Return the `--json` form of a hit."""
    return {
        "id": hit.id,
        "number": hit.number,
        "title": {"zh": hit.title.zh, "en": hit.title.en},
        "score": round(hit.score, 3),
        "snippet": hit.snippet.zh if lang == "zh" else hit.snippet.en,
    }


def terminal_snippet(snippet_html: str, colour: bool) -> str:
    """Turn a snippet's `<mark>` into bold yellow (on a terminal) and unescape the rest."""
    parts = _MARK.split(snippet_html)
    return "".join(
        _style(html.unescape(p), "1;33", colour) if i % 2 else html.unescape(p)
        for i, p in enumerate(parts)
    )


def _colour_wanted() -> bool:
    """Colour only on a terminal, and never with NO_COLOR set (no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _style(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour and text else text
