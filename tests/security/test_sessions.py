"""Sessions that really end: a copy of the session cookie taken before sign-out, a password change
or the account being disabled opens nothing afterwards; sign-in starts a fresh session; a staff
session left idle longer than SESSION_IDLE_MINUTES is over."""

import time

from legislink.extensions import db
from legislink.models import User

from ..builders import PASSWORD
from ..conftest import post_form, sign_in


def stolen_copy(app, client):
    """Another client holding the very session cookie `client` holds now."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_a_copied_session_cookie_opens_nothing_after_sign_out(app, staff):
    thief = stolen_copy(app, staff)
    assert thief.get("/staff/").status_code == 200
    post_form(staff, "/logout", {}, form_url="/staff/")
    assert thief.get("/staff/").status_code == 302
    assert staff.get("/staff/").status_code == 302


def test_a_copied_session_cookie_opens_nothing_after_a_password_change(app, staff):
    thief = stolen_copy(app, staff)
    response = post_form(staff, "/account/password",
                         {"current": PASSWORD, "new": "Another-strong-42", "confirm": "Another-strong-42"})
    assert response.status_code == 302
    assert thief.get("/staff/").status_code == 302
    assert staff.get("/staff/").status_code == 200


def test_a_copied_session_cookie_opens_nothing_once_the_account_is_disabled(app, staff, admin, world):
    thief = stolen_copy(app, staff)
    wang = db.session.scalar(db.select(User).filter_by(username="wang"))
    assert post_form(admin, f"/admin/users/{wang.id}/toggle", {"enable": "0", "confirmed": "1"},
                     form_url="/admin/users").status_code == 302
    assert thief.get("/staff/").status_code == 302
    assert staff.get("/staff/").status_code == 302


def raw_csrf_secret(client) -> str:
    with client.session_transaction() as session:
        return session["csrf_token"]


def test_signing_in_starts_a_fresh_session_with_a_new_csrf_token(app, world):
    client = app.test_client()
    client.get("/login")
    before = raw_csrf_secret(client)
    sign_in(client, "wang")
    client.get("/account/password")
    assert raw_csrf_secret(client) != before


def test_signing_out_on_one_device_is_not_undone_by_signing_in_again(app, staff):
    thief = stolen_copy(app, staff)
    post_form(staff, "/logout", {}, form_url="/staff/")
    sign_in(staff, "wang")
    assert staff.get("/staff/").status_code == 200
    assert thief.get("/staff/").status_code == 302


def age_session(client, seconds: int) -> None:
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - seconds


def test_a_session_idle_longer_than_the_limit_is_over(make_app, world):
    app = make_app(SESSION_IDLE_MINUTES=30)
    client = sign_in(app.test_client(), "wang")
    age_session(client, 31 * 60)
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    assert client.get("/staff/").status_code == 302


def test_a_session_used_within_the_limit_stays_open(make_app, world):
    app = make_app(SESSION_IDLE_MINUTES=30)
    client = sign_in(app.test_client(), "wang")
    age_session(client, 29 * 60)
    assert client.get("/staff/").status_code == 200
    with client.session_transaction() as session:
        assert time.time() - session["seen"] < 60, "each request counts as activity"


def test_the_idle_limit_is_an_hour_by_default(app, world):
    assert app.config["SESSION_IDLE_MINUTES"] == 60
    client = sign_in(app.test_client(), "wang")
    age_session(client, 59 * 60)
    assert client.get("/staff/").status_code == 200
    age_session(client, 61 * 60)
    assert client.get("/staff/").status_code == 302
