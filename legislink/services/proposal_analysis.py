"""Running the analysis on a call for proposals (立项建议征集): proposals grouped by the law they ask
for, stored as opinion groups without an article (provision_id NULL), as drafts' groups on the
whole draft are. Staff merge, split and name them on the same opinions page.

A call has no text to attribute to, so every run regroups every proposal (the groups are global,
not per article); groups staff edited keep their members (OpinionGroup.edited), and what staff
wrote on a group whose key survives is kept.
"""

import hashlib
from datetime import datetime

from sqlalchemy import insert, select, update

from ..analysis.proposals import Proposal, ProposalOptions, group_proposals
from ..extensions import db
from ..models import Comment, CommentEvent, CommentEventKind, CommentStatus, Consultation, OpinionGroup
from .analysis import CHUNK, Progress, RunSummary
from .segmentation import segmenter

# Off-topic proposals are staff's decision: they stay out of the groups.
GROUPED = (CommentStatus.ACCEPTED, CommentStatus.PENDING)


def _key(group_id: str) -> str:
    return group_id if len(group_id) <= 64 else hashlib.sha256(group_id.encode()).hexdigest()[:64]


def _pinned(consultation: Consultation) -> dict[str, str]:
    rows = db.session.execute(
        select(Comment.id, OpinionGroup.key).join(OpinionGroup, Comment.group_id == OpinionGroup.id)
        .where(OpinionGroup.consultation_id == consultation.id, OpinionGroup.edited))
    return {str(cid): key for cid, key in rows}


def run(consultation: Consultation, *, full: bool, now: datetime, progress: Progress | None = None) -> RunSummary:
    """Group the call's proposals and store the groups; flushes, the caller commits."""
    report = progress or (lambda stage, done, total: None)
    rows = db.session.execute(
        select(Comment.id, Comment.title, Comment.text, Comment.content, Comment.group_id, Comment.duplicate_key,
               Comment.analysed_at)
        .where(Comment.consultation_id == consultation.id, Comment.status.in_(GROUPED)).order_by(Comment.id)
    ).all()
    summary = RunSummary(comments=len(rows))
    fresh = [r for r in rows if full or r.analysed_at is None]
    if not fresh:
        return summary
    report("group", 0, len(rows))
    result = group_proposals(
        [Proposal(id=str(r.id), title=r.title, text=r.text, content=r.content) for r in rows],
        options=ProposalOptions(pinned=_pinned(consultation)), segmenter=segmenter())
    report("store", 0, len(rows))
    group_rows = _store_groups(consultation, result.groups, {str(r.id) for r in rows})
    _store_comments(consultation, rows, result, group_rows, now)
    summary.analysed = len(fresh)
    summary.groups = len(group_rows)
    summary.form_letters = sum(1 for r in result.proposals if r.duplicate_group)
    summary.regrouped = ["*"]
    db.session.flush()
    return summary


def _store_groups(consultation: Consultation, found, ids: set[str]) -> dict[str, int]:
    """Upsert the groups by key; drop those no run found again that staff never touched."""
    existing = {g.key: g for g in db.session.scalars(
        select(OpinionGroup).where(OpinionGroup.consultation_id == consultation.id))}
    rows: dict[str, OpinionGroup] = {}
    for group in found:
        row = existing.get(_key(group.id)) or OpinionGroup(consultation_id=consultation.id, key=_key(group.id))
        row.provision_id = None
        row.paragraph = None
        row.keywords = list(group.keywords)
        row.size = group.size
        row.duplicate_count = group.copies
        row.representative_id = int(group.representative) if group.representative in ids else None
        db.session.add(row)
        rows[group.id] = row
    db.session.flush()
    live = {_key(g.id) for g in found}
    stale = [g for key, g in existing.items() if key not in live and not g.edited]
    if stale:
        stale_ids = [g.id for g in stale]
        db.session.execute(update(Comment).where(Comment.group_id.in_(stale_ids)).values(group_id=None)
                           .execution_options(synchronize_session=False))
        for g in stale:
            db.session.delete(g)
    return {gid: row.id for gid, row in rows.items()}


def _store_comments(consultation: Consultation, rows, result, groups: dict[str, int], now: datetime) -> None:
    by_id = {str(r.id): r for r in rows}
    organised = set(db.session.scalars(
        select(CommentEvent.comment_id).join(Comment).where(
            Comment.consultation_id == consultation.id, CommentEvent.kind == CommentEventKind.ORGANISED)))
    updates, events = [], []
    for item in result.proposals:
        row = by_id[item.id]
        values = {"id": row.id, "analysed_at": now}
        if item.duplicate_group != row.duplicate_key:
            values["duplicate_key"] = item.duplicate_group
        group_id = groups.get(item.group)
        if group_id != row.group_id:
            values["group_id"] = group_id
        if group_id is not None and row.id not in organised:
            events.append({"comment_id": row.id, "kind": CommentEventKind.ORGANISED, "at": now, "note": ""})
        updates.append(values)
    for start in range(0, len(updates), CHUNK):
        db.session.execute(update(Comment), updates[start:start + CHUNK])
    for start in range(0, len(events), CHUNK):
        db.session.execute(insert(CommentEvent), events[start:start + CHUNK])
