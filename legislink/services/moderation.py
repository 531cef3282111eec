"""Moderation: a filtered queue of comments and actions on a selection or a whole filter."""

from dataclasses import dataclass, field, fields
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy import Select, func, select, update

from .. import permissions
from ..analysis import reliability
from ..analysis.text import normalize, searchable
from ..extensions import db
from ..models import (
    AnalysisRun,
    AuditEvent,
    Channel,
    Comment,
    CommentStatus,
    Consultation,
    Identity,
    Provision,
    Referral,
    RunKind,
    RunStatus,
    Station,
)
from . import ServiceError, audit, receipts

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


def _local_midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def _article_condition(consultation: Consultation, label: str):
    if label == "-":
        return Comment.provision_id.is_(None)
    # Labels are stored as the parser wrote them (Simplified, half-width): 第十二條 or 第１２条 typed
    # by staff is brought to that form first.
    provision_ids = select(Provision.id).where(Provision.version_id == consultation.version_id,
                                               Provision.label == normalize(label))
    return Comment.provision_id.in_(provision_ids)


def _conditions(consultation: Consultation, f: CommentFilter, zone: tzinfo) -> list:
    """The filter as SQL conditions; its days are those of the contact point's `zone`."""
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
        conditions.append(Comment.search_text.contains(searchable(f.text), autoescape=True)
                          | (Comment.receipt_code == receipts.normalise_code(f.text)))
    if f.since:
        conditions.append(Comment.submitted_at >= _local_midnight(f.since, zone))
    if f.until:
        conditions.append(Comment.submitted_at < _local_midnight(f.until + timedelta(days=1), zone))
    return conditions


def filtered(consultation: Consultation, f: CommentFilter, *, zone: tzinfo) -> Select:
    return select(Comment).where(*_conditions(consultation, f, zone))


@dataclass
class Page:
    comments: list[Comment]
    total: int
    page: int
    pages: int
    counts: dict[CommentStatus, int] = field(default_factory=dict)
    # Comments of this page the last analysis proposed as requests (建议转办) and nobody referred yet.
    proposed_requests: set[int] = field(default_factory=set)


def queue(consultation: Consultation, f: CommentFilter, page: int = 1, per_page: int = PAGE_SIZE, *,
          zone: tzinfo) -> Page:
    """One page of the queue, oldest first (the order comments should be answered in)."""
    conditions = _conditions(consultation, f, zone)
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
    return Page(list(comments), total, page, pages, counts, _proposed_requests(consultation, comments))


def _proposed_requests(consultation: Consultation, comments) -> set[int]:
    """What the consultation's last finished analysis proposed as requests, among these comments,
    less those staff have referred since."""
    summary = db.session.scalar(
        select(AnalysisRun.summary).where(AnalysisRun.consultation_id == consultation.id,
                                          AnalysisRun.kind == RunKind.ANALYSIS, AnalysisRun.status == RunStatus.DONE)
        .order_by(AnalysisRun.finished_at.desc(), AnalysisRun.id.desc()).limit(1))
    shown = {c.id for c in comments} & set((summary or {}).get("requests", ()))
    if not shown:
        return set()
    return shown - set(db.session.scalars(select(Referral.comment_id).where(Referral.comment_id.in_(shown))))


@dataclass
class Applied:
    """What a moderation action changed: how many comments, and its audit event (the one to undo)."""

    count: int
    event_id: int


# What an action overwrites, kept in its audit event when the comments were chosen one by one, so
# that the action can be undone exactly.
_UNDONE_COLUMNS = (Comment.status, Comment.status_reason, Comment.offtopic_reason, Comment.offtopic_locked)


def apply(consultation: Consultation, action: str, reason: str, actor, *, ids: list[int] | None = None,
          f: CommentFilter | None = None, zone: tzinfo) -> Applied:
    """Apply a moderation action to the chosen comments (ids) or to everything a filter matches.

    Only comments the action can change are touched (accept leaves spam alone, restore only
    brings back what was set aside). All or nothing. An action on chosen comments can be undone.
    A filter is narrowed to the comments the actor may act on (permissions.comment_scope); chosen
    comments outside it refuse the whole action.
    """
    if action not in TARGET_STATUS:
        raise ServiceError("unknown_action", action=action)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("reason_required")
    if ids is None and f is None:
        raise ServiceError("nothing_selected")
    scope = permissions.comment_scope(actor)
    conditions = _conditions(consultation, f or CommentFilter(), zone)
    if ids is not None:
        conditions.append(Comment.id.in_(ids))
        _check_scope(scope, conditions)
    conditions += [Comment.status.in_(FROM_STATUS[action]), scope.condition()]
    chosen = list(db.session.scalars(select(Comment.id).where(*conditions).order_by(Comment.id)))
    if not chosen:
        raise ServiceError("nothing_to_change")
    detail = {"reason": reason, "count": len(chosen), "to": TARGET_STATUS[action].value}
    if ids is None:
        detail["filter"] = (f or CommentFilter()).as_dict()
    else:
        detail["before"] = _states(chosen)
    # Staff have spoken: a re-run of the analysis must not undo it (offtopic_locked).
    _set(chosen, status=TARGET_STATUS[action], status_reason=reason[:200], offtopic_locked=True,
         offtopic_reason="staff" if action == Action.OFFTOPIC else "")
    event = audit.record(actor, f"moderation.{action}", "comment", chosen, detail)
    db.session.expire_all()
    return Applied(len(chosen), event.id)


def _check_scope(scope: permissions.CommentScope, conditions: list) -> None:
    """Refuse when any comment matching `conditions` lies outside what the actor may act on."""
    if scope.everything:
        return
    outside = db.session.scalar(select(Comment.id).where(*conditions, ~scope.condition()).limit(1))
    if outside is not None:
        raise ServiceError("other_station")


def _states(ids: list[int]) -> list[list]:
    """[status, status_reason, offtopic_reason, offtopic_locked, [ids]] for each state the comments are in."""
    states: dict[tuple, list[int]] = {}
    rows = db.session.execute(select(Comment.id, *_UNDONE_COLUMNS).where(Comment.id.in_(ids)))
    for comment_id, status, *rest in rows:
        states.setdefault((status.value, *rest), []).append(comment_id)
    return [[*state, members] for state, members in states.items()]


def _set(ids: list[int], **values) -> None:
    for start in range(0, len(ids), CHUNK):
        db.session.execute(update(Comment).where(Comment.id.in_(ids[start:start + CHUNK])).values(**values)
                           .execution_options(synchronize_session=False))


@dataclass
class Undoable:
    action: str
    comment_ids: list[int]


def undoable(consultation: Consultation, event_id: int) -> Undoable | None:
    """The action of this audit event, if it can still be undone: it was on chosen comments of this
    consultation, and every one of them is still as the action left it."""
    event = db.session.get(AuditEvent, event_id)
    if event is None or not event.action.startswith("moderation.") or "before" not in (event.detail or {}):
        return None
    ids = [comment_id for *_, members in event.detail["before"] for comment_id in members]
    still = db.session.scalar(select(func.count(Comment.id)).where(
        Comment.id.in_(ids), Comment.consultation_id == consultation.id,
        Comment.status == CommentStatus(event.detail["to"])))
    return Undoable(event.action.removeprefix("moderation."), ids) if still == len(ids) else None


def undo(consultation: Consultation, event_id: int, actor) -> list[int]:
    """Put the comments of a moderation action back as they were before it; their ids."""
    found = undoable(consultation, event_id)
    if found is None:
        raise ServiceError("nothing_to_undo")
    _check_scope(permissions.comment_scope(actor), [Comment.id.in_(found.comment_ids)])
    before = db.session.get(AuditEvent, event_id).detail["before"]
    for status, status_reason, offtopic_reason, locked, members in before:
        _set(members, status=CommentStatus(status), status_reason=status_reason, offtopic_reason=offtopic_reason,
             offtopic_locked=locked)
    audit.record(actor, "moderation.undo", "comment", found.comment_ids, {"event": event_id, "action": found.action})
    db.session.expire_all()
    return found.comment_ids


def next_comment(consultation: Consultation, f: CommentFilter, after: int | None = None, *,
                 including: bool = False, zone: tzinfo) -> tuple[Comment | None, int]:
    """The next comment of the queue after comment `after` (in queue order; that one first when
    `including`), and how many follow it."""
    conditions = _conditions(consultation, f, zone)
    if after is not None:
        previous = db.session.get(Comment, after)
        if previous is not None:
            later = Comment.id >= previous.id if including else Comment.id > previous.id
            conditions.append(
                (Comment.submitted_at > previous.submitted_at)
                | ((Comment.submitted_at == previous.submitted_at) & later)
            )
    comment = db.session.scalars(
        select(Comment).where(*conditions).order_by(Comment.submitted_at, Comment.id).limit(1)
    ).first()
    remaining = db.session.scalar(select(func.count(Comment.id)).where(*conditions))
    return comment, remaining


def offtopic_reliability(reasons) -> dict[str, reliability.Measured]:
    """Of the off-topic `reasons` (those of the comments on a page), the ones the analysis gives whose comments
    were measured often enough on the held-out comment sets: how many of those it set aside were off-topic."""
    return {reason: found for reason in sorted(set(reasons)) if (found := reliability.offtopic_measured(reason))}
