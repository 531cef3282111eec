"""Submitting a comment: online, offline or imported, it goes through here."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, exists, insert, select

from .. import labels, permissions
from ..extensions import db
from ..lawtext.references import find_references, names_other_law
from ..models import (
    Attribution,
    Channel,
    Comment,
    CommentEvent,
    CommentEventKind,
    CommentStatus,
    Consultation,
    ConsultationKind,
    Identity,
)
from ..reports import identities
from . import ServiceError, audit, receipts
from .drafts import Target, find_target
from .reader import ProvisionView, version_index
from .segmentation import segmenter
from .stations import station_or_none


@dataclass
class CommentInput:
    text: str
    article: str | None = None  # the target as a label: 第十二条, 第十二条第二款; None = whole draft
    suggestion: str = ""
    reason: str = ""
    identity: Identity = Identity.RESIDENT
    identity_words: str = ""  # as written (家长); `identity` is the category it counts under
    station_code: str | None = None
    channel: Channel = Channel.ONLINE
    name: str = ""
    phone: str = ""
    consent: bool = False
    collector: str = ""
    collected_on: date | None = None
    submitted_at: datetime | None = None
    # A proposal (立项建议): the law asked for (建议项目名称) and its main content; `text` is its necessity.
    title: str = ""
    content: str = ""


PROPOSAL_TITLE_LIMIT = 200


def identity_from_words(words: str) -> Identity:
    """The category that 身份 words count under: a category's own name (Chinese or English), a word
    of data/identity_words.tsv, else 其他; nothing written is a resident."""
    names = {name: key.value for key, name in labels.chinese(labels.IDENTITY).items()}
    names |= {name: key.value for key, name in labels.in_language(labels.IDENTITY, "en").items()}
    return Identity(identities.category_of(words, names))


def read_identity(written: str) -> tuple[Identity, str]:
    """(category, the words to keep) from a 身份 field: a category's code (`trader`, as forms and
    integrations send it) keeps no words; anything else is kept as written."""
    words = " ".join(written.split())
    if words in {i.value for i in Identity}:
        return Identity(words), ""
    return identity_from_words(words), words


def named_target(consultation: Consultation, text: str) -> Target:
    """The article a whole-draft comment names in its text (第十二条, 第12条, 十二条第二款), if any."""
    title = consultation.version.draft.title
    index = version_index(consultation.version_id)
    for ref in find_references(text):
        if ref.article is None or names_other_law(ref, title):
            continue
        article = index.article(ref.article, ref.sub or 0)
        if article is not None:
            paragraphs = len(index.paragraphs[article.id])
            return Target(article, ref.paragraph if ref.paragraph and ref.paragraph <= paragraphs else None)
    return Target(None)


# The statements of the busiest write, composed once; each comment's values go in as parameters.
_CODE_TAKEN = select(exists().where(Comment.receipt_code == bindparam("code")))
_INSERT_COMMENT = insert(Comment.__table__).returning(Comment.__table__.c.id)
_INSERT_EVENT = insert(CommentEvent.__table__)


def _unique_code() -> str:
    while True:
        code = receipts.new_code()
        if not db.session.scalar(_CODE_TAKEN, {"code": code}):
            return code


def _target_of(consultation: Consultation, data: CommentInput) -> tuple[Target, Attribution]:
    """The article a comment is about (named by the form, else in its text), and how it was found.
    A call for proposals has no text: a proposal names the law it asks for instead."""
    if not consultation.has_text:
        if data.article:
            raise ServiceError("no_articles_to_name", "A call for proposals has no articles to comment on.")
        if consultation.kind == ConsultationKind.PROPOSAL:
            _check_proposal(data)
        return Target(None), Attribution.DRAFT
    if data.title or data.content:
        raise ServiceError("proposal_fields_elsewhere", "A project name and content belong to a proposal.")
    target = find_target(consultation.version_id, data.article)
    if target.provision is not None:
        return target, Attribution.FORM
    target = named_target(consultation, data.text)
    return target, Attribution.EXPLICIT if target.provision is not None else Attribution.DRAFT


def _check_proposal(data: CommentInput) -> None:
    title = " ".join(data.title.split())
    if not title:
        raise ServiceError("proposal_title_needed", "Name the law or regulation you propose.")
    if len(title) > PROPOSAL_TITLE_LIMIT:
        raise ServiceError("proposal_title_too_long", "The name of the proposed law is longer than %(limit)s "
                           "characters.", limit=PROPOSAL_TITLE_LIMIT)


@dataclass(frozen=True)
class Submitted:
    id: int
    receipt_code: str


def submit(consultation: Consultation, data: CommentInput, now: datetime, actor=None) -> Submitted:
    """Store one comment with its receipt code and tokens; the caller commits.

    Online comments wait for moderation when the consultation asks for it; comments that
    staff record offline were already seen by a person and are accepted.
    """
    target, attribution = _target_of(consultation, data)
    status = (CommentStatus.PENDING if consultation.premoderation and data.channel == Channel.ONLINE
              else CommentStatus.ACCEPTED)
    analysed_text = "\n".join(part for part in (data.title, data.text, data.suggestion, data.content) if part)
    station = station_or_none(data.station_code)
    if actor is not None and not permissions.comment_scope(actor).may_record_for(station.id if station else None):
        raise ServiceError("other_station_record")
    code, submitted_at = _unique_code(), data.submitted_at or now
    # Two INSERT statements rather than objects in the session: nothing is read back, so the
    # unit of work would only add its bookkeeping to the busiest write of the site.
    comment_id = db.session.execute(_INSERT_COMMENT, dict(
        consultation_id=consultation.id, receipt_code=code,
        provision_id=target.provision.id if target.provision else None,
        paragraph=target.paragraph, attribution=attribution, text=data.text, suggestion=data.suggestion,
        reason=data.reason, title=" ".join(data.title.split()), content=data.content, identity=data.identity,
        identity_words=data.identity_words[:50],
        station_id=station.id if station else None,
        channel=data.channel, name=data.name, phone=data.phone,
        consent=data.consent and bool(data.phone or data.name), collector=data.collector,
        collected_on=data.collected_on, submitted_at=submitted_at, status=status,
        tokens=segmenter().tokens(analysed_text), created_by_id=getattr(actor, "id", None),
    )).scalar_one()
    db.session.execute(_INSERT_EVENT, dict(comment_id=comment_id, kind=CommentEventKind.RECEIVED, at=submitted_at))
    if actor is not None:
        audit.record(actor, "comment.record", "comment", [comment_id], {"channel": data.channel.value})
    return Submitted(comment_id, code)


@dataclass(frozen=True)
class TargetPreview:
    label: str
    article: ProvisionView
    paragraph: int | None
    paragraph_text: str = ""


def target_preview(consultation: Consultation, label: str | None) -> TargetPreview | None:
    """The provision a form is about, to show its text beside the form; None for the whole draft."""
    if not consultation.has_text:
        return None
    try:
        target = find_target(consultation.version_id, label)
    except ServiceError:
        return None
    if target.provision is None:
        return None
    text = ""
    if target.paragraph:
        text = version_index(consultation.version_id).paragraphs[target.provision.id][target.paragraph - 1].text
    return TargetPreview(label or target.provision.label, target.provision, target.paragraph, text)
