"""Sessions and sign-in under attack: the session cookie is Secure behind HTTPS, and password
guessing from one address is throttled (429) without locking out everyone else."""

import pytest

from ..builders import PASSWORD
from ..conftest import post_form


def session_cookie(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert cookies, "the response set no session cookie"
    return cookies[-1]


def sign_in(client, **kwargs):
    response = post_form(client, "/login", {"username": "wang", "password": PASSWORD}, **kwargs)
    assert response.status_code == 302
    return response


def test_the_session_cookie_is_secure_when_configured_so(make_app, world):
    app = make_app(SESSION_COOKIE_SECURE=True)
    cookie = session_cookie(sign_in(app.test_client()))
    assert "; Secure" in cookie
    assert "; HttpOnly" in cookie


def test_the_session_cookie_is_secure_whenever_the_proxy_says_https(make_app, world):
    app = make_app(PROXY_COUNT=1)
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "localhost", "Referer": "https://localhost/login"}
    response = sign_in(app.test_client(), headers=https)
    assert "; Secure" in session_cookie(response)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_over_plain_http_the_session_cookie_works_without_secure(client, world):
    assert "; Secure" not in session_cookie(sign_in(client))
    assert client.get("/staff/").status_code == 200


def test_the_language_cookie_follows_the_session_cookie(make_app, world):
    app = make_app(PROXY_COUNT=1)
    response = app.test_client().get("/?lang=en", headers={"X-Forwarded-Proto": "https"})
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("lang="))
    assert "; Secure" in cookie


@pytest.fixture
def throttled(make_app, world):
    """Rate limits on, three sign-in attempts a minute per address, addresses from X-Forwarded-For."""
    return make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3 per minute", PROXY_COUNT=1)


WRONG = "wrong-password-1"


def attempt(client, address: str, password: str = WRONG):
    return post_form(client, "/login", {"username": "wang", "password": password},
                     headers={"X-Forwarded-For": address})


def test_password_guessing_from_one_address_is_throttled_with_429(throttled):
    guesser = throttled.test_client()
    answers = [attempt(guesser, "203.0.113.7").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    page = attempt(guesser, "203.0.113.7", password=PASSWORD)
    assert page.status_code == 429, "even the right password waits: the throttle comes before the check"
    assert "Retry-After" in page.headers or "X-RateLimit-Reset" in page.headers
    assert "error-page" in page.get_data(as_text=True)


def test_throttling_one_address_leaves_other_addresses_signing_in(throttled):
    guesser, colleague = throttled.test_client(), throttled.test_client()
    for _ in range(4):
        attempt(guesser, "203.0.113.7")
    assert attempt(colleague, "198.51.100.20", password=PASSWORD).status_code == 302
    assert colleague.get("/staff/").status_code == 200


def test_reading_the_sign_in_page_is_not_throttled(throttled):
    client = throttled.test_client()
    for _ in range(4):
        attempt(client, "203.0.113.7")
    assert client.get("/login", headers={"X-Forwarded-For": "203.0.113.7"}).status_code == 200
