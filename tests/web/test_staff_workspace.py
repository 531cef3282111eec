import pytest
from sqlalchemy import select

from legislink.extensions import db
from legislink.models import AuditEvent, Channel, Comment, CommentStatus, Role

from ..builders import make_comment, make_consultation, make_station, make_user
from ..conftest import post_form, sign_in


@pytest.fixture
def setup(ctx):
    own = make_station(code="CC01", name="稠城街道联络站")
    other = make_station(code="FT02", name="福田街道联络站")
    consultation = make_consultation()
    staff = make_user(Role.STAFF, username="wang", station=own)
    make_user(Role.REVIEWER, username="shen")
    make_comment(consultation, text="本站居民的意见", station=own, name="王大锤", phone="+8613800138000")
    make_comment(consultation, text="别站居民的意见", station=other, name="李小花", phone="+8613900139000")
    db.session.commit()
    return consultation, staff


def test_staff_see_contact_details_only_of_their_own_station(client, setup):
    consultation, _ = setup
    sign_in(client)
    html = client.get(f"/staff/consultations/{consultation.id}/comments").get_data(as_text=True)
    assert "王大锤" in html
    assert "李小花" not in html
    assert "13900139000" not in html
    assert "联系方式已隐藏" in html


def test_admins_see_every_contact(client, setup):
    consultation, _ = setup
    make_user(Role.ADMIN, username="root")
    db.session.commit()
    sign_in(client, "root")
    html = client.get(f"/staff/consultations/{consultation.id}/comments").get_data(as_text=True)
    assert "王大锤" in html
    assert "李小花" in html


def test_reviewers_cannot_moderate_or_record(client, setup):
    consultation, _ = setup
    sign_in(client, "shen")
    assert client.get(f"/staff/consultations/{consultation.id}/comments").status_code == 403
    assert client.get(f"/staff/consultations/{consultation.id}/offline").status_code == 403
    assert client.get(f"/staff/consultations/{consultation.id}/").status_code == 200


def test_bulk_spam_from_the_queue(client, setup):
    consultation, _ = setup
    sign_in(client)
    ids = [c.id for c in db.session.scalars(select(Comment))]
    url = f"/staff/consultations/{consultation.id}/comments"
    response = post_form(client, url + "/bulk", {"action": "spam", "reason": "广告", "ids": ids[:1],
                                                 "scope": "selected"}, form_url=url)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Comment, ids[0]).status == CommentStatus.SPAM
    assert db.session.get(Comment, ids[1]).status == CommentStatus.ACCEPTED
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "1 条意见已处理" in page


def test_bulk_without_a_reason_changes_nothing(client, setup):
    consultation, _ = setup
    sign_in(client)
    url = f"/staff/consultations/{consultation.id}/comments"
    post_form(client, url + "/bulk", {"action": "spam", "reason": "", "scope": "filter"}, form_url=url)
    db.session.expire_all()
    assert {c.status for c in db.session.scalars(select(Comment))} == {CommentStatus.ACCEPTED}


def test_offline_entry_records_the_channel_and_gives_a_printable_slip(client, setup):
    consultation, staff = setup
    sign_in(client)
    url = f"/staff/consultations/{consultation.id}/offline"
    page = client.get(url).get_data(as_text=True)
    assert '<option selected value="CC01">' in page  # the staff member's station is preselected
    response = post_form(client, url, {
        "channel": "symposium", "collected_on": "2024-05-01", "collector": "信息员张三", "station": "CC01",
        "article": "第二条", "text": "座谈会上大家提出营业时间要提前公告。", "identity": "trader",
    })
    assert response.status_code == 302
    stored = db.session.scalar(select(Comment).where(Comment.channel == Channel.SYMPOSIUM))
    assert stored.collector == "信息员张三"
    assert stored.created_by_id == staff.id
    slip = client.get(response.headers["Location"]).get_data(as_text=True)
    assert stored.receipt_code[:4] in slip
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "comment.record"))
    assert event.object_ids == [stored.id]


def test_offline_entry_refuses_a_future_date(client, setup):
    consultation, _ = setup
    sign_in(client)
    url = f"/staff/consultations/{consultation.id}/offline"
    response = post_form(client, url, {"channel": "letter", "collected_on": "2999-01-01", "collector": "张三",
                                       "station": "CC01", "text": "一封来信的意见内容。", "identity": "resident"})
    assert response.status_code == 200
    assert "日期不能晚于今天" in response.get_data(as_text=True)


def test_the_dashboard_draws_its_charts(client, setup):
    consultation, _ = setup
    sign_in(client)
    html = client.get(f"/staff/consultations/{consultation.id}/").get_data(as_text=True)
    assert html.count("<svg") >= 4
    assert "稠城街道联络站" in html
    assert "<script" not in html.split("</head>")[1]  # no inline script: the CSP forbids it
