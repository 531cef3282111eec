"""Receipt codes and what a receipt page shows: the comment and its history, nothing personal."""

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..extensions import db
from ..models import Adoption, Comment, CommentEvent, CommentEventKind, CommentStatus

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: codes are read aloud over the phone and copied by hand.
ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 12
GROUP = 4
_CLEAN_RE = re.compile(r"[\s\-_]")


def new_code() -> str:
    """12 symbols of a 25-letter alphabet: about 55 bits, unguessable for lookups."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What people type: spaces or dashes between groups, lower case."""
    return _CLEAN_RE.sub("", typed or "").upper()


def display_code(code: str) -> str:
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))


@dataclass(frozen=True)
class Stage:
    kind: str
    done: bool
    at: datetime | None
    outcome: Adoption | None = None
    note: str = ""  # the reviewer's note (why)
    final_text: str = ""  # the final wording, shown apart from the note


STAGE_ORDER = (CommentEventKind.RECEIVED, CommentEventKind.ORGANISED, CommentEventKind.REPORTED,
               CommentEventKind.OUTCOME)


def find(code: str) -> Comment | None:
    code = normalise_code(code)
    if not code or len(code) > 32:
        return None
    return db.session.scalar(select(Comment).where(Comment.receipt_code == code))


def history(comment: Comment) -> list[Stage]:
    """The four steps of the receipt page; the last event of each kind wins."""
    latest: dict[CommentEventKind, CommentEvent] = {}
    for event in comment.events:
        latest[event.kind] = event
    stages = []
    for kind in STAGE_ORDER:
        event = latest.get(kind)
        if kind == CommentEventKind.RECEIVED and event is None:
            stages.append(Stage(kind.value, True, comment.submitted_at))
            continue
        stages.append(Stage(kind.value, event is not None, event.at if event else None,
                            event.outcome if event else None, event.note if event else "",
                            event.final_text if event else ""))
    return stages


def is_withheld(comment: Comment) -> bool:
    """Spam is not shown back on a receipt page: it would make the page a publishing channel."""
    return comment.status == CommentStatus.SPAM


# Outcomes a resident can print a certificate of adoption for.
CERTIFIED = (Adoption.ADOPTED, Adoption.PARTLY)


def outcome(comment: Comment) -> Stage | None:
    """The legislature's decision on the comment's opinion, once a reviewer marked it."""
    last = history(comment)[-1]
    return last if last.done else None
