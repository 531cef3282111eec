import csv
import io

import pytest

from legislink.reports import MAX_CELL_CHARS, TRUNCATION_MARKER, cell_text, problems_csv
from legislink.reports.cells import needs_text_guard


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_control_characters_are_removed_and_the_words_kept():
    assert cell_text("价格\x00公示\x0b应当\x1f明确") == "价格公示应当明确"


def test_tabs_and_line_breaks_are_kept():
    assert cell_text("第一点\n第二点\t完") == "第一点\n第二点\t完"


def test_carriage_returns_become_the_line_breaks_xml_readers_make_of_them():
    assert cell_text("\r回车\r\n换行") == "\n回车\n换行"


def test_lone_surrogates_and_noncharacters_are_removed():
    assert cell_text("意\ud800见\uffff") == "意见"


def test_formula_looking_text_is_not_altered():
    assert cell_text('=HYPERLINK("http://x","y")') == '=HYPERLINK("http://x","y")'


def test_numbers_become_their_text():
    assert cell_text(12) == "12"


def test_text_within_the_limit_is_untouched():
    text = "意" * MAX_CELL_CHARS
    assert cell_text(text) == text


def test_overlong_text_is_cut_to_the_limit_with_a_visible_marker():
    result = cell_text("意" * (MAX_CELL_CHARS + 10))
    assert result.endswith(TRUNCATION_MARKER)
    assert utf16_units(result) == MAX_CELL_CHARS


def test_characters_outside_the_bmp_count_double_towards_the_limit():
    result = cell_text("😀" * 20_000)
    assert result.endswith(TRUNCATION_MARKER)
    assert utf16_units(result) <= MAX_CELL_CHARS
    assert "\ud83d" not in result


@pytest.mark.parametrize("text", ["=1+1", "+86", "-2", "@SUM(A1)", "\tx", "\rx", "#N/A", "#REF!"])
def test_formula_and_error_lookalikes_need_a_guard(text):
    assert needs_text_guard(text)


@pytest.mark.parametrize("text", ["建议=明确", "1+1", "邮箱a@b.cn", "", "＝全角"])
def test_ordinary_text_needs_no_guard(text):
    assert not needs_text_guard(text)


@pytest.mark.parametrize(("text", "written"), [
    ("=HYPERLINK(\"http://evil.example\")", "'=HYPERLINK(\"http://evil.example\")"), ("+1", "'+1"), ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"), ("#N/A", "'#N/A"), ("第二行：必须填写。", "第二行：必须填写。"),
])
def test_a_problem_list_csv_is_safe_to_open_in_a_spreadsheet(text, written):
    rows = list(csv.reader(io.StringIO(problems_csv([(2, "意见内容", text)]).decode("utf-8-sig"))))
    assert rows == [["行号", "列", "问题"], ["2", "意见内容", written]]
