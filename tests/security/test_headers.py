"""Every kind of response carries the security headers: a Content-Security-Policy that allows no
inline script, nosniff, a Referrer-Policy and frame protection. And no template holds what that
policy would block: no inline <script> body, no on*= handler, no style attribute or block."""

import re
from pathlib import Path

import pytest
from werkzeug.exceptions import InternalServerError

from legislink import PACKAGE_DIR

from ..conftest import post_form

TEMPLATES = PACKAGE_DIR.parent / "templates"
SAFE_REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0].lower()] = words[1:]
    return parsed


def assert_secure_headers(response, what: str) -> None:
    headers = response.headers
    policy = directives(headers.get("Content-Security-Policy", ""))
    scripts = policy.get("script-src", policy.get("default-src"))
    assert scripts is not None, f"{what}: no script policy"
    assert "'unsafe-inline'" not in scripts, what
    assert "'unsafe-eval'" not in scripts, what
    assert "'unsafe-inline'" not in policy.get("style-src", policy.get("default-src", [])), what
    assert policy.get("frame-ancestors") == ["'none'"], what
    assert policy.get("object-src") == ["'none'"], what
    assert headers.get("X-Content-Type-Options") == "nosniff", what
    assert headers.get("Referrer-Policy") in SAFE_REFERRER_POLICIES, what
    assert headers.get("X-Frame-Options") == "DENY", what


@pytest.fixture
def app_with_a_failing_page(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    def broken():
        raise RuntimeError("a bug in a view")

    app.add_url_rule("/test-broken", "test_broken", broken)
    return app


def test_every_kind_of_page_carries_the_security_headers(app_with_a_failing_page, world):
    app = app_with_a_failing_page
    client = app.test_client()
    pages = {
        "public list": client.get("/"),
        "public draft": client.get(f"/drafts/{world.draft_id}"),
        "comment form": client.get(world.comment_url),
        "comment form with errors": post_form(client, world.comment_url, {"text": "短", "identity": "resident"}),
        "receipt lookup": client.get("/receipts?code=NOPE"),
        "redirect": client.get("/staff/"),
        "api json": client.get("/api/v1/consultations"),
        "api 404 json": client.get("/api/v1/drafts/999"),
        "health": client.get("/healthz"),
        "static css": client.get("/static/css/site.css"),
        "static js": client.get("/static/js/site.js"),
        "404": client.get("/no-such-page"),
        "405": client.get("/logout"),
        "400 csrf": client.post("/login", data={"username": "x", "password": "y"}),
        "413": post_form(client, world.comment_url, {"text": "很" * 2_000_000}),
        "500": client.get("/test-broken"),
    }
    staff = app.test_client()
    assert post_form(staff, "/login", {"username": "wang", "password": "Lianluo-zhan-2024"}).status_code == 302
    pages["staff workspace"] = staff.get("/staff/")
    pages["staff form"] = staff.get(f"/staff/consultations/{world.consultation_id}/offline")
    pages["staff download"] = staff.get(f"/staff/consultations/{world.consultation_id}/import/template.xlsx")
    pages["403"] = staff.get("/admin/users")
    expected = {"405": 405, "404": 404, "api 404 json": 404, "400 csrf": 400, "413": 413, "500": 500, "403": 403,
                "redirect": 302}
    for what, response in pages.items():
        assert response.status_code == expected.get(what, 200), what
        assert_secure_headers(response, what)


def test_the_rate_limit_page_carries_the_security_headers(make_app, world):
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="1 per minute")
    client = app.test_client()
    post_form(client, "/login", {"username": "x", "password": "y"})
    response = post_form(client, "/login", {"username": "x", "password": "y"})
    assert response.status_code == 429
    assert_secure_headers(response, "429")


def test_a_server_error_says_so_without_details(app_with_a_failing_page):
    html = app_with_a_failing_page.test_client().get("/test-broken").get_data(as_text=True)
    assert "a bug in a view" not in html
    assert "Traceback" not in html
    assert InternalServerError.code == 500


def template_files() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


INLINE_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.I | re.S)
HANDLER = re.compile(r"<[a-z][^>]*?\son[a-z]+\s*=", re.I | re.S)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*?\sstyle\s*=", re.I | re.S)
STYLE_BLOCK = re.compile(r"<style\b", re.I)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I)


def test_the_templates_are_found():
    assert len(template_files()) >= 20
    assert (TEMPLATES / "base.html") in template_files()


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_holds_what_the_policy_would_block(path):
    source = path.read_text(encoding="utf-8")
    for match in INLINE_SCRIPT.finditer(source):
        assert "src=" in match.group("attrs"), f"{path.name}: <script> without src"
        assert not match.group("body").strip(), f"{path.name}: inline script body"
    assert not HANDLER.search(source), f"{path.name}: on*= event handler"
    assert not STYLE_ATTRIBUTE.search(source), f"{path.name}: style= attribute"
    assert not STYLE_BLOCK.search(source), f"{path.name}: <style> block"
    assert not JAVASCRIPT_URL.search(source), f"{path.name}: javascript: URL"
