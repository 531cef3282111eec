"""The workbooks: the upward report (汇总表, 意见明细…, 统计, 采纳情况) and the yearly figures."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import IO

from openpyxl import Workbook

from .model import DetailRow, ReportEntry, ReportHeader, StatsData, YearlyReport
from .rows import (
    build_adoption_rows,
    build_detail_rows,
    build_stats_rows,
    build_summary_rows,
    build_yearly_rows,
    entry_numbers,
    ordered_entries,
)
from .sheetdata import RowStream, save_with_streams
from .xlsx import EXCEL_MAX_ROWS, Column, SheetLayout, streaming_workbook, write_continued, write_sheet

SUMMARY_SHEET = "汇总表"
DETAIL_SHEET = "意见明细"
STATS_SHEET = "统计"
ADOPTION_SHEET = "采纳情况"
YEARLY_SHEET = "年度统计"

_COUNT = Column(7, centred=True)
# About 140 units in all: one A4 landscape page wide at 100 %; fit-to-width absorbs the rest.
SUMMARY_LAYOUT = SheetLayout(
    columns=(
        Column(6, centred=True), Column(12), Column(28), Column(38), Column(24), Column(16), _COUNT,
        Column(10),
    ),
    header_row=4,
)
_DETAIL_COLUMNS = (
    Column(8, wrap=False), Column(14, wrap=False), Column(14), Column(60), Column(36), Column(30),
    Column(12), Column(16), Column(10), Column(17, number_format="yyyy-mm-dd hh:mm", wrap=False),
    Column(9, wrap=False), Column(9, wrap=False), Column(9),
)
_CONTACT_COLUMNS = (Column(10), Column(16, wrap=False))
ADOPTION_LAYOUT = SheetLayout(
    columns=(Column(6, centred=True), Column(12), Column(45), _COUNT, Column(10, centred=True), Column(38),
             Column(20)),
    header_row=2,
)
STATS_LAYOUT = SheetLayout(
    columns=(Column(36, number_format="yyyy-mm-dd"), Column(12, centred=True),
             Column(10, number_format="0.0%", centred=True)),
    landscape=False,
)
YEARLY_LAYOUT = SheetLayout(
    columns=(Column(24), *[Column(14, centred=True)] * 6),
    header_row=2,
)


def detail_layout(with_contact: bool) -> SheetLayout:
    columns = _DETAIL_COLUMNS + _CONTACT_COLUMNS if with_contact else _DETAIL_COLUMNS
    return SheetLayout(columns=columns, header_row=1, styled_body=False)


def write_report(
    out: str | IO[bytes],
    header: ReportHeader,
    entries: Iterable[ReportEntry],
    details: Iterable[DetailRow],
    stats: StatsData,
    *,
    with_contact: bool = False,
    adoption: bool = False,
    detail_row_limit: int = EXCEL_MAX_ROWS,
    extra: Sequence[Callable[[Workbook], object]] = (),
) -> list[str]:
    """Write the upward report to a path or binary file; returns the sheet names.

    `details` may be a generator over a query: it is consumed once, row by row, and memory
    stays flat. Names and phones are written only `with_contact` (the caller checks the
    permission); `adoption` adds the 采纳情况 sheet. `detail_row_limit` counts the header.
    `extra` writes sheets other modules add (民情转办), last, as `kinds.append_extra_sheets` does.
    """
    entries = ordered_entries(entries)
    detail_rows = build_detail_rows(details, with_contact=with_contact, group_numbers=entry_numbers(entries))
    with streaming_workbook() as workbook:
        write_sheet(workbook, SUMMARY_SHEET, SUMMARY_LAYOUT, build_summary_rows(header, entries))
        streams = write_continued(workbook, DETAIL_SHEET, detail_layout(with_contact), detail_rows, detail_row_limit)
        try:
            write_sheet(workbook, STATS_SHEET, STATS_LAYOUT, build_stats_rows(header, stats, entries))
            if adoption:
                write_sheet(workbook, ADOPTION_SHEET, ADOPTION_LAYOUT, build_adoption_rows(header, entries))
            for write in extra:
                write(workbook)
            save_with_streams(workbook, out, [s for s in streams if isinstance(s, RowStream)])
        finally:
            for stream in streams:
                stream.close()
        return workbook.sheetnames


def write_yearly(out: str | IO[bytes], report: YearlyReport) -> None:
    """A workbook holding the 年度统计 sheet alone."""
    with streaming_workbook() as workbook:
        write_sheet(workbook, YEARLY_SHEET, YEARLY_LAYOUT, build_yearly_rows(report))
        workbook.save(out)
