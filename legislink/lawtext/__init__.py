"""Chinese legal texts: read .txt/.docx sources, parse 编/分编/章/节/条/款/项/目, compare versions.

A domain package: plain functions on dataclasses, no Flask, no database.
"""

from legislink.lawtext.diff import Alignment, DiffSpan, align, char_diff
from legislink.lawtext.errors import DraftSourceError, LawTextError, ParseError
from legislink.lawtext.jsonview import to_json
from legislink.lawtext.model import Article, Heading, Item, Paragraph, ParsedDocument, ParseWarning
from legislink.lawtext.parse import parse_text
from legislink.lawtext.source import parse_source, read_source

__all__ = [
    "Alignment",
    "Article",
    "DiffSpan",
    "DraftSourceError",
    "Heading",
    "Item",
    "LawTextError",
    "Paragraph",
    "ParseError",
    "ParseWarning",
    "ParsedDocument",
    "align",
    "char_diff",
    "parse_source",
    "parse_text",
    "read_source",
    "to_json",
]
