"""Consultation windows and the public counts shown for them."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, distinct, func, select

from ..extensions import db
from ..models import Comment, CommentStatus, Consultation, Draft, DraftVersion

# What the public counts: received and not rejected as spam, and past pre-moderation.
PUBLIC_STATUSES = (CommentStatus.ACCEPTED, CommentStatus.OFFTOPIC)


def participant_key():
    """A person is their phone number when they left one, otherwise each comment is one person."""
    return case((Comment.phone != "", Comment.phone), else_=Comment.receipt_code)


@dataclass(frozen=True)
class ConsultationSummary:
    consultation: Consultation
    draft: Draft
    version: DraftVersion
    comments: int
    participants: int
    is_open: bool
    days_left: int | None


def public_counts(consultation_ids: list[int]) -> dict[int, tuple[int, int]]:
    """consultation id -> (comments, participants) as the public sees them."""
    if not consultation_ids:
        return {}
    rows = db.session.execute(
        select(Comment.consultation_id, func.count(Comment.id), func.count(distinct(participant_key())))
        .where(Comment.consultation_id.in_(consultation_ids), Comment.status.in_(PUBLIC_STATUSES))
        .group_by(Comment.consultation_id)
    )
    return {cid: (comments, people) for cid, comments, people in rows}


def days_left(consultation: Consultation, now: datetime) -> int | None:
    if not consultation.is_open(now):
        return None
    return max(0, (consultation.closes_at - now).days)


def list_public(now: datetime) -> list[ConsultationSummary]:
    """Open consultations first (closing soonest first), then the rest, newest first."""
    rows = db.session.execute(
        select(Consultation, DraftVersion, Draft)
        .join(DraftVersion, Consultation.version_id == DraftVersion.id)
        .join(Draft, DraftVersion.draft_id == Draft.id)
        .where(Consultation.opens_at <= now)
    ).all()
    counts = public_counts([c.id for c, _, _ in rows])
    summaries = [
        ConsultationSummary(c, d, v, *counts.get(c.id, (0, 0)), c.is_open(now), days_left(c, now))
        for c, v, d in rows
    ]
    open_ones = sorted((s for s in summaries if s.is_open), key=lambda s: s.consultation.closes_at)
    closed = sorted((s for s in summaries if not s.is_open), key=lambda s: s.consultation.closes_at, reverse=True)
    return open_ones + closed
