"""The upward report as written to disk and read back with openpyxl."""

import gc
import re
import tempfile
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import pytest

from legislink.reports import AdoptionMark, Outcome, YearFigures, YearlyReport, sheetdata, write_report, write_yearly
from legislink.reports.rows import DETAIL_HEADERS

from .helpers import read_back, sheet_xml, values

FORMULA_LOOKALIKES = ['=HYPERLINK("http://x","y")', "+8613800138000", "-1 分", "@SUM(A1)", "\t缩进", "#N/A"]


@pytest.fixture(autouse=True, params=["spliced", "openpyxl"])
def body_path(request, monkeypatch):
    """Every test runs on both ways 意见明细's body is written: the fast path spliced into what
    openpyxl 3.1 saves, and openpyxl's own write-only cells, which any other openpyxl takes."""
    if request.param == "openpyxl":
        monkeypatch.setattr(sheetdata, "available", lambda: False)
    return request.param


@pytest.fixture
def sample(make_entry, make_detail):
    entries = [
        make_entry(article_label="第十二条", article_order=12, count=2, group="g12"),
        make_entry(article_label=None, count=4, group="g0", duplicate_count=3),
        make_entry(article_label="第三条", article_order=3, count=6, group="g3",
                   adoption=AdoptionMark(outcome=Outcome.ADOPTED, final_text="第三条 新条文")),
    ]
    details = [make_detail(receipt=f"R{n}", group="g3", name="张三", phone="+8613800138000") for n in range(5)]
    return entries, details


def test_the_report_has_its_sheets_in_order(report_bytes, sample):
    entries, details = sample
    assert read_back(report_bytes(entries, details)).sheetnames == ["汇总表", "意见明细", "统计"]
    with_adoption = read_back(report_bytes(entries, details, adoption=True))
    assert with_adoption.sheetnames == ["汇总表", "意见明细", "统计", "采纳情况"]


def test_summary_sheet_reads_back_with_exact_words_and_order(report_bytes, sample):
    entries, details = sample
    rows = values(read_back(report_bytes(entries, details))["汇总表"])
    assert rows[0][0] == "《义乌市市场经营者权益保护条例（草案）》征求意见汇总表"
    assert rows[2][0] == "共120人次参与，收到意见86条，整理形成意见3条（总体意见1条，逐条意见2条）"
    assert rows[3] == ("序号", "条款", "草案原文", "修改意见（建议）", "理由及依据", "意见来源", "提出人数", "备注")
    assert rows[4][0] == "一、总体意见"
    assert (rows[5][0], rows[5][1], rows[5][6], rows[5][7]) == (1, None, 4, "其中格式化重复意见3条")
    assert rows[6][0] == "二、逐条意见"
    assert [(r[0], r[1], r[6]) for r in rows[7:9]] == [(2, "第三条", 6), (3, "第十二条", 2)]
    assert rows[9][0] == "联系人：王晓　联系电话：0579-85123456"


def test_summary_merges_title_banners_sections_and_footer(report_bytes, sample):
    entries, details = sample
    ws = read_back(report_bytes(entries, details))["汇总表"]
    assert {str(r) for r in ws.merged_cells.ranges} == {
        "A1:H1", "A2:H2", "A3:H3", "A5:H5", "A7:H7", "A10:H10",
    }


def test_summary_prints_on_a4_landscape_with_repeated_header_and_page_footer(report_bytes, sample):
    entries, details = sample
    ws = read_back(report_bytes(entries, details))["汇总表"]
    assert ws.print_title_rows == "$4:$4"
    assert ws.freeze_panes == "A5"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)


def test_summary_columns_fit_one_a4_landscape_page(report_bytes, sample):
    entries, details = sample
    ws = read_back(report_bytes(entries, details))["汇总表"]
    widths = [ws.column_dimensions[letter].width for letter in "ABCDEFGH"]
    assert widths[3] == max(widths)
    assert 120 <= sum(widths) <= 150


def test_summary_title_is_bold_16pt_centred_and_the_table_wraps_in_a_thin_grid(report_bytes, sample):
    entries, details = sample
    ws = read_back(report_bytes(entries, details))["汇总表"]
    title = ws["A1"]
    assert (title.font.bold, title.font.sz, title.alignment.horizontal) == (True, 16, "center")
    assert title.font.name == ws["A4"].font.name == "Calibri"
    header = ws["D4"]
    assert header.font.bold
    assert header.border.left.style == "thin"
    body = ws["D6"]
    assert body.alignment.wrap_text
    edges = (body.border.left, body.border.right, body.border.top, body.border.bottom)
    assert {edge.style for edge in edges} == {"thin"}
    assert ws["H5"].border.right.style == "thin"


def test_detail_sheet_has_exact_header_frozen_and_repeated(report_bytes, sample):
    entries, details = sample
    ws = read_back(report_bytes(entries, details))["意见明细"]
    rows = values(ws)
    assert rows[0] == DETAIL_HEADERS
    assert ws.freeze_panes == "A2"
    assert ws.print_title_rows == "$1:$1"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert rows[1][9] == datetime(2024, 5, 2, 9, 30)
    assert ws["J2"].number_format == "yyyy-mm-dd hh:mm"
    assert ws.column_dimensions["D"].width == 60


def test_detail_rows_point_to_their_summary_number(report_bytes, sample):
    entries, details = sample
    rows = values(read_back(report_bytes(entries, details))["意见明细"])
    assert {row[10] for row in rows[1:]} == {2}


def test_contact_details_are_written_only_with_contact(report_bytes, sample):
    entries, details = sample
    without = report_bytes(entries, details)
    with_contact = report_bytes(entries, details, with_contact=True)
    assert values(read_back(without)["意见明细"])[0] == DETAIL_HEADERS
    assert "张三" not in sheet_xml(without, 2)
    assert "8613800138000" not in sheet_xml(without, 2)
    rows = values(read_back(with_contact)["意见明细"])
    assert rows[0][-2:] == ("提出人", "联系电话")
    assert rows[1][-2:] == ("张三", "+8613800138000")


def test_details_continue_on_numbered_sheets_past_the_row_limit(report_bytes, make_detail):
    details = (make_detail(receipt=f"R{n}") for n in range(7))
    data = report_bytes([], details, detail_row_limit=3)
    workbook = read_back(data)
    assert workbook.sheetnames == ["汇总表", "意见明细", "意见明细2", "意见明细3", "意见明细4", "统计"]
    sheets = [values(workbook[name]) for name in ("意见明细", "意见明细2", "意见明细3", "意见明细4")]
    assert all(rows[0] == DETAIL_HEADERS for rows in sheets)
    assert [len(rows) for rows in sheets] == [3, 3, 3, 2]
    assert [row[0] for rows in sheets for row in rows[1:]] == [1, 2, 3, 4, 5, 6, 7]
    assert all(workbook[name].print_title_rows == "$1:$1" for name in ("意见明细2", "意见明细3"))
    assert workbook["意见明细3"].freeze_panes == "A2"


def test_the_default_limit_is_excels_row_count_and_a_limit_below_two_is_refused(report_bytes, make_detail):
    assert write_report.__kwdefaults__["detail_row_limit"] == 1_048_576
    with pytest.raises(ValueError, match="at least one row"):
        report_bytes([], [make_detail()], detail_row_limit=1)


def test_stats_sheet_lists_each_breakdown(report_bytes, sample):
    entries, details = sample
    rows = values(read_back(report_bytes(entries, details))["统计"])
    firsts = [row[0] for row in rows]
    sections = ("一、按联络站统计", "二、按身份统计", "三、按收集方式统计", "四、按日期统计")
    for title in (*sections, "五、逐条意见数（从多到少）", "六、采纳情况"):
        assert title in firsts
    adoption = rows[firsts.index("六、采纳情况") + 2: firsts.index("六、采纳情况") + 6]
    assert [(r[0], r[1]) for r in adoption] == [("采纳", 1), ("部分采纳", 0), ("未采纳", 0), ("尚未标注", 2)]


def test_adoption_sheet_reads_back_with_exact_header(report_bytes, sample):
    entries, details = sample
    ws = read_back(report_bytes(entries, details, adoption=True))["采纳情况"]
    rows = values(ws)
    assert rows[1] == ("序号", "条款", "意见摘要", "提出人数", "采纳情况", "最终条文", "说明")
    assert rows[3][:6] == (2, "第三条", "建议明确经营者的告知义务。", 6, "采纳", "第三条 新条文")
    assert ws.print_title_rows == "$2:$2"
    assert ws.freeze_panes == "A3"


def test_a_path_is_accepted_as_well_as_a_file(tmp_path, make_header, make_stats, sample):
    entries, details = sample
    path = tmp_path / "report.xlsx"
    names = write_report(str(path), make_header(), entries, details, make_stats())
    assert names == ["汇总表", "意见明细", "统计"]
    assert read_back(path.read_bytes()).sheetnames == names


@pytest.mark.parametrize("text", FORMULA_LOOKALIKES)
def test_formula_lookalikes_are_stored_as_text_with_a_quote_prefix(report_bytes, make_entry, make_detail, text):
    data = report_bytes(
        [make_entry(summary=text, original_text=text)], [make_detail(text=text, suggestion=text)]
    )
    summary, detail = read_back(data)["汇总表"], read_back(data)["意见明细"]
    for cell in (summary["D7"], summary["C7"], detail["D2"], detail["E2"]):
        assert cell.value == text
        assert cell.data_type == "s"
        assert cell.quotePrefix
    for index in (1, 2):
        assert "<f>" not in sheet_xml(data, index)
        assert "<f " not in sheet_xml(data, index)


def test_a_leading_carriage_return_is_kept_as_a_line_break_in_a_string_cell(report_bytes, make_detail):
    data = report_bytes([], [make_detail(text="\r=1+1")])
    cell = read_back(data)["意见明细"]["D2"]
    assert (cell.value, cell.data_type) == ("\n=1+1", "s")
    assert "<f>" not in sheet_xml(data, 2)


def test_the_xml_holds_the_formula_text_as_an_inline_string(report_bytes, make_detail):
    data = report_bytes([], [make_detail(text='=HYPERLINK("http://x","y")')])
    cell = re.search(r'<c r="D2"[^>]*>.*?</c>', sheet_xml(data, 2)).group(0)
    assert 't="inlineStr"' in cell
    assert "HYPERLINK" in cell


def test_markup_characters_and_edge_spaces_read_back_unchanged(report_bytes, make_detail):
    texts = ["a<b & c>d", "  前后空格  ", "第一行\n第二行", "</t></is></c><c>"]
    ws = read_back(report_bytes([], [make_detail(text=text) for text in texts]))["意见明细"]
    assert [ws.cell(row=n, column=4).value for n in range(2, 6)] == texts


def test_detail_numbers_and_times_are_typed_cells(report_bytes, make_detail):
    ws = read_back(report_bytes([], [make_detail()]))["意见明细"]
    assert (ws["A2"].value, ws["A2"].data_type) == (1, "n")
    assert ws["J2"].is_date


def test_ordinary_text_gets_no_quote_prefix(report_bytes, make_detail):
    ws = read_back(report_bytes([], [make_detail(text="1+1 应当等于二")]))["意见明细"]
    assert ws["D2"].value == "1+1 应当等于二"
    assert not ws["D2"].quotePrefix


def test_control_characters_are_dropped_without_crashing(report_bytes, make_entry, make_detail):
    data = report_bytes(
        [make_entry(summary="价格\x00公示\x0b")], [make_detail(text="意见\x00内容\x0b完", reason="\x1f理由")]
    )
    workbook = read_back(data)
    assert workbook["汇总表"]["D7"].value == "价格公示"
    assert (workbook["意见明细"]["D2"].value, workbook["意见明细"]["F2"].value) == ("意见内容完", "理由")


def test_control_characters_in_the_title_are_dropped(report_bytes, make_header):
    data = report_bytes([], [], header=make_header(draft_title="条例\x07草案"))
    assert read_back(data)["汇总表"]["A1"].value == "《条例草案》征求意见汇总表"


def test_an_overlong_comment_is_cut_with_a_marker(report_bytes, make_detail):
    ws = read_back(report_bytes([], [make_detail(text="长" * 40_000)]))["意见明细"]
    assert len(ws["D2"].value) == 32_767
    assert ws["D2"].value.endswith("（内容超出单元格上限，已截断）")


def test_the_report_accepts_a_generator_of_details_once(make_header, make_stats, make_detail):
    consumed = []

    def details():
        for n in range(3):
            consumed.append(n)
            yield make_detail(receipt=str(n))

    out = BytesIO()
    write_report(out, make_header(), [], details(), make_stats())
    assert consumed == [0, 1, 2]
    assert len(values(read_back(out.getvalue())["意见明细"])) == 4


def test_a_failing_detail_query_leaves_no_half_written_sheet_behind(make_header, make_stats, make_detail,
                                                                    tmp_path, monkeypatch):
    def details():
        yield make_detail()
        raise RuntimeError("database went away")

    # A temporary folder of this test's own: other tests running beside it write theirs elsewhere.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    before = set(Path(tempfile.gettempdir()).glob("openpyxl.*"))
    open_files = _open_file_count()
    # The traceback is kept, and with it every frame: nothing is closed by being collected.
    with pytest.raises(RuntimeError, match="went away") as failure:
        write_report(BytesIO(), make_header(), [], details(), make_stats())
    assert set(Path(tempfile.gettempdir()).glob("openpyxl.*")) <= before
    assert _open_file_count() == open_files
    del failure
    gc.collect()


def _open_file_count() -> int:
    """Descriptors this process holds open (Linux): the streamed rows' temporary files among them."""
    fds = Path("/proc/self/fd")
    if not fds.exists():
        pytest.skip("needs /proc to count open files")
    return len(list(fds.iterdir()))


def test_the_yearly_workbook_reads_back_with_its_total(tmp_path):
    figures = YearFigures(drafts=3, participations=900, comments=400, reported=60, adopted=5, partly_adopted=7)
    path = tmp_path / "yearly.xlsx"
    write_yearly(str(path), YearlyReport(
        contact_point="义乌市基层立法联系点", starts=date(2024, 1, 1), ends=date(2024, 12, 31),
        stations=[("稠城街道联络站", figures)], total=figures,
    ))
    ws = read_back(path.read_bytes())["年度统计"]
    rows = values(ws)
    assert rows[1] == (
        "联络站", "征求意见草案数", "参与人次", "收到意见条数", "上报意见条数", "采纳条数", "部分采纳条数",
    )
    assert rows[2:4] == [("稠城街道联络站", 3, 900, 400, 60, 5, 7), ("合计", 3, 900, 400, 60, 5, 7)]
    assert ws["A4"].font.bold
    assert ws.print_title_rows == "$2:$2"
    # Then the three kinds and the requests, each a merged section row, a header, the stations and a total.
    assert (rows[5][0], rows[10][0]) == ("立法前、立法中、立法后征集情况", "民情转办情况")
    assert rows[13] == ("合计", 0, 0, 0, "—", 0, None)
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:G1", "A6:G6", "A11:G11"}


def test_summary_rows_are_sized_to_their_wrapped_text(report_bytes, make_entry):
    data = report_bytes([make_entry(summary="短"), make_entry(summary="长意见" * 60)])
    ws = read_back(data)["汇总表"]
    short, long = ws.row_dimensions[7].height, ws.row_dimensions[8].height
    assert ws["D8"].value == "长意见" * 60
    assert short >= 14
    assert long > 4 * short


def test_a_very_long_entry_stays_within_excels_row_height(report_bytes, make_entry):
    ws = read_back(report_bytes([make_entry(original_text="条文" * 3000)]))["汇总表"]
    assert ws.row_dimensions[7].height == 409.5
