"""Running the comment analysis on a consultation and storing what it found.

A full run analyses every comment. An incremental run (the default) attributes, classifies
and fingerprints only the comments not analysed yet, and regroups only the articles they
touched; form-letter detection always looks at every comment, since a new copy can join an
old campaign, and the copies of a letter a new one joined are placed on the letter's article
(`analysis.reanalyze`). Staff decisions survive every run: a corrected attribution (Attribution.STAFF),
the resident's own choice of article (Attribution.FORM), a moderation status
(offtopic_locked) and the membership of a group staff edited (OpinionGroup.edited).

Comments are read as plain rows and written back with bulk UPDATEs by primary key: a
consultation can hold a million comments.
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, insert, select, update

from .. import analysis
from ..analysis.requests import is_request
from ..extensions import db
from ..models import (
    Attribution,
    Comment,
    CommentEvent,
    CommentEventKind,
    CommentStatus,
    Consultation,
    ConsultationKind,
    OpinionGroup,
    Provision,
    ProvisionLevel,
    Referral,
)
from .segmentation import segmenter

Progress = Callable[[str, int, int], None]
ANALYSED_STATUSES = (CommentStatus.ACCEPTED, CommentStatus.OFFTOPIC, CommentStatus.PENDING)
KIND = {"explicit": Attribution.EXPLICIT, "content": Attribution.CONTENT}
CHUNK = 2000
HEADINGS = (ProvisionLevel.BIAN, ProvisionLevel.FENBIAN, ProvisionLevel.CHAPTER, ProvisionLevel.SECTION)
COLUMNS = (Comment.id, Comment.text, Comment.suggestion, Comment.tokens, Comment.provision_id, Comment.paragraph,
           Comment.attribution, Comment.status, Comment.offtopic_locked, Comment.offtopic_reason,
           Comment.analysed_at, Comment.group_id, Comment.duplicate_key)


@dataclass
class RunSummary:
    comments: int = 0
    analysed: int = 0
    groups: int = 0
    form_letters: int = 0
    offtopic: int = 0
    regrouped: list[str] = field(default_factory=list)
    # Comments the analysis proposes to staff as requests to send to a department (建议转办): not yet
    # referred, whatever their status. Kept here, in the run's summary, rather than on the comment: no
    # column of Comment means "proposed as a request" (offtopic_reason says why a comment is set
    # aside, status_reason is staff's own word), and a proposal is only ever shown, never acted on.
    requests: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class _Version:
    """The consulted version as the analysis sees it, and the way back from labels to rows."""

    articles: list[analysis.Article]
    by_label: dict[str, int]  # article and heading labels -> provision id
    label_of: dict[int, str]
    article_labels: set[str]


def _version(version_id: int) -> _Version:
    rows = db.session.execute(
        select(Provision.id, Provision.parent_id, Provision.level, Provision.label, Provision.number, Provision.sub,
               Provision.caption, Provision.path, Provision.text, Provision.deleted, Provision.title)
        .where(Provision.version_id == version_id).order_by(Provision.position)
    ).all()
    parent = {r.id: r.parent_id for r in rows}
    level = {r.id: r.level for r in rows}
    lines: dict[int, list[str]] = defaultdict(list)
    for r in rows:
        if r.level in (ProvisionLevel.PARAGRAPH, ProvisionLevel.ITEM, ProvisionLevel.SUBITEM):
            article_id = parent[r.id]
            while level[article_id] != ProvisionLevel.ARTICLE:
                article_id = parent[article_id]
            lines[article_id].append(r.text if r.level == ProvisionLevel.PARAGRAPH else r.label + r.text)
    articles = [r for r in rows if r.level == ProvisionLevel.ARTICLE]
    converted = [
        analysis.Article(label=r.label, number=r.number or 0, sub=r.sub, caption=r.caption, path=tuple(r.path),
                         paragraphs=tuple(lines.get(r.id) or [r.text]))
        for r in articles if not r.deleted
    ]
    # The analysis names a chapter as it appears in article paths ("第三章 网络经营"), an article by its label.
    by_label = {r.label: r.id for r in articles}
    headings = [r for r in rows if r.level in HEADINGS]
    by_label.update({(f"{r.label} {r.title}" if r.title else r.label): r.id for r in headings})
    label_of = {pid: label for label, pid in by_label.items()}
    by_label.update({r.label: r.id for r in headings})  # a bare "第三章" finds it too
    return _Version(converted, by_label, label_of, {r.label for r in articles})


def _as_input(row, label_of: dict[int, str]) -> analysis.Comment:
    """The resident's own choice of article (FORM) and a staff correction are never second-guessed."""
    locked = row.attribution in (Attribution.STAFF, Attribution.FORM)
    override = (row.status == CommentStatus.OFFTOPIC) if row.offtopic_locked else None
    text = row.text if not row.suggestion else f"{row.text}\n{row.suggestion}"
    label = label_of.get(row.provision_id)
    return analysis.Comment(
        id=str(row.id), text=text, tokens=tuple(row.tokens) if row.tokens else None,
        target=label if row.attribution == Attribution.FORM else None, locked=locked,
        article=label if locked else None, offtopic_override=override,
    )


def _pinned(consultation: Consultation) -> dict[str, str]:
    """Members of the groups staff edited keep their group across runs."""
    rows = db.session.execute(
        select(Comment.id, OpinionGroup.key).join(OpinionGroup, Comment.group_id == OpinionGroup.id)
        .where(OpinionGroup.consultation_id == consultation.id, OpinionGroup.edited)
    )
    return {str(cid): key for cid, key in rows}


def total_count(consultation: Consultation) -> int:
    return db.session.scalar(select(func.count(Comment.id)).where(
        Comment.consultation_id == consultation.id, Comment.status.in_(ANALYSED_STATUSES)))


def pending_count(consultation: Consultation) -> int:
    """Comments not analysed yet: what an incremental run will look at."""
    return db.session.scalar(select(func.count(Comment.id)).where(
        Comment.consultation_id == consultation.id, Comment.status.in_(ANALYSED_STATUSES),
        Comment.analysed_at.is_(None)))


def run(consultation: Consultation, *, full: bool = False, now: datetime, progress: Progress | None = None
        ) -> RunSummary:
    """Analyse the consultation's comments and store the result; flushes, the caller commits.

    A draft or a law in force under evaluation is analysed article by article; a call for proposals
    is grouped by the law each proposal asks for (services/proposal_analysis.py). Every kind's run
    then proposes the comments that ask for something done locally (`proposed_requests`)."""
    summary = _run(consultation, full=full, now=now, progress=progress)
    summary.requests = proposed_requests(consultation)
    return summary


def proposed_requests(consultation: Consultation) -> list[int]:
    """The comments that ask for something to be done locally (analysis.requests) and were not sent
    to a department yet, by id: what the moderation list marks 建议转办 for staff to decide.

    On a text (a draft, a law under evaluation) only the comments set aside as off-topic are looked
    at — not those taken for an ad: that is where such requests hide, while a comment on the text
    can speak of stalls, a market's lights or a dispute in its own words without asking for anything
    done (on the demo draft the cues alone proposed 8 comments, 6 of them opinions on the text; with
    this gate the requests only: 2, and 3 since the market-stall request is set aside too). A call
    for proposals and the standing form have no text to be off."""
    referred = select(Referral.comment_id)
    scope = [Comment.consultation_id == consultation.id, Comment.status.in_(ANALYSED_STATUSES),
             Comment.id.not_in(referred)]
    if consultation.version_id is not None:
        scope += [Comment.status == CommentStatus.OFFTOPIC, Comment.offtopic_reason != "ad"]
    query = (select(Comment.id, Comment.text, Comment.suggestion, Comment.content).where(*scope)
             .order_by(Comment.id).execution_options(yield_per=CHUNK))
    return [row.id for row in db.session.execute(query)
            if is_request("\n".join(filter(None, (row.text, row.suggestion, row.content))))]


def _run(consultation: Consultation, *, full: bool, now: datetime, progress: Progress | None) -> RunSummary:
    if consultation.kind == ConsultationKind.PROPOSAL:
        from . import proposal_analysis  # imports this module for RunSummary

        return proposal_analysis.run(consultation, full=full, now=now, progress=progress)
    if consultation.version_id is None:
        return RunSummary(comments=total_count(consultation))  # nothing written to analyse against
    report = progress or (lambda stage, done, total: None)
    version = _version(consultation.version_id)
    rows = db.session.execute(
        select(*COLUMNS).where(Comment.consultation_id == consultation.id, Comment.status.in_(ANALYSED_STATUSES))
        .order_by(Comment.id)
    ).all()
    summary = RunSummary(comments=len(rows))
    fresh = rows if full else [r for r in rows if r.analysed_at is None]
    if not fresh:
        return summary
    report("prepare", 0, len(rows))
    inputs = [_as_input(r, version.label_of) for r in rows]
    options = analysis.AnalysisOptions(title=consultation.version.draft.title, pinned=_pinned(consultation))
    # A first run (nothing analysed yet) is a whole run: the same analysis as `analyze-file` (copies of a letter
    # placed together on its article), in one pass over the comments instead of one per step.
    if full or len(fresh) == len(rows):
        report("analyse", 0, len(rows))
        result = analysis.analyze(version.articles, inputs, options=options, segmenter=segmenter())
        touched, moved = None, set()
    else:
        result, touched, moved = _incremental(version, rows, inputs, options, report)
    report("store", 0, len(rows))
    _store(consultation, rows, result, version, touched, moved, now, summary)
    summary.analysed = len(fresh)
    return summary


def _current_attribution(row, version: _Version) -> analysis.Attribution:
    """What an analysed comment already points at, so an incremental run can reuse it."""
    label = version.label_of.get(row.provision_id)
    kind = {Attribution.EXPLICIT: "explicit", Attribution.CONTENT: "content",
            Attribution.DRAFT: "unattributed"}.get(row.attribution, "locked")
    if label is None:
        return analysis.Attribution(article=None, kind=kind)
    if label in version.article_labels:
        return analysis.Attribution(article=label, kind=kind, paragraph=row.paragraph)
    return analysis.Attribution(article=None, chapter=label, kind=kind)


def _incremental(version: _Version, rows, inputs, options, report):
    report("analyse", 0, len(rows))
    known = {str(r.id): (_current_attribution(r, version),
                         (r.offtopic_reason or "staff") if r.status == CommentStatus.OFFTOPIC else None)
             for r in rows if r.analysed_at is not None}
    # Comments whose article is known (chosen on the form, named, or set by staff) are the
    # evidence content attribution learns from: they go in with the new ones.
    evidence = {str(r.id) for r in rows if r.analysed_at is not None and r.attribution in (
        Attribution.FORM, Attribution.EXPLICIT, Attribution.STAFF)}
    return analysis.reanalyze(version.articles, inputs, known, evidence=evidence, options=options,
                              segmenter=segmenter())


def _group_key(group_id: str) -> str:
    """The analysis's stable group id, kept within the column's 64 characters."""
    return group_id if len(group_id) <= 64 else hashlib.sha256(group_id.encode()).hexdigest()[:64]


def _attribution_values(row, attribution: analysis.Attribution, version: _Version) -> dict:
    if row.attribution in (Attribution.STAFF, Attribution.FORM):
        return {}
    label = attribution.article or attribution.chapter
    provision_id = version.by_label.get(label) if label else None
    return {"provision_id": provision_id,
            "paragraph": attribution.paragraph if attribution.article and provision_id else None,
            "attribution": KIND.get(attribution.kind, Attribution.DRAFT) if provision_id else Attribution.DRAFT,
            "candidates": [c for c in attribution.candidates if c in version.by_label]}


def _offtopic_values(row, reason: str | None) -> dict:
    """The analysis marks and unmarks off-topic; it never touches what staff decided or pending comments."""
    if row.offtopic_locked or row.status == CommentStatus.PENDING:
        return {}
    if reason and row.status == CommentStatus.ACCEPTED:
        return {"status": CommentStatus.OFFTOPIC, "offtopic_reason": reason}
    if not reason and row.status == CommentStatus.OFFTOPIC:
        return {"status": CommentStatus.ACCEPTED, "offtopic_reason": ""}
    return {}


def _new_values(row, item, version: _Version, touched, moved: set[str], groups: dict[str, int],
                now: datetime) -> dict:
    """What changes for one comment. An incremental run leaves comments analysed before as they
    were, but for a new form-letter group they joined (and the article of the letter, `moved`)
    and the groups of regrouped articles."""
    values: dict = {"id": row.id}
    if touched is None or row.analysed_at is None:
        values.update(analysed_at=now, **_attribution_values(row, item.attribution, version),
                      **_offtopic_values(row, item.offtopic))
    elif item.id in moved:
        values.update(_attribution_values(row, item.attribution, version))
    if item.duplicate_group != row.duplicate_key:
        values["duplicate_key"] = item.duplicate_group
    if touched is None or item.attribution.key in touched:
        group_id = groups.get(item.group) if item.group else None
        if group_id != row.group_id:
            values["group_id"] = group_id
    return values


def _store(consultation, rows, result, version, touched, moved, now, summary) -> None:
    """`touched`: the keys of the articles regrouped, None for all; `moved`: the comments analysed before that the
    run moved to another article."""
    by_id = {str(r.id): r for r in rows}
    groups = _store_groups(consultation, result.groups, version, touched, by_id)
    summary.groups = len(groups)
    organised = set(db.session.scalars(
        select(CommentEvent.comment_id).join(Comment).where(
            Comment.consultation_id == consultation.id, CommentEvent.kind == CommentEventKind.ORGANISED)))
    updates, events = [], []
    for item in result.comments:
        row = by_id[item.id]
        values = _new_values(row, item, version, touched, moved, groups, now)
        if values.get("group_id") is not None and row.id not in organised:
            events.append({"comment_id": row.id, "kind": CommentEventKind.ORGANISED, "at": now, "note": ""})
        summary.offtopic += values.get("status", row.status) == CommentStatus.OFFTOPIC
        summary.form_letters += item.duplicate_group is not None
        if len(values) > 1:
            updates.append(values)
    # Rows that change the same columns together: an UPDATE by primary key is sent as one executemany per run of
    # rows with the same columns, and in the comments' order they alternate (100,000 rows took 49,739 statements).
    updates.sort(key=lambda values: sorted(values))
    for start in range(0, len(updates), CHUNK):
        db.session.execute(update(Comment), updates[start:start + CHUNK])
    for start in range(0, len(events), CHUNK):
        db.session.execute(insert(CommentEvent), events[start:start + CHUNK])
    summary.regrouped = sorted(touched) if touched is not None else ["*"]
    db.session.flush()


def _store_groups(consultation, found, version, touched, by_id) -> dict[str, int]:
    """Upsert the groups by their stable key, keeping what staff wrote on a group whose key
    survives; drop the groups of the regrouped articles that no longer exist. Returns
    analysis group id -> row id."""
    existing = {g.key: g for g in db.session.scalars(
        select(OpinionGroup).where(OpinionGroup.consultation_id == consultation.id))}
    rows: dict[str, OpinionGroup] = {}
    for group in found:
        key = _group_key(group.id)
        row = existing.get(key) or OpinionGroup(consultation_id=consultation.id, key=key)
        label = group.article or group.chapter
        row.provision_id = version.by_label.get(label) if label else None
        row.keywords = list(group.keywords)
        row.size = group.size
        row.duplicate_count = group.copies
        row.representative_id = int(group.representative) if group.representative in by_id else None
        db.session.add(row)
        rows[group.id] = row
    db.session.flush()
    live = {_group_key(g.id) for g in found}
    stale = [g for key, g in existing.items() if key not in live and not g.edited]
    if touched is not None:
        stale = [g for g in stale if (version.label_of.get(g.provision_id) or "") in touched]
    if stale:
        ids = [g.id for g in stale]
        db.session.execute(update(Comment).where(Comment.group_id.in_(ids)).values(group_id=None)
                           .execution_options(synchronize_session=False))
        db.session.execute(update(OpinionGroup).where(OpinionGroup.id.in_(ids)).values(representative_id=None)
                           .execution_options(synchronize_session=False))
        for g in stale:
            db.session.delete(g)
    return {gid: row.id for gid, row in rows.items()}
