"""The contact point's figures: what its annual work report says, and each draft's public results."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy import distinct, func, select

from ..extensions import db
from ..models import (
    Adoption,
    Comment,
    CommentStatus,
    Consultation,
    ConsultationKind,
    OpinionGroup,
    consultation_stations,
)
from ..reports import YearFigures, YearlyReport
from .consultations import PUBLIC_STATUSES, participant_key
from .stations import listed

RECEIVED = (CommentStatus.ACCEPTED, CommentStatus.OFFTOPIC, CommentStatus.PENDING)


def _bounds(starts: date, ends: date, zone: tzinfo) -> tuple[datetime, datetime]:
    return (datetime.combine(starts, time.min, tzinfo=zone),
            datetime.combine(ends + timedelta(days=1), time.min, tzinfo=zone))


def _consultations(begin: datetime, end: datetime) -> list[Consultation]:
    return list(db.session.scalars(select(Consultation).where(Consultation.opens_at < end,
                                                              Consultation.closes_at > begin)))


def _comment_figures(begin, end, station_id=None) -> tuple[int, int]:
    conditions = [Comment.submitted_at >= begin, Comment.submitted_at < end, Comment.status.in_(RECEIVED)]
    if station_id is not None:
        conditions.append(Comment.station_id == station_id)
    # One person commenting on two drafts took part twice: participations count per consultation.
    people = select(Comment.consultation_id, participant_key().label("who")).where(*conditions).distinct().subquery()
    participations = db.session.scalar(select(func.count()).select_from(people))
    comments = db.session.scalar(select(func.count(Comment.id)).where(*conditions))
    return participations, comments


def _opinion_figures(begin, end, station_id=None) -> tuple[int, int, int]:
    """Opinions reported in the period, and how many of them were adopted and partly adopted."""
    conditions = [OpinionGroup.reported_at >= begin, OpinionGroup.reported_at < end, OpinionGroup.in_report]
    if station_id is not None:
        conditions.append(OpinionGroup.id.in_(select(Comment.group_id).where(Comment.station_id == station_id)))
    rows = dict(db.session.execute(select(OpinionGroup.adoption, func.count(OpinionGroup.id)).where(*conditions)
                                   .group_by(OpinionGroup.adoption)).all())
    return sum(rows.values()), rows.get(Adoption.ADOPTED, 0), rows.get(Adoption.PARTLY, 0)


def _drafts(consultations: list[Consultation], station_id=None) -> int:
    """Drafts consulted; a station counts the consultations that were open to it (all, when none is named).
    Calls for proposals and evaluations of laws in force consult no draft: they are not counted here."""
    consultations = [c for c in consultations if c.kind == ConsultationKind.DRAFT]
    if station_id is None:
        return len({c.version.draft_id for c in consultations})
    named = defaultdict(set)
    for cid, sid in db.session.execute(select(consultation_stations.c.consultation_id,
                                              consultation_stations.c.station_id)):
        named[cid].add(sid)
    return len({c.version.draft_id for c in consultations if not named[c.id] or station_id in named[c.id]})


def _figures(consultations, begin, end, station_id=None) -> YearFigures:
    participations, comments = _comment_figures(begin, end, station_id)
    reported, adopted, partly = _opinion_figures(begin, end, station_id)
    return YearFigures(drafts=_drafts(consultations, station_id), participations=participations, comments=comments,
                       reported=reported, adopted=adopted, partly_adopted=partly)


def yearly(starts: date, ends: date, *, contact_point: str, zone: tzinfo) -> YearlyReport:
    begin, end = _bounds(starts, ends, zone)
    consultations = _consultations(begin, end)
    stations = listed()
    return YearlyReport(
        contact_point=contact_point, starts=starts, ends=ends,
        stations=[(s.name, _figures(consultations, begin, end, s.id)) for s in stations],
        total=_figures(consultations, begin, end),
    )


@dataclass
class PublicResults:
    consultation: Consultation
    participants: int
    comments: int
    reported: int
    marked: list[OpinionGroup]  # opinions with a reviewer's mark, adopted first
    people: dict[int, int]  # opinion group id -> the people who raised it


    @property
    def adopted(self) -> int:
        return sum(g.adoption == Adoption.ADOPTED for g in self.marked)

    @property
    def partly(self) -> int:
        return sum(g.adoption == Adoption.PARTLY for g in self.marked)


def public_results(consultation: Consultation) -> PublicResults:
    """What a draft's consultation led to, as the public may see it: counts and marked summaries."""
    comments, people = db.session.execute(
        select(func.count(Comment.id), func.count(distinct(participant_key())))
        .where(Comment.consultation_id == consultation.id, Comment.status.in_(PUBLIC_STATUSES))).one()
    groups = db.session.scalars(select(OpinionGroup).where(
        OpinionGroup.consultation_id == consultation.id, OpinionGroup.in_report,
        OpinionGroup.reported_at.is_not(None))).all()
    order = {Adoption.ADOPTED: 0, Adoption.PARTLY: 1, Adoption.NOT_ADOPTED: 2}
    marked = sorted((g for g in groups if g.adoption is not None),
                    key=lambda g: (order[g.adoption], g.provision.position if g.provision else 0))
    return PublicResults(consultation, people, comments, len(groups), marked, _people_per_group(marked))


def _people_per_group(groups: list[OpinionGroup]) -> dict[int, int]:
    """How many people raised each opinion: what the page says of a group without a staff summary,
    since a resident's own words are never published."""
    if not groups:
        return {}
    return dict(db.session.execute(
        select(Comment.group_id, func.count(distinct(participant_key())))
        .where(Comment.group_id.in_([g.id for g in groups]), Comment.status.in_(PUBLIC_STATUSES))
        .group_by(Comment.group_id)).all())
