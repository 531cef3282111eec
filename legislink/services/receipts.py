"""Receipt codes and what a receipt page shows: the comment and its history, nothing personal."""

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from ..extensions import db
from ..models import Adoption, Comment, CommentEvent, CommentEventKind, CommentStatus, ConsultationKind, OpinionGroup

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
    # Why a comment was left out of the report (a key of labels.LEFT_OUT), on the `left_out` stage.
    left_out: str = ""


LEFT_OUT = "left_out"


STAGE_ORDER = (CommentEventKind.RECEIVED, CommentEventKind.ORGANISED, CommentEventKind.REPORTED,
               CommentEventKind.OUTCOME)


def find(code: str) -> Comment | None:
    code = normalise_code(code)
    if not code or len(code) > 32:
        return None
    return db.session.scalar(select(Comment).where(Comment.receipt_code == code))


def history(comment: Comment) -> list[Stage]:
    """The steps of the receipt page; the last event of each kind wins. Once the report has gone upward
    without the comment, its last step says so and why, instead of waiting for steps that never come."""
    stages = _steps(comment)
    if comment.consultation.kind == ConsultationKind.STANDING:
        # A request beyond legislation is not reported to the legislature: what follows its receipt is
        # the referral to a department (referrals.for_receipt), not the legislative steps.
        return stages[:1]
    if any(stage.done for stage in stages[STAGE_ORDER.index(CommentEventKind.REPORTED):]) or _in_report(comment):
        return stages
    sent_at = report_sent_at(comment.consultation_id)
    # A comment that came after the last report waits for the next one.
    if sent_at is None or comment.submitted_at > sent_at:
        return stages
    kept = [stage for stage in stages[:STAGE_ORDER.index(CommentEventKind.REPORTED)] if stage.done]
    return [*kept, Stage(LEFT_OUT, True, sent_at, left_out=left_out_reason(comment))]


def _in_report(comment: Comment) -> bool:
    group = db.session.get(OpinionGroup, comment.group_id) if comment.group_id else None
    return (comment.status == CommentStatus.ACCEPTED and group is not None and group.in_report
            and group.reported_at is not None)


def report_sent_at(consultation_id: int):
    """When staff last recorded a report of the consultation as sent upward; None before."""
    return db.session.scalar(select(func.max(OpinionGroup.reported_at))
                             .where(OpinionGroup.consultation_id == consultation_id))


def left_out_reason(comment: Comment) -> str:
    """Why a comment is not in the report that went upward, as a key of labels.LEFT_OUT."""
    if comment.status == CommentStatus.SPAM:
        return "spam"
    if comment.status == CommentStatus.PENDING:
        return "unchecked"
    if comment.status == CommentStatus.OFFTOPIC:
        return comment.offtopic_reason if comment.offtopic_reason in OFFTOPIC_KEYS else "unrelated"
    return "not_chosen"


# The off-topic reasons of the analysis and of moderation that a receipt names as such.
OFFTOPIC_KEYS = ("ad", "abuse", "unrelated", "other_law", "empty")


def _steps(comment: Comment) -> list[Stage]:
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
    return last if last.done and last.kind == CommentEventKind.OUTCOME.value else None
