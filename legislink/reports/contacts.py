"""The list of commenters to tell about an outcome: people who left a phone number and agreed
to be contacted. A station prints it and phones through it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from .rows import RowKind, SheetRow
from .xlsx import Column, SheetLayout, streaming_workbook, write_sheet

CONTACTS_SHEET = "告知名单"
CONTACT_HEADERS = ("序号", "回执编号", "姓名", "联系电话", "联络站", "条款", "采纳情况", "最终条文")
_LAYOUT = SheetLayout(
    columns=(Column(6, centred=True), Column(16), Column(12), Column(18, wrap=False), Column(16), Column(14),
             Column(10, centred=True), Column(60)),
    header_row=1,
)


@dataclass(frozen=True, kw_only=True)
class ContactRow:
    receipt: str
    name: str
    phone: str
    station: str
    article: str
    outcome: str
    final_text: str


def build_contact_rows(contacts: Iterable[ContactRow]) -> list[SheetRow]:
    rows = [SheetRow(RowKind.HEADER, CONTACT_HEADERS)]
    rows += [SheetRow(RowKind.ENTRY, (n, c.receipt, c.name, c.phone, c.station, c.article, c.outcome, c.final_text))
             for n, c in enumerate(contacts, start=1)]
    return rows


def write_contacts(out: str | IO[bytes], contacts: Iterable[ContactRow]) -> None:
    with streaming_workbook() as workbook:
        write_sheet(workbook, CONTACTS_SHEET, _LAYOUT, build_contact_rows(contacts))
        workbook.save(out)
