"""dl500: the Deep Learning 500 Questions handbook as software.

The public API is small on purpose: load a bank and validate it. Everything else is
reached through the CLI (`dl500 --help`) or the web app.
"""

from dl500.bank.loader import load_bank
from dl500.bank.schema import Bank, Chapter, Localized, Question, QuestionId, Section
from dl500.errors import ContentError, Dl500Error

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
