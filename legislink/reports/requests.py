"""The 民情转办 sheet (REPORT_FORMAT.md, "Requests beyond legislation"): residents' requests staff sent
to a department, with the state of each and the department's reply. Plain rows in, one sheet out;
the cells go through the package's writer (formulas kept as text, control characters removed).

A request is 逾期 (overdue) when it is not 已办结 and its due day is before the export day; the
caller passes that day in the contact point's time zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import IO

from openpyxl import Workbook

from .rows import RowKind, SheetRow
from .xlsx import Column, SheetLayout, streaming_workbook, write_sheet

REQUESTS_SHEET = "民情转办"
REQUEST_HEADERS = (
    "序号", "回执编号", "反映事项", "承办单位", "转办日期", "办理期限", "办理状态", "答复内容", "答复日期",
)

# The stored states (models.ReferralStatus values) and the words the sheet writes for them.
STATE_WORDS = {"pending": "待办", "in_progress": "办理中", "done": "已办结"}
OVERDUE = "逾期"

_DAY = "yyyy-mm-dd"
# About 140 units: one A4 landscape page wide, like the other summary sheets.
REQUESTS_LAYOUT = SheetLayout(
    columns=(Column(6, centred=True), Column(14, wrap=False), Column(36), Column(16),
             Column(11, number_format=_DAY, centred=True), Column(11, number_format=_DAY, centred=True),
             Column(9, centred=True), Column(30), Column(11, number_format=_DAY, centred=True)),
    header_row=1,
)


@dataclass(frozen=True, kw_only=True)
class RequestRow:
    """One referral as the sheet shows it; `state` is the stored status value (pending / in_progress / done)."""

    receipt: str
    matter: str
    department: str
    assigned_on: date
    due_on: date
    state: str
    reply: str = ""
    replied_on: date | None = None


def state_word(state: str, due_on: date, today: date) -> str:
    """办理状态: 逾期 for an open request past its due day, else the stored state's word."""
    if state != "done" and due_on < today:
        return OVERDUE
    return STATE_WORDS[state]


def build_request_rows(rows: Iterable[RequestRow], today: date) -> list[SheetRow]:
    """The header, then one row per request, numbered in the order given."""
    return [
        SheetRow(RowKind.HEADER, REQUEST_HEADERS),
        *(SheetRow(RowKind.ENTRY, (n, r.receipt, r.matter, r.department, r.assigned_on, r.due_on,
                                   state_word(r.state, r.due_on, today), r.reply, r.replied_on))
          for n, r in enumerate(rows, 1)),
    ]


def write_requests_sheet(workbook: Workbook, rows: Sequence[RequestRow], today: date) -> None:
    """Adds the 民情转办 sheet to a workbook being built; nothing when there are no requests."""
    if rows:
        write_sheet(workbook, REQUESTS_SHEET, REQUESTS_LAYOUT, build_request_rows(rows, today))


def write_requests_workbook(out: str | IO[bytes], rows: Sequence[RequestRow], today: date) -> None:
    """A workbook that is the 民情转办 sheet alone, its header row even when no request was sent yet."""
    with streaming_workbook() as workbook:
        write_sheet(workbook, REQUESTS_SHEET, REQUESTS_LAYOUT, build_request_rows(rows, today))
        workbook.save(out)
