"""`dl500 serve`: run the web app with uvicorn."""

from __future__ import annotations

from pathlib import Path

import click

from dl500.cli.options import content_option


@click.command("serve")
@content_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8500, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--db",
    "db_url",
    envvar="DL500_DATABASE_URL",
    help="SQLAlchemy URL (default: SQLite in the user data folder).",
)
def serve_command(content_root: Path, host: str, port: int, db_url: str | None) -> None:
    """Serve the handbook at http://HOST:PORT."""
    import uvicorn

    from dl500.web.app import create_app

    app = create_app(content_root, db_url)
    click.echo(f"dl500 on http://{host}:{port}  (content: {content_root})")
    uvicorn.run(app, host=host, port=port, log_level="warning")
