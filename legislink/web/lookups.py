"""The lookup every public draft page starts with."""

from datetime import datetime

from flask import abort

from ..models import Consultation, Draft
from ..services import reader


def published_draft(draft_id: int, now: datetime) -> tuple[Draft, Consultation]:
    """The draft and the consultation shown for it (the open one, else the one that closed
    last); 404 for an unknown draft or one whose first consultation has not opened yet."""
    consultation = reader.current_consultation(draft_id, now)
    if consultation is None:
        abort(404)
    return consultation.version.draft, consultation
