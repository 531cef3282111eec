"""Issue 17 point 10, the administration: a log in sentences, passwords nobody misreads, and a
question before an account is disabled."""

import pytest

from legislink.extensions import db
from legislink.models import AuditEvent, Role, User
from legislink.services import accounts

from ..builders import PASSWORD, make_user
from ..conftest import csrf_token, post_form


@pytest.fixture
def admin_client(client, ctx):
    make_user(Role.ADMIN, username="root")
    db.session.commit()
    assert post_form(client, "/login", {"username": "root", "password": PASSWORD}).status_code == 302
    return client


def test_the_audit_log_reads_as_sentences_not_codes(admin_client, ctx):
    user = db.session.scalar(db.select(User).where(User.username == "root"))
    db.session.add(AuditEvent(user_id=user.id, username="root", action="user.password_changed",
                              object_type="user", object_ids=[user.id]))
    db.session.add(AuditEvent(username="root", action="comment.import", object_ids=[1, 2, 3],
                              detail={"file": "座谈会.xlsx", "rows": 3}))
    db.session.add(AuditEvent(username="root", action="moderation.spam", object_ids=[1, 2],
                              detail={"reason": "推销广告", "count": 2, "to": "spam"}))
    db.session.add(AuditEvent(username="", action="user.create", object_ids=[9],
                              detail={"username": "li", "role": "staff"}))
    db.session.commit()
    html = admin_client.get("/admin/audit").get_data(as_text=True)
    table = html[html.index("<tbody>"):]
    assert "root 修改了自己的密码。" in table
    assert "root 从文件 座谈会.xlsx 导入了 3 条意见。" in table
    assert "root 将 2 条意见标为垃圾信息。 理由：推销广告" in table
    assert "系统 创建了账号 li（联络站工作人员）。" in table  # made on the command line: by the system
    assert "user.password_changed" not in table
    assert "rows=" not in table


def test_one_time_passwords_have_no_look_alike_characters():
    issued = "".join(accounts.generate_password() for _ in range(200))
    assert set(issued) & set("O0oIl1|S5Z2B8") == set()
    assert len(set(issued)) > 40


def test_disabling_an_account_asks_first_and_changes_nothing_until_confirmed(admin_client, ctx):
    other = make_user(Role.STAFF, username="wang")
    db.session.commit()
    url = f"/admin/users/{other.id}/toggle"
    asked = post_form(admin_client, url, {"enable": "0"}, form_url="/admin/users")
    assert asked.status_code == 200
    page = asked.get_data(as_text=True)
    assert "停用账号 wang？" in page
    db.session.expire_all()
    assert db.session.get(User, other.id).is_enabled
    done = admin_client.post(url, data={"enable": "0", "confirmed": "1", "csrf_token": csrf_token(page)})
    assert done.status_code == 302
    db.session.expire_all()
    assert not db.session.get(User, other.id).is_enabled
    # Sent twice (a double click), the answer is the same state, not a flip back.
    again = post_form(admin_client, url, {"enable": "0", "confirmed": "1"}, form_url="/admin/users")
    assert again.status_code == 302
    db.session.expire_all()
    assert not db.session.get(User, other.id).is_enabled


def test_every_audited_action_has_its_sentence():
    import re
    from pathlib import Path

    from legislink.services.moderation import TARGET_STATUS
    from legislink.web.audit_text import SENTENCES

    source = "\n".join(p.read_text("utf-8") for p in Path(accounts.__file__).parents[1].rglob("*.py"))
    written = set(re.findall(r'audit\.record\([^,]+,\s*"([a-z_.]+)"', source))
    written |= {"user.enable", "user.disable", "moderation.undo"} | {f"moderation.{a}" for a in TARGET_STATUS}
    assert len(written) > 25
    assert written - set(SENTENCES) == set()
