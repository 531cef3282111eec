"""The workbooks of the consultations before and after a draft (REPORT_FORMAT.md, "Before and after
the draft"): a call for proposals (立项建议汇总表, 建议明细) and the evaluation of a law in force
(立法后评估意见汇总表, 意见明细). Rows 1–3, the footer, the layout and the cell rules are those of the
draft's 汇总表: the same row kinds, writer and cleaning.

Sheets other modules add (the 民情转办 sheet of residents' requests) are appended in one place,
`append_extra_sheets`, after each workbook's own sheets: the caller passes them as functions that
take the workbook.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO

from openpyxl import Workbook

from .export import DETAIL_SHEET, SUMMARY_LAYOUT, detail_layout
from .model import DetailRow, ProposalDetail, ProposalEntry, ReportEntry, ReportHeader
from .rows import (
    CONTACT_HEADERS,
    EVALUATION_FORM,
    RowKind,
    SheetRow,
    build_detail_rows,
    build_summary_rows,
    china_time,
    cn_date,
    duplicate_note,
    entry_numbers,
    ordered_entries,
    sources_text,
)
from .sheetdata import RowStream, save_with_streams
from .xlsx import EXCEL_MAX_ROWS, Column, SheetLayout, streaming_workbook, write_continued, write_sheet

PROPOSAL_SUMMARY_SHEET = "立项建议汇总表"
PROPOSAL_DETAIL_SHEET = "建议明细"
EVALUATION_SUMMARY_SHEET = "立法后评估意见汇总表"
EVALUATION_DETAIL_SHEET = DETAIL_SHEET

PROPOSAL_HEADERS = ("序号", "建议项目名称", "立法必要性", "主要内容", "意见来源", "提出人数", "备注")
PROPOSAL_DETAIL_HEADERS = (
    "序号", "回执编号", "建议项目名称", "立法必要性", "主要内容", "身份", "联络站", "收集方式", "提交时间",
    "建议分组", "状态",
)

# About 140 units in all, as the draft's summary: one A4 landscape page wide.
PROPOSAL_LAYOUT = SheetLayout(
    columns=(Column(6, centred=True), Column(20), Column(40), Column(36), Column(16), Column(7, centred=True),
             Column(12)),
    header_row=4,
)
_PROPOSAL_DETAIL_COLUMNS = (
    Column(8, wrap=False), Column(14, wrap=False), Column(24), Column(50), Column(40), Column(12), Column(16),
    Column(10), Column(17, number_format="yyyy-mm-dd hh:mm", wrap=False), Column(9, wrap=False), Column(9),
)
_CONTACT_COLUMNS = (Column(10), Column(16, wrap=False))

# A sheet another module writes into a workbook being built (e.g. 民情转办).
ExtraSheet = Callable[[Workbook], object]


def append_extra_sheets(workbook: Workbook, extra: Sequence[ExtraSheet]) -> None:
    """The one place where sheets beyond a workbook's own are added, after them, in the order given."""
    for write in extra:
        write(workbook)


def ordered_proposals(entries: Iterable[ProposalEntry]) -> list[ProposalEntry]:
    """Most proposers first; ties by name, then in the caller's order."""
    return sorted(entries, key=lambda e: (-e.count, e.name))


def proposal_numbers(entries: Iterable[ProposalEntry]) -> dict[str, int]:
    """The 序号 each group gets in the summary, by group id."""
    return {e.group: n for n, e in enumerate(ordered_proposals(entries), 1) if e.group is not None}


def build_proposal_summary_rows(header: ReportHeader, entries: Iterable[ProposalEntry]) -> list[SheetRow]:
    """The 立项建议汇总表 sheet. Row 3 says what 汇总表's says, without the split by article a call for
    proposals does not have."""
    ordered = ordered_proposals(entries)
    return [
        SheetRow(RowKind.TITLE, (f"{header.draft_title}立项建议汇总表",)),
        SheetRow(RowKind.BANNER, (
            f"报送单位：{header.contact_point}　征求意见时间：{cn_date(header.opens)}至{cn_date(header.closes)}"
            f"　报送日期：{cn_date(header.report_date)}",
        )),
        SheetRow(RowKind.BANNER, (
            f"共{header.participants}人次参与，收到意见{header.comments_received}条，整理形成意见{len(ordered)}条",
        )),
        SheetRow(RowKind.HEADER, PROPOSAL_HEADERS),
        *(SheetRow(RowKind.ENTRY, _proposal_values(n, e)) for n, e in enumerate(ordered, 1)),
        SheetRow(RowKind.FOOTER, (f"联系人：{header.contact_name}　联系电话：{header.contact_phone}",)),
    ]


def _proposal_values(number: int, entry: ProposalEntry) -> tuple[object, ...]:
    return (
        number,
        entry.name,
        entry.necessity,
        entry.content,
        sources_text(entry.identity_counts, entry.station_counts),
        entry.count,
        "；".join(filter(None, (duplicate_note(entry.duplicate_count), entry.note))),
    )


def build_proposal_detail_rows(details: Iterable[ProposalDetail], *, with_contact: bool = False,
                               group_numbers: Mapping[str, int] | None = None) -> Iterator[SheetRow]:
    """The 建议明细 rows, lazily: the header, then one row per proposal. A group is shown by its 序号 in
    the summary; a group left out of the report keeps its id."""
    numbers = group_numbers or {}
    yield SheetRow(RowKind.HEADER, PROPOSAL_DETAIL_HEADERS + CONTACT_HEADERS if with_contact
                   else PROPOSAL_DETAIL_HEADERS)
    for number, row in enumerate(details, 1):
        values = (
            number, row.receipt, row.title, row.necessity, row.content, row.identity, row.station, row.channel,
            china_time(row.submitted_at), numbers.get(row.group, row.group) if row.group is not None else None,
            row.status,
        )
        yield SheetRow(RowKind.ENTRY, values + (row.name, row.phone) if with_contact else values)


def proposal_detail_layout(with_contact: bool) -> SheetLayout:
    columns = _PROPOSAL_DETAIL_COLUMNS + _CONTACT_COLUMNS if with_contact else _PROPOSAL_DETAIL_COLUMNS
    return SheetLayout(columns=columns, header_row=1, styled_body=False)


def _write(out: str | IO[bytes], summary: tuple[str, SheetLayout, list[SheetRow]],
           detail: tuple[str, SheetLayout, Iterable[SheetRow]], detail_row_limit: int,
           extra: Sequence[ExtraSheet]) -> list[str]:
    """The summary sheet, the detail sheets (continued past the row limit), then the extra sheets."""
    with streaming_workbook() as workbook:
        write_sheet(workbook, *summary)
        streams = write_continued(workbook, *detail, detail_row_limit)
        try:
            append_extra_sheets(workbook, extra)
            save_with_streams(workbook, out, [s for s in streams if isinstance(s, RowStream)])
        finally:
            for stream in streams:
                stream.close()
        return workbook.sheetnames


def write_proposal_report(out: str | IO[bytes], header: ReportHeader, entries: Iterable[ProposalEntry],
                          details: Iterable[ProposalDetail], *, with_contact: bool = False,
                          detail_row_limit: int = EXCEL_MAX_ROWS, extra: Sequence[ExtraSheet] = ()) -> list[str]:
    """The workbook of a call for proposals; returns the sheet names. `details` is consumed once."""
    entries = ordered_proposals(entries)
    rows = build_proposal_detail_rows(details, with_contact=with_contact, group_numbers=proposal_numbers(entries))
    return _write(out, (PROPOSAL_SUMMARY_SHEET, PROPOSAL_LAYOUT, build_proposal_summary_rows(header, entries)),
                  (PROPOSAL_DETAIL_SHEET, proposal_detail_layout(with_contact), rows), detail_row_limit, extra)


def write_evaluation_report(out: str | IO[bytes], header: ReportHeader, entries: Iterable[ReportEntry],
                            details: Iterable[DetailRow], *, with_contact: bool = False,
                            detail_row_limit: int = EXCEL_MAX_ROWS, extra: Sequence[ExtraSheet] = ()) -> list[str]:
    """The workbook of the evaluation of a law in force (`header.draft_title` is the law's title);
    returns the sheet names. 意见明细 is the draft's."""
    entries = ordered_entries(entries)
    rows = build_detail_rows(details, with_contact=with_contact, group_numbers=entry_numbers(entries))
    summary = build_summary_rows(header, entries, EVALUATION_FORM)
    return _write(out, (EVALUATION_SUMMARY_SHEET, SUMMARY_LAYOUT, summary),
                  (EVALUATION_DETAIL_SHEET, detail_layout(with_contact), rows), detail_row_limit, extra)
