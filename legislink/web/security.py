"""Sign-in plumbing and the security headers every response carries."""

import time
from urllib.parse import urlsplit

from flask import Flask, Request, current_app, has_request_context, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, login_user, logout_user
from sqlalchemy import select
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items
from werkzeug.middleware.proxy_fix import ProxyFix

from ..extensions import db
from ..models import User
from .guards import holds_personal_data

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def _load_user(session_token: str) -> User | None:
    return db.session.scalar(select(User).where(User.session_token == session_token))


# The last-seen time is rewritten at most this often, so not every response sets the cookie again.
SEEN_RESOLUTION_SECONDS = 60


def start_session(user: User) -> None:
    """Sign `user` in on a session of its own: nothing from before (a CSRF secret) carries over."""
    session.clear()
    login_user(user)
    session["seen"] = int(time.time())


def _end_idle_session() -> None:
    """A signed-in session unused for SESSION_IDLE_MINUTES is over. The time lives in the signed
    cookie, so a copy cannot move it; ending every copy at once is the session token's job."""
    if "_user_id" not in session:
        return
    now = int(time.time())
    seen = session.get("seen", 0)
    if now - seen > current_app.config["SESSION_IDLE_MINUTES"] * 60:
        logout_user()
        session.clear()
    elif now - seen >= SEEN_RESOLUTION_SECONDS:
        session["seen"] = now


def init_login(app: Flask, login_manager: LoginManager) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(_load_user)
    app.before_request(_end_idle_session)


def _add_headers(response):
    headers = response.headers
    if holds_personal_data(current_app.view_functions.get(request.endpoint or "")):
        # Names and phone numbers stay out of the browser's cache and any proxy's.
        headers["Cache-Control"] = "no-store"
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def cookie_secure(app: Flask) -> bool:
    """Secure when configured so, and whenever this request came over HTTPS (directly or, with
    PROXY_COUNT, as the trusted proxy says): a session begun over HTTPS never goes out in clear."""
    return bool(app.config["SESSION_COOKIE_SECURE"]) or (has_request_context() and request.is_secure)


class _SessionInterface(SecureCookieSessionInterface):
    def get_cookie_secure(self, app: Flask) -> bool:
        return cookie_secure(app)


def init_headers(app: Flask) -> None:
    if app.config["PROXY_COUNT"]:
        count = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    app.session_interface = _SessionInterface()
    app.after_request(_add_headers)


def _without_nul(value):
    return value.replace("\x00", "") if isinstance(value, str) else value


class _Parameters(ImmutableMultiDict):
    """Query and form values without NUL: it means nothing in text, and PostgreSQL refuses it (a 500)."""

    def __init__(self, mapping=None):
        super().__init__([(_without_nul(k), _without_nul(v)) for k, v in iter_multi_items(mapping or ())])


class _Request(Request):
    parameter_storage_class = _Parameters


def init_input(app: Flask) -> None:
    app.request_class = _Request


def is_safe_next(target: str | None) -> bool:
    """Only a path on this site may follow a sign-in: never another host, scheme or `//x`."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    # Before parsing: urlsplit drops tabs and newlines, so "/\n/x" would read as "//x".
    if any(ord(c) < 32 or ord(c) == 127 for c in target):
        return False
    try:
        parts = urlsplit(target)
    except ValueError:  # a host that NFKC turns into "/" or ":" (／, ：): not a path of this site
        return False
    return not parts.scheme and not parts.netloc
