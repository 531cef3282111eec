"""The offline-import template staff download, fill in at symposiums and upload again."""

from __future__ import annotations

from io import BytesIO
from itertools import zip_longest

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .importer import COMMENTS, DEFAULT_MAX_ROWS, ImportChoices, ImportLayout
from .rows import RowKind, SheetRow
from .xlsx import Column, SheetLayout, write_sheet

GUIDE_SHEET = "填写说明"
CHOICE_HEADERS = ("身份", "联络站", "联络站编码", "收集方式")

_ENTRY_LAYOUT = SheetLayout(
    columns=(
        # Text format on 条款 and 联系电话 keeps 12 and 13800138000 from turning into numbers.
        Column(16, number_format="@"), Column(60), Column(36), Column(30), Column(10), Column(12),
        Column(16), Column(16, number_format="@", wrap=False), Column(10),
        Column(14, number_format="yyyy-mm-dd", wrap=False),
    ),
    header_row=1,
    styled_body=False,
)
_PROPOSAL_LAYOUT = SheetLayout(
    columns=(
        Column(24), Column(50), Column(40), Column(10), Column(12), Column(16),
        Column(16, number_format="@", wrap=False), Column(10), Column(14, number_format="yyyy-mm-dd", wrap=False),
    ),
    header_row=1,
    styled_body=False,
)
_GUIDE_LAYOUT = SheetLayout(columns=(Column(20), Column(24), Column(14), Column(14)), landscape=False)


def _guide_lines(max_rows: int, layout: ImportLayout) -> list[str]:
    if layout.proposals:
        what = [
            "每行填写一条立项建议。“建议项目名称”和“立法必要性”必须填写，其余各列可以留空。",
            "建议项目名称：建议制定或者修改的法规名称，如“电动自行车管理条例”；立法必要性：为什么需要这部法规；"
            "主要内容：希望它规定什么。",
        ]
        unit = "条建议"
    else:
        what = [
            "每行填写一条意见。只有“意见内容”必须填写，其余各列可以留空。",
            "条款：填写“第十二条”“12”“第12条第二款”或“第二十条之一”；针对草案整体的意见不填。",
        ]
        unit = "条意见"
    return [
        *what,
        "身份：可以从下拉列表中选择，也可以照实填写（如 家长、外来务工人员、退休教师），系统保留原话并归入相近的类别。",
        "联络站、收集方式：从下拉列表中选择，可选值见下表；联络站也可以填写联络站编码。",
        "联系电话：手机或固定电话号码；境外号码以“+”和国家代码开头。",
        "收集日期：例如 2024-05-01、2024/5/1、2024年5月1日 或 20240501。",
        "请勿修改、增加或删除第一行的列名。",
        f"每个文件最多 {max_rows} {unit}。任何一行有错误，整份文件都不会导入，系统会列出每个错误所在的行和列。",
    ]


def template_bytes(choices: ImportChoices, *, max_rows: int = DEFAULT_MAX_ROWS,
                   layout: ImportLayout = COMMENTS) -> bytes:
    """The .xlsx template (of comments, or of proposals with `layout` PROPOSALS): header row, a guide
    sheet with the allowed values, dropdowns."""
    workbook = Workbook(write_only=True)
    entry = write_sheet(workbook, layout.sheet, _PROPOSAL_LAYOUT if layout.proposals else _ENTRY_LAYOUT,
                        [SheetRow(RowKind.HEADER, layout.headers)])
    lines = _guide_lines(max_rows, layout)
    guide_rows = [SheetRow(RowKind.TITLE, ("离线立项建议导入模板填写说明" if layout.proposals
                                           else "离线意见导入模板填写说明",))]
    guide_rows += [SheetRow(RowKind.BANNER, (f"{n}. {line}",)) for n, line in enumerate(lines, 1)]
    guide_rows += [
        SheetRow(RowKind.BLANK), SheetRow(RowKind.SECTION, ("可选值",)), SheetRow(RowKind.HEADER, CHOICE_HEADERS),
    ]
    first = len(guide_rows) + 1
    columns = (
        list(choices.identities), list(choices.stations.values()), list(choices.stations), list(choices.channels),
    )
    guide_rows += [SheetRow(RowKind.ENTRY, values) for values in zip_longest(*columns)]
    write_sheet(workbook, GUIDE_SHEET, _GUIDE_LAYOUT, guide_rows)
    for header, values, column, strict in (
        ("身份", columns[0], "A", None), ("联络站", columns[1], "B", False), ("收集方式", columns[3], "D", True),
    ):
        if values:
            source = f"'{GUIDE_SHEET}'!${column}${first}:${column}${first + len(values) - 1}"
            entry.ws.data_validations.append(_dropdown(layout.headers.index(header), header, source, max_rows,
                                                       strict))
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _dropdown(position: int, header: str, source: str, max_rows: int, strict: bool | None) -> DataValidation:
    """A list from the guide sheet for the column at `position`; stations only warn, since a station's
    code is accepted too, and identities (`strict` None) offer the list without refusing other words."""
    letter = get_column_letter(position + 1)
    validation = DataValidation(
        type="list", formula1=source, allow_blank=True, showErrorMessage=strict is not None,
        errorStyle="stop" if strict else "warning", errorTitle=header,
        error=f"请从{GUIDE_SHEET}的可选值中选择{header}。",
    )
    validation.add(f"{letter}2:{letter}{max_rows + 1}")
    return validation


RECEIPT_HEADERS = ("序号", "回执编号", "条款", "身份", "联络站", "意见内容")
PROPOSAL_RECEIPT_HEADERS = ("序号", "回执编号", "建议项目名称", "身份", "联络站", "立法必要性")
_RECEIPT_LAYOUT = SheetLayout(
    columns=(Column(6), Column(18, wrap=False), Column(16), Column(12), Column(16), Column(60)),
    header_row=1, landscape=False,
)


def receipts_bytes(rows: list[tuple[str, str, str, str, str]], *, proposals: bool = False) -> bytes:
    """The receipt codes of one import, to hand back to the people who commented: one row each
    (code, article, identity, station, comment — for proposals, code, proposed law, identity, station,
    necessity), in the order of the imported file."""
    workbook = Workbook(write_only=True)
    sheet_rows = [SheetRow(RowKind.HEADER, PROPOSAL_RECEIPT_HEADERS if proposals else RECEIPT_HEADERS)]
    sheet_rows += [SheetRow(RowKind.ENTRY, (n, *row)) for n, row in enumerate(rows, 1)]
    write_sheet(workbook, "回执编号", _RECEIPT_LAYOUT, sheet_rows)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
