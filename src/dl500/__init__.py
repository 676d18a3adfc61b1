"""dl500: the Deep Learning 500 Questions handbook as software.

The public API is small on purpose: load a bank and validate it. Everything else is
reached through the CLI (`dl500 --help`) or the web app.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dl500.bank.loader import load_bank
    from dl500.bank.schema import Bank, Chapter, Localized, Question, QuestionId, Section
    from dl500.errors import ContentError, Dl500Error

_EXPORTS = {
    "load_bank": "dl500.bank.loader",
    "Bank": "dl500.bank.schema",
    "Chapter": "dl500.bank.schema",
    "Localized": "dl500.bank.schema",
    "Question": "dl500.bank.schema",
    "QuestionId": "dl500.bank.schema",
    "Section": "dl500.bank.schema",
    "ContentError": "dl500.errors",
    "Dl500Error": "dl500.errors",
}


def __getattr__(name: str) -> Any:
    # Resolved on first use (PEP 562): importing any dl500 submodule runs this file, and
    # the loader's YAML import would otherwise slow every CLI start, `dl500 ask` included.
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'dl500' has no attribute {name!r}")


__all__ = [
    "Bank",
    "Chapter",
    "ContentError",
    "Dl500Error",
    "Localized",
    "Question",
    "QuestionId",
    "Section",
    "load_bank",
]
__version__ = "0.1.0"
