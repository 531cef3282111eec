"""Closing the loop: propose adoption marks from the final text, let reviewers confirm them, and tell
every commenter of a marked opinion what became of it."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select

from .. import labels
from ..analysis import reliability
from ..analysis.adoption import Opinion, Proposal, Revision, article_of, pairs_of, propose_each, propose_group
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
    Provision,
    ProvisionLevel,
)
from ..reports import ContactRow
from . import ServiceError, audit, opinions
from .segmentation import segmenter
from .versions import compare_versions

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
    # Each member comment's own proposal, (comment id, receipt code, outcome): the group's proposal
    # is what most of them point to; a script scoring comment by comment reads them here.
    members: tuple[tuple[int, str, Adoption], ...] = ()

    def as_json(self) -> dict:
        return {"group": self.group.id, "article": self.article, "final_article": self.final_article,
                "proposed": self.proposed.value, "evidence": self.evidence, "similarity": self.similarity,
                "comments": [{"id": cid, "receipt": code, "proposed": outcome.value}
                             for cid, code, outcome in self.members]}


def reported_groups(consultation: Consultation) -> list[OpinionGroup]:
    return list(db.session.scalars(select(OpinionGroup).where(
        OpinionGroup.consultation_id == consultation.id, OpinionGroup.in_report,
        OpinionGroup.reported_at.is_not(None)).order_by(OpinionGroup.id)))


def final_version(consultation: Consultation, version_id: int) -> DraftVersion:
    """The later version of the consulted draft that proposals are made against."""
    version = db.session.get(DraftVersion, version_id)
    consulted = consultation.version
    if version is None or version.draft_id != consulted.draft_id or version.id == consulted.id:
        raise ServiceError("unknown_final_version", ref=version_id)
    return version


def comments_to_judge(consultation: Consultation) -> int:
    """How many comments a proposal run judges (every accepted comment of a reported opinion);
    refused when no opinion has been reported yet."""
    groups = [g.id for g in reported_groups(consultation)]
    if not groups:
        raise ServiceError("nothing_reported")
    return db.session.scalar(select(func.count(Comment.id)).where(Comment.group_id.in_(groups),
                                                                  Comment.status == CommentStatus.ACCEPTED))


def _asks(group: OpinionGroup, members: list[Comment], label: str | None) -> tuple[list[Opinion], int]:
    """Every member's ask (its text and suggested wording) and which one is the representative's, the
    one the report shows; a group with no member left (all set aside since) asks its summary."""
    if not members:
        return [Opinion(group.summary or "", "", label)], 0
    index = next((i for i, m in enumerate(members) if m.id == group.representative_id), 0)
    return [Opinion(m.text, m.suggestion or "", label) for m in members], index


def _article_label(provision) -> str | None:
    """The article an opinion is on (a paragraph's or an item's article); None for the whole draft."""
    while provision is not None and provision.level != ProvisionLevel.ARTICLE:
        provision = provision.parent
    return article_of(provision.label) if provision is not None else None


def _members(groups: list[OpinionGroup]) -> dict[int, list[Comment]]:
    """Every group's accepted comments in the order they came, read in one query."""
    members: dict[int, list[Comment]] = {g.id: [] for g in groups}
    for comment in db.session.scalars(select(Comment).where(Comment.group_id.in_(list(members)),
                                                            Comment.status == CommentStatus.ACCEPTED)
                                      .order_by(Comment.id)):
        members[comment.group_id].append(comment)
    return members


def _judged(group: OpinionGroup, members: list[Comment],
            revision: Revision) -> tuple[list[Proposal], int, str | None]:
    """Each of the group's comments' own proposal, which is the representative's, and the article
    they are on."""
    label = _article_label(group.provision)
    asks, representative = _asks(group, members, label)
    return propose_each(asks, revision), representative, label


def suggest(consultation: Consultation, final_version_id: int, *, actor=None,
            progress: Callable[[str, int, int], None] | None = None) -> list[Suggestion]:
    """A proposal for every reported opinion; stored on the group as a proposal, never as the mark.
    Run by the command, and for the reviewer by a run of `jobs` (inline or in the background); the
    reviewer's page only reads what it stored (the evidence holds both wordings compared and the
    reason). `progress(stage, done, total)` hears of each opinion judged, counted in comments.

    An opinion whose comments' asks the final text treated differently is split, one opinion for each
    proposed mark (`split_by_proposal`, audited), unless it is marked or its members were arranged by
    staff's hand or by an earlier split (`OpinionGroup.edited`; the reviewer's card then offers the
    split): one mark for comments that went different ways is wrong for some of
    them, and the reviewer would split it anyway. Measured over the labeled revisions, a group's
    commonest proposal was right for 0.54 of the comments of groups of two or more, their own for 0.76
    (README, "Adoption proposals")."""
    final = final_version(consultation, final_version_id)
    groups = reported_groups(consultation)
    if not groups:
        raise ServiceError("nothing_reported")
    comparison = compare_versions(consultation.version, final)
    revision = Revision(pairs_of(comparison.alignments), segmenter=segmenter())
    # Every opinion is judged before any is stored: progress goes out on a connection of its own,
    # which a write of this transaction would hold up on SQLite.
    members = _members(groups)
    judged = []
    done, total = 0, sum(map(len, members.values()))
    for group in groups:
        judged.append((group, members[group.id], *_judged(group, members[group.id], revision)))
        done += len(members[group.id])
        if progress:
            progress("propose", done, total)
    out = []
    for group, members_of, each, representative, label in judged:
        if group.adoption is None and not group.edited and len({p.outcome for p in each}) > 1:
            parts = _split(consultation, group, members_of, each, representative, final, actor, automatic=True)
        else:
            parts = [(group, members_of, each, representative)]
        for part, part_members, found, first in parts:
            proposal, evidence = _store_proposal(part, found, first, final, parts)
            out.append(Suggestion(part, label, evidence["final_article"], part.proposed_adoption,
                                  proposal.similarity, evidence, evidence["consulted"], evidence["final"],
                                  tuple((m.id, m.receipt_code, OUTCOMES[p.outcome])
                                        for m, p in zip(part_members, found, strict=False))))
    audit.record(actor, "adoption.suggest", "opinion_group", [s.group.id for s in out], {"final_version": final.id})
    db.session.flush()
    return out


def split_by_proposal(consultation: Consultation, group_id: int, *, actor) -> list[OpinionGroup]:
    """A reviewer's split of a reported opinion whose comments' asks the final text treated differently
    (one `suggest` left whole because staff had made it by hand): the comments are judged again one by
    one against the version the group was proposed against, the commonest outcome's comments stay, and
    each other outcome's go to a new reported opinion of their own with its proposal, so that each can
    be marked. Returns the groups, the one kept first."""
    group = db.session.get(OpinionGroup, group_id)
    if group is None or group.consultation_id != consultation.id:
        raise ServiceError("unknown_group")
    if group.reported_at is None:
        raise ServiceError("not_reported")
    if group.adoption is not None:
        raise ServiceError("split_marked")
    against = (group.adoption_evidence or {}).get("final_version")
    if against is None:
        raise ServiceError("split_unproposed")
    final = final_version(consultation, against)
    revision = Revision(pairs_of(compare_versions(consultation.version, final).alignments), segmenter=segmenter())
    members = _members([group])[group.id]
    each, representative, _label = _judged(group, members, revision)
    if len({p.outcome for p in each}) < 2:
        raise ServiceError("split_agreeing")
    parts = _split(consultation, group, members, each, representative, final, actor, automatic=False)
    for part, _members_of, found, first in parts:
        _store_proposal(part, found, first, final, parts)
    db.session.flush()
    return [part for part, *_ in parts]


def _store_proposal(part: OpinionGroup, found: list[Proposal], first: int, final: DraftVersion,
                    parts: list[tuple]) -> tuple[Proposal, dict]:
    """Stores on `part` the proposal its members' own (`found`, `first` the representative's) point to,
    with the version it was made against and what the card says of a split (`parts`, the kept group
    first; one part when there was none). Returns the proposal and its stored evidence."""
    proposal = propose_group(found, first)
    part.proposed_adoption = OUTCOMES[proposal.outcome]
    part.adoption_evidence = {**proposal.evidence, "final_version": final.id, **_split_links(part, parts)}
    return proposal, part.adoption_evidence


def _split_links(part: OpinionGroup, parts: list[tuple]) -> dict:
    """What the reviewer's card says of a split: the groups taken out of the one kept (the first of
    `parts`), or the group a part was taken out of; nothing when the opinion was not split."""
    if len(parts) < 2:
        return {}
    kept = parts[0][0]
    return {"split_into": [p.id for p, *_ in parts[1:]]} if part is kept else {"split_from": kept.id}


def _split(consultation: Consultation, group: OpinionGroup, members: list[Comment], each: list[Proposal],
           representative: int, final: DraftVersion, actor, *, automatic: bool
           ) -> list[tuple[OpinionGroup, list[Comment], list[Proposal], int]]:
    """A reported opinion split by its members' own proposals (`each`): the commonest outcome's comments
    stay in `group`, each other outcome's go to a new reported opinion. Returns, the kept group first,
    each group with its comments, their proposals and which of them is the representative's."""
    kept = propose_group(each, representative).outcome
    by_outcome: dict[str, list[int]] = {}
    for k, proposal in enumerate(each):
        by_outcome.setdefault(proposal.outcome, []).append(k)
    out = []
    for outcome, indices in sorted(by_outcome.items(), key=lambda item: item[0] != kept):
        part = [members[k] for k in indices]
        if outcome == kept:
            target = group
        else:
            target = opinions.new_group(consultation, part[0], part)
            target.reported_at, target.in_report = group.reported_at, True
            for comment in part:
                comment.group_id = target.id
        first = indices.index(representative) if target is group and representative in indices else 0
        out.append((target, part, [each[k] for k in indices], first))
    group.edited = True
    db.session.flush()
    opinions.refresh({g.id for g, *_ in out})
    audit.record(actor, "adoption.split", "opinion_group", [g.id for g, *_ in out],
                 {"from": group.id, "comments": {g.id: g.size for g, *_ in out}, "automatic": automatic,
                  "final_version": final.id})
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
    if final_version_id is not None:
        final_version(consultation, final_version_id)  # a later text of this draft, or refused
    group.adoption = outcome
    group.adoption_note = note.strip()
    group.final_text = final_text.strip()
    group.final_version_id = final_version_id
    group.adoption_marked_at = now
    group.adoption_marked_by_id = getattr(actor, "id", None)
    members = db.session.scalars(select(Comment.id).where(Comment.group_id == group.id,
                                                          Comment.status == CommentStatus.ACCEPTED)).all()
    db.session.add_all(CommentEvent(comment_id=cid, kind=CommentEventKind.OUTCOME, outcome=outcome,
                                    note=group.adoption_note, final_text=group.final_text, at=now)
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


@dataclass(frozen=True)
class Reliability:
    """How proposals of one kind fared on revisions nobody tuned on (`analysis.reliability`), and whether
    that is less often than proposals overall: the ones a reviewer should check hardest."""

    right: int
    proposals: int
    below_overall: bool


def proposal_reliability(evidence: dict) -> Reliability | None:
    """The measured reliability of a stored proposal's kind (its reason code), or None when too few of
    its kind were measured, or it has no code (evidence of the earlier engine)."""
    reason = evidence.get("reason")
    found = reliability.measured(reason.get("code") if isinstance(reason, dict) else None)
    if found is None:
        return None
    return Reliability(found.right, found.proposals, found.share < reliability.overall().share)


# What the reviewer's list can show: opinions not yet marked, those proposed one outcome, or all.
FILTERS = ("unmarked", "adopted", "partly", "not_adopted", "all")
PAGE_SIZE = 20


def _filtered(show: str) -> list:
    if show == "unmarked":
        return [OpinionGroup.adoption.is_(None)]
    if show in OUTCOMES:
        return [OpinionGroup.proposed_adoption == OUTCOMES[show]]
    return []


def _in_article_order(consultation: Consultation, show: str) -> list[int]:
    """Ids of the reported opinions in `show`, in the order of the articles (the whole draft last)."""
    query = (select(OpinionGroup.id).outerjoin(Provision, OpinionGroup.provision_id == Provision.id)
             .where(OpinionGroup.consultation_id == consultation.id, OpinionGroup.in_report,
                    OpinionGroup.reported_at.is_not(None), *_filtered(show))
             .order_by(case((Provision.position.is_(None), 1), else_=0), Provision.position, OpinionGroup.id))
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class ReviewList:
    """One page of the reviewer's list, with how many opinions each filter holds."""

    groups: list[OpinionGroup]
    counts: dict[str, int]
    page: int
    pages: int
    total: int
    proposed_against: int | None  # the version the stored proposals were computed against


def review_list(consultation: Consultation, show: str, *, page: int = 1, at: int | None = None,
                page_size: int = PAGE_SIZE) -> ReviewList:
    """Read only: a page of stored proposals and marks; `at` picks the page that holds that opinion."""
    counts = {name: len(_in_article_order(consultation, name)) for name in FILTERS}
    ids = _in_article_order(consultation, show)
    pages = max(1, -(-len(ids) // page_size))
    if at in ids:
        page = ids.index(at) // page_size + 1
    page = min(max(page, 1), pages)
    chosen = ids[(page - 1) * page_size:page * page_size]
    rows = {g.id: g for g in db.session.scalars(select(OpinionGroup).where(OpinionGroup.id.in_(chosen)))}
    groups = [rows[i] for i in chosen]
    return ReviewList(groups, counts, page, pages, len(ids), proposed_against(consultation))


def proposed_against(consultation: Consultation) -> int | None:
    """The version the stored proposals were computed against, if any were."""
    evidence = db.session.scalar(select(OpinionGroup.adoption_evidence).where(
        OpinionGroup.consultation_id == consultation.id, OpinionGroup.proposed_adoption.is_not(None)).limit(1))
    return (evidence or {}).get("final_version")


def next_to_mark(consultation: Consultation, show: str, after: int) -> int | None:
    """The next opinion not yet marked in the reviewer's list after `after` (in article order, wrapping
    round to the top), so that confirming a mark keeps the reviewer going."""
    order = _in_article_order(consultation, "all")
    wanted = set(_in_article_order(consultation, show)) & set(_in_article_order(consultation, "unmarked"))
    start = order.index(after) + 1 if after in order else 0
    return next((i for i in order[start:] + order[:start] if i in wanted and i != after), None)
