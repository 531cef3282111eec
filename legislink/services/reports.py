"""The upward report: one function gathers the plain rows the Excel writer needs; the staff page,
the JSON API and `legislink export` all call it, then write or serve the result."""

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import IO, Any
from zoneinfo import ZoneInfo

from sqlalchemy import distinct, func, select

from .. import labels
from ..analysis.text import foreign_language
from ..extensions import db
from ..models import (
    Adoption,
    Comment,
    CommentEvent,
    CommentEventKind,
    CommentStatus,
    Consultation,
    ConsultationKind,
    OpinionGroup,
    Provision,
    ProvisionLevel,
    Station,
)
from ..reports import (
    AdoptionMark,
    ArticleCount,
    DetailRow,
    Outcome,
    ReportEntry,
    ReportHeader,
    StatsData,
    write_evaluation_report,
    write_report,
)
from ..reports.identities import source_name
from . import ServiceError, audit, kind_reports
from .consultations import participant_key
from .stations import listed, station_or_none

REPORTED = (CommentStatus.ACCEPTED,)
OUTCOME = {Adoption.ADOPTED: Outcome.ADOPTED, Adoption.PARTLY: Outcome.PARTLY,
           Adoption.NOT_ADOPTED: Outcome.NOT_ADOPTED}


@dataclass
class ReportData:
    header: ReportHeader
    entries: list[ReportEntry]
    stats: StatsData
    station: Station | None
    ungrouped: int  # accepted comments the analysis has not grouped yet (each reported on its own)


def report_scope(consultation: Consultation, station: Station | None) -> list:
    conditions = [Comment.consultation_id == consultation.id, Comment.status.in_(REPORTED)]
    if station is not None:
        conditions.append(Comment.station_id == station.id)
    return conditions


def _provisions(version_id: int) -> dict[int, Provision]:
    rows = db.session.scalars(select(Provision).where(
        Provision.version_id == version_id,
        Provision.level.in_((ProvisionLevel.ARTICLE, ProvisionLevel.PARAGRAPH, ProvisionLevel.CHAPTER,
                             ProvisionLevel.SECTION, ProvisionLevel.BIAN, ProvisionLevel.FENBIAN))))
    return {p.id: p for p in rows}


def _original_text(provision: Provision | None, paragraph: int | None, provisions: dict[int, Provision]) -> str:
    if provision is None or provision.level != ProvisionLevel.ARTICLE:
        return ""
    if paragraph:
        for p in provisions.values():
            if p.parent_id == provision.id and p.level == ProvisionLevel.PARAGRAPH and p.ordinal == paragraph:
                return p.text
    return provision.text


def _label(provision: Provision | None) -> str | None:
    if provision is None:
        return None
    return provision.label if provision.level == ProvisionLevel.ARTICLE else f"{provision.label} {provision.title}"


# What an entry needs of each member; the texts are read afterwards for the few comments shown.
_MEMBER = (Comment.id, Comment.group_id, Comment.provision_id, Comment.paragraph, Comment.duplicate_key,
           Comment.identity, Comment.identity_words, Comment.station_id)
_TEXTS = 1000


def _entry(key: str, members: list, group: OpinionGroup | None, context: dict) -> ReportEntry:
    first = members[0]
    ids = {m.id for m in members}
    shown = group.representative_id if group is not None and group.representative_id in ids else first.id
    texts = context["texts"]
    provision = context["provisions"].get(first.provision_id)
    paragraphs = {m.paragraph for m in members}
    paragraph = paragraphs.pop() if len(paragraphs) == 1 else None
    letters = Counter(m.duplicate_key for m in members if m.duplicate_key)
    text, suggestion, reason, translation = texts[shown]
    suggestion = suggestion or next((texts[i][1] for i in context["with_suggestion"].get(key, ()) if i in texts), "")
    reason = reason or next((texts[i][2] for i in context["with_reason"].get(key, ()) if i in texts), "")
    adoption = None
    if group is not None and group.adoption is not None:
        adoption = AdoptionMark(outcome=OUTCOME[group.adoption], final_text=group.final_text, note=group.adoption_note)
    identities, stations = context["identities"], context["stations"]
    return ReportEntry(
        article_label=_label(provision), article_order=provision.position if provision else 0, paragraph=paragraph,
        original_text=_original_text(provision, paragraph, context["provisions"]),
        summary=group.summary if group else "", representative_text=text, suggestion=suggestion, reason=reason,
        identity_counts=dict(Counter(source_name(m.identity_words, identities[m.identity]) for m in members)),
        station_counts=dict(Counter(stations[m.station_id] for m in members if m.station_id in stations)),
        count=len(members), duplicate_count=sum(n for n in letters.values() if n > 1), group=key, adoption=adoption,
        foreign=foreign_language(text), translation=translation, shown_id=shown,
    )


def _first_with(column, keys: dict[int, str], scope: list) -> dict[str, list[int]]:
    """Per entry, the first member whose `column` is not empty (its fallback suggestion or reason)."""
    found: dict[str, list[int]] = {}
    for comment_id in db.session.scalars(select(Comment.id).where(*scope, column != "").order_by(Comment.id)):
        key = keys.get(comment_id)
        if key is not None and key not in found:
            found[key] = [comment_id]
    return found


def _texts(ids: set[int]) -> dict[int, tuple[str, str, str, str]]:
    chosen = sorted(ids)
    texts = {}
    for start in range(0, len(chosen), _TEXTS):
        texts.update((row.id, (row.text, row.suggestion, row.reason, row.translation)) for row in db.session.execute(
            select(Comment.id, Comment.text, Comment.suggestion, Comment.reason, Comment.translation)
            .where(Comment.id.in_(chosen[start:start + _TEXTS]))))
    return texts


def _entries(consultation: Consultation, station: Station | None) -> tuple[list[ReportEntry], int]:
    """One entry per opinion group staff kept in the report; an accepted comment the analysis has
    not grouped yet is an entry of its own, so nothing accepted is left out. The members are read
    as a few columns, not as rows: a report of 100,000 comments stays small in memory."""
    scope = report_scope(consultation, station)
    groups = {g.id: g for g in db.session.scalars(
        select(OpinionGroup).where(OpinionGroup.consultation_id == consultation.id))}
    by_group: dict[str, list] = defaultdict(list)
    key_of: dict[int, str] = {}
    ungrouped = 0
    for member in db.session.execute(select(*_MEMBER).where(*scope).order_by(Comment.id)):
        if member.group_id in groups:
            if not groups[member.group_id].in_report:
                continue
            key = str(member.group_id)
        else:
            ungrouped += 1
            key = f"c{member.id}"
        by_group[key].append(member)
        key_of[member.id] = key
    with_suggestion = _first_with(Comment.suggestion, key_of, scope)
    with_reason = _first_with(Comment.reason, key_of, scope)
    shown = {members[0].id for members in by_group.values()}
    shown |= {g.representative_id for g in groups.values() if g.representative_id in key_of}
    shown |= {i for found in (with_suggestion, with_reason) for ids in found.values() for i in ids}
    context = {"texts": _texts(shown), "provisions": _provisions(consultation.version_id),
               "identities": labels.chinese(labels.IDENTITY), "stations": {s.id: s.name for s in listed()},
               "with_suggestion": with_suggestion, "with_reason": with_reason}
    entries = [_entry(key, members, groups.get(int(key)) if key.isdigit() else None, context)
               for key, members in by_group.items()]
    return entries, ungrouped


def _stats(consultation: Consultation, station: Station | None, zone: tzinfo) -> StatsData:
    scope = report_scope(consultation, station)
    names = {"identity": labels.chinese(labels.IDENTITY), "channel": labels.chinese(labels.CHANNEL)}

    def grouped(column):
        return db.session.execute(select(column, func.count(Comment.id)).where(*scope).group_by(column)).all()

    stations = db.session.execute(select(Station.name, func.count(Comment.id)).join(Station)
                                  .where(*scope).group_by(Station.name)).all()
    days = Counter(stamp.astimezone(zone).date()
                   for stamp in db.session.scalars(select(Comment.submitted_at).where(*scope)))
    articles = db.session.execute(
        select(Comment.provision_id, func.count(Comment.id)).where(*scope).group_by(Comment.provision_id)).all()
    provisions = _provisions(consultation.version_id)
    return StatsData(
        by_station=dict(stations),
        by_identity={names["identity"][k]: n for k, n in grouped(Comment.identity)},
        by_channel={names["channel"][k]: n for k, n in grouped(Comment.channel)},
        by_day=dict(sorted(days.items())),
        by_article=[ArticleCount(label=_label(provisions.get(pid)), order=provisions[pid].position if pid else 0,
                                 count=n) for pid, n in articles],
    )


@dataclass(frozen=True)
class ReportSettings:
    """Who signs the upward report (a consultation's own contact comes first), the contact point's
    time zone (its days in the figures and dates), and how many rows 意见明细 holds before it
    continues on the next sheet."""

    contact_point: str
    zone: tzinfo
    contact_name: str = ""
    contact_phone: str = ""
    detail_row_limit: int = 1_048_576

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "ReportSettings":
        return cls(contact_point=config["CONTACT_POINT_NAME"], zone=ZoneInfo(config["BABEL_DEFAULT_TIMEZONE"]),
                   contact_name=config["CONTACT_NAME"],
                   contact_phone=config["CONTACT_PHONE"], detail_row_limit=config["EXPORT_MAX_ROWS_PER_SHEET"])


def build(consultation: Consultation, *, settings: ReportSettings, station_code: str | None = None,
          report_date: date | None = None) -> ReportData:
    """Everything the workbook says, as plain data (a draft, or a law in force under evaluation)."""
    station = station_or_none(station_code)
    entries, ungrouped = _entries(consultation, station)
    header = report_header(consultation, station, settings=settings, report_date=report_date)
    return ReportData(header, entries, _stats(consultation, station, settings.zone), station, ungrouped)


def report_title(consultation: Consultation) -> str:
    """The draft's or the law's title; a call for proposals has its own."""
    return consultation.version.draft.title if consultation.version is not None else consultation.title


def report_header(consultation: Consultation, station: Station | None, *, settings: "ReportSettings",
                  report_date: date | None = None) -> ReportHeader:
    """Rows 1 to 3 and the footer of every kind's summary sheet: who reports, when, and how many took part."""
    received_scope = [Comment.consultation_id == consultation.id,
                      Comment.status.in_((CommentStatus.ACCEPTED, CommentStatus.OFFTOPIC))]
    if station is not None:
        received_scope.append(Comment.station_id == station.id)
    received, people = db.session.execute(
        select(func.count(Comment.id), func.count(distinct(participant_key()))).where(*received_scope)).one()
    point = settings.contact_point + (f"（{station.name}）" if station else "")
    return ReportHeader(
        draft_title=report_title(consultation), contact_point=point,
        opens=consultation.opens_at.astimezone(settings.zone).date(),
        closes=(consultation.closes_at.astimezone(settings.zone) - timedelta(seconds=1)).date(),
        report_date=report_date or datetime.now(settings.zone).date(), participants=people, comments_received=received,
        contact_name=consultation.contact_name or settings.contact_name,
        contact_phone=consultation.contact_phone or settings.contact_phone,
    )


def identity_cell(words: str, category: str) -> str:
    """意见明细's 身份: the words as written, with the category they count under when it differs."""
    written = source_name(words, category)
    return written if written == category else f"{written}（{category}）"


def detail_rows(consultation: Consultation, station: Station | None, *, with_contact: bool) -> Iterator[DetailRow]:
    """Every accepted comment, streamed from the database in pages."""
    names = {"identity": labels.chinese(labels.IDENTITY), "channel": labels.chinese(labels.CHANNEL),
             "status": labels.chinese(labels.STATUS)}
    provisions = _provisions(consultation.version_id)
    stations = {s.id: s.name for s in listed()}
    query = (select(Comment.receipt_code, Comment.provision_id, Comment.paragraph, Comment.text, Comment.suggestion,
                    Comment.reason, Comment.identity, Comment.identity_words, Comment.station_id, Comment.channel,
                    Comment.submitted_at,
                    Comment.group_id, Comment.duplicate_key, Comment.status, Comment.name, Comment.phone, Comment.id)
             .where(*report_scope(consultation, station)).order_by(Comment.id)
             .execution_options(yield_per=2000))
    for row in db.session.execute(query):
        yield DetailRow(
            receipt=row.receipt_code, article_label=_label(provisions.get(row.provision_id)), paragraph=row.paragraph,
            text=row.text, suggestion=row.suggestion, reason=row.reason,
            identity=identity_cell(row.identity_words, names["identity"][row.identity]),
            station=stations.get(row.station_id, ""), channel=names["channel"][row.channel],
            submitted_at=row.submitted_at, group=str(row.group_id) if row.group_id else f"c{row.id}",
            duplicate_group=row.duplicate_key, status=names["status"][row.status],
            name=row.name if with_contact else None, phone=row.phone if with_contact else None,
        )


def export(consultation: Consultation, out: str | IO[bytes], *, settings: ReportSettings,
           station_code: str | None = None, with_contact: bool = False, adoption: bool = False,
           actor=None) -> ReportData:
    """Write the workbook of the consultation's kind and audit it. The caller has checked the
    permission for `with_contact`. The adoption sheet is the draft kind's only. The 民情直通 form has no
    report upward: its requests go to departments (request_reports.export_requests)."""
    if consultation.kind == ConsultationKind.STANDING:
        raise ServiceError("standing_no_report")
    if consultation.kind == ConsultationKind.PROPOSAL:
        if adoption:
            raise ServiceError("no_adoption_marks")
        data = kind_reports.build_proposals(consultation, settings=settings, station_code=station_code)
        kind_reports.write_proposals(consultation, data, out, settings=settings, with_contact=with_contact)
        _audit_export(consultation, data, station_code, with_contact, adoption, actor)
        return data
    data = build(consultation, settings=settings, station_code=station_code)
    if adoption and (consultation.kind != ConsultationKind.DRAFT or not any(e.adoption for e in data.entries)):
        raise ServiceError("no_adoption_marks")
    details = detail_rows(consultation, data.station, with_contact=with_contact)
    if consultation.kind == ConsultationKind.EVALUATION:
        write_evaluation_report(out, data.header, data.entries, details, with_contact=with_contact,
                                detail_row_limit=settings.detail_row_limit,
                                extra=kind_reports.extra_sheets(consultation, data.station, data.header.report_date))
    else:
        write_report(out, data.header, data.entries, details, data.stats, with_contact=with_contact,
                     adoption=adoption, detail_row_limit=settings.detail_row_limit,
                     extra=kind_reports.extra_sheets(consultation, data.station, data.header.report_date))
    _audit_export(consultation, data, station_code, with_contact, adoption, actor)
    return data


def _audit_export(consultation: Consultation, data, station_code: str | None, with_contact: bool, adoption: bool,
                  actor) -> None:
    audit.record(actor, "report.export", "consultation", [consultation.id],
                 {"station": station_code, "with_contact": with_contact, "adoption": adoption,
                  "entries": len(data.entries), "comments": data.header.comments_received})


def _to_mark(consultation: Consultation) -> tuple[list[OpinionGroup], list[int]]:
    """The report's groups, and their comments whose receipts do not say 已上报 yet."""
    groups = db.session.scalars(select(OpinionGroup).where(OpinionGroup.consultation_id == consultation.id,
                                                           OpinionGroup.in_report)).all()
    already = select(CommentEvent.comment_id).where(CommentEvent.kind == CommentEventKind.REPORTED)
    comments = db.session.scalars(select(Comment.id).where(
        Comment.group_id.in_([g.id for g in groups]), Comment.status.in_(REPORTED), Comment.id.not_in(already))).all()
    return list(groups), list(comments)


def receipts_to_change(consultation: Consultation) -> int:
    """How many receipts recording the report as sent would turn to 已上报: what the button says."""
    return len(_to_mark(consultation)[1])


def mark_reported(consultation: Consultation, now: datetime, actor=None, *, confirmed: int | None = None) -> int:
    """Staff confirm the report went upward: its groups and their comments become 已上报. `confirmed`
    is the number of receipts the page said would change; when it no longer matches (someone moved
    comments in the meantime) nothing changes and staff see the new number."""
    groups, comments = _to_mark(consultation)
    if not comments:
        raise ServiceError("already_reported" if any(g.reported_at for g in groups) else "nothing_to_report")
    if confirmed is not None and confirmed != len(comments):
        raise ServiceError("report_changed")
    for group in groups:
        group.reported_at = group.reported_at or now
    db.session.add_all(CommentEvent(comment_id=cid, kind=CommentEventKind.REPORTED, at=now) for cid in comments)
    audit.record(actor, "report.mark_reported", "opinion_group", [g.id for g in groups], {"comments": len(comments)})
    db.session.flush()
    return len(comments)


MAX_TRANSLATION = 5_000


def save_translation(consultation: Consultation, comment_id: int, translation: str, actor=None) -> Comment:
    """Staff's Chinese translation of a comment written in another language: 汇总表 uses it, 意见明细
    keeps the original. An empty text removes it. Flushes."""
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.consultation_id != consultation.id:
        raise ServiceError("unknown_comment")
    translation = translation.strip()
    if len(translation) > MAX_TRANSLATION:
        raise ServiceError("translation_too_long", limit=MAX_TRANSLATION)
    comment.translation = translation
    audit.record(actor, "comment.translate", "comment", [comment.id], {"length": len(translation)})
    db.session.flush()
    return comment
