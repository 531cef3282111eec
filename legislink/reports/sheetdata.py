"""The fast path for the body rows of the long 意见明细 sheets: sheet XML written here and
spliced into the workbook openpyxl saved.

openpyxl's write-only mode spends about 10 µs on every cell: 100,000 comments took longer
than the export's whole 15 s budget on two cores before the file was even compressed.
These rows are plain values under a fixed header, so they are serialised here (about 1.5 µs
a cell) into a temporary file, and spliced into the sheet openpyxl wrote with the header,
widths, panes and print settings. Every text still goes through `cell_text`, text that
would read as a formula gets the quote-prefix style, and no formula element is ever written.

The splice relies on how openpyxl lays out a saved workbook (a sheet's part at `ws.path`,
its rows inside one <sheetData>), which is no promise of its public API. So it is taken only
with the openpyxl versions it was tested on (`available`); any other version writes the same
cells through openpyxl's own write-only mode (`xlsx.AppendedRows`): slower, never broken.
tests/reports/test_report_workbook.py runs every assertion on both paths.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from typing import IO, Any

import openpyxl
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from .cells import cell_text, needs_text_guard

# The openpyxl releases whose saved layout the splice was written and tested against.
TESTED_OPENPYXL = ("3.1.",)

_CHUNK = 1 << 20
# The streamed sheets are most of the file: 120 MB of XML for 100,000 comments. zlib's fast
# levels compress them in less than half the time of its default level 6, for a file about
# a tenth larger; the workbook's other parts keep the default.
STREAM_COMPRESSLEVEL = 2
_SHEET_DATA_END = b"</sheetData>"
# Texts up to this long are remembered per column, at most this many of them.
_CACHED_CHARS = 64
_CACHED_VALUES = 4096


def available() -> bool:
    """Whether the fast path may be taken with the installed openpyxl."""
    return openpyxl.__version__.startswith(TESTED_OPENPYXL)


class RowStream:
    """<row> elements for one sheet, numbered on from `first_row`, kept in a temporary file.

    Style ids are registered in the workbook through throwaway cells, so the styles.xml
    openpyxl writes holds the date formats and the quote prefix these rows refer to.
    """

    def __init__(self, ws: Any, number_formats: Sequence[str | None], first_row: int) -> None:
        self.ws = ws
        self.rows = 0
        self._first_row = first_row
        self._letters = [get_column_letter(index) for index in range(1, len(number_formats) + 1)]
        self._styles = [_style_id(ws, number_format=f) if f else None for f in number_formats]
        self._quoted = _style_id(ws, quotePrefix=True)
        # Per column, the cell written for each short text seen: an identity, a station, a
        # status or an article label repeats on most rows and is cleaned and escaped once.
        self._caches: list[dict[str, str]] = [{} for _ in number_formats]
        self._file = tempfile.TemporaryFile()

    def write(self, values: Sequence[object]) -> None:
        number = self._first_row + self.rows
        parts = [f'<row r="{number}">']
        for letter, value, style, cache in zip(self._letters, values, self._styles, self._caches, strict=False):
            if value is None:
                continue
            body = cache.get(value) if type(value) is str else None
            if body is None:
                body = _body(value, style, self._quoted)
                if type(value) is str and len(value) <= _CACHED_CHARS and len(cache) < _CACHED_VALUES:
                    cache[value] = body
            if body:
                parts.append(f'<c r="{letter}{number}"{body}')
        parts.append("</row>")
        self._file.write("".join(parts).encode())
        self.rows += 1

    def copy_to(self, target: IO[bytes]) -> None:
        self._file.seek(0)
        shutil.copyfileobj(self._file, target, _CHUNK)

    @property
    def size(self) -> int:
        return self._file.seek(0, 2)

    def close(self) -> None:
        self._file.close()


def _style_id(ws: Any, **style: object) -> int:
    cell = WriteOnlyCell(ws)
    for name, value in style.items():
        setattr(cell, name, value)
    return cell.style_id


def _body(value: object, style: int | None, quoted: int) -> str:
    """A cell after its reference (`<c r="A2"` comes before it); empty when nothing is written."""
    if isinstance(value, str):
        return _text(value, quoted)
    if isinstance(value, datetime | date):
        return f' s="{style or 0}"><v>{to_excel(value)}</v></c>'
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f' t="n"><v>{value}</v></c>'
    return _text(str(value), quoted)


def _text(value: str, quoted: int) -> str:
    text = cell_text(value)
    if not text:
        return ""
    style = f' s="{quoted}"' if needs_text_guard(text) else ""
    space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
    return f'{style} t="inlineStr"><is><t{space}>{_escape(text)}</t></is></c>'


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def save_with_streams(workbook: Workbook, out: str | IO[bytes], streams: Sequence[RowStream]) -> None:
    """Save the workbook, each stream's rows placed at the end of its sheet's <sheetData>."""
    if not streams:
        workbook.save(out)
        return
    with tempfile.TemporaryFile() as staged:
        workbook.save(staged)
        by_member = {stream.ws.path.lstrip("/"): stream for stream in streams}
        staged.seek(0)
        with (zipfile.ZipFile(staged) as source,
              zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=STREAM_COMPRESSLEVEL) as target):
            for info in source.infolist():
                stream = by_member.get(info.filename)
                if stream is None:
                    target.writestr(info, source.read(info))
                else:
                    _splice(source.read(info), stream, info, target)


def _splice(sheet: bytes, stream: RowStream, info: zipfile.ZipInfo, target: zipfile.ZipFile) -> None:
    head, tail = sheet.split(_SHEET_DATA_END, 1)
    size = len(head) + stream.size + len(_SHEET_DATA_END) + len(tail)
    # Known in advance, so that zipfile switches to Zip64 for a sheet past 2 GiB.
    with target.open(info.filename, "w", force_zip64=size >= zipfile.ZIP64_LIMIT) as written:
        written.write(head)
        stream.copy_to(written)
        written.write(_SHEET_DATA_END + tail)
