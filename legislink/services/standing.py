"""The standing 民情直通 form: one consultation of kind STANDING, open all year, that takes residents'
requests beyond legislation. It is made the first time a request arrives (never by a page that is
only read), opens then and closes far in the future; the public lists of consultations leave it out
(they list consultations of a text or a call for proposals)."""

from datetime import UTC, datetime

from sqlalchemy import select

from ..extensions import db
from ..models import Consultation, ConsultationKind
from . import audit

TITLE = "民情直通"
# Far enough that nobody meets it, near enough for every database's timestamp and Python's datetime.
CLOSES_AT = datetime(2999, 1, 1, tzinfo=UTC)


def find() -> Consultation | None:
    """The standing form's consultation, if a request has ever arrived; reads only."""
    return db.session.scalar(select(Consultation).where(Consultation.kind == ConsultationKind.STANDING)
                             .order_by(Consultation.id).limit(1))


def get_or_create(now: datetime, actor=None) -> Consultation:
    consultation = find()
    if consultation is None:
        consultation = Consultation(kind=ConsultationKind.STANDING, version=None, title=TITLE, opens_at=now,
                                    closes_at=CLOSES_AT, premoderation=False, created_by_id=getattr(actor, "id", None))
        db.session.add(consultation)
        db.session.flush()
        audit.record(actor, "consultation.standing", "consultation", [consultation.id], {"kind": "standing"})
    return consultation
