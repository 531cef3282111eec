"""Counts the public may see: what was received and not rejected as spam (nor waiting for moderation)."""

from sqlalchemy import distinct, func, select

from ..extensions import db
from ..models import Comment, Consultation, Provision
from .consultations import PUBLIC_STATUSES, participant_key


def public_stats(consultation: Consultation) -> dict:
    base = (Comment.consultation_id == consultation.id, Comment.status.in_(PUBLIC_STATUSES))
    comments, participants = db.session.execute(
        select(func.count(Comment.id), func.count(distinct(participant_key()))).where(*base)
    ).one()
    by_article = db.session.execute(
        select(Provision.label, func.count(Comment.id))
        .join(Provision, Comment.provision_id == Provision.id)
        .where(*base)
        .group_by(Provision.label, Provision.position)
        .order_by(Provision.position)
    ).all()
    whole = db.session.scalar(select(func.count(Comment.id)).where(*base, Comment.provision_id.is_(None)))
    return {
        "consultation_id": consultation.id,
        "comments": comments,
        "participants": participants,
        "whole_draft": whole,
        "by_article": dict(by_article),
    }
