"""The `dl500` click group; each module of `dl500.cli` adds its commands.

Command modules are imported only when their command runs (a lazy group), and heavy
modules (the web stack, torch, rich's big renderers) only inside the commands that need
them, so `dl500 ask` and `dl500 check` start fast.
"""

from __future__ import annotations

import importlib

import click

COMMANDS: dict[str, str] = {
    "ask": "search:ask_command",
    "check": "content:check_command",
    "content-stats": "content:stats_command",
    "labs": "labs:labs_group",
    "list": "content:list_command",
    "new": "content:new_command",
    "progress": "practice:progress_group",
    "quiz": "practice:quiz_command",
    "serve": "serve:serve_command",
    "show": "content:show_command",
}
"""Command name → `module:attribute` under dl500.cli."""


class LazyGroup(click.Group):
    """A group that imports a command's module the first time the command is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command = getattr(importlib.import_module(f"dl500.cli.{module}"), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dl500")
def cli() -> None:
    """Deep Learning 500 Questions: read, search and practise the interview handbook."""
