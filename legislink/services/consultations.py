"""Consultation windows: opening them for local days and stations, and the public counts shown for them."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import case, distinct, func, select

from ..extensions import db
from ..models import Comment, CommentStatus, Consultation, ConsultationKind, Draft, DraftVersion, Station
from . import ServiceError, audit
from .stations import find_station

# What the public counts: received and not rejected as spam, and past pre-moderation.
PUBLIC_STATUSES = (CommentStatus.ACCEPTED, CommentStatus.OFFTOPIC)


def participant_key():
    """A person is their phone number when they left one, otherwise each comment is one person."""
    return case((Comment.phone != "", Comment.phone), else_=Comment.receipt_code)


@dataclass(frozen=True)
class ConsultationSummary:
    consultation: Consultation
    draft: Draft | None  # None for a call for proposals: nothing written is consulted
    version: DraftVersion | None
    comments: int
    participants: int
    is_open: bool
    days_left: int | None

    @property
    def kind(self) -> ConsultationKind:
        return self.consultation.kind

    @property
    def title(self) -> str:
        return self.draft.title if self.draft is not None else self.consultation.title


DEFAULT_TIMEZONE = "Asia/Shanghai"


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


def days_left(consultation: Consultation, now: datetime, timezone: str = DEFAULT_TIMEZONE) -> int | None:
    """Calendar days from today to the last day, both where the contact point is: 0 on the last day.
    (A window closes at midnight, so its last day is the day before `closes_at`.)"""
    if not consultation.is_open(now):
        return None
    zone = ZoneInfo(timezone)
    last_day = (consultation.closes_at - timedelta(microseconds=1)).astimezone(zone).date()
    return max(0, (last_day - now.astimezone(zone).date()).days)


# Listed on the home page; the standing request form has its own entry there, open all year.
LISTED_KINDS = (ConsultationKind.DRAFT, ConsultationKind.PROPOSAL, ConsultationKind.EVALUATION)


def list_public(now: datetime, timezone: str = DEFAULT_TIMEZONE) -> list[ConsultationSummary]:
    """Every kind of consultation (a call for proposals has no text, so the text is an outer join):
    open ones first (closing soonest first), then the rest, newest first."""
    rows = db.session.execute(
        select(Consultation, DraftVersion, Draft)
        .outerjoin(DraftVersion, Consultation.version_id == DraftVersion.id)
        .outerjoin(Draft, DraftVersion.draft_id == Draft.id)
        .where(Consultation.opens_at <= now, Consultation.kind.in_(LISTED_KINDS))
    ).all()
    counts = public_counts([c.id for c, _, _ in rows])
    summaries = [
        ConsultationSummary(c, d, v, *counts.get(c.id, (0, 0)), c.is_open(now), days_left(c, now, timezone))
        for c, v, d in rows
    ]
    open_ones = sorted((s for s in summaries if s.is_open), key=lambda s: s.consultation.closes_at)
    closed = sorted((s for s in summaries if not s.is_open), key=lambda s: s.consultation.closes_at, reverse=True)
    return open_ones + closed


def shown_consultation(consultation_id: int, now: datetime) -> Consultation | None:
    """A consultation the public may see: listed, and opened already."""
    consultation = db.session.get(Consultation, consultation_id)
    if consultation is None or consultation.kind not in LISTED_KINDS or consultation.opens_at > now:
        return None
    return consultation


def window_bounds(opens_on: date, closes_on: date, timezone: str = DEFAULT_TIMEZONE) -> tuple[datetime, datetime]:
    """From the start of the opening day to the end of the closing day, in the contact point's zone."""
    zone = ZoneInfo(timezone)
    return (datetime.combine(opens_on, time.min, zone),
            datetime.combine(closes_on + timedelta(days=1), time.min, zone))


def local_day(moment: datetime, timezone: str = DEFAULT_TIMEZONE) -> date:
    return moment.astimezone(ZoneInfo(timezone)).date()


def _overlapping(draft_id: int, opens_at: datetime, closes_at: datetime) -> Consultation | None:
    return db.session.scalar(
        select(Consultation).join(DraftVersion, Consultation.version_id == DraftVersion.id)
        .where(DraftVersion.draft_id == draft_id, Consultation.opens_at < closes_at, Consultation.closes_at > opens_at)
        .order_by(Consultation.opens_at).limit(1)
    )


def _stations(codes: Iterable[str]) -> list[Station]:
    return [find_station(code) for code in dict.fromkeys(c.strip() for c in codes if c.strip())]


TEXT_KINDS = (ConsultationKind.DRAFT, ConsultationKind.EVALUATION)
TITLE_LIMIT = 200


def open_consultation(version: DraftVersion | None, *, opens_on: date, closes_on: date, premoderation: bool = False,
                      station_codes: Iterable[str] = (), contact_name: str = "", contact_phone: str = "",
                      after_close_contact: str = "", kind: ConsultationKind = ConsultationKind.DRAFT,
                      title: str = "", intro: str = "", timezone: str = DEFAULT_TIMEZONE, actor=None) -> Consultation:
    """Open a consultation from `opens_on` to the end of `closes_on` (local days).

    A draft or an evaluation consults `version` (a draft's text, or a law in force imported
    like one); a proposal call consults no text and needs a `title` instead. No station named
    means every station. One window at a time per draft, not only per version: the public
    pages address a draft, so a second open window would be unreachable.
    """
    kind = ConsultationKind(kind)
    if kind == ConsultationKind.STANDING:
        raise ServiceError("standing_is_unique", "The standing request form is not opened by hand.")
    if closes_on <= opens_on:
        raise ServiceError("closes_before_opens", "The closing day must come after the opening day.")
    title = " ".join(title.split())
    if len(title) > TITLE_LIMIT:
        raise ServiceError("title_too_long", "The title is longer than %(limit)s characters.", limit=TITLE_LIMIT)
    if kind in TEXT_KINDS and version is None:
        raise ServiceError("text_needed", "A draft or a law in force is needed for this kind of consultation.")
    if kind not in TEXT_KINDS:
        if version is not None:
            raise ServiceError("no_text_for_proposals", "A call for proposals consults no text.")
        if not title:
            raise ServiceError("title_needed", "A call for proposals needs a title.")
    opens_at, closes_at = window_bounds(opens_on, closes_on, timezone)
    if version is not None:
        clash = _overlapping(version.draft_id, opens_at, closes_at)
        if clash is not None:
            raise ServiceError("consultation_overlaps", "Another window on this draft overlaps these days.",
                               label=clash.version.label,
                               opens=local_day(clash.opens_at, timezone).isoformat(),
                               closes=local_day(clash.closes_at - timedelta(microseconds=1), timezone).isoformat())
    stations = _stations(station_codes)
    consultation = Consultation(
        kind=kind, version=version, title=title, intro=intro.strip(), opens_at=opens_at, closes_at=closes_at,
        premoderation=premoderation, stations=stations,
        contact_name=contact_name.strip()[:100], contact_phone=contact_phone.strip()[:50],
        after_close_contact=after_close_contact.strip(), created_by_id=getattr(actor, "id", None),
    )
    db.session.add(consultation)
    db.session.flush()
    audit.record(actor, "consultation.open", "consultation", [consultation.id], {
        "kind": kind.value, "title": title,
        "draft_id": version.draft_id if version else None, "version_id": version.id if version else None,
        "opens_on": opens_on.isoformat(), "closes_on": closes_on.isoformat(), "premoderation": premoderation,
        "stations": [s.code for s in stations],
    })
    return consultation
