"""The request loop through its pages: the admin's departments, the 民情直通 form, 转办, the workspace
(overdue first), the reply on the receipt — and nothing of the staff shown to the resident."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from legislink.extensions import db
from legislink.models import (
    AuditEvent,
    Comment,
    Consultation,
    ConsultationKind,
    Department,
    Referral,
    ReferralStatus,
    Role,
)
from legislink.services import referrals

from ..builders import PASSWORD, make_comment, make_consultation, make_proposal_call, make_station, make_user
from ..conftest import csrf_token, post_form


def today() -> date:
    """Today where the contact point is (Asia/Shanghai), which the pages go by, not the server's day."""
    return referrals.local_today("Asia/Shanghai")


def _sign_in(client, username):
    assert post_form(client, "/login", {"username": username, "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture
def people(ctx):
    station = make_station(code="CC01", name="稠城街道联络站")
    make_user(Role.ADMIN, username="root", station=None)
    make_user(Role.STAFF, username="wangxiaoer", display_name="李工作人员", station=station)
    db.session.commit()
    return station


def test_the_admin_keeps_the_list_of_departments(app, client, people):
    _sign_in(client, "root")
    assert "承办单位" in client.get("/admin/users").get_data(as_text=True)  # in the admin's tabs
    assert post_form(client, "/admin/departments/", {"name": "市住建局", "contact": "0579-1"}).status_code == 302
    again = post_form(client, "/admin/departments/", {"name": "市住建局"})
    assert "已在名单中" in again.get_data(as_text=True)
    department = db.session.scalar(select(Department))
    change = "/admin/departments/change"
    post_form(client, change, {"department": department.id, "action": "rename", "name": "市住房和城乡建设局",
                               "contact": "0579-2"}, form_url="/admin/departments/")
    post_form(client, change, {"department": department.id, "action": "retire"}, form_url="/admin/departments/")
    db.session.expire_all()
    assert (department.name, department.contact, department.active) == ("市住房和城乡建设局", "0579-2", False)
    assert list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.startswith("department")))) == [
        "department.create", "department.rename", "department.retire"]


def test_a_request_from_the_direct_line_is_referred_replied_and_shown_on_the_receipt(app, client, people):
    page = client.get("/")
    assert "/requests/new" in page.get_data(as_text=True)
    form = client.get("/requests/new")
    assert form.status_code == 200
    assert db.session.scalar(select(func.count(Consultation.id))) == 0  # a GET makes nothing
    sent = client.post("/requests/new", data={
        "csrf_token": csrf_token(form.get_data(as_text=True)), "text": "小区门口的路灯坏了两个月，晚上很黑。",
        "identity": "resident", "station": "CC01", "name": "王大锤", "phone": "13800138000", "consent": "y"})
    assert sent.status_code == 302
    code = re.search(r"/receipts/([A-Z0-9]+)", sent.headers["Location"]).group(1)
    comment = db.session.scalar(select(Comment).where(Comment.receipt_code == code))
    assert comment.consultation.kind == ConsultationKind.STANDING
    assert comment.consultation.closes_at.year >= 2999
    thanked = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "您反映的事项已经收到" in thanked
    assert "<h1>您反映的事项</h1>" in thanked

    staff = app.test_client()
    _sign_in(staff, "wangxiaoer")
    referrals.create_department("市住建局")
    db.session.commit()
    department = db.session.scalar(select(Department))
    due = today() + timedelta(days=10)
    url = f"/staff/requests/comments/{comment.id}"
    past = post_form(staff, f"{url}/refer", {"department": department.id, "due_on": today().isoformat()},
                     form_url=url)
    assert "截止日期必须晚于今天" in past.get_data(as_text=True)
    assert post_form(staff, f"{url}/refer", {"department": department.id, "due_on": due.isoformat()},
                     form_url=url).status_code == 302
    receipt = client.get(f"/receipts/{code}").get_data(as_text=True)
    assert "市住建局" in receipt
    assert "李工作人员" not in receipt
    assert "wangxiaoer" not in receipt

    post_form(staff, f"{url}/start", {}, form_url=url)
    assert post_form(staff, f"{url}/reply", {"reply": "路灯已修复。", "replied_on": today().isoformat()},
                     form_url=url).status_code == 302
    referral = db.session.scalar(select(Referral))
    db.session.refresh(referral)
    assert referral.status == ReferralStatus.DONE
    receipt = client.get(f"/receipts/{code}").get_data(as_text=True)
    assert "路灯已修复。" in receipt
    assert "李工作人员" not in receipt


def test_overdue_requests_come_first_on_the_workspace_and_are_counted_on_the_home(app, client, people):
    consultation = make_consultation()
    late = make_comment(consultation, text="菜市场摊位纠纷，一直没人管。", station=people)
    fresh = make_comment(consultation, text="夜市噪音太大。", station=people)
    department = referrals.create_department("城管局")
    long_ago = today() - timedelta(days=40)
    referrals.refer(fresh.id, department.id, today() + timedelta(days=20), today=today())
    referrals.refer(late.id, department.id, long_ago + timedelta(days=15), today=long_ago)
    db.session.commit()
    _sign_in(client, "wangxiaoer")
    home = client.get("/staff/").get_data(as_text=True)
    assert "1 项转办事项已逾期" in home
    listing = client.get("/staff/requests/").get_data(as_text=True)
    assert listing.index("菜市场摊位纠纷") < listing.index("夜市噪音太大")
    assert "逾期" in listing
    only = client.get("/staff/requests/?state=overdue").get_data(as_text=True)
    assert "夜市噪音太大" not in only
    # The residents see it too, on their receipts: 逾期 with the day the reply was due, not "being dealt with".
    late_receipt = client.get(f"/receipts/{late.receipt_code}").get_data(as_text=True)
    assert "referral-overdue" in late_receipt
    assert "至今尚未答复" in late_receipt
    assert "承办单位正在办理" not in late_receipt
    fresh_receipt = client.get(f"/receipts/{fresh.receipt_code}").get_data(as_text=True)
    assert "referral-overdue" not in fresh_receipt


def test_a_direct_line_receipt_has_no_legislative_steps(ctx):
    from legislink.models import utcnow
    from legislink.services import receipts, standing
    from legislink.services.comments import CommentInput, submit

    saved = submit(standing.get_or_create(utcnow()), CommentInput(text="路灯坏了，请修一下。"), now=utcnow())
    comment = db.session.get(Comment, saved.id)
    assert [stage.kind for stage in receipts.history(comment)] == ["received"]
    assert standing.get_or_create(utcnow()).id == comment.consultation_id  # one standing form, made once


REQUEST = "菜市场东门的下水道堵了一个星期，污水流到路上，请尽快疏通。"


def _send_request(client, token, **fields):
    return client.post("/requests/new", data={"csrf_token": token, "text": REQUEST, "identity": "trader",
                                              "station": "CC01", "name": "王阿姨", "phone": "13800138000",
                                              "consent": "y", **fields})


def test_an_expired_request_form_comes_back_with_everything_typed(app, people):
    from .test_comment_kept import typed

    before_restart = app.test_client()
    old_token = csrf_token(before_restart.get("/requests/new").get_data(as_text=True))
    after_restart = app.test_client()  # the browser was closed: no session, so the token is stale
    response = _send_request(after_restart, old_token)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "已经过期" in html
    assert (typed(html, "text"), typed(html, "name"), typed(html, "phone")) == (REQUEST, "王阿姨", "13800138000")
    assert db.session.scalar(select(func.count(Comment.id))) == 0
    assert db.session.scalar(select(func.count(Consultation.id))) == 0  # nor the standing form
    assert _send_request(after_restart, csrf_token(html)).status_code == 302
    assert db.session.scalar(select(func.count(Comment.id))) == 1


def test_a_request_from_another_site_is_not_filled_in_with_what_it_sent(client, people):
    response = client.post("/requests/new", data={"text": REQUEST, "identity": "resident"},
                           headers={"Origin": "https://elsewhere.example"})
    assert response.status_code == 400
    assert REQUEST not in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Comment.id))) == 0


def test_a_request_past_the_limit_comes_back_whole_and_nothing_is_saved(make_app):
    from .test_comment_kept import typed

    app = make_app(RATELIMIT_ENABLED=True, COMMENT_RATE_LIMIT="1 per minute")
    with app.app_context():
        make_station(code="CC01", name="稠城街道联络站")
        db.session.commit()
        client = app.test_client()
        token = csrf_token(client.get("/requests/new").get_data(as_text=True))
        assert _send_request(client, token).status_code == 302
        second = _send_request(client, token, text="夜市的噪音每天到凌晨两点，请城管管一下。")
        assert second.status_code == 429
        html = second.get_data(as_text=True)
        assert typed(html, "text") == "夜市的噪音每天到凌晨两点，请城管管一下。"
        assert "还没有收到" in html
        assert db.session.scalar(select(func.count(Comment.id))) == 1


def test_each_form_asks_consent_for_what_it_sends(client, people):
    assert "就这件事与我联系" in client.get("/requests/new").get_data(as_text=True)
    call = make_proposal_call(title="2027年度立法项目建议征集")
    db.session.commit()
    assert "就这条建议与我联系" in client.get(f"/consultations/{call.id}").get_data(as_text=True)


def test_the_workspace_downloads_every_request_and_the_direct_line_has_no_report_tab(app, client, people):
    import io

    from openpyxl import load_workbook

    from legislink.models import utcnow
    from legislink.services import standing

    line = standing.get_or_create(utcnow())
    light = make_comment(line, text="小区门口的路灯坏了两个月。", station=people)
    department = referrals.create_department("市住建局")
    referrals.refer(light.id, department.id, today() + timedelta(days=10), today=today())
    db.session.commit()
    _sign_in(client, "wangxiaoer")
    page = client.get("/staff/requests/").get_data(as_text=True)
    assert "下载全部转办事项" in page
    download = post_form(client, "/staff/requests/requests.xlsx", {}, form_url="/staff/requests/")
    assert download.status_code == 200
    assert "attachment" in download.headers["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(download.data))["民情转办"].iter_rows(values_only=True))
    assert [(r[1], r[3]) for r in rows[1:]] == [(light.receipt_code, "市住建局")]
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "requests.export")) == 1
    assert client.post("/staff/requests/requests.xlsx").status_code == 400  # no form token: refused

    queue = client.get(f"/staff/consultations/{line.id}/comments")
    assert queue.status_code == 200
    assert f"/staff/consultations/{line.id}/opinions" in queue.get_data(as_text=True)  # the other tabs stay
    assert f"/staff/consultations/{line.id}/report/" not in queue.get_data(as_text=True)
    report = client.get(f"/staff/consultations/{line.id}/report/")
    assert report.status_code == 302
    assert report.headers["Location"].endswith("/staff/requests/")
