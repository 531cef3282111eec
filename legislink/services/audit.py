"""The audit log: every staff action, written once."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from ..extensions import db
from ..models import AuditEvent


def record(actor, action: str, object_type: str = "", object_ids: Iterable[int] = (),
           detail: dict[str, Any] | None = None, ip: str = "") -> AuditEvent:
    """Add one audit event; `actor` is a User, or None for the system and the command line."""
    user_id = getattr(actor, "id", None)
    event = AuditEvent(
        user_id=user_id,
        username=getattr(actor, "username", "") or "",
        action=action,
        object_type=object_type,
        object_ids=list(object_ids),
        detail=detail or {},
        ip=ip,
    )
    db.session.add(event)
    db.session.flush()
    return event


@dataclass
class AuditPage:
    events: list[AuditEvent]
    total: int
    page: int
    pages: int
    actions: list[str]


def search(*, username: str = "", action: str = "", object_id: int | None = None, since=None, until=None,
           page: int = 1, per_page: int = 100) -> AuditPage:
    """The log, newest first, filtered by user, action (prefix: `moderation` matches every
    moderation action), an object id, and a UTC time range."""
    conditions = []
    if username:
        conditions.append(AuditEvent.username == username)
    if action:
        conditions.append(AuditEvent.action.startswith(action, autoescape=True))
    if since is not None:
        conditions.append(AuditEvent.at >= since)
    if until is not None:
        conditions.append(AuditEvent.at < until)
    query = select(AuditEvent).where(*conditions).order_by(AuditEvent.id.desc())
    if object_id is not None:
        # JSON arrays differ between SQLite and PostgreSQL; the filter is rare, so scan in Python.
        events = [e for e in db.session.scalars(query) if object_id in (e.object_ids or [])]
        total = len(events)
        events = events[(page - 1) * per_page:page * per_page]
    else:
        total = db.session.scalar(select(func.count(AuditEvent.id)).where(*conditions))
        events = list(db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)))
    actions = list(db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
    return AuditPage(events, total, page, max(1, -(-total // per_page)), actions)
