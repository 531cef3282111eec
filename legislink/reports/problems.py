"""Every problem of a refused import file as a CSV that Excel opens: the full list, when the page can
show only the first ones."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from .cells import cell_text, needs_text_guard

PROBLEM_HEADERS = ("行号", "列", "问题")


def problem_cell(value: object) -> str:
    """The cell rule of the workbooks (cells.py), and a leading apostrophe on anything a spreadsheet
    would read as a formula: a CSV has no cell types to say "text"."""
    text = cell_text(value)
    return "'" + text if needs_text_guard(text) else text


def problems_csv(problems: Iterable[tuple[int, str, str]]) -> bytes:
    """(row, column, sentence) for each problem -> UTF-8 CSV with a byte-order mark (Excel's cue)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(PROBLEM_HEADERS)
    writer.writerows((row, problem_cell(column), problem_cell(text)) for row, column, text in problems)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
