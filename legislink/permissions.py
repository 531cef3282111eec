"""Who may do what: every permission is a named predicate, tested as a role x action matrix.

Predicates take the user (an anonymous user has no `role`) and, where the answer depends
on it, the object and the current time, passed in so tests can pin them.
"""

from datetime import datetime

from .models import Consultation, Role

STAFF_ROLES = frozenset({Role.ADMIN, Role.STAFF})
ALL_ROLES = frozenset(Role)


def _role(user) -> Role | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return user.role


def _has_role(user, roles: frozenset[Role]) -> bool:
    return _role(user) in roles


def can_enter_workspace(user) -> bool:
    """Any signed-in account has a workspace home."""
    return _has_role(user, ALL_ROLES)


def can_manage_accounts(user) -> bool:
    return _has_role(user, frozenset({Role.ADMIN}))


def can_view_audit_log(user) -> bool:
    return _has_role(user, frozenset({Role.ADMIN}))


def can_manage_drafts(user) -> bool:
    """Import drafts and open consultation windows."""
    return _has_role(user, STAFF_ROLES)


def can_add_version(user) -> bool:
    """Add a later text (二审稿, 最终文本) to an existing draft."""
    return _has_role(user, ALL_ROLES)


def can_record_comments(user) -> bool:
    """Enter comments collected offline, one by one or from the Excel template."""
    return _has_role(user, STAFF_ROLES)


def can_moderate(user) -> bool:
    return _has_role(user, STAFF_ROLES)


def can_review_opinions(user) -> bool:
    """Run the analysis, edit opinion groups and write their summaries."""
    return _has_role(user, STAFF_ROLES)


def can_export_report(user) -> bool:
    return _has_role(user, ALL_ROLES)


def can_record_report_sent(user) -> bool:
    """Record the upward report as sent: the staff who send it, not the reviewers who read it."""
    return _has_role(user, STAFF_ROLES)


def can_mark_adoption(user) -> bool:
    return _has_role(user, frozenset({Role.ADMIN, Role.REVIEWER}))


def can_view_personal_data(user, station_id: int | None) -> bool:
    """Admins see every commenter's contact details; staff only their own station's."""
    role = _role(user)
    if role == Role.ADMIN:
        return True
    return role == Role.STAFF and station_id is not None and station_id == user.station_id


def can_comment(user, consultation: Consultation, now: datetime) -> bool:
    """Anyone may comment while the window is open; staff record late offline ones elsewhere."""
    return consultation.is_open(now)
