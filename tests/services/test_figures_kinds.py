"""The figures of the three kinds of consultation and of the requests (民情), counted against rows
made by hand: overall and by the station of the comment."""

from datetime import date, datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from legislink.extensions import db
from legislink.models import CommentStatus, ReferralStatus, Role
from legislink.reports import write_yearly
from legislink.services import figures

from ..builders import (
    make_comment,
    make_consultation,
    make_evaluation,
    make_proposal,
    make_proposal_call,
    make_referral,
    make_station,
    make_user,
)
from ..conftest import sign_in

ZONE = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def made(ctx):
    today = datetime.now(ZONE).date()
    cc = make_station(code="CC01", name="稠城街道联络站")
    ft = make_station(code="FT02", name="福田街道联络站")
    call = make_proposal_call()
    make_proposal(call, "电动自行车管理条例", "楼道充电起火多。", station=cc)
    light = make_proposal(call, "路灯", "我家门口路灯坏了，请派人修。", station=cc)
    draft = make_consultation()
    make_comment(draft, text="第二条应当保留。", station=cc)
    noise = make_comment(draft, text="夜市噪音到半夜，请管一管。", station=ft, status=CommentStatus.OFFTOPIC)
    make_comment(draft, text="第三条写得好。", station=ft)
    make_comment(draft, text="垃圾广告", station=ft, status=CommentStatus.SPAM)  # not received
    evaluation = make_evaluation()
    stall = make_comment(evaluation, text="市场摊位纠纷没人管。", station=ft)
    old = make_comment(evaluation, text="去年的路面坑洼。", station=cc)
    # Done by the due day; done after it; open past it (逾期); open, not due yet; sent before the period.
    make_referral(light, assigned_on=today - timedelta(days=20), due_on=today - timedelta(days=5),
                  status=ReferralStatus.DONE, replied_on=today - timedelta(days=5))
    make_referral(make_comment(draft, text="楼道灯不亮。", station=cc), assigned_on=today - timedelta(days=20),
                  due_on=today - timedelta(days=10), status=ReferralStatus.DONE, replied_on=today - timedelta(days=9))
    make_referral(noise, assigned_on=today - timedelta(days=20), due_on=today - timedelta(days=1),
                  status=ReferralStatus.IN_PROGRESS)
    make_referral(stall, assigned_on=today - timedelta(days=2), due_on=today + timedelta(days=13))
    make_referral(old, assigned_on=today - timedelta(days=400), due_on=today - timedelta(days=385))
    db.session.commit()
    return today


def _counts(f):
    return ((f.proposal.consultations, f.proposal.comments), (f.draft.consultations, f.draft.comments),
            (f.evaluation.consultations, f.evaluation.comments),
            (f.requests.referred, f.requests.done, f.requests.done_on_time, f.requests.overdue))


def test_the_three_kinds_and_the_requests_overall_and_by_station(made):
    today = made
    report = figures.yearly(today - timedelta(days=60), today, contact_point="示例联系点", zone=ZONE, today=today)
    total = report.total
    # 4 received on the draft (the referred 楼道灯 one included, spam not); the old evaluation comment was
    # submitted today too, so it counts: only its referral lies before the period.
    assert _counts(total) == ((1, 2), (1, 4), (1, 2), (4, 2, 1, 1))
    assert total.requests.on_time_rate == 0.5
    assert total.drafts == 1  # the evaluated law is not a draft consulted
    by = dict(report.stations)
    assert _counts(by["稠城街道联络站"]) == ((1, 2), (1, 2), (1, 1), (2, 2, 1, 0))
    assert _counts(by["福田街道联络站"]) == ((1, 0), (1, 2), (1, 1), (2, 0, 0, 1))
    assert by["福田街道联络站"].requests.on_time_rate is None


def test_overdue_is_counted_on_the_day_given(made):
    today = made
    earlier = figures.yearly(today - timedelta(days=60), today, contact_point="示例联系点", zone=ZONE,
                             today=today - timedelta(days=1))
    assert earlier.total.requests.overdue == 0  # due yesterday: not overdue on its due day
    later = figures.yearly(today - timedelta(days=60), today, contact_point="示例联系点", zone=ZONE,
                           today=today + timedelta(days=14))
    assert later.total.requests.overdue == 2


def test_the_yearly_sheet_carries_the_kinds_and_the_requests(made):
    today = made
    out = BytesIO()
    write_yearly(out, figures.yearly(today - timedelta(days=60), today, contact_point="示例联系点", zone=ZONE,
                                     today=today))
    rows = [r for r in load_workbook(BytesIO(out.getvalue()))["年度统计"].iter_rows(values_only=True)]
    totals = [r for r in rows if r[0] == "合计"]
    assert totals[1] == ("合计", 1, 2, 1, 4, 1, 2)
    assert totals[2] == ("合计", 4, 2, 1, "50.0%", 1, None)
    assert ("民情转办情况",) + (None,) * 6 in rows


def test_a_period_without_anything_counts_zero(made):
    empty = figures.yearly(date(2001, 1, 1), date(2001, 12, 31), contact_point="示例联系点", zone=ZONE).total
    assert _counts(empty) == ((0, 0), (0, 0), (0, 0), (0, 0, 0, 0))


def test_the_figures_page_shows_the_kinds_and_the_requests(made, client):
    make_user(username="fig", role=Role.ADMIN)
    db.session.commit()
    sign_in(client, "fig", lang="zh")
    page = client.get("/staff/figures/").get_data(as_text=True)
    assert "立法前、立法中、立法后征集情况" in page
    assert "民情转办情况" in page
    assert "50.0%" in page  # 按期办结率 of the contact point
    assert "1 (50.0%)" in page
    english = client.get("/staff/figures/?lang=en").get_data(as_text=True)
    assert "Requests sent to departments" in english
