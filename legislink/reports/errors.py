"""Domain errors of the reports package: a code the web layer translates, params, an English default."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with one cell of an import file; `row` is the row number Excel shows."""

    row: int
    column: str
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)


class ReportsError(Exception):
    """A refusal the caller can show: `code` is stable, `message` is the English default."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


class ImportRejected(ReportsError):
    """The whole import file is refused; row-level refusals list every problem found."""

    def __init__(self, code: str, message: str, problems: tuple[ImportProblem, ...] = (), **params: Any):
        super().__init__(code, message, **params)
        self.problems = problems
