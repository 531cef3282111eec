"""The 民情转办 sheet from the database: in every kind's export when requests were referred, absent
otherwise, scoped by station, 逾期 counted from the contact point's day; the draft's own sheets unchanged."""

import io
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from legislink.extensions import db
from legislink.models import CommentStatus, ReferralStatus
from legislink.services import reports

from ..builders import (
    make_comment,
    make_consultation,
    make_department,
    make_evaluation,
    make_proposal,
    make_proposal_call,
    make_referral,
    make_station,
)

SETTINGS = reports.ReportSettings(contact_point="示例基层立法联系点", zone=ZoneInfo("Asia/Shanghai"),
                                  contact_name="李联络", contact_phone="0579-0000000")
HEADERS = ("序号", "回执编号", "反映事项", "承办单位", "转办日期", "办理期限", "办理状态", "答复内容", "答复日期")


def _book(consultation, **kwargs):
    out = io.BytesIO()
    reports.export(consultation, out, **{"settings": SETTINGS, **kwargs})
    db.session.commit()
    return load_workbook(io.BytesIO(out.getvalue()))


def _rows(ws):
    return list(ws.iter_rows(values_only=True))


@pytest.fixture
def draft(ctx):
    consultation = make_consultation()
    cc = make_station(code="CC01", name="稠城街道联络站")
    gm = make_station(code="GM05", name="国际商贸城联络站")
    make_comment(consultation, text="第二条的租金上限应当保留。", station=cc)
    light = make_comment(consultation, text="幸福路12号的路灯坏了一个月，请尽快修好。", station=cc,
                         status=CommentStatus.OFFTOPIC, offtopic_reason="unrelated", receipt_code="YW0000000001")
    stall = make_comment(consultation, text="=市场门口摊位占道，请协调", station=gm, receipt_code="YW0000000002")
    db.session.commit()
    return consultation, light, stall


def test_a_draft_export_without_requests_has_no_such_sheet(draft):
    consultation, _, _ = draft
    assert _book(consultation).sheetnames == ["汇总表", "意见明细", "统计"]


def test_a_draft_export_gains_the_sheet_last_and_is_otherwise_unchanged(draft):
    consultation, light, stall = draft
    before = _book(consultation)
    today = datetime.now(SETTINGS.zone).date()
    street = make_department(name="稠城街道办事处")
    make_referral(light, street, matter="幸福路12号路灯维修", assigned_on=today - timedelta(days=20),
                  due_on=today - timedelta(days=5), status=ReferralStatus.DONE, reply="已于当周更换灯具。",
                  replied_on=today - timedelta(days=6))
    make_referral(stall, make_department(name="市场监督管理局"), assigned_on=today - timedelta(days=3),
                  due_on=today + timedelta(days=12))
    db.session.commit()
    after = _book(consultation)
    assert after.sheetnames == ["汇总表", "意见明细", "统计", "民情转办"]
    for name in before.sheetnames:
        assert _rows(after[name]) == _rows(before[name]), name
    rows = _rows(after["民情转办"])
    day = lambda d: datetime(d.year, d.month, d.day)  # noqa: E731
    assert rows == [
        HEADERS,
        (1, "YW0000000001", "幸福路12号路灯维修", "稠城街道办事处", day(today - timedelta(days=20)),
         day(today - timedelta(days=5)), "已办结", "已于当周更换灯具。", day(today - timedelta(days=6))),
        # No matter written by staff: the comment's own words, kept as text.
        (2, "YW0000000002", "=市场门口摊位占道，请协调", "市场监督管理局", day(today - timedelta(days=3)),
         day(today + timedelta(days=12)), "待办", None, None),
    ]
    assert after["民情转办"]["C3"].data_type == "s"


def test_a_station_export_holds_that_stations_requests_only(draft):
    consultation, light, stall = draft
    make_referral(light)
    make_referral(stall, status=ReferralStatus.IN_PROGRESS)
    db.session.commit()
    rows = _rows(_book(consultation, station_code="GM05")["民情转办"])
    assert [r[1] for r in rows[1:]] == ["YW0000000002"]
    assert rows[1][6] == "办理中"
    assert "民情转办" not in _book(make_consultation(), station_code="CC01").sheetnames


def test_overdue_is_counted_from_the_contact_points_day(draft):
    """Kiritimati (UTC+14) is always a day or two ahead of Pago Pago (UTC-11): a request due on Pago
    Pago's today is still open there and already overdue in Kiritimati."""
    consultation, light, _ = draft
    due = datetime.now(ZoneInfo("Pacific/Pago_Pago")).date()
    make_referral(light, assigned_on=due - timedelta(days=10), due_on=due, status=ReferralStatus.IN_PROGRESS)
    db.session.commit()
    behind = _book(consultation, settings=replace(SETTINGS, zone=ZoneInfo("Pacific/Pago_Pago")))
    ahead = _book(consultation, settings=replace(SETTINGS, zone=ZoneInfo("Pacific/Kiritimati")))
    assert _rows(behind["民情转办"])[1][6] == "办理中"
    assert _rows(ahead["民情转办"])[1][6] == "逾期"


def test_proposal_and_evaluation_exports_carry_the_sheet_too(ctx):
    call = make_proposal_call()
    make_proposal(call, "电动自行车管理条例", "楼道充电起火多。", status=CommentStatus.ACCEPTED)
    asked = make_proposal(call, "路灯", "我家门口路灯不亮，请派人修。", receipt_code="YW0000000009")
    evaluation = make_evaluation()
    make_comment(evaluation, text="第三条执行中问题不少。")
    db.session.commit()
    assert "民情转办" not in _book(call).sheetnames
    assert "民情转办" not in _book(evaluation).sheetnames
    make_referral(asked, make_department(name="城市管理局"), assigned_on=date(2025, 1, 2), due_on=date(2025, 1, 17))
    make_referral(make_comment(evaluation, text="小区噪音扰民", receipt_code="YW0000000010"),
                  make_department(name="生态环境分局"), assigned_on=date(2025, 1, 2), due_on=date(2025, 1, 17))
    db.session.commit()
    proposals = _book(call)
    assert proposals.sheetnames == ["立项建议汇总表", "建议明细", "民情转办"]
    assert _rows(proposals["民情转办"])[1][:4] == (1, "YW0000000009", "我家门口路灯不亮，请派人修。", "城市管理局")
    assert _rows(proposals["民情转办"])[1][6] == "逾期"
    evaluated = _book(evaluation)
    assert evaluated.sheetnames == ["立法后评估意见汇总表", "意见明细", "民情转办"]
    assert _rows(evaluated["民情转办"])[1][1:4] == ("YW0000000010", "小区噪音扰民", "生态环境分局")


def test_every_request_is_exported_on_its_own_whichever_form_it_came_through(draft):
    """The workspace's download: the direct line's requests and those among a draft's comments, in the
    order they were sent, 逾期 from the given day, the header alone when there is none; audited."""
    from sqlalchemy import select

    from legislink.models import AuditEvent, utcnow
    from legislink.services import request_reports, standing
    from legislink.services.comments import CommentInput, submit

    consultation, light, stall = draft
    today = date(2026, 3, 10)
    empty = io.BytesIO()
    assert request_reports.export_requests(empty, today) == 0
    assert _rows(load_workbook(io.BytesIO(empty.getvalue()))["民情转办"]) == [HEADERS]

    direct = submit(standing.get_or_create(utcnow()), CommentInput(text="菜市场东门下水道堵了，请疏通。"),
                    now=utcnow())
    works = make_department(name="市住建局")
    make_referral(light, works, assigned_on=today - timedelta(days=9), due_on=today - timedelta(days=1))
    make_referral(db.session.get(type(light), direct.id), works, matter="菜市场东门下水道疏通",
                  assigned_on=today - timedelta(days=2), due_on=today + timedelta(days=5))
    db.session.commit()
    out = io.BytesIO()
    assert request_reports.export_requests(out, today) == 2
    rows = _rows(load_workbook(io.BytesIO(out.getvalue()))["民情转办"])
    assert [(r[1], r[2], r[6]) for r in rows[1:]] == [
        ("YW0000000001", light.text, "逾期"), (direct.receipt_code, "菜市场东门下水道疏通", "待办")]
    only = io.BytesIO()
    assert request_reports.export_requests(only, today, station=light.station) == 1
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "requests.export")).all()
    assert [e.detail["requests"] for e in events] == [0, 2, 1]


def test_the_direct_line_has_no_report_upward(ctx):
    from legislink.models import utcnow
    from legislink.services import ServiceError, standing

    with pytest.raises(ServiceError) as refused:
        reports.export(standing.get_or_create(utcnow()), io.BytesIO(), settings=SETTINGS)
    assert refused.value.code == "standing_no_report"
