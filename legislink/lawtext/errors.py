"""Domain errors: a stable `code` and `params` for translation, an English message for logs and CLI."""

from __future__ import annotations

from typing import Any


class LawTextError(Exception):
    """A source or text that cannot become a parsed law."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


class DraftSourceError(LawTextError):
    """The uploaded bytes are not a readable .txt or .docx (codes: empty_source, too_large,
    unsupported_format, not_text, invalid_docx, docx_too_large)."""


class ParseError(LawTextError):
    """The text was read but holds no law (codes: empty_text, no_articles)."""
