"""The `dl500` command line.

`main` is the installed entry point. `dl500 ask` in its plain forms is answered without
importing click (see `dl500.cli.ask`): click alone takes longer to import than the rest
of a cold search. Everything else, help and errors included, goes to the click group in
`dl500.cli.group`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dl500.cli.group import COMMANDS, LazyGroup, cli


def main(argv: list[str] | None = None) -> None:
    """Run the command line (the `dl500` script)."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["ask"]:
        from dl500.cli.ask import parse_plain, run_ask

        request = parse_plain(args[1:])
        if request is not None:
            sys.exit(run_ask(request))
    from dl500.cli.group import cli

    cli(args)


def __getattr__(name: str) -> Any:
    # `from dl500.cli import cli` keeps working without importing click for `main`.
    if name in ("cli", "COMMANDS", "LazyGroup"):
        from dl500.cli import group

        return getattr(group, name)
    raise AttributeError(f"module 'dl500.cli' has no attribute {name!r}")


__all__ = ["COMMANDS", "LazyGroup", "cli", "main"]
