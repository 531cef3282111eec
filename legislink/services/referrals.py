"""Requests beyond legislation (民情): the departments that handle them (承办单位) and the referral loop.

Staff send a comment that asks for something to be done locally to a department with a due day;
they mark it taken up, then record the department's reply. Each step is audited and shows on the
comment's receipt (events REFERRED and REPLIED). 逾期 (overdue) is never stored: it is a referral
not done by its due day, counted from today where the contact point is — the caller passes `today`
(see `local_today`), so pages, the command line and tests agree on one day.
"""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select

from .. import permissions
from ..extensions import db
from ..models import (
    Comment,
    CommentEvent,
    CommentEventKind,
    Department,
    Referral,
    ReferralStatus,
    utcnow,
)
from . import ServiceError, audit
from .consultations import DEFAULT_TIMEZONE

NAME_LIMIT = 100
CONTACT_LIMIT = 200
MATTER_LIMIT = 2000
REPLY_LIMIT = 4000
# The states a list can be filtered by: the stored ones, and 逾期 computed from the due day.
OVERDUE = "overdue"
STATES = (ReferralStatus.PENDING.value, ReferralStatus.IN_PROGRESS.value, ReferralStatus.DONE.value, OVERDUE)


def local_today(timezone: str = DEFAULT_TIMEZONE, now: datetime | None = None) -> date:
    """Today in the contact point's time zone (not the server's)."""
    return (now or utcnow()).astimezone(ZoneInfo(timezone)).date()


# -- departments (admin) ----------------------------------------------------------------------------


def departments(active_only: bool = False) -> list[Department]:
    """Active ones first, then retired; by name."""
    query = select(Department).order_by(Department.active.desc(), Department.name)
    return list(db.session.scalars(query.where(Department.active) if active_only else query))


def find_department(department_id: int | None) -> Department:
    department = db.session.get(Department, department_id) if department_id is not None else None
    if department is None:
        raise ServiceError("unknown_department", "There is no such department.")
    return department


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError("department_name_required", "The department needs a name.")
    if len(name) > NAME_LIMIT:
        raise ServiceError("department_name_too_long", "The name is too long.", limit=NAME_LIMIT)
    return name


def _name_free(name: str, but: int | None = None) -> None:
    clash = db.session.scalar(select(Department).where(Department.name == name))
    if clash is not None and clash.id != but:
        raise ServiceError("department_exists", "This department already exists.", name=name)


def create_department(name: str, contact: str = "", actor=None) -> Department:
    name = _clean_name(name)
    _name_free(name)
    department = Department(name=name, contact=" ".join((contact or "").split())[:CONTACT_LIMIT])
    db.session.add(department)
    db.session.flush()
    audit.record(actor, "department.create", "department", [department.id], {"name": name})
    return department


def rename_department(department_id: int, name: str, contact: str | None = None, actor=None) -> Department:
    department = find_department(department_id)
    name = _clean_name(name)
    _name_free(name, but=department.id)
    before = {"name": department.name, "contact": department.contact}
    department.name = name
    if contact is not None:
        department.contact = " ".join(contact.split())[:CONTACT_LIMIT]
    db.session.flush()
    audit.record(actor, "department.rename", "department", [department.id],
                 {"before": before, "after": {"name": department.name, "contact": department.contact}})
    return department


def set_department_active(department_id: int, active: bool, actor=None) -> Department:
    """Retire a department (its past referrals stay; it takes no new ones) or bring it back."""
    department = find_department(department_id)
    if department.active != active:
        department.active = active
        db.session.flush()
        audit.record(actor, "department.restore" if active else "department.retire", "department",
                     [department.id], {"name": department.name})
    return department


# -- referrals (staff) ------------------------------------------------------------------------------


def of_comment(comment_id: int) -> Referral | None:
    return db.session.scalar(select(Referral).where(Referral.comment_id == comment_id))


def _may_act(comment: Comment, actor) -> None:
    if not permissions.comment_scope(actor).allows(comment.station_id, comment.channel):
        raise ServiceError("other_station", "This comment belongs to another liaison station.")


def _find_comment(comment_id: int) -> Comment:
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise ServiceError("unknown_comment", "There is no such comment.")
    return comment


def refer(comment_id: int, department_id: int | None, due_on: date | None, *, today: date, matter: str = "",
          actor=None) -> Referral:
    """Send a comment to a department, due on a day after today. The matter defaults to the comment's
    text. One referral per comment; a retired department takes none."""
    comment = _find_comment(comment_id)
    _may_act(comment, actor)
    if of_comment(comment.id) is not None:
        raise ServiceError("already_referred", "This request was already sent to a department.")
    department = find_department(department_id)
    if not department.active:
        raise ServiceError("department_retired", "This department is retired.", name=department.name)
    if due_on is None or due_on <= today:
        raise ServiceError("due_after_today", "The due day must come after today.")
    matter = (matter or "").strip() or comment.text.strip()
    if len(matter) > MATTER_LIMIT:
        raise ServiceError("matter_too_long", "The matter is too long.", limit=MATTER_LIMIT)
    referral = Referral(comment_id=comment.id, department_id=department.id, matter=matter, assigned_on=today,
                        due_on=due_on, status=ReferralStatus.PENDING, assigned_by_id=getattr(actor, "id", None))
    db.session.add(referral)
    # The receipt shows the department and the due day, never who sent it.
    db.session.add(CommentEvent(comment_id=comment.id, kind=CommentEventKind.REFERRED,
                                note=f"{department.name}\n{due_on.isoformat()}"))
    db.session.flush()
    audit.record(actor, "referral.create", "comment", [comment.id], {
        "referral_id": referral.id, "department": department.name, "due_on": due_on.isoformat()})
    return referral


def _referral(comment_id: int, actor) -> Referral:
    referral = of_comment(comment_id)
    if referral is None:
        raise ServiceError("not_referred", "This request has not been sent to a department.")
    _may_act(referral.comment, actor)
    return referral


def start(comment_id: int, actor=None) -> Referral:
    """The department has taken the request up (办理中)."""
    referral = _referral(comment_id, actor)
    if referral.status != ReferralStatus.PENDING:
        raise ServiceError("referral_not_pending", "Only a request waiting to be taken up can be marked in progress.")
    referral.status = ReferralStatus.IN_PROGRESS
    db.session.flush()
    audit.record(actor, "referral.start", "comment", [referral.comment_id], {"referral_id": referral.id})
    return referral


def record_reply(comment_id: int, reply: str, replied_on: date | None, *, today: date, actor=None) -> Referral:
    """The department's reply and its day: the request is done (已办结) and the receipt shows the reply."""
    referral = _referral(comment_id, actor)
    if referral.status == ReferralStatus.DONE:
        raise ServiceError("referral_done", "The reply to this request is already recorded.")
    reply = (reply or "").strip()
    if not reply:
        raise ServiceError("reply_required", "Write the department's reply.")
    if len(reply) > REPLY_LIMIT:
        raise ServiceError("reply_too_long", "The reply is too long.", limit=REPLY_LIMIT)
    if replied_on is None or replied_on < referral.assigned_on or replied_on > today:
        raise ServiceError("reply_day", "The reply's day must be between the day it was sent and today.",
                           since=referral.assigned_on.isoformat())
    referral.status, referral.reply, referral.replied_on = ReferralStatus.DONE, reply, replied_on
    db.session.add(CommentEvent(comment_id=referral.comment_id, kind=CommentEventKind.REPLIED, note=reply))
    db.session.flush()
    audit.record(actor, "referral.reply", "comment", [referral.comment_id], {
        "referral_id": referral.id, "replied_on": replied_on.isoformat(),
        "on_time": replied_on <= referral.due_on})
    return referral


# -- lists ------------------------------------------------------------------------------------------


def _overdue(today: date):
    return (Referral.status != ReferralStatus.DONE) & (Referral.due_on < today)


def listed(today: date, *, state: str | None = None, department_id: int | None = None) -> list[Referral]:
    """Overdue ones first (the longest overdue first), then the others by due day, done ones last."""
    query = select(Referral).join(Referral.department)
    if state == OVERDUE:
        query = query.where(_overdue(today))
    elif state in STATES:
        query = query.where(Referral.status == ReferralStatus(state))
    if department_id is not None:
        query = query.where(Referral.department_id == department_id)
    order = case((_overdue(today), 0), (Referral.status == ReferralStatus.DONE, 2), else_=1)
    return list(db.session.scalars(query.order_by(order, Referral.due_on, Referral.id)))


def overdue_count(today: date) -> int:
    return db.session.scalar(select(func.count(Referral.id)).where(_overdue(today))) or 0


# -- the receipt ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReceiptReferral:
    """What a resident sees of a referral: where it went and when it is due, and the reply. No staff."""

    department: str
    assigned_on: date
    due_on: date
    status: ReferralStatus
    reply: str
    replied_on: date | None
    overdue: bool


def for_receipt(comment_id: int, today: date) -> ReceiptReferral | None:
    """`today` where the contact point is: the receipt says 逾期 on the same day the staff list does."""
    referral = of_comment(comment_id)
    if referral is None:
        return None
    return ReceiptReferral(referral.department.name, referral.assigned_on, referral.due_on, referral.status,
                           referral.reply if referral.status == ReferralStatus.DONE else "", referral.replied_on,
                           overdue=referral.is_overdue(today))
