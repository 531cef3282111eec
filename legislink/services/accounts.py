"""Accounts: creation, sign-in with lockout, password changes."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from ..extensions import db
from ..models import Role, User, new_session_token
from . import ServiceError, audit
from .stations import station_or_none

# Passwords seen in every breach list are refused whatever their length.
COMMON_PASSWORDS = frozenset({
    "password", "password1", "password123", "123456789", "1234567890", "12345678",
    "qwertyuiop", "qwerty123", "iloveyou", "11111111", "00000000", "abc123456",
    "a123456789", "admin12345", "woaini1314", "1q2w3e4r5t", "88888888", "66666666",
})


def check_password_policy(password: str, username: str, min_length: int) -> None:
    """At least `min_length` characters, two kinds of character, not the user name, not common."""
    if len(password) < min_length:
        raise ServiceError("password_too_short", min_length=min_length)
    kinds = sum(bool(any(test(c) for c in password)) for test in (str.isdigit, str.isalpha))
    kinds += any(not c.isalnum() for c in password)
    if kinds < 2:
        raise ServiceError("password_too_simple")
    if password.lower() in COMMON_PASSWORDS or username.lower() in password.lower():
        raise ServiceError("password_too_common")


def generate_password(length: int = 16) -> str:
    """A one-time password that meets the policy, for an admin to hand over once."""
    while True:
        candidate = secrets.token_urlsafe(length)[:length]
        if any(c.isdigit() for c in candidate) and any(c.isalpha() for c in candidate):
            return candidate


def create_user(username: str, role: Role, password: str, *, station_code: str | None = None,
                display_name: str = "", must_change_password: bool = False,
                min_length: int = 10, actor=None) -> User:
    username = username.strip()
    if not username:
        raise ServiceError("username_required")
    if db.session.scalar(select(User).where(User.username == username)) is not None:
        raise ServiceError("username_taken", username=username)
    station = station_or_none(station_code)
    if role == Role.STAFF and station is None:
        raise ServiceError("staff_needs_station")
    check_password_policy(password, username, min_length)
    user = User(username=username, role=role, station=station, display_name=display_name or username,
                must_change_password=must_change_password)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.create", "user", [user.id], {"username": username, "role": role.value})
    return user


@dataclass(frozen=True)
class SignIn:
    """A sign-in attempt's outcome: the user, or the refusal to show. A failure is recorded (it
    counts toward the lockout) and so is returned to be kept, not raised to be rolled back."""

    user: User | None
    refusal: ServiceError | None = None


def authenticate(username: str, password: str, now: datetime, *, max_failures: int,
                 lockout: timedelta, ip: str = "") -> SignIn:
    """Check the credentials and record the attempt; failures count toward a lockout.

    The same refusal answers an unknown name and a wrong password, so names cannot be probed.
    """
    user = db.session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        audit.record(None, "login.failed", detail={"username": username[:64]}, ip=ip)
        return SignIn(None, ServiceError("bad_credentials"))
    if user.locked_until is not None and user.locked_until > now:
        audit.record(user, "login.locked", "user", [user.id], ip=ip)
        return SignIn(None, ServiceError("account_locked", until=user.locked_until))
    if not user.check_password(password) or not user.is_enabled:
        user.failed_logins += 1
        if user.failed_logins >= max_failures:
            user.locked_until = now + lockout
            user.failed_logins = 0
        audit.record(user, "login.failed", "user", [user.id], ip=ip)
        return SignIn(None, ServiceError("bad_credentials"))
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    audit.record(user, "login", "user", [user.id], ip=ip)
    return SignIn(user)


def sign_out(user: User) -> None:
    """End every session of `user`: a copy of the cookie taken before no longer names anyone."""
    user.session_token = new_session_token()
    audit.record(user, "logout", "user", [user.id])


def change_password(user: User, current: str, new: str, *, min_length: int) -> None:
    if not user.check_password(current):
        raise ServiceError("wrong_current_password")
    if current == new:
        raise ServiceError("password_unchanged")
    check_password_policy(new, user.username, min_length)
    user.set_password(new)
    user.must_change_password = False
    audit.record(user, "user.password_changed", "user", [user.id])


def set_enabled(user: User, enabled: bool, actor=None) -> None:
    user.is_enabled = enabled
    # A disabled account loses its sessions at once.
    user.session_token = new_session_token()
    audit.record(actor, "user.enable" if enabled else "user.disable", "user", [user.id])
