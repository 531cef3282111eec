"""Every POST route of the URL map refuses a form without its CSRF token, or with a forged one
(400), even from a signed-in admin, and changes nothing."""

from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import func, select

from legislink.extensions import db
from legislink.models import AuditEvent, Comment

from ..conftest import csrf_token
from .conftest import sign_in

ARGUMENTS = {"draft_id": 1, "consultation_id": 1, "version_id": 1, "group_id": 1, "comment_id": 1, "user_id": 1,
             "code": "AAAABBBBCCCC", "station_code": "CC01", "filename": "css/site.css"}
FORM = {"text": "这一条应当写得更清楚一些。", "identity": "resident", "username": "root", "password": "x" * 12,
        "action": "confirm", "outcome": "adopted"}


def post_urls(app) -> list[tuple[str, str]]:
    urls = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "POST" in rule.methods:
            urls.append((rule.endpoint, rule.build({a: ARGUMENTS[a] for a in rule.arguments}, append_unknown=False)[1]))
    return urls


def forged_token() -> str:
    """A token of the right shape, signed with another key."""
    return URLSafeTimedSerializer("not-the-secret", salt="wtf-csrf-token").dumps("0" * 40)


def writes() -> tuple[int, int]:
    db.session.expire_all()
    return (db.session.scalar(select(func.count(AuditEvent.id))), db.session.scalar(select(func.count(Comment.id))))


def test_the_url_map_has_the_post_routes_we_expect_to_protect(app):
    endpoints = {endpoint for endpoint, _ in post_urls(app)}
    assert {"public.comment", "auth.login", "auth.logout", "imports.upload", "staff_drafts.confirm_draft"} <= endpoints
    assert len(endpoints) >= 20


def test_every_post_route_refuses_a_missing_or_forged_token(app, world):
    admin, stranger = sign_in(app.test_client(), "root"), app.test_client()
    tokens = {"missing": None, "garbage": "x" * 40, "forged": forged_token(),
              "another session's": csrf_token(stranger.get("/login").get_data(as_text=True))}
    before = writes()
    refused = {}
    for forgery, token in tokens.items():
        for endpoint, url in post_urls(app):
            data = {**FORM, **({"csrf_token": token} if token else {})}
            response = admin.post(url, data=data, headers={"X-CSRFToken": token or ""})
            refused[f"{forgery}: {endpoint}"] = response.status_code
    assert {e: s for e, s in refused.items() if s != 400} == {}
    assert writes() == before
    assert admin.get("/staff/").status_code == 200  # still signed in: the refusals were not sign-outs


def test_over_https_a_post_from_another_site_is_refused_even_with_a_valid_token(make_app):
    app = make_app(PROXY_COUNT=1)
    client = app.test_client()
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "localhost"}
    token = csrf_token(client.get("/login", headers=https).get_data(as_text=True))
    data = {"csrf_token": token, "username": "nobody", "password": "x" * 12}
    elsewhere = client.post("/login", data=data, headers={**https, "Referer": "https://evil.example/login"})
    assert elsewhere.status_code == 400
    same_site = client.post("/login", data=data, headers={**https, "Referer": "https://localhost/login"})
    assert same_site.status_code == 200
