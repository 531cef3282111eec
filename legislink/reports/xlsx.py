"""Lays plain rows out on write-only openpyxl sheets: the only place cells are made.

Every text goes through `cell_text`; text a spreadsheet would read as a formula is stored
as a string cell with the quote-prefix style, words unchanged.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter

from . import sheetdata
from .cells import cell_text, needs_text_guard
from .rows import RowKind, SheetRow
from .sheetdata import RowStream

EXCEL_MAX_ROWS = 1_048_576
PAGE_FOOTER = "第 &P 页 共 &N 页"
_A4 = 9
# Points per line of 11 pt text (Excel's own default row height) when a row's height is set for it.
_LINE_HEIGHT = 14.25
_MAX_ROW_HEIGHT = 409.5

_THIN = Side(style="thin")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass(frozen=True)
class CellStyle:
    font: Font | None = None
    alignment: Alignment | None = None
    border: Border | None = None
    fill: PatternFill | None = None
    number_format: str | None = None

    def apply(self, cell: WriteOnlyCell) -> None:
        for name in ("font", "alignment", "border", "fill", "number_format"):
            value = getattr(self, name)
            if value is not None:
                setattr(cell, name, value)


_TITLE_SIZE = 16


def _bold(size: float = DEFAULT_FONT.sz) -> Font:
    """The workbook's own font, bold: a bare Font() has no name and LibreOffice prints it in a serif face."""
    return Font(name=DEFAULT_FONT.name, family=DEFAULT_FONT.family, scheme=DEFAULT_FONT.scheme, sz=size, bold=True)


_BOLD = _bold()
_TITLE = CellStyle(
    font=_bold(_TITLE_SIZE), alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)
)
_BANNER = CellStyle(alignment=Alignment(vertical="center", wrap_text=True))
_HEADER = CellStyle(
    font=_BOLD, alignment=_CENTRED, border=_GRID,
    fill=PatternFill(fill_type="solid", start_color="FFD9D9D9"),
)
_SECTION = CellStyle(font=_BOLD, alignment=Alignment(vertical="center"), border=_GRID)
_MERGED_STYLES = {
    RowKind.TITLE: _TITLE, RowKind.BANNER: _BANNER, RowKind.SECTION: _SECTION, RowKind.FOOTER: _BANNER,
}


@dataclass(frozen=True)
class Column:
    """A column's width (Excel units, about one Latin character), number format and alignment."""

    width: float
    number_format: str | None = None
    centred: bool = False
    wrap: bool = True


@dataclass(frozen=True)
class SheetLayout:
    """How one sheet prints and scrolls.

    `header_row` repeats on every printed page and panes freeze below it. With
    `styled_body` False (the long 意见明细 sheets, the import template) the body is not
    written here but streamed (`sheetdata`) or typed by staff: the columns carry wrap,
    widths and number formats, and only dates and guarded text get a cell style.
    """

    columns: tuple[Column, ...]
    header_row: int | None = None
    landscape: bool = True
    styled_body: bool = True

    @property
    def last_column(self) -> str:
        return get_column_letter(len(self.columns))


class SheetWriter:
    """Writes SheetRows to one new write-only sheet, counting rows for merges and heights."""

    def __init__(self, workbook: Workbook, title: str, layout: SheetLayout) -> None:
        self.ws = workbook.create_sheet(title)
        self.layout = layout
        self.rows_written = 0
        self._body = [self._body_style(c) for c in layout.columns]
        self._total = [replace(s, font=_BOLD) for s in self._body]
        self._styles = {
            RowKind.HEADER: [_HEADER] * len(layout.columns), RowKind.TOTAL: self._total, RowKind.ENTRY: self._body,
        }
        self._setup()

    @staticmethod
    def _body_style(column: Column) -> CellStyle:
        alignment = _CENTRED if column.centred else (_WRAP_TOP if column.wrap else None)
        return CellStyle(alignment=alignment, border=_GRID, number_format=column.number_format)

    def _setup(self) -> None:
        """Everything write-only mode needs before the first row: widths, panes, printing."""
        ws, layout = self.ws, self.layout
        for index, column in enumerate(layout.columns, 1):
            dimension = ws.column_dimensions[get_column_letter(index)]
            dimension.width = column.width
            if not layout.styled_body:
                # Excel applies a column style only to cells typed later; LibreOffice also to unstyled ones.
                dimension.alignment = _WRAP_TOP if column.wrap else Alignment(vertical="top")
                if column.number_format:
                    dimension.number_format = column.number_format
        if layout.header_row:
            ws.freeze_panes = f"A{layout.header_row + 1}"
            ws.print_title_rows = f"{layout.header_row}:{layout.header_row}"
        ws.page_setup.orientation = "landscape" if layout.landscape else "portrait"
        ws.page_setup.paperSize = _A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.oddFooter.center.text = PAGE_FOOTER

    def write_all(self, rows: Iterable[SheetRow]) -> None:
        for row in rows:
            self.write(row)

    def write(self, row: SheetRow) -> None:
        self.rows_written += 1
        if row.kind in _MERGED_STYLES:
            self._write_merged(row)
            return
        styles = self._styles.get(row.kind)
        if styles is None:
            self.ws.append([])
            return
        if self.layout.styled_body:
            self.ws.row_dimensions[self.rows_written].height = self._fitted_height(row.values)
        self.ws.append(self._cells(row.values, styles))

    def _write_merged(self, row: SheetRow) -> None:
        """One text across the table's width; a section row inside the grid keeps its borders."""
        style = _MERGED_STYLES[row.kind]
        text = cell_text(row.values[0])
        width = len(self.layout.columns)
        fillers = [None] * (width - 1)
        styles = [style] * width if style.border else [style] + fillers
        number = self.rows_written
        self.ws.row_dimensions[number].height = self._merged_height(text, row.kind)
        self.ws.append(self._cells((text, *fillers), styles))
        if width > 1:
            self.ws.merged_cells.add(f"A{number}:{self.layout.last_column}{number}")

    def _merged_height(self, text: str, kind: RowKind) -> float:
        """Excel never fits a merged row to its text: size it from the text's display width."""
        scale = _TITLE_SIZE / 11 if kind is RowKind.TITLE else 1.0
        lines = _lines(text, sum(c.width for c in self.layout.columns) / scale)
        return _height(lines * _LINE_HEIGHT * scale + 6)

    def _fitted_height(self, values: Iterable[object]) -> float:
        """Heights for the printed tables: LibreOffice keeps unsized rows one line high, cutting wrapped text."""
        lines = max(
            (_lines(value, column.width) for value, column in zip(values, self.layout.columns, strict=False)
             if column.wrap and isinstance(value, str)),
            default=1,
        )
        return _height(lines * _LINE_HEIGHT + 4)

    def _cells(self, values: Iterable[object], styles: Iterable[CellStyle | None]) -> list[object]:
        return [_cell(self.ws, value, style) for value, style in zip(values, styles, strict=False)]


def _cell(ws, value: object, style: CellStyle | None) -> object:
    """A plain value where openpyxl can take it as is, else a cell with type and style fixed."""
    guard = False
    if isinstance(value, str):
        # None, not "", so that openpyxl writes no element at all for an empty cell.
        value = cell_text(value) or None
        guard = value is not None and needs_text_guard(value)
        if style is None and not guard:
            return value
    elif style is None:
        return value
    cell = WriteOnlyCell(ws, value)
    if style is not None:
        style.apply(cell)
    if guard:
        # A string cell is never evaluated; the quote prefix keeps it text when a user re-edits it.
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


class AppendedRows:
    """A long sheet's body through openpyxl's public write-only append: the cells of
    `sheetdata.RowStream`, about seven times slower; taken where the fast path is not available."""

    def __init__(self, ws, number_formats: Sequence[str | None]) -> None:
        self.ws = ws
        self.rows = 0
        self._styles = [CellStyle(number_format=f) if f else None for f in number_formats]

    def write(self, values: Sequence[object]) -> None:
        self.ws.append([_cell(self.ws, _plain(value), style)
                        for value, style in zip(values, self._styles, strict=False)])
        self.rows += 1

    def close(self) -> None:
        """Nothing of its own to release: the rows are in openpyxl's sheet."""


def _plain(value: object) -> object:
    """What the fast path writes as a number or a date stays so; anything else becomes its text."""
    if value is None or isinstance(value, str | datetime | date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return str(value)


def _height(points: float) -> float:
    """A row height Excel accepts: it refuses rows taller than 409.5 points."""
    return round(min(points, _MAX_ROW_HEIGHT), 1)


def _lines(text: str, width: float) -> int:
    """Lines a text wraps to in a column `width` units wide, one unit kept for the cell's margins."""
    usable = max(width - 1, 1)
    return sum(max(1, math.ceil(_display_width(line) / usable)) for line in text.split("\n"))


def _display_width(text: str) -> int:
    """Excel column units a text needs: CJK and full-width characters take two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


@contextmanager
def streaming_workbook() -> Iterator[Workbook]:
    """A write-only workbook whose half-written sheets are closed and deleted if filling it fails.

    openpyxl deletes a sheet's temporary file only once the workbook is saved; a failed
    export (a query dying half-way) would leave the files until the process exits, and the
    abandoned sheet writers raise "I/O operation on closed file" when collected.
    """
    workbook = Workbook(write_only=True)
    try:
        yield workbook
    except BaseException:
        # Saving is how openpyxl closes a write-only sheet and deletes its temporary file.
        with suppress(Exception):
            workbook.save(_Discarded())
        raise


class _Discarded(io.RawIOBase):
    """A file that keeps nothing written to it."""

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        return len(data)


def write_sheet(workbook: Workbook, title: str, layout: SheetLayout, rows: Iterable[SheetRow]) -> SheetWriter:
    writer = SheetWriter(workbook, title, layout)
    writer.write_all(rows)
    return writer


def write_continued(
    workbook: Workbook, title: str, layout: SheetLayout, rows: Iterable[SheetRow], row_limit: int
) -> list[RowStream | AppendedRows]:
    """A long table over `title`, `title`2, `title`3 … with at most `row_limit` rows each.

    The first row must be the header: openpyxl writes it, with the layout, at the top of
    every sheet; the body rows are streamed (see `sheetdata`) where the installed openpyxl
    allows it, else appended. The caller saves with `save_with_streams` and closes them.
    """
    if row_limit < 2:
        raise ValueError("a sheet must hold the header and at least one row")
    rows = iter(rows)
    header = next(rows)
    formats = [column.number_format for column in layout.columns]
    streamed = sheetdata.available()

    def new_sheet(name: str) -> RowStream | AppendedRows:
        ws = write_sheet(workbook, name, layout, [header]).ws
        return RowStream(ws, formats, first_row=2) if streamed else AppendedRows(ws, formats)

    streams = [new_sheet(title)]
    try:
        for row in rows:
            if streams[-1].rows == row_limit - 1:
                streams.append(new_sheet(f"{title}{len(streams) + 1}"))
            streams[-1].write(row.values)
    except BaseException:
        for stream in streams:
            stream.close()
        raise
    return streams
