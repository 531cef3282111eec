"""The rows of every sheet, built without writing a file."""

from dataclasses import replace
from datetime import UTC, date, datetime

from legislink.reports import (
    AdoptionMark,
    KindFigures,
    Outcome,
    RequestFigures,
    RowKind,
    YearFigures,
    YearlyReport,
    build_adoption_rows,
    build_detail_rows,
    build_stats_rows,
    build_summary_rows,
    build_yearly_rows,
    entry_numbers,
)
from legislink.reports.rows import DETAIL_HEADERS, SUMMARY_HEADERS


def kinds(rows):
    return [row.kind for row in rows]


def entry_rows(rows):
    return [row.values for row in rows if row.kind is RowKind.ENTRY]


def test_summary_has_title_banners_header_sections_and_footer(make_header, make_entry):
    rows = build_summary_rows(make_header(), [make_entry(article_label=None), make_entry()])
    assert kinds(rows) == [
        RowKind.TITLE, RowKind.BANNER, RowKind.BANNER, RowKind.HEADER, RowKind.SECTION, RowKind.ENTRY,
        RowKind.SECTION, RowKind.ENTRY, RowKind.FOOTER,
    ]
    assert rows[0].values == ("《义乌市市场经营者权益保护条例（草案）》征求意见汇总表",)
    assert rows[1].values == (
        "报送单位：义乌市人大常委会基层立法联系点　征求意见时间：2024年5月1日至2024年5月31日　报送日期：2024年6月5日",
    )
    assert rows[3].values == SUMMARY_HEADERS
    assert rows[4].values == ("一、总体意见",)
    assert rows[6].values == ("二、逐条意见",)
    assert rows[-1].values == ("联系人：王晓　联系电话：0579-85123456",)


def test_summary_header_words_are_exact():
    assert SUMMARY_HEADERS == (
        "序号", "条款", "草案原文", "修改意见（建议）", "理由及依据", "意见来源", "提出人数", "备注",
    )


def test_summary_line_counts_participants_comments_and_opinions(make_header, make_entry):
    entries = [make_entry(article_label=None), make_entry(), make_entry(article_label="第三条", article_order=3)]
    rows = build_summary_rows(make_header(participants=135, comments_received=97), entries)
    assert rows[2].values == ("共135人次参与，收到意见97条，整理形成意见3条（总体意见1条，逐条意见2条）",)


def test_both_sections_appear_even_when_one_is_empty(make_header, make_entry):
    only_general = build_summary_rows(make_header(), [make_entry(article_label=None)])
    no_entries = build_summary_rows(make_header(), [])
    for rows in (only_general, no_entries):
        assert [r.values for r in rows if r.kind is RowKind.SECTION] == [("一、总体意见",), ("二、逐条意见",)]
    assert kinds(only_general)[-3:] == [RowKind.ENTRY, RowKind.SECTION, RowKind.FOOTER]


def test_general_opinions_come_first_then_articles_in_draft_order_then_by_size(make_header, make_entry):
    entries = [
        make_entry(article_label="第十二条", article_order=12, count=2, summary="十二小"),
        make_entry(article_label="第三条", article_order=3, count=1, summary="三"),
        make_entry(article_label=None, count=1, summary="总体小"),
        make_entry(article_label="第十二条", article_order=12, paragraph=2, count=9, summary="十二大"),
        make_entry(article_label=None, count=4, summary="总体大"),
        make_entry(article_label="第二十条之一", article_order=21, count=50, summary="二十之一"),
    ]
    rows = entry_rows(build_summary_rows(make_header(), entries))
    assert [(r[0], r[1], r[3]) for r in rows] == [
        (1, "", "总体大"), (2, "", "总体小"), (3, "第三条", "三"), (4, "第十二条第二款", "十二大"),
        (5, "第十二条", "十二小"), (6, "第二十条之一", "二十之一"),
    ]


def test_an_entry_shows_its_text_sources_count_and_copies(make_header, make_entry):
    entry = make_entry(
        original_text="经营者应当明码标价。", summary="", representative_text="标价应包括税费。",
        suggestion="“经营者应当明码标价，标明税费。”", reason="保护消费者知情权",
        identity_counts={"外籍商人": 2, "个体工商户": 5, "居民": 2, "律师": 0},
        station_counts={"稠城街道联络站": 3},
        count=12, duplicate_count=7,
    )
    (row,) = entry_rows(build_summary_rows(make_header(), [entry]))
    assert row == (
        1, "第十二条", "经营者应当明码标价。", "标价应包括税费。\n建议修改为：“经营者应当明码标价，标明税费。”",
        "保护消费者知情权", "个体工商户5人；外籍商人2人；居民2人；稠城街道联络站3人", 12, "其中格式化重复意见7条",
    )


def test_the_staff_summary_wins_over_the_representative_comment(make_header, make_entry):
    (row,) = entry_rows(build_summary_rows(make_header(), [make_entry(summary="归纳", representative_text="原话")]))
    assert row[3] == "归纳"


def test_no_copies_leaves_the_remark_empty_and_a_staff_note_is_kept(make_header, make_entry):
    rows = entry_rows(build_summary_rows(make_header(), [
        make_entry(duplicate_count=0), make_entry(duplicate_count=0, note="与上条相近"),
        make_entry(duplicate_count=2, note="与上条相近"),
    ]))
    assert [r[7] for r in rows] == ["", "与上条相近", "其中格式化重复意见2条；与上条相近"]


def test_detail_rows_start_with_the_exact_header_and_number_every_comment(make_detail):
    rows = list(build_detail_rows([make_detail(), make_detail(receipt="B", paragraph=2)]))
    assert rows[0].kind is RowKind.HEADER
    assert rows[0].values == DETAIL_HEADERS == (
        "序号", "回执编号", "条款", "意见内容", "修改建议", "理由", "身份", "联络站", "收集方式", "提交时间",
        "意见分组", "重复组", "状态",
    )
    assert [(r.values[0], r.values[1], r.values[2]) for r in rows[1:]] == [
        (1, "YW2405010001", "第十二条"), (2, "B", "第十二条第二款"),
    ]


def test_contact_columns_exist_only_when_asked(make_detail):
    detail = make_detail(name="张三", phone="+8613800138000")
    without = list(build_detail_rows([detail]))
    with_contact = list(build_detail_rows([detail], with_contact=True))
    assert "提出人" not in without[0].values
    assert len(without[1].values) == 13
    assert "张三" not in without[1].values
    assert with_contact[0].values[-2:] == ("提出人", "联系电话")
    assert with_contact[1].values[-2:] == ("张三", "+8613800138000")


def test_detail_rows_are_built_lazily_from_a_generator(make_detail):
    pulled = []

    def details():
        for n in range(3):
            pulled.append(n)
            yield make_detail(receipt=str(n))

    rows = build_detail_rows(details())
    next(rows)
    next(rows)
    assert pulled == [0]


def test_detail_groups_show_their_summary_number_and_unreported_groups_their_id(make_entry, make_detail):
    numbers = entry_numbers([make_entry(group="g-small", count=1), make_entry(group="g-big", count=5)])
    assert numbers == {"g-big": 1, "g-small": 2}
    rows = list(build_detail_rows(
        [make_detail(group="g-small"), make_detail(group="g-left-out"), make_detail(group=None)],
        group_numbers=numbers,
    ))
    assert [r.values[10] for r in rows[1:]] == [2, "g-left-out", None]


def test_aware_submission_times_are_shown_in_china_time(make_detail):
    utc_time = datetime(2024, 5, 1, 16, 30, tzinfo=UTC)
    local = datetime(2024, 5, 1, 9, 30)
    rows = list(build_detail_rows([make_detail(submitted_at=utc_time), make_detail(submitted_at=local)]))
    assert rows[1].values[9] == datetime(2024, 5, 2, 0, 30)
    assert rows[2].values[9] == local
    assert rows[1].values[9].tzinfo is None


def test_stats_tables_rank_by_count_then_whole_draft_first_and_days_by_date(make_header, make_stats):
    rows = build_stats_rows(make_header(), make_stats())
    sections = [r.values[0] for r in rows if r.kind is RowKind.SECTION]
    assert sections == [
        "一、按联络站统计", "二、按身份统计", "三、按收集方式统计", "四、按日期统计", "五、逐条意见数（从多到少）",
    ]
    tables = _tables(rows)
    assert tables["一、按联络站统计"] == [("福田街道联络站", 60, 0.6), ("稠城街道联络站", 40, 0.4)]
    assert [r[0] for r in tables["四、按日期统计"]] == [date(2024, 5, 1), date(2024, 5, 2)]
    assert tables["五、逐条意见数（从多到少）"] == [
        ("第十二条", 9, 9 / 19), ("总体意见", 5, 5 / 19), ("第三条", 5, 5 / 19),
    ]


def test_each_stats_table_ends_with_its_total(make_header, make_stats):
    rows = build_stats_rows(make_header(), make_stats())
    totals = [r.values for r in rows if r.kind is RowKind.TOTAL]
    assert totals[0] == ("合计", 100, 1.0)
    assert totals[-1] == ("合计", 19, 1.0)


def test_adoption_figures_appear_once_any_opinion_is_marked(make_header, make_stats, make_entry):
    unmarked = [make_entry(), make_entry()]
    assert "六、采纳情况" not in _tables(build_stats_rows(make_header(), make_stats(), unmarked))
    marked = [
        make_entry(adoption=AdoptionMark(outcome=Outcome.ADOPTED)),
        make_entry(adoption=AdoptionMark(outcome=Outcome.PARTLY)),
        make_entry(adoption=AdoptionMark(outcome=Outcome.ADOPTED)),
        make_entry(adoption=AdoptionMark(outcome=Outcome.NOT_ADOPTED)),
        make_entry(),
    ]
    table = _tables(build_stats_rows(make_header(), make_stats(), marked))["六、采纳情况"]
    assert [(name, count) for name, count, _ in table] == [
        ("采纳", 2), ("部分采纳", 1), ("未采纳", 1), ("尚未标注", 1),
    ]
    totals = [r.values for r in build_stats_rows(make_header(), make_stats(), marked) if r.kind is RowKind.TOTAL]
    assert totals[-1] == ("上报意见", 5, 1.0)


def test_empty_breakdowns_have_no_share(make_header, make_stats):
    rows = build_stats_rows(make_header(), make_stats(by_channel={}))
    assert _totals_by_section(rows)["三、按收集方式统计"] == ("合计", 0, None)


def test_adoption_rows_share_the_summary_numbers(make_header, make_entry):
    entries = [
        make_entry(article_label="第十二条", article_order=12, count=1, summary="小"),
        make_entry(article_label=None, count=1, summary="总体",
                   adoption=AdoptionMark(outcome=Outcome.PARTLY, final_text="第一条 ……", note="部分吸收")),
        make_entry(article_label="第十二条", article_order=12, count=8, summary="大"),
    ]
    rows = build_adoption_rows(make_header(), entries)
    assert rows[1].values == ("序号", "条款", "意见摘要", "提出人数", "采纳情况", "最终条文", "说明")
    assert entry_rows(rows) == [
        (1, "", "总体", 1, "部分采纳", "第一条 ……", "部分吸收"),
        (2, "第十二条", "大", 8, "", "", ""),
        (3, "第十二条", "小", 1, "", "", ""),
    ]
    summary_numbers = [(r[0], r[3]) for r in entry_rows(build_summary_rows(make_header(), entries))]
    assert summary_numbers == [(1, "总体"), (2, "大"), (3, "小")]


def test_yearly_rows_list_stations_in_order_and_the_given_total():
    figures = YearFigures(drafts=3, participations=900, comments=400, reported=60, adopted=5, partly_adopted=7)
    other = YearFigures(drafts=2, participations=100, comments=50, reported=9, adopted=1, partly_adopted=0)
    total = YearFigures(drafts=4, participations=1000, comments=450, reported=66, adopted=6, partly_adopted=7)
    rows = build_yearly_rows(YearlyReport(
        contact_point="义乌市基层立法联系点", starts=date(2024, 1, 1), ends=date(2024, 12, 31),
        stations=[("稠城街道联络站", figures), ("福田街道联络站", other)], total=total,
    ))
    assert rows[0].values == ("义乌市基层立法联系点立法意见征集情况统计（2024年1月1日至2024年12月31日）",)
    assert rows[1].values == (
        "联络站", "征求意见草案数", "参与人次", "收到意见条数", "上报意见条数", "采纳条数", "部分采纳条数",
    )
    assert entry_rows(rows)[:2] == [("稠城街道联络站", 3, 900, 400, 60, 5, 7), ("福田街道联络站", 2, 100, 50, 9, 1, 0)]
    assert rows[4].kind is RowKind.TOTAL
    assert rows[4].values == ("合计", 4, 1000, 450, 66, 6, 7)


def test_yearly_rows_count_the_three_kinds_and_the_requests_by_station():
    empty = YearFigures(drafts=0, participations=0, comments=0, reported=0, adopted=0, partly_adopted=0)
    busy = replace(empty, proposal=KindFigures(consultations=1, comments=12), draft=KindFigures(consultations=2,
                   comments=40), evaluation=KindFigures(consultations=1, comments=5),
                   requests=RequestFigures(referred=9, done=8, done_on_time=7, overdue=1))
    rows = build_yearly_rows(YearlyReport(contact_point="义乌市基层立法联系点", starts=date(2024, 1, 1),
                                          ends=date(2024, 12, 31), stations=[("稠城街道联络站", busy),
                                                                             ("福田街道联络站", empty)], total=busy))
    assert [r.kind for r in rows] == [
        RowKind.TITLE, RowKind.HEADER, RowKind.ENTRY, RowKind.ENTRY, RowKind.TOTAL,
        RowKind.BLANK, RowKind.SECTION, RowKind.HEADER, RowKind.ENTRY, RowKind.ENTRY, RowKind.TOTAL,
        RowKind.BLANK, RowKind.SECTION, RowKind.HEADER, RowKind.ENTRY, RowKind.ENTRY, RowKind.TOTAL,
    ]
    assert rows[6].values == ("立法前、立法中、立法后征集情况",)
    assert rows[7].values == ("联络站", "立法前：立项建议征集次数", "立法前：收到建议条数", "立法中：草案征求意见次数",
                              "立法中：收到意见条数", "立法后：评估征集次数", "立法后：收到意见条数")
    assert rows[8].values == ("稠城街道联络站", 1, 12, 2, 40, 1, 5)
    assert rows[9].values == ("福田街道联络站", 0, 0, 0, 0, 0, 0)
    assert rows[12].values == ("民情转办情况",)
    assert rows[13].values == ("联络站", "转办件数", "已办结件数", "按期办结件数", "按期办结率", "逾期件数", "")
    assert rows[14].values == ("稠城街道联络站", 9, 8, 7, "87.5%", 1, "")
    assert rows[15].values == ("福田街道联络站", 0, 0, 0, "—", 0, "")  # nothing done: no rate, not 0 %
    assert rows[16].values == ("合计", 9, 8, 7, "87.5%", 1, "")


def _tables(rows):
    tables, current = {}, None
    for row in rows:
        if row.kind is RowKind.SECTION:
            current = tables.setdefault(row.values[0], [])
        elif row.kind is RowKind.ENTRY:
            current.append(row.values)
    return tables


def _totals_by_section(rows):
    totals, section = {}, None
    for row in rows:
        if row.kind is RowKind.SECTION:
            section = row.values[0]
        elif row.kind is RowKind.TOTAL:
            totals[section] = row.values
    return totals

