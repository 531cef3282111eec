"""Reading an offline-import file: file-level refusals first, then every row problem collected."""

import os
import random
import re
import struct
import zipfile
from datetime import date, datetime
from io import BytesIO

import docx
import pytest

from legislink.reports import IMPORT_HEADERS, ArticleRef, ImportLimits, ImportRejected, read_import

from .helpers import import_file, import_row

DRAFT = {ArticleRef(3), ArticleRef(12), ArticleRef(12, None, 1), ArticleRef(12, None, 2), ArticleRef(20, 1)}


def rejection(data, choices, **options) -> ImportRejected:
    with pytest.raises(ImportRejected) as caught:
        read_import(data, choices=choices, **options)
    return caught.value


def problems(rows, choices, **options):
    return [(p.row, p.column, p.code) for p in rejection(import_file(rows), choices, **options).problems]


def test_a_valid_row_is_parsed_into_plain_values(choices):
    (row,) = read_import(import_file([import_row(
        条款="第12条第二款", 意见内容=" 建议延长公示期。 ", 修改建议="公示期不少于三十日", 理由="便于监督",
        提出人="李四", 身份="外籍商人", 联络站="FT02", 联系电话="138 0013 8000", 收集方式="座谈会",
        收集日期=datetime(2024, 5, 3),
    )]), choices=choices, article_exists=DRAFT)
    assert row.row == 2
    assert row.article == ArticleRef(12, None, 2)
    assert (row.text, row.suggestion) == ("建议延长公示期。", "公示期不少于三十日")
    assert (row.reason, row.name) == ("便于监督", "李四")
    assert (row.identity, row.station_code, row.channel) == ("外籍商人", "FT02", "座谈会")
    assert row.phone == "+8613800138000"
    assert row.collected_on == date(2024, 5, 3)


def test_only_the_comment_is_required(choices):
    (row,) = read_import(import_file([import_row(意见内容="同意草案。")]), choices=choices)
    assert (row.article, row.identity, row.station_code, row.phone, row.channel, row.collected_on) == (None,) * 6
    assert (row.suggestion, row.reason, row.name) == ("", "", "")


def test_columns_may_come_in_any_order(choices):
    header = list(reversed(IMPORT_HEADERS))
    (row,) = read_import(import_file([list(reversed(import_row(意见内容="好", 条款="3")))], header=header),
                         choices=choices)
    assert (row.text, row.article) == ("好", ArticleRef(3))


def test_stations_are_found_by_name_or_code(choices):
    rows = read_import(import_file([
        import_row(意见内容="一", 联络站="稠城街道联络站"), import_row(意见内容="二", 联络站="CC01"),
    ]), choices=choices)
    assert [r.station_code for r in rows] == ["CC01", "CC01"]


@pytest.mark.parametrize(
    "typed",
    ["2024-05-01", "2024/5/1", "2024年5月1日", "20240501", 20240501, "２０２４年５月１日", "2024.5.1",
     "2024-05-01 00:00:00", datetime(2024, 5, 1, 14, 30), date(2024, 5, 1)],
)
def test_dates_are_accepted_as_staff_type_them(choices, typed):
    (row,) = read_import(import_file([import_row(意见内容="好", 收集日期=typed)]), choices=choices)
    assert row.collected_on == date(2024, 5, 1)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("13800138000", "+8613800138000"), (13800138000, "+8613800138000"), ("0579-85123456", "+8657985123456"),
     ("+1 650-253-0000", "+16502530000"), ("+44 20 7946 0958", "+442079460958"), ("008613800138000", "+8613800138000")],
)
def test_phone_numbers_are_stored_in_e164(choices, typed, stored):
    (row,) = read_import(import_file([import_row(意见内容="好", 联系电话=typed)]), choices=choices)
    assert row.phone == stored


def test_every_rule_reports_its_row_column_and_code(choices):
    rows = [
        import_row(意见内容="", 提出人="张三"),
        import_row(意见内容="好", 条款="第十二条第三项"),
        import_row(意见内容="好", 条款="第九十九条"),
        import_row(意见内容="好", 收集日期="2024-13-01"),
        import_row(意见内容="好", 联系电话="12345"),
        import_row(意见内容="好", 身份="身" * 51),
        import_row(意见内容="好", 联络站="不存在联络站"),
        import_row(意见内容="好", 收集方式="微信"),
        import_row(意见内容="长" * 5001),
        import_row(意见内容="好", 提出人="名" * 51),
    ]
    assert problems(rows, choices, article_exists=DRAFT) == [
        (2, "意见内容", "required"),
        (3, "条款", "article.invalid"),
        (4, "条款", "article.unknown"),
        (5, "收集日期", "date.invalid"),
        (6, "联系电话", "phone.invalid"),
        (7, "身份", "too_long"),
        (8, "联络站", "choice.unknown"),
        (9, "收集方式", "choice.unknown"),
        (10, "意见内容", "too_long"),
        (11, "提出人", "too_long"),
    ]


def test_every_problem_of_every_row_is_collected_in_column_order(choices):
    rows = [
        import_row(条款="abc", 意见内容="", 身份="身" * 51, 联系电话="1", 收集日期="昨天"),
        import_row(意见内容="好"),
        import_row(意见内容="好", 联络站="X", 收集方式="Y"),
    ]
    assert problems(rows, choices) == [
        (2, "条款", "article.invalid"), (2, "意见内容", "required"), (2, "身份", "too_long"),
        (2, "联系电话", "phone.invalid"), (2, "收集日期", "date.invalid"),
        (4, "联络站", "choice.unknown"), (4, "收集方式", "choice.unknown"),
    ]


def test_a_file_with_problems_is_refused_whole_with_a_count(choices):
    refused = rejection(import_file([import_row(意见内容="好"), import_row(意见内容="", 条款="3")]), choices)
    assert refused.code == "import.invalid_rows"
    assert refused.params == {"count": 1}
    assert "nothing was imported" in refused.message


def test_problems_carry_params_and_an_english_message(choices):
    refused = rejection(import_file([import_row(意见内容="好", 联络站="学生", 条款="第九十九条")]), choices,
                        article_exists=DRAFT)
    article, station = refused.problems
    assert article.params == {"value": "第九十九条", "label": "第九十九条"}
    assert article.message == "第九十九条 is not in the draft"
    assert station.params["value"] == "学生"
    assert "not an allowed value of 联络站" in station.message


def test_identity_is_kept_as_written_whatever_the_words(choices):
    (row,) = read_import(import_file([import_row(意见内容="好", 身份=" 外来务工人员 ")]), choices=choices)
    assert row.identity == "外来务工人员"


def test_article_existence_may_be_a_predicate(choices):
    data = import_file([import_row(意见内容="好", 条款="第3条"), import_row(意见内容="好", 条款="第4条")])
    assert problems([import_row(意见内容="好", 条款="第4条")], choices, article_exists=lambda a: a.number < 4) == [
        (2, "条款", "article.unknown"),
    ]
    assert len(read_import(data, choices=choices, article_exists=lambda a: a.number <= 4)) == 2


def test_a_paragraph_must_exist_too(choices):
    assert problems([import_row(意见内容="好", 条款="第十二条第五款")], choices, article_exists=DRAFT) == [
        (2, "条款", "article.unknown"),
    ]


@pytest.mark.parametrize("typed", ["5月1日", "2024-02-30", "yesterday", 12345, "2024-5"])
def test_bad_dates_are_refused(choices, typed):
    assert problems([import_row(意见内容="好", 收集日期=typed)], choices) == [(2, "收集日期", "date.invalid")]


@pytest.mark.parametrize("typed", ["123", "电话", "+999 123", "1380013800", "+1 555"])
def test_bad_phone_numbers_are_refused(choices, typed):
    assert problems([import_row(意见内容="好", 联系电话=typed)], choices) == [(2, "联系电话", "phone.invalid")]


def test_blank_rows_are_skipped_and_row_numbers_stay_those_excel_shows(choices):
    rows = read_import(import_file([
        import_row(意见内容="一"), import_row(), import_row(意见内容="   ", 提出人=""), import_row(意见内容="二"),
    ]), choices=choices)
    assert [(r.row, r.text) for r in rows] == [(2, "一"), (5, "二")]


def test_too_many_rows_are_refused(choices):
    refused = rejection(import_file([import_row(意见内容="好")] * 4), choices, max_rows=3)
    assert (refused.code, refused.params) == ("import.too_many_rows", {"limit": 3})


def test_blank_rows_do_not_count_towards_the_limit(choices):
    rows = read_import(import_file([import_row(意见内容="好"), import_row(), import_row(意见内容="好")]),
                       choices=choices, max_rows=2)
    assert len(rows) == 2


def test_a_header_only_file_is_refused_as_empty(choices):
    assert rejection(import_file([]), choices).code == "import.empty"


def test_a_missing_column_is_named(choices):
    header = [h for h in IMPORT_HEADERS if h != "联系电话"]
    refused = rejection(import_file([["第三条", "好"]], header=header), choices)
    assert refused.code == "import.bad_header"
    assert refused.params == {"missing": ["联系电话"], "unknown": [], "duplicated": []}


def test_unknown_and_repeated_columns_are_named(choices):
    header = [*IMPORT_HEADERS[:-1], "微信号", "理由"]
    refused = rejection(import_file([], header=header), choices)
    assert refused.params == {"missing": ["收集日期"], "unknown": ["微信号"], "duplicated": ["理由"]}
    assert refused.message.endswith("(missing: 收集日期; unknown: 微信号; repeated: 理由)")


def test_header_words_are_trimmed_but_otherwise_exact(choices):
    spaced = [f" {h} " for h in IMPORT_HEADERS]
    assert len(read_import(import_file([import_row(意见内容="好")], header=spaced), choices=choices)) == 1
    renamed = ["意见" if h == "意见内容" else h for h in IMPORT_HEADERS]
    assert rejection(import_file([], header=renamed), choices).params["missing"] == ["意见内容"]


def test_the_template_sheet_is_read_even_when_it_is_not_first(choices):
    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(import_file([import_row(意见内容="好")])))
    workbook.create_sheet("备注", 0).append(["这里不是数据"])
    out = BytesIO()
    workbook.save(out)
    assert [r.text for r in read_import(out.getvalue(), choices=choices)] == ["好"]


def test_another_sheet_name_is_read_from_the_first_sheet(choices):
    data = import_file([import_row(意见内容="好")], title="Sheet1")
    assert [r.text for r in read_import(data, choices=choices)] == ["好"]


def test_random_bytes_named_xlsx_are_not_a_workbook(choices):
    refused = rejection(os.urandom(4096), choices)
    assert (refused.code, refused.params) == ("import.not_xlsx", {"detected": "unknown"})


def test_an_old_binary_xls_is_told_apart(choices):
    refused = rejection(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000), choices)
    assert (refused.code, refused.params) == ("import.not_xlsx", {"detected": "xls"})


def test_a_word_document_renamed_xlsx_is_not_a_workbook(choices):
    out = BytesIO()
    docx.Document().save(out)
    refused = rejection(out.getvalue(), choices)
    assert (refused.code, refused.params) == ("import.not_xlsx", {"detected": "docx"})


def test_a_plain_zip_is_not_a_workbook(choices):
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert rejection(out.getvalue(), choices).params == {"detected": "zip"}


def test_a_truncated_workbook_is_refused_as_damaged(choices):
    data = import_file([import_row(意见内容="好")])
    assert rejection(data[: len(data) // 2], choices).code == "import.corrupt"


def test_an_over_large_file_is_refused_before_anything_else(choices):
    refused = rejection(os.urandom(2000), choices, limits=ImportLimits(max_bytes=1000))
    assert (refused.code, refused.params) == ("import.too_large", {"size": 2000, "limit": 1000})


def test_a_zip_bomb_is_refused_from_its_declared_sizes(choices):
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            zeros = bytes(1 << 20)
            for _ in range(20):
                sheet.write(zeros)
    assert len(out.getvalue()) < 100_000
    refused = rejection(out.getvalue(), choices)
    assert refused.code == "import.zip_bomb"
    assert refused.params["member"] == "xl/worksheets/sheet1.xml"
    assert refused.params["ratio"] > 200


def test_a_workbook_unpacking_past_the_total_limit_is_refused(choices):
    data = import_file([import_row(意见内容="好")])
    refused = rejection(data, choices, limits=ImportLimits(max_uncompressed=5_000))
    assert refused.code == "import.zip_bomb"
    assert refused.params["limit"] == 5_000


def test_a_directory_that_understates_sizes_only_makes_the_file_unreadable(choices):
    data = bytearray(import_file([import_row(意见内容="好" * 2000)]))
    name = b"xl/worksheets/sheet1.xml"
    entry = data.find(b"PK\x01\x02")
    while data[entry + 46: entry + 46 + len(name)] != name:
        entry = data.find(b"PK\x01\x02", entry + 4)
    declared = struct.unpack_from("<I", data, entry + 24)[0]
    struct.pack_into("<I", data, entry + 24, declared // 4)
    refused = rejection(bytes(data), choices)
    assert (refused.code, refused.params) == ("import.unreadable", {"detail": "BadZipFile"})


def test_numbers_typed_into_text_columns_are_read_as_text(choices):
    (row,) = read_import(import_file([import_row(意见内容=12345, 条款=12, 提出人=3.0)]), choices=choices)
    assert (row.text, row.article, row.name) == ("12345", ArticleRef(12), "3")


def test_a_workbook_of_chart_sheets_only_is_unreadable(choices):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.create_chartsheet("图表")
    workbook.remove(workbook.active)
    out = BytesIO()
    workbook.save(out)
    assert rejection(out.getvalue(), choices).code == "import.unreadable"


def test_a_workbook_whose_sheet_list_is_damaged_is_unreadable(choices):
    # A flipped byte in xl/workbook.xml can leave a workbook that opens with no worksheet at all.
    source = zipfile.ZipFile(BytesIO(import_file([import_row()])))
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheet [^>]*/>", b"", data)
                assert b"<sheet " not in data
            target.writestr(info, data)
    refused = rejection(out.getvalue(), choices)
    assert (refused.code, refused.params) == ("import.unreadable", {"detail": "no worksheet"})


@pytest.mark.parametrize(("offset", "value", "code"), [
    (6, 126, "import.corrupt"),  # "version needed to extract" 12.6: zipfile refuses the directory
    (10, 99, "import.unreadable"),  # an unknown compression method: zipfile refuses the member
    (8, 1, "import.unreadable"),  # the "encrypted" flag: zipfile asks for a password
])
def test_a_zip_feature_zipfile_cannot_read_is_refused(choices, offset, value, code):
    data = bytearray(import_file([import_row()]))
    entry = data.find(b"PK\x01\x02")
    while entry != -1:  # every member in the central directory
        struct.pack_into("<H", data, entry + offset, value)
        entry = data.find(b"PK\x01\x02", entry + 4)
    assert rejection(bytes(data), choices).code == code


def _unpacked(data: bytes) -> int:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return sum(member.file_size for member in archive.infolist())


def test_the_size_limits_leave_room_for_as_many_rows_as_are_allowed(choices):
    """Unpacked, the allowance per row covers the longest valid row; packed, a row of an ordinary
    comment (a hundred-odd characters, like the demo's) with room to spare."""
    n = 20
    rng = random.Random(7)

    def text(length: int) -> str:  # varied characters: text, not a run that compresses like a bomb
        return "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(length))

    longest = import_row(条款="第十二条第二款", 意见内容=text(5_000), 修改建议=text(2_000), 理由=text(2_000),
                         提出人=text(50), 身份="外籍商人", 联络站="稠城街道联络站", 联系电话="+8613800138000",
                         收集方式="座谈会", 收集日期="2024-05-01")
    ordinary = import_row(条款="第十二条", 意见内容="建议把摊位租金的调整幅度写进条文，每年涨幅不超过百分之五，"
                          "并且提前三个月书面通知经营户，给大家留出准备的时间。", 身份="个体工商户", 收集方式="座谈会")
    empty = import_file([])
    growth = ImportLimits.for_rows(n).max_uncompressed - ImportLimits.for_rows(0).max_uncompressed
    assert _unpacked(import_file([longest] * n)) - _unpacked(empty) <= growth
    room = ImportLimits.for_rows(n).max_bytes - ImportLimits.for_rows(0).max_bytes
    assert len(import_file([ordinary] * n)) - len(empty) <= room / 2
    assert read_import(import_file([longest] * n), choices=choices, max_rows=n,
                       limits=ImportLimits.for_rows(n, max_bytes=10_000_000))


def test_a_configured_file_size_is_kept(choices):
    assert ImportLimits.for_rows(50_000, max_bytes=1000).max_bytes == 1000
    refused = rejection(import_file([import_row(意见内容="好")] * 30), choices,
                        limits=ImportLimits.for_rows(50_000, max_bytes=1000))
    assert refused.code == "import.too_large"


def test_a_proposal_file_is_read_by_its_own_columns_and_needs_a_name_and_a_reason(choices):
    from legislink.reports import PROPOSALS

    from .helpers import proposal_file, proposal_row

    (row,) = read_import(proposal_file([proposal_row(
        建议项目名称=" 养犬管理条例 ", 立法必要性="小区里不拴绳遛狗的越来越多。", 主要内容="规定拴绳和收费。",
        身份="退休教师", 收集日期="2024-05-01")]), choices=choices, layout=PROPOSALS)
    assert (row.title, row.text, row.content, row.identity) == (
        "养犬管理条例", "小区里不拴绳遛狗的越来越多。", "规定拴绳和收费。", "退休教师")
    assert row.article is None
    with pytest.raises(ImportRejected) as refused:
        read_import(proposal_file([proposal_row(立法必要性="没有名称"), proposal_row(建议项目名称="养犬管理条例"),
                                   proposal_row(建议项目名称="长" * 201, 立法必要性="名称过长")]),
                    choices=choices, layout=PROPOSALS)
    assert [(p.row, p.column, p.code) for p in refused.value.problems] == [
        (2, "建议项目名称", "required"), (3, "立法必要性", "required"), (4, "建议项目名称", "too_long")]
    # The comment template is not a proposal file: its header is refused, nothing is read.
    with pytest.raises(ImportRejected) as wrong:
        read_import(import_file([import_row(意见内容="好")]), choices=choices, layout=PROPOSALS)
    assert wrong.value.code == "import.bad_header"
