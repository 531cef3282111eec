"""The analysis and the workbooks of a call for proposals and of the evaluation of a law in force,
from the database to the file, checked cell by cell against REPORT_FORMAT.md."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from legislink.extensions import db
from legislink.models import Attribution, AuditEvent, Channel, Comment, Identity, OpinionGroup, utcnow
from legislink.reports.rows import DETAIL_HEADERS
from legislink.services import ServiceError, analysis, opinions, reports

from ..builders import article, make_evaluation, make_proposal, make_proposal_call, make_station, make_user

SETTINGS = reports.ReportSettings(contact_point="示例基层立法联系点", zone=ZoneInfo("Asia/Shanghai"),
                                  contact_name="李联络", contact_phone="0579-0000000")
PROPOSAL_HEADER = ("序号", "建议项目名称", "立法必要性", "主要内容", "意见来源", "提出人数", "备注")
PROPOSAL_DETAIL = ("序号", "回执编号", "建议项目名称", "立法必要性", "主要内容", "身份", "联络站", "收集方式",
                   "提交时间", "建议分组", "状态")
EVALUATION_HEADER = ("序号", "条款", "现行条文", "实施中的问题", "修改完善建议", "意见来源", "提出人数", "备注")
LETTER = ("尊敬的联络站：我们小区没有集中充电点，很多住户把电动自行车推进楼道或家中充电，还有飞线充电，"
          "火灾隐患极大。恳请尽快立法，明确充电设施建设和管理责任。")


def _export(consultation, **kw) -> tuple[reports.ReportData, object]:
    out = io.BytesIO()
    data = reports.export(consultation, out, settings=SETTINGS, **kw)
    out.seek(0)
    return data, load_workbook(out)


def _rows(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


@pytest.fixture
def call(ctx):
    consultation = make_proposal_call(title="2025年度立法项目建议征集")
    cc = make_station(code="CC01", name="稠城街道联络站")
    made = [
        make_proposal(consultation, "电动自行车管理条例", "电动自行车多，楼道充电起火事故时有发生，闯红灯逆行普遍。",
                      "集中充电设施，登记上牌，佩戴头盔。", identity=Identity.RESIDENT, station=cc),
        make_proposal(consultation, "电瓶车停放充电的规定", "小区里电瓶车推进楼道充电，还飞线充电，着火了很危险。",
                      "", identity=Identity.TRADER, station=cc),
        make_proposal(consultation, "电动自行车管理条例", LETTER + "张三", "禁止楼道充电。", channel=Channel.LETTER),
        make_proposal(consultation, "电动自行车管理条例", LETTER + "李四", "禁止楼道充电。", channel=Channel.LETTER),
        make_proposal(consultation, "养犬管理条例", "遛狗不拴绳，狗咬人的事多，狗粪没人清理。", "犬只登记，出门牵绳。",
                      identity=Identity.RESIDENT),
        make_proposal(consultation, "关于文明养狗的建议", "大狗不牵绳吓哭孩子，晚上狗叫扰民，狗咬人没人管。",
                      "遛狗必须牵绳。"),
    ]
    db.session.commit()
    return consultation, made


def test_proposals_are_grouped_by_the_law_they_ask_for_and_stored_without_an_article(call):
    consultation, made = call
    summary = analysis.run(consultation, now=utcnow())
    db.session.commit()
    groups = db.session.scalars(select(OpinionGroup).where(OpinionGroup.consultation_id == consultation.id)).all()
    assert summary.groups == len(groups) == 2
    assert all(g.provision_id is None for g in groups)
    group_of = {c.id: c.group_id for c in db.session.scalars(select(Comment))}
    ebike, dogs = {group_of[c.id] for c in made[:4]}, {group_of[c.id] for c in made[4:]}
    assert len(ebike) == 1
    assert len(dogs) == 1
    assert ebike != dogs
    big = db.session.get(OpinionGroup, ebike.pop())
    assert (big.size, big.duplicate_count) == (4, 2)
    assert made[2].duplicate_key is not None
    assert made[2].duplicate_key == made[3].duplicate_key


def test_an_incremental_run_keeps_the_group_staff_named_and_adds_newcomers(call):
    consultation, made = call
    analysis.run(consultation, now=utcnow())
    staff = make_user(station=None)
    group_id = made[0].group_id
    opinions.write_summary(consultation, group_id, "电动自行车管理条例（含充电安全）", True, staff)
    db.session.commit()
    late = make_proposal(consultation, "电动车充电安全规定", "电动车在楼道里充电起火，楼上住户跑不出来。",
                         "建集中充电棚。")
    db.session.commit()
    assert analysis.run(consultation, now=utcnow()).analysed == 1
    db.session.commit()
    assert db.session.get(OpinionGroup, group_id).summary == "电动自行车管理条例（含充电安全）"
    assert db.session.get(Comment, late.id).group_id == group_id


def test_the_proposal_workbook_reads_back_cell_by_cell(call):
    consultation, made = call
    analysis.run(consultation, now=utcnow())
    db.session.commit()
    data, book = _export(consultation)
    assert book.sheetnames == ["立项建议汇总表", "建议明细"]
    ws = book["立项建议汇总表"]
    rows = _rows(ws)
    assert rows[0][0] == "2025年度立法项目建议征集立项建议汇总表"
    assert rows[1][0].startswith("报送单位：示例基层立法联系点　征求意见时间：")
    assert rows[2][0] == "共6人次参与，收到意见6条，整理形成意见2条"
    assert rows[3] == PROPOSAL_HEADER
    ebike, dogs = rows[4], rows[5]
    assert ebike[:2] == (1, "电动自行车管理条例")  # the most common title of the group
    assert ebike[5] == 4
    assert ebike[6] == "其中格式化重复意见2条"
    assert "稠城街道联络站2人" in ebike[4]
    assert ebike[2] in {c.text for c in made[:4]}
    assert dogs[:2][0] == 2
    assert dogs[1] in {"养犬管理条例", "关于文明养狗的建议"}
    assert dogs[5] == 2
    assert rows[6] == ("联系人：李联络　联系电话：0579-0000000", *[None] * 6)
    assert len(rows) == 7
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:G1", "A2:G2", "A3:G3", "A7:G7"} <= merged
    assert ws["A1"].font.b
    assert ws["A1"].font.sz == 16
    assert ws.freeze_panes == "A5"
    assert ws.print_title_rows == "$4:$4"
    assert ws.page_setup.orientation == "landscape"
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert ws["B5"].alignment.wrap_text
    assert ws["B5"].border.left.style == "thin"


def test_the_proposal_detail_sheet_holds_every_accepted_proposal(call):
    consultation, made = call
    analysis.run(consultation, now=utcnow())
    db.session.commit()
    _, book = _export(consultation)
    ws = book["建议明细"]
    rows = _rows(ws)
    assert rows[0] == PROPOSAL_DETAIL
    assert len(rows) == 1 + len(made)
    first = rows[1]
    assert first[:5] == (1, made[0].receipt_code, "电动自行车管理条例", made[0].text,
                         "集中充电设施，登记上牌，佩戴头盔。")
    assert first[5:8] == ("居民", "稠城街道联络站", "网上")
    assert isinstance(first[8], datetime)
    assert first[9] == 1  # the group's 序号 in the summary
    assert first[10] == "已受理"
    assert rows[3][7] == "信件"
    assert ws.freeze_panes == "A2"


def test_staff_name_for_a_group_is_its_project_name(call):
    consultation, made = call
    analysis.run(consultation, now=utcnow())
    opinions.write_summary(consultation, made[4].group_id, "文明养犬管理条例", True, make_user(station=None))
    db.session.commit()
    _, book = _export(consultation)
    names = [row[1] for row in _rows(book["立项建议汇总表"])[4:6]]
    assert "文明养犬管理条例" in names


def test_proposals_not_grouped_yet_are_entries_of_their_own(call):
    consultation, made = call
    data = reports.export(consultation, io.BytesIO(), settings=SETTINGS)
    assert data.ungrouped == len(made)
    assert len(data.entries) == len(made)


def test_formula_lookalikes_and_control_characters_in_a_proposal_stay_text(ctx):
    consultation = make_proposal_call()
    make_proposal(consultation, '=HYPERLINK("http://x","点我")', "+1 这部法\x0b很需要", "@SUM(A1)")
    db.session.commit()
    out = io.BytesIO()
    reports.export(consultation, out, settings=SETTINGS)
    out.seek(0)
    book = load_workbook(out)
    entry = book["立项建议汇总表"]["B5"]
    assert entry.value == '=HYPERLINK("http://x","点我")'
    assert entry.data_type == "s"
    assert entry.quotePrefix
    detail = book["建议明细"]
    assert detail["D2"].value == "+1 这部法很需要"
    assert detail["D2"].data_type == "s"
    assert detail["E2"].value == "@SUM(A1)"
    assert detail["E2"].data_type == "s"


def test_contact_columns_only_with_contact(call):
    consultation, made = call
    made[0].name, made[0].phone = "王大锤", "13800138000"
    db.session.commit()
    _, book = _export(consultation)
    assert "王大锤" not in str(_rows(book["建议明细"]))
    _, book = _export(consultation, with_contact=True)
    rows = _rows(book["建议明细"])
    assert rows[0][-2:] == ("提出人", "联系电话")
    assert rows[1][-2:] == ("王大锤", "13800138000")


def test_a_proposal_call_has_no_adoption_sheet(call):
    consultation, _ = call
    with pytest.raises(ServiceError):
        reports.export(consultation, io.BytesIO(), settings=SETTINGS, adoption=True)


def test_every_export_is_audited(call):
    consultation, _ = call
    reports.export(consultation, io.BytesIO(), settings=SETTINGS)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "report.export"))
    assert event.object_ids == [consultation.id]


@pytest.fixture
def evaluation(ctx):
    consultation = make_evaluation()
    version = consultation.version
    a2 = article(version, 2)
    made = [
        make_proposal(consultation, "", "商户反映第二条的备案手续太繁琐，要跑三个部门。", "",
                      suggestion="建议改为一窗受理。", provision=a2, attribution=Attribution.FORM),
        make_proposal(consultation, "", "备案手续繁琐，跑了好几趟部门。", "", provision=a2,
                      attribution=Attribution.FORM),
        # Staff judged it on topic: the builder's law text is too thin for the analysis to see it.
        make_proposal(consultation, "", "条例实施以来市场秩序明显好转。", "", offtopic_locked=True),
    ]
    db.session.commit()
    return consultation, made


def test_an_evaluation_is_analysed_article_by_article(evaluation):
    consultation, made = evaluation
    analysis.run(consultation, now=utcnow())
    db.session.commit()
    groups = db.session.scalars(select(OpinionGroup).where(OpinionGroup.consultation_id == consultation.id)).all()
    by_provision = {g.provision_id for g in groups}
    assert made[0].provision_id in by_provision
    assert db.session.get(Comment, made[0].id).group_id == db.session.get(Comment, made[1].id).group_id


def test_the_evaluation_workbook_reads_back_cell_by_cell(evaluation):
    consultation, made = evaluation
    analysis.run(consultation, now=utcnow())
    db.session.commit()
    _, book = _export(consultation)
    assert book.sheetnames == ["立法后评估意见汇总表", "意见明细"]
    ws = book["立法后评估意见汇总表"]
    rows = _rows(ws)
    assert rows[0][0] == "《示例市市场服务条例》实施情况评估意见汇总表"
    assert rows[2][0] == "共3人次参与，收到意见3条，整理形成意见2条（总体意见1条，逐条意见1条）"
    assert rows[3] == EVALUATION_HEADER
    assert rows[4][0] == "一、总体评价"
    assert rows[5][:4] == (1, None, None, "条例实施以来市场秩序明显好转。")
    assert rows[6][0] == "二、逐条意见"
    entry = rows[7]
    assert entry[1] == "第二条"
    assert entry[2] == article(consultation.version, 2).text
    assert entry[3] in {made[0].text, made[1].text}
    assert entry[4] == "建议改为一窗受理。"
    assert entry[6] == 2
    assert rows[8][0] == "联系人：李联络　联系电话：0579-0000000"
    assert ws.freeze_panes == "A5"
    assert {"A1:H1", "A5:H5", "A7:H7", "A9:H9"} <= {str(r) for r in ws.merged_cells.ranges}
    detail = _rows(book["意见明细"])
    assert detail[0] == DETAIL_HEADERS
    assert detail[1][2:5] == ("第二条", made[0].text, "建议改为一窗受理。")
