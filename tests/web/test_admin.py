import json
import logging

import pytest
from sqlalchemy import select

from legislink.extensions import db
from legislink.models import AuditEvent, Comment, Role

from ..builders import PASSWORD, make_comment, make_consultation, make_user
from ..conftest import post_form


@pytest.fixture
def admin_client(client, ctx):
    make_user(Role.ADMIN, username="root")
    db.session.commit()
    assert post_form(client, "/login", {"username": "root", "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture
def person(ctx):
    consultation = make_consultation()
    first = make_comment(consultation, text="第一条意见", name="王大锤", phone="+8613800138000", consent=True)
    make_comment(consultation, text="第二条意见", name="王大锤", phone="+8613800138000")
    make_comment(consultation, text="别人的意见", name="李小花", phone="+8613900139000")
    db.session.commit()
    return first


def test_an_admin_exports_one_persons_data_by_receipt_code(admin_client, person):
    response = post_form(admin_client, "/admin/personal-data", {"code": person.receipt_code, "action": "export"})
    assert response.mimetype == "application/json"
    data = json.loads(response.get_data(as_text=True))
    assert sorted(c["text"] for c in data["comments"]) == ["第一条意见", "第二条意见"]
    assert data["phone"] == "+8613800138000"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "personal_data.export"))
    assert len(event.object_ids) == 2
    assert "13800138000" not in json.dumps(event.detail)


def test_an_admin_erases_contact_details_by_phone_and_the_opinions_stay(admin_client, person):
    response = post_form(admin_client, "/admin/personal-data", {"phone": "138 0013 8000", "action": "erase"})
    assert response.status_code == 302
    db.session.expire_all()
    rows = {c.text: (c.name, c.phone, c.consent) for c in db.session.scalars(select(Comment))}
    assert rows == {"第一条意见": ("", "", False), "第二条意见": ("", "", False),
                    "别人的意见": ("李小花", "+8613900139000", False)}
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "personal_data.erase"))


def test_an_unknown_person_is_reported_and_nothing_changes(admin_client, person):
    response = post_form(admin_client, "/admin/personal-data", {"phone": "13700137000", "action": "erase"})
    assert "没有找到" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(Comment.phone).where(Comment.text == "第一条意见")) == "+8613800138000"


def test_staff_cannot_reach_personal_data_requests_or_the_audit_log(client, ctx):
    make_user(Role.STAFF, username="wang")
    db.session.commit()
    post_form(client, "/login", {"username": "wang", "password": PASSWORD})
    assert client.get("/admin/personal-data").status_code == 403
    assert client.get("/admin/audit").status_code == 403


def test_the_audit_log_is_filterable_and_read_only(admin_client, person):
    post_form(admin_client, "/admin/personal-data", {"code": person.receipt_code, "action": "export"})
    everything = admin_client.get("/admin/audit").get_data(as_text=True)
    assert "root 导出了 2 条意见所留的个人信息。" in everything
    assert "root 登录了系统。" in everything
    only_exports = admin_client.get("/admin/audit?action=personal_data").get_data(as_text=True)
    assert "root 导出了 2 条意见所留的个人信息。" in only_exports
    assert "root 登录了系统。" not in only_exports
    by_row = admin_client.get(f"/admin/audit?object_id={person.id}").get_data(as_text=True)
    assert "导出了 2 条意见所留的个人信息" in by_row
    assert admin_client.post("/admin/audit").status_code == 405


def test_request_logs_carry_no_personal_data(make_app, caplog):
    app = make_app()
    with app.app_context():
        consultation = make_consultation()
        comment = make_comment(consultation, name="王大锤", phone="+8613800138000")
        db.session.commit()
        code = comment.receipt_code
    client = app.test_client()
    with caplog.at_level(logging.INFO, logger="legislink.request"):
        client.get(f"/receipts/{code}")
        client.get("/receipts?code=" + code)
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "legislink.request"]
    assert [line["route"] for line in lines] == ["/receipts/<code>", "/receipts"]
    text = caplog.text
    for secret in (code, "王大锤", "13800138000", "127.0.0.1"):
        assert secret not in text
