from datetime import timedelta

import pytest

from legislink.extensions import db
from legislink.models import AuditEvent, Role, SignInFailure, User, utcnow

from ..builders import PASSWORD, make_user
from ..conftest import post_form


@pytest.fixture
def staff(ctx):
    user = make_user(Role.STAFF, username="wang")
    db.session.commit()
    return user


def login(client, username="wang", password=PASSWORD, next_url=None):
    url = "/login" + (f"?next={next_url}" if next_url else "")
    return post_form(client, url, {"username": username, "password": password})


def test_staff_signs_in_and_reaches_the_workspace(client, staff):
    response = login(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/"
    page = client.get("/staff/")
    assert page.status_code == 200
    assert "wang" in page.get_data(as_text=True)


def test_a_wrong_password_is_refused_with_a_message_and_counted(client, staff):
    response = login(client, password="not-the-password-1")
    assert response.status_code == 200
    assert "用户名或密码错误" in response.get_data(as_text=True)
    assert db.session.query(SignInFailure).filter_by(username="wang").count() == 1
    assert client.get("/staff/").status_code == 302


def test_an_unknown_user_gets_the_same_answer_as_a_wrong_password(client, staff):
    unknown = login(client, username="nobody").get_data(as_text=True)
    assert "用户名或密码错误" in unknown


def test_repeated_failures_lock_the_account_even_for_the_right_password(app, client, staff):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        login(client, password="wrong-password-1")
    response = login(client)
    assert "锁定" in response.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302


def test_the_lock_expires(app, client, staff):
    long_ago = utcnow() - timedelta(minutes=app.config["LOGIN_LOCKOUT_MINUTES"] + 1)
    db.session.add_all(SignInFailure(username="wang", address="127.0.0.1", at=long_ago)
                       for _ in range(app.config["LOGIN_MAX_FAILURES"]))
    db.session.commit()
    assert login(client).status_code == 302


def test_sign_out_ends_the_session(client, staff):
    login(client)
    post_form(client, "/logout", {}, form_url="/staff/")
    assert client.get("/staff/").status_code == 302


def test_logout_refuses_a_get(client, staff):
    login(client)
    assert client.get("/logout").status_code == 405


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]
)
def test_next_never_leaves_the_site(client, staff, target):
    response = login(client, next_url=target)
    assert response.headers["Location"] == "/staff/"


def test_next_within_the_site_is_followed(client, staff):
    response = login(client, next_url="/admin/users")
    assert response.headers["Location"] == "/admin/users"


def test_a_one_time_password_must_be_changed_before_anything_else(client, staff):
    staff.must_change_password = True
    db.session.commit()
    response = login(client)
    assert response.headers["Location"].startswith("/account/password")
    assert client.get("/staff/").headers["Location"].startswith("/account/password")


def test_changing_the_password_ends_every_other_session(app, staff):
    first, second = app.test_client(), app.test_client()
    login(first)
    login(second)
    response = post_form(first, "/account/password",
                         {"current": PASSWORD, "new": "Another-strong-42", "confirm": "Another-strong-42"})
    assert response.status_code == 302
    assert first.get("/staff/").status_code == 200
    assert second.get("/staff/").status_code == 302


def test_the_password_policy_is_enforced_on_change(client, staff):
    login(client)
    response = post_form(client, "/account/password", {"current": PASSWORD, "new": "short1", "confirm": "short1"})
    assert "至少" in response.get_data(as_text=True)
    assert db.session.get(User, staff.id).check_password(PASSWORD)


def test_sign_ins_and_failures_are_audited(client, staff):
    login(client, password="wrong-password-1")
    login(client)
    actions = [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]
    assert actions == ["login.failed", "login"]


def test_a_login_post_without_csrf_token_is_refused(client, staff):
    response = client.post("/login", data={"username": "wang", "password": PASSWORD})
    assert response.status_code == 400
    assert db.session.query(AuditEvent).count() == 0


def test_session_cookie_is_httponly_and_lax(client, staff):
    response = login(client)
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
