"""Closing the loop: propose adoption marks from the final text, let reviewers confirm them, and tell
every commenter of a marked opinion what became of it."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from .. import labels
from ..analysis.adoption import propose
from ..extensions import db
from ..models import (
    Adoption,
    Comment,
    CommentEvent,
    CommentEventKind,
    CommentStatus,
    Consultation,
    DraftVersion,
    OpinionGroup,
    ProvisionLevel,
)
from ..reports import ContactRow
from . import ServiceError, audit
from .segmentation import segmenter
from .versions import compare_versions, display_text

OUTCOMES = {"adopted": Adoption.ADOPTED, "partly": Adoption.PARTLY, "not_adopted": Adoption.NOT_ADOPTED}


@dataclass(frozen=True)
class Suggestion:
    group: OpinionGroup
    article: str | None  # the consulted version's label
    final_article: str | None  # where it went in the final text
    proposed: Adoption
    similarity: float
    evidence: dict
    old_text: str
    final_text: str

    def as_json(self) -> dict:
        return {"group": self.group.id, "article": self.article, "final_article": self.final_article,
                "proposed": self.proposed.value, "evidence": self.evidence, "similarity": self.similarity}


def reported_groups(consultation: Consultation) -> list[OpinionGroup]:
    return list(db.session.scalars(select(OpinionGroup).where(
        OpinionGroup.consultation_id == consultation.id, OpinionGroup.in_report,
        OpinionGroup.reported_at.is_not(None)).order_by(OpinionGroup.id)))


def _final_version(consultation: Consultation, version_id: int) -> DraftVersion:
    version = db.session.get(DraftVersion, version_id)
    consulted = consultation.version
    if version is None or version.draft_id != consulted.draft_id or version.id == consulted.id:
        raise ServiceError("unknown_final_version", ref=version_id)
    return version


def _asked_tokens(group: OpinionGroup, members: list[Comment], suggestion: str) -> set[str]:
    """What the opinion is about: its suggested wording, its keywords, and words most of it uses."""
    seg = segmenter()
    counts = Counter(token for m in members for token in set(m.tokens or ()))
    common = {t for t, n in counts.items() if n >= max(2, 0.3 * len(members))}
    return set(seg.tokens(suggestion)) | set(group.keywords or ()) | common


def suggest(consultation: Consultation, final_version_id: int, *, actor=None) -> list[Suggestion]:
    """A proposal for every reported opinion; stored on the group as a proposal, never as the mark."""
    final = _final_version(consultation, final_version_id)
    groups = reported_groups(consultation)
    if not groups:
        raise ServiceError("nothing_reported")
    comparison = compare_versions(consultation.version, final)
    by_old = {a.from_label: a for a in comparison.alignments if a.from_label}
    seg = segmenter()
    out = []
    for group in groups:
        members = list(db.session.scalars(select(Comment).where(Comment.group_id == group.id,
                                                                Comment.status == CommentStatus.ACCEPTED)))
        provision = group.provision
        label = provision.label if provision is not None and provision.level == ProvisionLevel.ARTICLE else None
        alignment = by_old.get(label) if label else None
        suggestion = next((m.suggestion for m in members if m.id == group.representative_id and m.suggestion),
                          next((m.suggestion for m in members if m.suggestion), ""))
        if alignment is None:
            proposal_outcome, similarity, evidence = "not_adopted", 0.0, {"change": "whole_draft"}
            old_text = new_text = ""
        else:
            old_text, new_text = display_text(alignment.old), display_text(alignment.new)
            proposal = propose(change=alignment.change, old_text=old_text, new_text=new_text, suggestion=suggestion,
                               comment_texts=[m.text for m in members], old_tokens=set(seg.tokens(old_text)),
                               new_tokens=set(seg.tokens(new_text)),
                               asked_tokens=_asked_tokens(group, members, suggestion),
                               suggestion_tokens=set(seg.tokens(suggestion)))
            proposal_outcome, similarity, evidence = proposal.outcome, proposal.similarity, proposal.evidence
        group.proposed_adoption = OUTCOMES[proposal_outcome]
        group.adoption_evidence = {**evidence, "final_version": final.id, "final_article": alignment.to_label
                                   if alignment else None}
        out.append(Suggestion(group, label, alignment.to_label if alignment else None, group.proposed_adoption,
                              similarity, evidence, old_text, new_text))
    audit.record(actor, "adoption.suggest", "opinion_group", [g.id for g in groups], {"final_version": final.id})
    db.session.flush()
    return out


def mark(consultation: Consultation, group_id: int, outcome: Adoption, *, note: str, final_text: str,
         final_version_id: int | None, now: datetime, actor) -> int:
    """A reviewer's mark: every comment of the opinion, form-letter copies included, learns it on
    its receipt page. Returns how many comments were told."""
    group = db.session.get(OpinionGroup, group_id)
    if group is None or group.consultation_id != consultation.id:
        raise ServiceError("unknown_group")
    if group.reported_at is None:
        raise ServiceError("not_reported")
    group.adoption = outcome
    group.adoption_note = note.strip()
    group.final_text = final_text.strip()
    group.final_version_id = final_version_id
    group.adoption_marked_at = now
    group.adoption_marked_by_id = getattr(actor, "id", None)
    members = db.session.scalars(select(Comment.id).where(Comment.group_id == group.id,
                                                          Comment.status == CommentStatus.ACCEPTED)).all()
    told = "\n".join(part for part in (group.final_text, group.adoption_note) if part)
    db.session.add_all(CommentEvent(comment_id=cid, kind=CommentEventKind.OUTCOME, outcome=outcome, note=told, at=now)
                       for cid in members)
    audit.record(actor, "adoption.mark", "opinion_group", [group.id],
                 {"outcome": outcome.value, "comments": len(members), "proposed": getattr(
                     group.proposed_adoption, "value", None)})
    db.session.flush()
    return len(members)


def contacts_to_tell(consultation: Consultation, station_id: int | None, *, actor) -> list[ContactRow]:
    """Commenters of marked opinions who left a phone number and agreed to be told; for one station,
    or all when `station_id` is None (the caller checks who may see them). The export is audited."""
    conditions = [Comment.consultation_id == consultation.id, Comment.phone != "", Comment.consent,
                  OpinionGroup.adoption.is_not(None)]
    if station_id is not None:
        conditions.append(Comment.station_id == station_id)
    rows = db.session.execute(
        select(Comment, OpinionGroup).join(OpinionGroup, Comment.group_id == OpinionGroup.id).where(*conditions)
        .order_by(Comment.station_id, Comment.id)).all()
    words = labels.chinese(labels.ADOPTION)
    found = [ContactRow(receipt=c.receipt_code, name=c.name, phone=c.phone, station=c.station.name if c.station else "",
                        article=c.provision.label if c.provision else "", outcome=words[g.adoption],
                        final_text=g.final_text) for c, g in rows]
    audit.record(actor, "adoption.contacts", "comment", [c.id for c, _ in rows], {"station_id": station_id})
    return found
