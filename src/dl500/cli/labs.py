"""Lab commands: list, run, build. torch is imported only by the labs themselves."""

from __future__ import annotations

from pathlib import Path

import click

from dl500.cli.options import content_option


@click.group("labs")
def labs_group() -> None:
    """Computed tables and figures (needs the `labs` extra: torch, numpy, matplotlib)."""


@labs_group.command("list")
@content_option
def list_labs(content_root: Path) -> None:
    """List registered labs and whether their cached output is current."""
    from dl500.labs.cache import is_stale
    from dl500.labs.registry import registry

    for name, entry in registry().items():
        state = "stale" if is_stale(entry, content_root) else "ok"
        click.echo(f"{name:<40} {state}")


@labs_group.command("run")
@content_option
@click.argument("name")
@click.option("--smoke", is_flag=True, help="Use the fast smoke configuration.")
def run_lab_command(content_root: Path, name: str, smoke: bool) -> None:
    """Run one lab and print its output (does not write the cache)."""
    from dl500.labs.cache import run_lab
    from dl500.labs.registry import registry
    from dl500.render.terminal import print_lab_output

    entry = registry().get(name)
    if entry is None:
        raise click.ClickException(f"unknown lab {name!r}; see `dl500 labs list`")
    print_lab_output(run_lab(entry, is_smoke=smoke))


@labs_group.command("build")
@content_option
@click.option("--changed", is_flag=True, help="Only labs whose code or parameters changed.")
def build_labs(content_root: Path, changed: bool) -> None:
    """Regenerate lab outputs into content/_generated/labs/."""
    from rich.progress import Progress

    from dl500.labs.cache import is_stale, run_lab, write_output
    from dl500.labs.registry import registry

    todo = [e for e in registry().values() if not changed or is_stale(e, content_root)]
    with Progress() as progress:
        task = progress.add_task("labs", total=len(todo))
        for entry in todo:
            progress.update(task, description=entry.name)
            write_output(run_lab(entry), content_root)
            progress.advance(task)
    click.echo(f"built {len(todo)} lab outputs")
