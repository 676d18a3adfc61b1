"""Generate docs/cli.md from the click commands themselves (`make docs`)."""

from __future__ import annotations

import click


def _walk(group: click.Group, ctx: click.Context, prefix: str) -> list[tuple[str, click.Command]]:
    out = []
    for name in sorted(group.list_commands(ctx)):
        cmd = group.get_command(ctx, name)
        if cmd is None:
            continue
        out.append((f"{prefix}{name}", cmd))
        if isinstance(cmd, click.Group):
            out += _walk(cmd, ctx, f"{prefix}{name} ")
    return out


def cli_reference() -> str:
    """Return Markdown with the --help text of every command."""
    from dl500.cli import cli

    ctx = click.Context(cli, info_name="dl500")
    parts = [
        "# Command-line reference",
        "",
        "Generated from the commands by `make docs`; do not edit by hand.",
        "",
    ]
    # click caches each command's help option the first time it is built, so use the names
    # a real invocation uses (-h, --help); otherwise the text depends on which ran first.
    names = cli.context_settings.get("help_option_names", ["--help"])
    for name, cmd in [("", cli), *_walk(cli, ctx, "")]:
        sub = click.Context(
            cmd, info_name=f"dl500 {name}".strip(), parent=None, help_option_names=names
        )
        title = f"dl500 {name}".strip()
        parts += [f"## `{title}`", "", "```text", cmd.get_help(sub).rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(cli_reference(), end="")
