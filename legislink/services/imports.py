"""Offline comments from the Excel template: every row is checked first, then all are stored in
one transaction, or none (the reader raises ImportRejected with every problem by row and column)."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select

from .. import labels, permissions
from ..extensions import db
from ..lawtext.numerals import int_to_cn
from ..models import (
    Attribution,
    AuditEvent,
    Channel,
    Comment,
    CommentEvent,
    CommentEventKind,
    CommentStatus,
    Consultation,
    ConsultationKind,
    Identity,
)
from ..reports import (
    COMMENTS,
    PROPOSALS,
    ArticleRef,
    ImportChoices,
    ImportLayout,
    ImportLimits,
    ImportProblem,
    ImportRejected,
    read_import,
    template_bytes,
)
from . import audit, receipts
from .comments import identity_from_words, named_target
from .reader import version_index
from .segmentation import tokens_of
from .stations import listed

CHUNK = 1000
IMPORT_CHANNELS = (Channel.SYMPOSIUM, Channel.LETTER, Channel.PHONE, Channel.VISIT, Channel.ONLINE)


def choices() -> ImportChoices:
    """The values the template offers, in Chinese as the sheet is."""
    identity = labels.chinese(labels.IDENTITY)
    channel = labels.chinese(labels.CHANNEL)
    return ImportChoices(identities=[identity[i] for i in Identity],
                         stations={s.code: s.name for s in listed(active_only=True)},
                         channels=[channel[c] for c in IMPORT_CHANNELS])


def layout(consultation: Consultation) -> ImportLayout:
    """A call for proposals imports proposals (建议录入); every other kind, comments (意见录入)."""
    return PROPOSALS if consultation.kind == ConsultationKind.PROPOSAL else COMMENTS


def template(consultation: Consultation, *, max_rows: int) -> bytes:
    """The consultation's template to fill in, with room (lists and checks) for `max_rows` rows."""
    return template_bytes(choices(), max_rows=max_rows, layout=layout(consultation))


def _targets(version_id: int | None) -> dict[ArticleRef, tuple[int, int | None]]:
    """Every article and paragraph of the version, as the reader names them -> (provision id, 款);
    none for a consultation without a text."""
    if version_id is None:
        return {}
    index = version_index(version_id)
    targets: dict[ArticleRef, tuple[int, int | None]] = {}
    for (number, sub), article in index.by_number.items():
        targets[ArticleRef(number, sub or None)] = (article.id, None)
        for paragraph in index.paragraphs[article.id]:
            targets[ArticleRef(number, sub or None, paragraph.ordinal)] = (article.id, paragraph.ordinal)
    return targets


def _new_codes(count: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < count:
        codes.update(receipts.new_code() for _ in range(count - len(codes)))
        taken = set(db.session.scalars(select(Comment.receipt_code).where(Comment.receipt_code.in_(list(codes)))))
        codes -= taken
    return list(codes)


@dataclass(frozen=True)
class Imported:
    count: int
    event_id: int  # the import's audit event: it lists the new comments, in the file's order


def _check_stations(rows, stations: dict[str, int], default_station: int | None, actor) -> None:
    """A station's staff import comments for their own station only: any other row refuses the file."""
    scope = permissions.comment_scope(actor)
    problems = tuple(
        ImportProblem(row.row, "联络站", "station.other", "only your own station's comments can be imported",
                      {"value": row.station_code})
        for row in rows if not scope.may_record_for(stations.get(row.station_code, default_station)))
    if problems:
        raise ImportRejected("import.invalid_rows", f"{len(problems)} problems found; nothing was imported",
                             problems=problems, count=len(problems))


def _valid_rows(consultation: Consultation, data: bytes, targets, *, max_rows: int, max_bytes: int | None,
                actor, stations: dict[str, int]) -> list:
    rows = read_import(data, choices=choices(), article_exists=lambda ref: ref in targets,
                       max_rows=max_rows, limits=ImportLimits.for_rows(max_rows, max_bytes),
                       layout=layout(consultation))
    _check_stations(rows, stations, getattr(actor, "station_id", None), actor)
    return rows


def check(consultation: Consultation, data: bytes, *, max_rows: int, max_bytes: int | None = None,
          actor=None) -> tuple[ImportProblem, ...]:
    """Every row problem of the file, storing nothing; () when it would be imported. A file refused
    as a whole (not a workbook, too large...) raises ImportRejected as import_comments does."""
    try:
        _valid_rows(consultation, data, _targets(consultation.version_id), max_rows=max_rows,
                    max_bytes=max_bytes, actor=actor, stations={s.code: s.id for s in listed()})
    except ImportRejected as refused:
        if not refused.problems:
            raise
        return refused.problems
    return ()


def import_comments(consultation: Consultation, data: bytes, *, now: datetime, max_rows: int,
                    max_bytes: int | None = None, actor=None, source_name: str = "") -> Imported:
    """Validate the whole file (at most `max_rows` comments; `max_bytes` bytes, or as many as so many
    rows take), then store every row. Flushes; the caller commits."""
    targets = _targets(consultation.version_id)
    stations = {s.code: s.id for s in listed()}
    rows = _valid_rows(consultation, data, targets, max_rows=max_rows, max_bytes=max_bytes, actor=actor,
                       stations=stations)
    channel = {v: k for k, v in labels.chinese(labels.CHANNEL).items()}
    default_station = getattr(actor, "station_id", None)
    collector = f"导入：{getattr(actor, 'display_name', '') or getattr(actor, 'username', '') or source_name}"[:100]
    codes = _new_codes(len(rows))
    # What the analysis reads, as comments.submit joins it: a proposal's name and content with its necessity.
    tokens = tokens_of(["\n".join(part for part in (row.title, row.text, row.suggestion, row.content) if part)
                        for row in rows])
    values = []
    for row, code, row_tokens in zip(rows, codes, tokens, strict=True):
        provision_id, paragraph = targets[row.article] if row.article else (None, None)
        attribution = Attribution.FORM
        if provision_id is None and not consultation.has_text:
            attribution = Attribution.DRAFT
        elif provision_id is None:
            found = named_target(consultation, row.text)
            provision_id = found.provision.id if found.provision else None
            paragraph = found.paragraph
            attribution = Attribution.EXPLICIT if provision_id else Attribution.DRAFT
        values.append({
            "consultation_id": consultation.id, "receipt_code": code, "provision_id": provision_id,
            "paragraph": paragraph, "attribution": attribution, "text": row.text, "suggestion": row.suggestion,
            "reason": row.reason, "title": " ".join(row.title.split()), "content": row.content,
            "identity": identity_from_words(row.identity or ""),
            "identity_words": row.identity or "",
            "station_id": stations.get(row.station_code, default_station),
            "channel": channel.get(row.channel, Channel.IMPORT), "name": row.name, "phone": row.phone or "",
            "consent": False, "collector": collector, "collected_on": row.collected_on, "submitted_at": now,
            "status": CommentStatus.ACCEPTED, "tokens": row_tokens,
            "created_by_id": getattr(actor, "id", None),
        })
    # Inserted without RETURNING, then looked up by receipt code: psycopg re-parses a multi-row
    # INSERT … RETURNING for every page, which cost more than the rest of the import on PostgreSQL,
    # while a plain executemany reuses one prepared single-row statement.
    for start in range(0, len(values), CHUNK):
        db.session.execute(insert(Comment), values[start:start + CHUNK])
    id_of: dict[str, int] = {}
    for start in range(0, len(codes), CHUNK):
        page = codes[start:start + CHUNK]
        id_of.update(db.session.execute(select(Comment.receipt_code, Comment.id)
                                        .where(Comment.receipt_code.in_(page))).all())
    ids = [id_of[code] for code in codes]
    for start in range(0, len(ids), CHUNK):
        db.session.execute(insert(CommentEvent), [
            {"comment_id": cid, "kind": CommentEventKind.RECEIVED, "at": now, "note": ""}
            for cid in ids[start:start + CHUNK]])
    event = audit.record(actor, "comment.import", "comment", ids, {"file": source_name, "rows": len(ids)})
    return Imported(len(ids), event.id)


@dataclass(frozen=True)
class ImportedReceipt:
    code: str
    article: str
    identity: str
    station: str
    text: str


def imported_receipts(consultation: Consultation, event_id: int) -> list[ImportedReceipt] | None:
    """The receipt codes one import gave, in the file's order, to hand back to the people; None when
    the event is not an import into this consultation."""
    event = db.session.get(AuditEvent, event_id)
    if event is None or event.action != "comment.import":
        return None
    found = {c.id: c for c in db.session.scalars(
        select(Comment).where(Comment.id.in_(event.object_ids), Comment.consultation_id == consultation.id))}
    if not found:
        return None
    names = labels.chinese(labels.IDENTITY)
    return [ImportedReceipt(receipts.display_code(c.receipt_code), _target(c), c.identity_words or names[c.identity],
                            c.station.name if c.station else "", c.text)
            for c in (found[i] for i in event.object_ids if i in found)]


def _target(comment: Comment) -> str:
    """What the receipt list names beside a code: the article, or the law a proposal asks for."""
    if comment.title:
        return comment.title
    if comment.provision is None:
        return ""
    return comment.provision.label + (f"第{int_to_cn(comment.paragraph)}款" if comment.paragraph else "")
