"""Reading produced workbooks back, and writing import files as a user would."""

import zipfile
from io import BytesIO

from openpyxl import Workbook, load_workbook

from legislink.reports import IMPORT_HEADERS, PROPOSAL_HEADERS


def read_back(data: bytes):
    """The workbook as openpyxl reads it (normal mode, so layout is loaded too)."""
    return load_workbook(BytesIO(data))


def sheet_xml(data: bytes, index: int) -> str:
    """The raw XML of the index-th sheet (1-based), as written."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml").decode("utf-8")


def values(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def import_file(rows, header=IMPORT_HEADERS, title="意见录入") -> bytes:
    """An import workbook as a user would save it: the header, then the given rows."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = title
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def import_row(**cells) -> list:
    """A template row from column words: import_row(意见内容="…", 条款="12")."""
    return [cells.get(header) for header in IMPORT_HEADERS]


def proposal_row(**cells) -> list:
    """A row of the proposal template: proposal_row(建议项目名称="…", 立法必要性="…")."""
    return [cells.get(header) for header in PROPOSAL_HEADERS]


def proposal_file(rows, header=PROPOSAL_HEADERS, title="建议录入") -> bytes:
    return import_file(rows, header=header, title=title)
