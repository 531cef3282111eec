"""Moderation: a filtered queue of comments and actions on a selection or a whole filter."""

from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select, update

from ..extensions import db
from ..models import Channel, Comment, CommentStatus, Consultation, Identity, Provision, Station
from . import ServiceError, audit, receipts

LOCAL = ZoneInfo("Asia/Shanghai")
PAGE_SIZE = 50
# Large selections are changed in slices so no single statement holds too many parameters.
CHUNK = 500


class Action:
    ACCEPT = "accept"
    OFFTOPIC = "offtopic"
    SPAM = "spam"
    RESTORE = "restore"


TARGET_STATUS = {
    Action.ACCEPT: CommentStatus.ACCEPTED,
    Action.OFFTOPIC: CommentStatus.OFFTOPIC,
    Action.SPAM: CommentStatus.SPAM,
    Action.RESTORE: CommentStatus.ACCEPTED,
}
# Which statuses each action may change: restore brings back what was set aside.
FROM_STATUS = {
    Action.ACCEPT: (CommentStatus.PENDING,),
    Action.OFFTOPIC: (CommentStatus.PENDING, CommentStatus.ACCEPTED),
    Action.SPAM: (CommentStatus.PENDING, CommentStatus.ACCEPTED, CommentStatus.OFFTOPIC),
    Action.RESTORE: (CommentStatus.SPAM, CommentStatus.OFFTOPIC),
}


@dataclass
class CommentFilter:
    """What the queue shows; every field optional. Built from the query string by the view."""

    status: CommentStatus | None = None
    channel: Channel | None = None
    identity: Identity | None = None
    station: str | None = None  # station code
    article: str | None = None  # label; "-" means the whole draft
    duplicate: str | None = None  # a form-letter key; "*" means any copy
    offtopic_reason: str | None = None
    text: str | None = None
    since: date | None = None
    until: date | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in (None, "") for f in fields(self))

    def as_dict(self) -> dict:
        return {f.name: str(getattr(self, f.name)) for f in fields(self) if getattr(self, f.name) not in (None, "")}


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LOCAL)


def _article_condition(consultation: Consultation, label: str):
    if label == "-":
        return Comment.provision_id.is_(None)
    provision_ids = select(Provision.id).where(Provision.version_id == consultation.version_id,
                                               Provision.label == label)
    return Comment.provision_id.in_(provision_ids)


def _conditions(consultation: Consultation, f: CommentFilter) -> list:
    simple = {Comment.status: f.status, Comment.channel: f.channel, Comment.identity: f.identity,
              Comment.offtopic_reason: f.offtopic_reason}
    conditions = [Comment.consultation_id == consultation.id]
    conditions += [column == value for column, value in simple.items() if value]
    if f.station:
        conditions.append(Comment.station_id.in_(select(Station.id).where(Station.code == f.station)))
    if f.article:
        conditions.append(_article_condition(consultation, f.article))
    if f.duplicate:
        conditions.append(Comment.duplicate_key.is_not(None) if f.duplicate == "*"
                          else Comment.duplicate_key == f.duplicate)
    if f.text:
        # A receipt code as printed on a slip (3KXM-7QPA-RD4W) finds its comment too.
        conditions.append(Comment.text.contains(f.text, autoescape=True)
                          | (Comment.receipt_code == receipts.normalise_code(f.text)))
    if f.since:
        conditions.append(Comment.submitted_at >= _local_midnight(f.since))
    if f.until:
        conditions.append(Comment.submitted_at < _local_midnight(f.until + timedelta(days=1)))
    return conditions


def filtered(consultation: Consultation, f: CommentFilter) -> Select:
    return select(Comment).where(*_conditions(consultation, f))


@dataclass
class Page:
    comments: list[Comment]
    total: int
    page: int
    pages: int
    counts: dict[CommentStatus, int] = field(default_factory=dict)


def queue(consultation: Consultation, f: CommentFilter, page: int = 1, per_page: int = PAGE_SIZE) -> Page:
    """One page of the queue, oldest first (the order comments should be answered in)."""
    conditions = _conditions(consultation, f)
    total = db.session.scalar(select(func.count(Comment.id)).where(*conditions))
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    comments = db.session.scalars(
        select(Comment).where(*conditions).order_by(Comment.submitted_at, Comment.id)
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    counts = dict(db.session.execute(
        select(Comment.status, func.count(Comment.id)).where(Comment.consultation_id == consultation.id)
        .group_by(Comment.status)
    ).all())
    return Page(list(comments), total, page, pages, counts)


def apply(consultation: Consultation, action: str, reason: str, actor, *, ids: list[int] | None = None,
          f: CommentFilter | None = None) -> int:
    """Apply a moderation action to the chosen comments (ids) or to everything a filter matches.

    Only comments the action can change are touched (accept leaves spam alone, restore only
    brings back what was set aside). Returns how many changed; all or nothing.
    """
    if action not in TARGET_STATUS:
        raise ServiceError("unknown_action", action=action)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("reason_required")
    if ids is None and f is None:
        raise ServiceError("nothing_selected")
    conditions = _conditions(consultation, f or CommentFilter())
    conditions.append(Comment.status.in_(FROM_STATUS[action]))
    if ids is not None:
        conditions.append(Comment.id.in_(ids))
    chosen = list(db.session.scalars(select(Comment.id).where(*conditions).order_by(Comment.id)))
    if not chosen:
        raise ServiceError("nothing_to_change")
    # Staff have spoken: a re-run of the analysis must not undo it (offtopic_locked).
    values = {"status": TARGET_STATUS[action], "status_reason": reason[:200], "offtopic_locked": True,
              "offtopic_reason": "staff" if action == Action.OFFTOPIC else ""}
    for start in range(0, len(chosen), CHUNK):
        db.session.execute(update(Comment).where(Comment.id.in_(chosen[start:start + CHUNK])).values(**values)
                           .execution_options(synchronize_session=False))
    detail = {"reason": reason, "count": len(chosen), "to": values["status"].value}
    if ids is None:
        detail["filter"] = (f or CommentFilter()).as_dict()
    audit.record(actor, f"moderation.{action}", "comment", chosen, detail)
    db.session.expire_all()
    return len(chosen)


def next_comment(consultation: Consultation, f: CommentFilter, after: int | None = None) -> tuple[Comment | None, int]:
    """The next comment of the queue after comment `after` (in queue order), and how many follow it."""
    conditions = _conditions(consultation, f)
    if after is not None:
        previous = db.session.get(Comment, after)
        if previous is not None:
            conditions.append(
                (Comment.submitted_at > previous.submitted_at)
                | ((Comment.submitted_at == previous.submitted_at) & (Comment.id > previous.id))
            )
    comment = db.session.scalars(
        select(Comment).where(*conditions).order_by(Comment.submitted_at, Comment.id).limit(1)
    ).first()
    remaining = db.session.scalar(select(func.count(Comment.id)).where(*conditions))
    return comment, remaining
