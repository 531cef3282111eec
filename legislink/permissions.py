"""Who may do what: every permission is a named predicate, tested as a role x action matrix.

Predicates take the user (an anonymous user has no `role`) and, where the answer depends
on it, the object and the current time, passed in so tests can pin them.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, false, or_, true

from .models import Channel, Comment, Consultation, Role

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
    """Edit opinion groups and write their summaries (within their comment_scope)."""
    return _has_role(user, STAFF_ROLES)


def can_handle_requests(user) -> bool:
    """Send residents' requests (民情) to departments and record their replies (within comment_scope)."""
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


# -- Station boundary: which comments an account may act on --------------------------------------
# A contact point works through its liaison stations. Its own staff (a staff account with no
# station) and admins act on every comment; a station's staff act on their station's comments and
# on online comments that name no station, and record offline comments only for their station.
# Reading is not narrowed here: what a role may read is decided by the predicates above.


def acts_for_every_station(user) -> bool:
    """Admins and the contact point's own staff (no station)."""
    role = _role(user)
    return role == Role.ADMIN or (role == Role.STAFF and user.station_id is None)


def can_run_analysis(user) -> bool:
    """A run regroups every station's comments, so only those who act for every station start one."""
    return acts_for_every_station(user)


@dataclass(frozen=True)
class CommentScope:
    """The comments one account may change: every one, or those of `station_id` (None: none at all)
    plus online comments without a station."""

    everything: bool
    station_id: int | None = None

    def allows(self, station_id: int | None, channel: Channel) -> bool:
        if self.everything:
            return True
        if self.station_id is None:
            return False
        return station_id == self.station_id or (station_id is None and channel == Channel.ONLINE)

    def may_record_for(self, station_id: int | None) -> bool:
        """Offline comments are recorded for one's own station only."""
        return self.everything or (self.station_id is not None and station_id == self.station_id)

    def condition(self):
        """The same rule as `allows`, as a condition on Comment rows for a query. It is never NULL
        (station_id is tested for NULL first), so `~condition()` picks exactly the others."""
        if self.everything:
            return true()
        if self.station_id is None:
            return false()
        return or_(and_(Comment.station_id.is_not(None), Comment.station_id == self.station_id),
                   and_(Comment.station_id.is_(None), Comment.channel == Channel.ONLINE))


EVERY_COMMENT = CommentScope(everything=True)


def comment_scope(user) -> CommentScope:
    """The comments `user` may act on. No user at all is the command line, run by whoever runs the
    server: it acts for the contact point."""
    if user is None or acts_for_every_station(user):
        return EVERY_COMMENT
    if _role(user) == Role.STAFF:
        return CommentScope(everything=False, station_id=user.station_id)
    return CommentScope(everything=False)
