"""The audit log: every staff action, written once."""

from collections.abc import Iterable
from typing import Any

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
