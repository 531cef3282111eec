"""What may go into a cell: one cleaning rule for every text the package writes."""

from __future__ import annotations

import re

from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

# Excel's own limit, counted in UTF-16 code units (an emoji takes two).
MAX_CELL_CHARS = 32_767
TRUNCATION_MARKER = "……（内容超出单元格上限，已截断）"
# Text Excel or LibreOffice would read as a formula (or a DDE call) when typed or re-edited.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# openpyxl's control characters, plus what XML 1.0 cannot carry at all.
_UNWRITABLE_RE = re.compile(f"{ILLEGAL_CHARACTERS_RE.pattern}|[\ud800-\udfff\ufffe\uffff]")
_ERROR_VALUES = frozenset(ERROR_CODES)
# Below this many code points a text cannot exceed the limit even if every one is an emoji.
_SURELY_SHORT = MAX_CELL_CHARS // 2


def cell_text(value: object) -> str:
    """The text of `value` as a cell can hold it: unwritable characters removed, cut with a marker.

    A carriage return is written as the line break every XML reader turns it into anyway.
    The words are otherwise unchanged; whether the text must be guarded against formula
    reading is `needs_text_guard`'s question, answered by the writer with the cell type.
    """
    text = value if isinstance(value, str) else str(value)
    text = _UNWRITABLE_RE.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) <= _SURELY_SHORT or _utf16_length(text) <= MAX_CELL_CHARS:
        return text
    return _cut(text, MAX_CELL_CHARS - _utf16_length(TRUNCATION_MARKER)) + TRUNCATION_MARKER


def needs_text_guard(text: str) -> bool:
    """True when a spreadsheet would take the text for a formula or an error value."""
    return text.startswith(FORMULA_TRIGGERS) or text in _ERROR_VALUES


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, units: int) -> str:
    """The longest prefix of `text` that takes at most `units` UTF-16 code units."""
    cut = text[:units]
    while _utf16_length(cut) > units:
        cut = cut[: -max(1, (_utf16_length(cut) - units) // 2)]
    return cut
