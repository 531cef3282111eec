"""The lookup every public draft page starts with."""

from datetime import datetime

from flask import abort

from ..extensions import db
from ..models import Consultation, Draft
from ..services import reader


def published_draft(draft_id: int, now: datetime) -> tuple[Draft, Consultation]:
    """The draft and the consultation shown for it (the open one, else the one that closed
    last); 404 for an unknown draft or one whose first consultation has not opened yet."""
    draft = db.get_or_404(Draft, draft_id)
    consultation = reader.current_consultation(draft.id, now)
    if consultation is None:
        abort(404)
    return draft, consultation
