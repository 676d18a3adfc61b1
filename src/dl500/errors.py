"""Error types shared by every layer.

One root, `Dl500Error`, so the edges (CLI, web) can turn any domain failure into a clear
message instead of a traceback. `ContentError` carries a location because content
problems are fixed by a person editing a file, who needs `path:line` to find it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Dl500Error(Exception):
    """Root of every error dl500 raises on purpose."""


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class ContentError(Dl500Error):
    """A problem in one content file, reported as `path:line: field: message`."""

    path: str
    line: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        prefix = f"{self.path}:{self.line}: "
        if self.field:
            prefix += f"{self.field}: "
        return prefix + self.message

    @property
    def is_warning(self) -> bool:
        return self.severity is Severity.WARNING


class ContentInvalid(Dl500Error):
    """Raised when a bank has errors; carries all of them, sorted."""

    def __init__(self, problems: list[ContentError]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NotFound(Dl500Error):
    """A question, chapter or lab that does not exist was asked for."""


class BadRequest(Dl500Error):
    """User input (a query, a rating, an import file) that cannot be accepted."""


class Conflict(Dl500Error):
    """A submission that contradicts what is stored: stale, out of order, or a reused id."""
