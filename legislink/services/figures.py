"""The contact point's figures: what its annual work report says, and each draft's public results.

The annual report counts the work before, during and after legislation (立法前 calls for proposals,
立法中 drafts, 立法后 evaluations: consultations and comments of each kind) and the residents' requests
sent to departments (转办 N, 已办结 M, 按期办结率, 逾期), overall and by station: a comment counts at
its station, a request at the station of the comment it came from."""

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
    Referral,
    ReferralStatus,
    consultation_stations,
)
from ..reports import KindFigures, RequestFigures, YearFigures, YearlyReport
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


def _open_to(consultations: list[Consultation], station_id=None) -> list[Consultation]:
    """The consultations a station took part in: those open to it (all, when none is named)."""
    if station_id is None:
        return consultations
    named = defaultdict(set)
    for cid, sid in db.session.execute(select(consultation_stations.c.consultation_id,
                                              consultation_stations.c.station_id)):
        named[cid].add(sid)
    return [c for c in consultations if not named[c.id] or station_id in named[c.id]]


def _drafts(consultations: list[Consultation]) -> int:
    """Drafts consulted (立法中): a law in force under evaluation counts among the evaluations instead."""
    return len({c.version.draft_id for c in consultations
                if c.kind == ConsultationKind.DRAFT and c.version is not None})


def _kinds(consultations: list[Consultation], begin, end, station_id=None) -> dict[ConsultationKind, KindFigures]:
    """Consultations and comments received of each kind, comments by the day they were submitted."""
    conditions = [Comment.submitted_at >= begin, Comment.submitted_at < end, Comment.status.in_(RECEIVED)]
    if station_id is not None:
        conditions.append(Comment.station_id == station_id)
    comments = dict(db.session.execute(select(Consultation.kind, func.count(Comment.id)).join(Consultation)
                                       .where(*conditions).group_by(Consultation.kind)).all())
    return {kind: KindFigures(consultations=sum(c.kind == kind for c in consultations), comments=comments.get(kind, 0))
            for kind in (ConsultationKind.PROPOSAL, ConsultationKind.DRAFT, ConsultationKind.EVALUATION)}


def _requests(starts: date, ends: date, today: date, station_id=None) -> RequestFigures:
    """Requests sent in the period (by the day they were sent); 逾期 is counted on `today`."""
    conditions = [Referral.assigned_on >= starts, Referral.assigned_on <= ends]
    if station_id is not None:
        conditions.append(Comment.station_id == station_id)
    referred = done = on_time = overdue = 0
    for status, due_on, replied_on in db.session.execute(
            select(Referral.status, Referral.due_on, Referral.replied_on)
            .join(Comment, Comment.id == Referral.comment_id).where(*conditions)):
        referred += 1
        if status == ReferralStatus.DONE:
            done += 1
            on_time += replied_on is not None and replied_on <= due_on
        elif due_on < today:
            overdue += 1
    return RequestFigures(referred=referred, done=done, done_on_time=on_time, overdue=overdue)


def _figures(consultations, begin, end, period: tuple[date, date, date], station_id=None) -> YearFigures:
    participations, comments = _comment_figures(begin, end, station_id)
    reported, adopted, partly = _opinion_figures(begin, end, station_id)
    consulted = _open_to(consultations, station_id)
    kinds = _kinds(consulted, begin, end, station_id)
    return YearFigures(drafts=_drafts(consulted), participations=participations, comments=comments,
                       reported=reported, adopted=adopted, partly_adopted=partly,
                       proposal=kinds[ConsultationKind.PROPOSAL], draft=kinds[ConsultationKind.DRAFT],
                       evaluation=kinds[ConsultationKind.EVALUATION], requests=_requests(*period, station_id))


def yearly(starts: date, ends: date, *, contact_point: str, zone: tzinfo, today: date | None = None) -> YearlyReport:
    """The period's figures by station and in all. `today` (the contact point's, by default) is the day
    overdue requests are counted on."""
    begin, end = _bounds(starts, ends, zone)
    consultations = _consultations(begin, end)
    period = (starts, ends, today or datetime.now(zone).date())
    stations = listed()
    return YearlyReport(
        contact_point=contact_point, starts=starts, ends=ends,
        stations=[(s.name, _figures(consultations, begin, end, period, s.id)) for s in stations],
        total=_figures(consultations, begin, end, period),
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
