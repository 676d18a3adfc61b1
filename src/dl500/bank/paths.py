"""Where the content lives by default; kept apart from the loader so that finding the folder
costs no YAML import (commands such as `dl500 ask` never parse the bank)."""

from __future__ import annotations

import os
from pathlib import Path


def default_content_root() -> Path:
    """Return the content folder: $DL500_CONTENT, ./content, or the source checkout's."""
    if os.environ.get("DL500_CONTENT"):
        return Path(os.environ["DL500_CONTENT"])
    here = Path.cwd() / "content"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[3] / "content"
