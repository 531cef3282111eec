"""Queries behind the staff workspace pages."""

from dataclasses import dataclass

from sqlalchemy import func, select

from ..extensions import db
from ..models import Comment, CommentStatus, Consultation, ConsultationKind, Draft, DraftVersion


@dataclass(frozen=True)
class DraftRow:
    draft: Draft
    versions: list[DraftVersion]
    consultations: list[Consultation]
    comments: int
    pending: int


def draft_overview() -> list[DraftRow]:
    drafts = db.session.scalars(select(Draft).order_by(Draft.created_at.desc())).all()
    consultations = db.session.scalars(
        select(Consultation).join(DraftVersion).order_by(Consultation.opens_at.desc())
    ).all()
    by_draft: dict[int, list[Consultation]] = {}
    for consultation in consultations:
        by_draft.setdefault(consultation.version.draft_id, []).append(consultation)
    counts = dict(db.session.execute(
        select(DraftVersion.draft_id, func.count(Comment.id))
        .join(Consultation, Consultation.version_id == DraftVersion.id)
        .join(Comment, Comment.consultation_id == Consultation.id)
        .group_by(DraftVersion.draft_id)
    ).all())
    pending = dict(db.session.execute(
        select(DraftVersion.draft_id, func.count(Comment.id))
        .join(Consultation, Consultation.version_id == DraftVersion.id)
        .join(Comment, Comment.consultation_id == Consultation.id)
        .where(Comment.status == CommentStatus.PENDING)
        .group_by(DraftVersion.draft_id)
    ).all())
    return [
        DraftRow(d, list(d.versions), by_draft.get(d.id, []), counts.get(d.id, 0), pending.get(d.id, 0))
        for d in drafts
    ]


@dataclass(frozen=True)
class CallRow:
    consultation: Consultation
    comments: int
    pending: int


def proposal_calls() -> list[CallRow]:
    """Calls for legislative proposals, newest first, with their proposals and those awaiting moderation."""
    calls = db.session.scalars(select(Consultation).where(Consultation.kind == ConsultationKind.PROPOSAL)
                               .order_by(Consultation.opens_at.desc())).all()
    ids = [c.id for c in calls]
    counts = dict(db.session.execute(
        select(Comment.consultation_id, func.count(Comment.id)).where(Comment.consultation_id.in_(ids))
        .group_by(Comment.consultation_id)).all())
    pending = dict(db.session.execute(
        select(Comment.consultation_id, func.count(Comment.id))
        .where(Comment.consultation_id.in_(ids), Comment.status == CommentStatus.PENDING)
        .group_by(Comment.consultation_id)).all())
    return [CallRow(c, counts.get(c.id, 0), pending.get(c.id, 0)) for c in calls]
