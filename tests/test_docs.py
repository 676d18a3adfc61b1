"""Docs coverage: the generated references are current and every command is documented."""

from __future__ import annotations

from pathlib import Path

import click

from dl500.bank.reference import front_matter_reference
from dl500.cli import cli
from dl500.cli.reference import cli_reference

DOCS = Path(__file__).parents[1] / "docs"


def test_front_matter_reference_is_current() -> None:
    assert (DOCS / "front-matter.md").read_text(encoding="utf-8") == front_matter_reference(), (
        "run `make docs`"
    )


def test_cli_reference_is_current() -> None:
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == cli_reference(), "run `make docs`"


def test_every_command_has_help_text() -> None:
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None and command.help, f"`dl500 {name}` has no help text"


def test_every_front_matter_field_is_documented() -> None:
    from dl500.bank.reference import field_docs
    from dl500.bank.validate import KNOWN_FIELDS

    documented = {name: doc for name, _, doc in field_docs()}
    assert set(documented) == set(KNOWN_FIELDS)
    assert all(documented.values())
