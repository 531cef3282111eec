"""Chinese legal texts: read .txt/.docx sources, parse 编/分编/章/节/条/款/项/目, compare versions.

A domain package: plain functions on dataclasses, no Flask, no database.
"""

from legislink.lawtext.errors import DraftSourceError, LawTextError, ParseError
from legislink.lawtext.jsonview import to_json
from legislink.lawtext.model import Article, Heading, Item, Paragraph, ParsedDocument, ParseWarning
from legislink.lawtext.parse import parse_text

__all__ = [
    "Article",
    "DraftSourceError",
    "Heading",
    "Item",
    "LawTextError",
    "Paragraph",
    "ParseError",
    "ParseWarning",
    "ParsedDocument",
    "parse_text",
    "to_json",
]
