"""Allow `python -m dl500`."""

from dl500.cli import main

main()
