"""Accounts: creation, sign-in with lockout, sign-out, password changes."""

import ipaddress
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..models import Role, SignInFailure, User, new_session_token
from . import ServiceError, audit
from .stations import station_or_none

# Refused whatever their length: a short list written by hand for this project, not taken from
# any published breach corpus. It holds the shapes guessed first: "password" with digits, keyboard
# runs (qwerty…, 1q2w3e4r5t), digit runs and repeats (88888888 and 66666666 are lucky numbers in
# China), admin12345, and woaini1314 ("I love you for a lifetime"). The digits-only and
# letters-only ones are already refused by the two-kinds rule; they stay so the list still holds
# if that rule is relaxed. It is a floor, not a breach check: nothing here compares a password
# with the millions of leaked ones.
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


# Read aloud or copied from paper: no O/0, l/1/I, S/5, Z/2, B/8, rn/m, and no punctuation.
UNAMBIGUOUS = "abcdefghijkmnpqrstuvwxyACDEFGHJKLMNPQRTUVWXY34679"


def generate_password(length: int = 16) -> str:
    """A one-time password that meets the policy, for an admin to hand over once: letters and digits
    nobody confuses (16 of 49 symbols: about 90 bits)."""
    while True:
        candidate = "".join(secrets.choice(UNAMBIGUOUS) for _ in range(length))
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
    # Staff without a station are the contact point's own staff (permissions.acts_for_every_station).
    station = station_or_none(station_code)
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


@dataclass(frozen=True)
class Lockout:
    """`failures` wrong sign-ins for one name from one address within `period` lock that pair for
    the rest of the period."""

    failures: int
    period: timedelta


def client_key(ip: str) -> str:
    """The address failures are counted under: an IPv6 client holds a whole /64, so it counts as one."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip[:64]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _locked_until(username: str, address: str, now: datetime, lockout: Lockout) -> datetime | None:
    recent = db.session.scalars(
        select(SignInFailure.at)
        .where(SignInFailure.username == username, SignInFailure.address == address,
               SignInFailure.at > now - lockout.period)
        .order_by(SignInFailure.at.desc()).limit(lockout.failures)).all()
    return recent[-1] + lockout.period if len(recent) >= lockout.failures else None


@cache
def _stand_in_hash() -> str:
    return generate_password_hash(secrets.token_urlsafe(16))


def _password_holds(user: User | None, password: str) -> bool:
    """Check the password; a name without an account costs the same hashing, so time tells nothing."""
    if user is None:
        check_password_hash(_stand_in_hash(), password)
        return False
    return user.check_password(password) and user.is_enabled


def _record_failure(user: User | None, username: str, address: str, now: datetime, lockout: Lockout,
                    ip: str) -> SignIn:
    db.session.execute(delete(SignInFailure).where(SignInFailure.at <= now - lockout.period))
    db.session.add(SignInFailure(username=username, address=address, at=now))
    if user is None:
        audit.record(None, "login.failed", detail={"username": username}, ip=ip)
    else:
        audit.record(user, "login.failed", "user", [user.id], ip=ip)
    return SignIn(None, ServiceError("bad_credentials"))


def authenticate(username: str, password: str, now: datetime, *, lockout: Lockout, ip: str = "") -> SignIn:
    """Check the credentials and record the attempt; failures from one address count toward a lock
    of that name for that address only.

    A name without an account is answered as a wrong password is, locked as a real one is, and
    after the same password hashing, so neither the words nor the time tell which names exist.
    """
    username = username.strip()[:64]
    address = client_key(ip)
    user = db.session.scalar(select(User).where(User.username == username))
    until = _locked_until(username, address, now, lockout)
    if until is not None:
        audit.record(user, "login.locked", "user", [user.id] if user else [],
                     {} if user else {"username": username}, ip=ip)
        return SignIn(None, ServiceError("account_locked", until=until))
    if not _password_holds(user, password):
        return _record_failure(user, username, address, now, lockout, ip)
    db.session.execute(delete(SignInFailure).where(SignInFailure.username == username,
                                                   SignInFailure.address == address))
    user.last_login_at = now
    audit.record(user, "login", "user", [user.id], ip=ip)
    return SignIn(user)


def locked_usernames(now: datetime, lockout: Lockout) -> set[str]:
    """Names locked out from at least one address now, for the accounts page."""
    counts = (select(SignInFailure.username)
              .where(SignInFailure.at > now - lockout.period)
              .group_by(SignInFailure.username, SignInFailure.address)
              .having(func.count() >= lockout.failures))
    return set(db.session.scalars(counts))


def unlock(user: User, actor=None) -> None:
    """Lift every lock on `user`, from every address: the failures counted so far are forgotten."""
    db.session.execute(delete(SignInFailure).where(SignInFailure.username == user.username))
    audit.record(actor, "user.unlock", "user", [user.id])


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
