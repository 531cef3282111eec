"""Sign-in lockout counts failures per account *and* client address: guessing from one address locks
that address out of that account only, never the owner elsewhere; a made-up name is answered as a
real one, word for word and in about the same time; an admin can lift a lock, and that is audited."""

import re
import statistics
import time

import pytest

from legislink.extensions import db
from legislink.models import AuditEvent, User
from legislink.services import accounts

from ..builders import PASSWORD
from ..conftest import post_form, sign_in

GUESSER, OWNER = "203.0.113.7", "198.51.100.20"
WRONG = "wrong-password-1"
CSRF = re.compile(r'name="csrf_token"[^>]*>')


@pytest.fixture
def site(make_app, world):
    """Addresses from X-Forwarded-For, as behind the proxy; the per-address rate limit is off."""
    return make_app(PROXY_COUNT=1)


def attempt(client, address: str, username: str = "root", password: str = WRONG):
    return post_form(client, "/login", {"username": username, "password": password},
                     headers={"X-Forwarded-For": address})


def guess(site, address: str, username: str, times: int):
    client = site.test_client()
    for _ in range(times):
        last = attempt(client, address, username)
    return client, last


def page_text(response) -> str:
    return CSRF.sub("", response.get_data(as_text=True))


def test_failures_from_one_address_lock_that_address_out_of_the_account(site):
    client, _ = guess(site, GUESSER, "root", site.config["LOGIN_MAX_FAILURES"])
    refused = attempt(client, GUESSER, password=PASSWORD)
    assert refused.status_code == 200
    assert "锁定" in refused.get_data(as_text=True)


def test_nobody_can_lock_the_owner_out_from_elsewhere(site):
    guess(site, GUESSER, "root", site.config["LOGIN_MAX_FAILURES"] * 2)
    owner = site.test_client()
    assert attempt(owner, OWNER, password=PASSWORD).status_code == 302
    assert owner.get("/admin/users").status_code == 200


def test_a_made_up_name_is_answered_word_for_word_as_a_real_one(site):
    limit = site.config["LOGIN_MAX_FAILURES"]
    real, made_up = site.test_client(), site.test_client()
    for _ in range(limit + 1):
        answers = attempt(real, GUESSER, "root"), attempt(made_up, GUESSER, "rooot")
        assert answers[0].status_code == answers[1].status_code == 200
        assert page_text(answers[0]).replace("root", "X") == page_text(answers[1]).replace("rooot", "X")
    assert "锁定" in answers[1].get_data(as_text=True), "the made-up name is locked as a real one is"


def test_a_made_up_name_takes_about_as_long_as_a_real_one(site):
    client = site.test_client()

    def seconds(username: str) -> float:
        started = time.perf_counter()
        attempt(client, f"192.0.2.{len(username)}", username)
        return time.perf_counter() - started

    real = statistics.median(seconds("root") for _ in range(3))
    made_up = statistics.median(seconds("nobody-here") for _ in range(3))
    assert made_up > real / 3, (real, made_up)


def test_signing_in_clears_the_failures_of_that_address(site):
    limit = site.config["LOGIN_MAX_FAILURES"]
    client, _ = guess(site, GUESSER, "root", limit - 1)
    assert attempt(client, GUESSER, password=PASSWORD).status_code == 302
    fresh = site.test_client()
    for _ in range(limit - 1):
        attempt(fresh, GUESSER)
    assert attempt(fresh, GUESSER, password=PASSWORD).status_code == 302


def test_an_admin_sees_the_lock_and_lifts_it_and_that_is_audited(site):
    client, _ = guess(site, GUESSER, "wang", site.config["LOGIN_MAX_FAILURES"])
    admin = sign_in(site.test_client(), "root")
    page = admin.get("/admin/users").get_data(as_text=True)
    assert "已锁定" in page
    wang = db.session.scalar(db.select(User).filter_by(username="wang"))
    response = post_form(admin, f"/admin/users/{wang.id}/unlock", {}, form_url="/admin/users")
    assert response.status_code == 302
    assert "已锁定" not in admin.get("/admin/users").get_data(as_text=True)
    assert attempt(client, GUESSER, "wang", password=PASSWORD).status_code == 302
    unlock = db.session.scalar(db.select(AuditEvent).filter_by(action="user.unlock"))
    assert unlock is not None
    assert unlock.object_ids == [wang.id]


def test_staff_cannot_lift_a_lock(site):
    guess(site, GUESSER, "root", site.config["LOGIN_MAX_FAILURES"])
    staff = sign_in(site.test_client(), "wang")
    root = db.session.scalar(db.select(User).filter_by(username="root"))
    response = post_form(staff, f"/admin/users/{root.id}/unlock", {}, form_url="/staff/")
    assert response.status_code == 403
    assert "锁定" in attempt(site.test_client(), GUESSER, password=PASSWORD).get_data(as_text=True)


@pytest.mark.parametrize(("ip", "key"), [
    ("203.0.113.7", "203.0.113.7"),
    ("::ffff:203.0.113.7", "203.0.113.7"),
    ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
    ("", ""),
])
def test_an_ipv6_client_counts_as_its_whole_64(ip, key):
    assert accounts.client_key(ip) == key
