"""The `dl500` command line: one click group; each module adds its commands.

Heavy modules (the web stack, torch, rich's big renderers) are imported inside the
commands that need them, so `dl500 --help` and `dl500 check` start fast.
"""

from __future__ import annotations

import click

from dl500.cli import content, labs, practice, search, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dl500")
def cli() -> None:
    """Deep Learning 500 Questions: read, search and practise the interview handbook."""


for module in (content, labs, practice, search, serve):
    for command in module.COMMANDS:
        cli.add_command(command)
