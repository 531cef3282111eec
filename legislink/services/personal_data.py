"""One person's data on request: find it by receipt code or phone number, export it, erase it."""

from dataclasses import dataclass

from sqlalchemy import or_, select, update

from ..extensions import db
from ..models import Comment
from . import ServiceError, audit, receipts


@dataclass(frozen=True)
class PersonLookup:
    comments: list[Comment]
    phone: str  # E.164, empty when the person left none


def find_person(code: str = "", phone: str = "") -> PersonLookup:
    """The comments of the person behind a receipt code (and every other comment with its phone),
    or behind a phone number already normalised to E.164."""
    if code:
        comment = receipts.find(code)
        if comment is None:
            raise ServiceError("person_not_found")
        phone = comment.phone
        if not phone:
            return PersonLookup([comment], "")
    if not phone:
        raise ServiceError("person_lookup_empty")
    found = db.session.scalars(select(Comment).where(Comment.phone == phone).order_by(Comment.submitted_at)).all()
    if not found:
        raise ServiceError("person_not_found")
    return PersonLookup(list(found), phone)


def export(person: PersonLookup, actor) -> dict:
    """Everything held about the person, as data they can be given."""
    audit.record(actor, "personal_data.export", "comment", [c.id for c in person.comments])
    return {
        "phone": person.phone,
        "comments": [{
            "receipt_code": c.receipt_code,
            "draft": c.consultation.version.draft.title,
            "article": c.provision.label if c.provision else None,
            "paragraph": c.paragraph,
            "submitted_at": c.submitted_at.isoformat(),
            "channel": c.channel.value,
            "identity": c.identity.value,
            "station": c.station.name if c.station else None,
            "name": c.name,
            "phone": c.phone,
            "consent": c.consent,
            "text": c.text,
            "suggestion": c.suggestion,
            "reason": c.reason,
            "status": c.status.value,
        } for c in person.comments],
    }


def erase(person: PersonLookup, actor) -> int:
    """Remove name, phone and consent from the person's comments; the opinions themselves stay,
    as they were already part of the public consultation record."""
    ids = [c.id for c in person.comments]
    db.session.execute(update(Comment).where(Comment.id.in_(ids), or_(Comment.name != "", Comment.phone != ""))
                       .values(name="", phone="", consent=False).execution_options(synchronize_session=False))
    audit.record(actor, "personal_data.erase", "comment", ids, {"count": len(ids)})
    db.session.expire_all()
    return len(ids)
