"""The figures of one consultation: by day, station, identity, channel and status; busiest articles."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, tzinfo

from sqlalchemy import func, select

from ..extensions import db
from ..models import Channel, Comment, CommentStatus, Consultation, Identity, Provision, Station


@dataclass
class Figures:
    total: int
    by_status: dict[CommentStatus, int]
    by_day: list[tuple[date, int]]
    by_station: list[tuple[str, int]]
    by_identity: list[tuple[Identity, int]]
    by_channel: list[tuple[Channel, int]]
    top_articles: list[tuple[str, int]]
    whole_draft: int
    form_letters: int


def _grouped(column, consultation_id: int):
    return db.session.execute(
        select(column, func.count(Comment.id)).where(Comment.consultation_id == consultation_id)
        .group_by(column).order_by(func.count(Comment.id).desc())
    ).all()


def _by_day(consultation: Consultation, zone: tzinfo) -> list[tuple[date, int]]:
    """Local days from the opening to today or the closing, every day present (zeros too)."""
    stamps = db.session.scalars(select(Comment.submitted_at).where(Comment.consultation_id == consultation.id))
    counts = Counter(stamp.astimezone(zone).date() for stamp in stamps)
    if not counts:
        return []
    first = min(min(counts), consultation.opens_at.astimezone(zone).date())
    last = max(counts)
    return [(date.fromordinal(d), counts.get(date.fromordinal(d), 0))
            for d in range(first.toordinal(), last.toordinal() + 1)]


def figures(consultation: Consultation, top: int = 10, *, zone: tzinfo) -> Figures:
    """The consultation's figures; days are those of the contact point's `zone`."""
    cid = consultation.id
    stations = db.session.execute(
        select(Station.name, func.count(Comment.id)).join(Station, Comment.station_id == Station.id)
        .where(Comment.consultation_id == cid).group_by(Station.name).order_by(func.count(Comment.id).desc())
    ).all()
    articles = db.session.execute(
        select(Provision.label, func.count(Comment.id)).join(Provision, Comment.provision_id == Provision.id)
        .where(Comment.consultation_id == cid, Comment.status != CommentStatus.SPAM)
        .group_by(Provision.label).order_by(func.count(Comment.id).desc(), Provision.label).limit(top)
    ).all()
    by_status = dict(_grouped(Comment.status, cid))
    return Figures(
        total=sum(by_status.values()),
        by_status=by_status,
        by_day=_by_day(consultation, zone),
        by_station=[tuple(r) for r in stations],
        by_identity=[tuple(r) for r in _grouped(Comment.identity, cid)],
        by_channel=[tuple(r) for r in _grouped(Comment.channel, cid)],
        top_articles=[tuple(r) for r in articles],
        whole_draft=db.session.scalar(select(func.count(Comment.id)).where(
            Comment.consultation_id == cid, Comment.provision_id.is_(None), Comment.status != CommentStatus.SPAM)),
        form_letters=db.session.scalar(select(func.count(Comment.id)).where(
            Comment.consultation_id == cid, Comment.duplicate_key.is_not(None))),
    )
