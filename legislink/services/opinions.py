"""Opinion review: staff read each article's opinion groups and turn them into the report's wording.

Every edit marks the group `edited`: from then on the analysis keeps its membership and the
summary staff wrote (services/analysis.py pins them).
"""

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select, update

from .. import permissions
from ..analysis.duplicates import letter_body, own_sentences
from ..analysis.text import common_title, normalize
from ..extensions import db
from ..models import Attribution, Comment, CommentStatus, Consultation, OpinionGroup, Provision
from . import ServiceError, audit
from .drafts import find_target

REVIEWED_STATUSES = (CommentStatus.ACCEPTED,)
# One article can draw tens of thousands of comments: its page shows this many voices (a comment, or
# a form letter with its copies folded) at a time, and of a letter's copies only the first few.
VOICES_PER_PAGE = 100
COPIES_SHOWN = 20


@dataclass
class Voice:
    """One row of a group: a comment, or every copy of one form letter collapsed."""

    comment: Comment
    copies: list[Comment] = field(default_factory=list)  # the first COPIES_SHOWN copies
    count: int = 1  # the letter's copies in the group, this one included
    # Of a form letter: (comment, the sentences its sender added) for the first COPIES_SHOWN copies that
    # have any, and how many have; they may be a separate opinion, so the page shows them under the
    # letter, not folded with the copies.
    added: list[tuple[Comment, tuple[str, ...]]] = field(default_factory=list)
    added_total: int = 0

def _added_sentences(letters: list[list[int]]) -> dict[int, tuple[str, ...]]:
    """For the form letters given (their comments' ids), the sentences each copy's sender added, by
    comment id, for the copies that added any. Every copy counts (what is common is judged on the
    whole letter), so their texts are read, as texts only."""
    ids = [cid for letter in letters for cid in letter]
    texts: dict[int, str] = {}
    for start in range(0, len(ids), 5000):
        texts.update(db.session.execute(select(Comment.id, Comment.text)
                                        .where(Comment.id.in_(ids[start:start + 5000]))).all())
    found: dict[int, tuple[str, ...]] = {}
    for letter in letters:
        own = own_sentences([letter_body(normalize(texts[cid]), "") for cid in letter])
        found.update((cid, tuple(_as_written(texts[cid], s) for s in sentences))
                     for cid, sentences in zip(letter, own, strict=True) if sentences)
    return found


def _as_written(text: str, sentence: str) -> str:
    """`sentence` (normalised) as the resident wrote it in `text`, where normalising kept the length."""
    norm = normalize(text)
    at = norm.find(sentence)
    return text[at:at + len(sentence)] if at >= 0 and len(norm) == len(text) else sentence


@dataclass
class GroupView:
    group: OpinionGroup
    voices: list[Voice]  # those on the page shown
    size: int
    copies: int
    # People say "第八条 意见2": the place among its article's groups, largest first, not the row id.
    number: int = 0


@dataclass
class ArticlePage:
    """One page of an article's opinions: its groups largest first, then the comments not grouped."""

    groups: list[GroupView]  # the groups with voices on this page
    every_group: list[GroupView]  # every group of the article (where a comment can be moved)
    ungrouped: list[Comment]  # on this page
    ungrouped_total: int
    page: int
    pages: int
    # Comment id -> the articles staff may re-file it to in one step, with the start of each article's text.
    candidates: dict[int, list[tuple[str, str]]] = field(default_factory=dict)


@dataclass
class ArticleRow:
    label: str  # "" for the whole draft
    provision_id: int | None
    groups: int
    comments: int


def article_index(consultation: Consultation) -> list[ArticleRow]:
    """Articles with accepted comments, in the draft's order, the whole draft first."""
    rows = db.session.execute(
        select(Comment.provision_id, func.count(Comment.id), func.count(func.distinct(Comment.group_id)))
        .where(Comment.consultation_id == consultation.id, Comment.status.in_(REVIEWED_STATUSES))
        .group_by(Comment.provision_id)
    ).all()
    provisions = {p.id: p for p in db.session.scalars(
        select(Provision).where(Provision.id.in_([r[0] for r in rows if r[0]])))}
    out = [ArticleRow(provisions[pid].label if pid else "", pid, groups, comments) for pid, comments, groups in rows]
    return sorted(out, key=lambda r: provisions[r.provision_id].position if r.provision_id else -1)


def groups_of(consultation: Consultation, provision_id: int | None, page: int = 1,
              per_page: int | None = None) -> ArticlePage:
    """One page of the article's groups (largest first) and of its accepted comments not in any group.

    Which comment goes where is decided on ids alone; only the comments shown are loaded."""
    on_article = Comment.provision_id == provision_id if provision_id else Comment.provision_id.is_(None)
    rows = db.session.execute(
        select(Comment.id, Comment.group_id, Comment.duplicate_key)
        .where(Comment.consultation_id == consultation.id, on_article, Comment.status.in_(REVIEWED_STATUSES))
        .order_by(Comment.submitted_at, Comment.id)
    ).all()
    members: dict[int | None, list[tuple[int, str | None]]] = defaultdict(list)
    for comment_id, group_id, key in rows:
        members[group_id].append((comment_id, key))
    ungrouped = [comment_id for comment_id, _ in members.pop(None, [])]
    groups = {g.id: g for g in db.session.scalars(select(OpinionGroup).where(OpinionGroup.id.in_(list(members))))}
    order = sorted((gid for gid in members if gid in groups), key=lambda gid: (-len(members[gid]), gid))
    folded = {gid: _fold(groups[gid], members[gid]) for gid in order}
    slots = [(gid, letter) for gid in order for letter in folded[gid]] + [(None, [cid]) for cid in ungrouped]
    per_page = per_page or VOICES_PER_PAGE
    pages = max(1, -(-len(slots) // per_page))
    page = min(max(page, 1), pages)
    shown = slots[(page - 1) * per_page:page * per_page]
    added = _added_sentences([letter for _, letter in shown if len(letter) > 1])
    added_in = {id(letter): [cid for cid in letter if cid in added] for _, letter in shown}
    wanted = {cid for _, letter in shown for cid in letter[:1 + COPIES_SHOWN] + added_in[id(letter)][:COPIES_SHOWN]}
    loaded = {c.id: c for c in db.session.scalars(select(Comment).where(Comment.id.in_(wanted)))}
    voices: dict[int | None, list[Voice]] = defaultdict(list)
    for gid, letter in shown:
        senders = added_in[id(letter)]
        voices[gid].append(Voice(loaded[letter[0]], [loaded[c] for c in letter[1:1 + COPIES_SHOWN]], len(letter),
                                 [(loaded[c], added[c]) for c in senders[:COPIES_SHOWN]], len(senders)))
    every = [GroupView(groups[gid], voices.get(gid, []), len(members[gid]),
                       sum(len(letter) for letter in folded[gid] if len(letter) > 1)) for gid in order]
    for number, view in enumerate(every, start=1):
        view.number = number
    return ArticlePage([view for view in every if view.voices], every, [v.comment for v in voices.get(None, [])],
                       len(ungrouped), page, pages, candidates_of(consultation, list(loaded.values())))


# The attributions the analysis decided by content (or for want of it, the whole draft): those it may have
# got wrong, and whose comments carry candidate articles.
BY_CONTENT = (Attribution.CONTENT, Attribution.DRAFT)
PREVIEW_CHARS = 40


def candidates_of(consultation: Consultation, comments: list[Comment]) -> dict[int, list[tuple[str, str]]]:
    """For each comment the analysis placed by its content, the candidate articles it stored
    (`Comment.candidates`) that the consulted version still has, each with its caption or the start of its text."""
    wanted = {c.id: c.candidates for c in comments if c.attribution in BY_CONTENT and c.candidates}
    labels = {label for found in wanted.values() for label in found}
    if not labels or consultation.version_id is None:
        return {}
    previews = {label: caption or _preview(text) for label, caption, text in db.session.execute(
        select(Provision.label, Provision.caption, Provision.text)
        .where(Provision.version_id == consultation.version_id, Provision.label.in_(labels),
               Provision.deleted.is_(False)))}
    return {cid: [(label, previews[label]) for label in found if label in previews] for cid, found in wanted.items()}


def _preview(text: str) -> str:
    return text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS] + "…"


GUESSES_PER_PAGE = 30


@dataclass
class GuessPage:
    """One page of the comments whose place the analysis chose from what they say, for staff to confirm."""

    comments: list[Comment]
    candidates: dict[int, list[tuple[str, str]]]
    total: int
    page: int
    pages: int


def _guessed(consultation: Consultation) -> tuple:
    """Accepted comments an analysis run placed by their content: on an article, or left on the whole draft.
    A comment the resident filed on an article, one that named it, and one staff placed are not guesses."""
    return (Comment.consultation_id == consultation.id, Comment.status.in_(REVIEWED_STATUSES),
            Comment.analysed_at.is_not(None), Comment.attribution.in_(BY_CONTENT))


def guess_count(consultation: Consultation) -> int:
    if consultation.version_id is None:
        return 0
    return db.session.scalar(select(func.count(Comment.id)).where(*_guessed(consultation)))


def guesses(consultation: Consultation, page: int = 1, per_page: int | None = None) -> GuessPage:
    """The comments to confirm, the whole draft's first, then in the order of the text; each leaves the list
    once staff keep it where it is or move it (`reattribute`: staff's choice, which no run overrides)."""
    per_page = per_page or GUESSES_PER_PAGE
    total = guess_count(consultation)
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    comments = list(db.session.scalars(
        select(Comment).outerjoin(Provision, Comment.provision_id == Provision.id).where(*_guessed(consultation))
        .order_by(Provision.position.is_not(None), Provision.position, Comment.id)
        .offset((page - 1) * per_page).limit(per_page)))
    return GuessPage(comments, candidates_of(consultation, comments), total, page, pages)


def _fold(group: OpinionGroup, members: list[tuple[int, str | None]]) -> list[list[int]]:
    """The group's voices as lists of comment ids, a form letter's copies after its first: the
    representative's voice first, then the largest letters, then in the order received."""
    letters: dict[str, list[int]] = {}
    voices: list[list[int]] = []
    for comment_id, key in members:
        if key and key in letters:
            letters[key].append(comment_id)
            continue
        voice = [comment_id]
        voices.append(voice)
        if key:
            letters[key] = voice
    representative = group.representative_id
    voices.sort(key=lambda v: (v[0] != representative, -len(v)))
    return voices


def proposal_names(consultation: Consultation) -> dict[int, str]:
    """Group id -> the title most of its proposals gave: a call for proposals' group's name until staff
    give it one (the report's 建议项目名称)."""
    titles: dict[int, list[str]] = defaultdict(list)
    shown: dict[int, str] = {}
    for comment_id, group_id, title, representative in db.session.execute(
            select(Comment.id, Comment.group_id, Comment.title, OpinionGroup.representative_id)
            .join(OpinionGroup, Comment.group_id == OpinionGroup.id)
            .where(Comment.consultation_id == consultation.id, Comment.status.in_(REVIEWED_STATUSES))
            .order_by(Comment.id)):
        titles[group_id].append(title)
        if comment_id == representative:
            shown[group_id] = title
    return {group_id: common_title(found, shown.get(group_id, "")) for group_id, found in titles.items()}


def _keywords(comments: list[Comment], n: int = 6) -> list[str]:
    counts = Counter(token for c in comments for token in set(c.tokens or ()))
    return [word for word, _ in counts.most_common(n)]


def refresh(group_ids: set[int]) -> None:
    """Recount sizes, copies and representative after staff moved comments around."""
    for group in db.session.scalars(select(OpinionGroup).where(OpinionGroup.id.in_(group_ids))):
        members = db.session.scalars(select(Comment).where(Comment.group_id == group.id)).all()
        letters = Counter(c.duplicate_key for c in members if c.duplicate_key)
        group.size = len(members)
        group.duplicate_count = sum(n for n in letters.values() if n > 1)
        if group.representative_id not in {c.id for c in members}:
            group.representative_id = members[0].id if members else None
        if not members and not group.summary:
            db.session.delete(group)


def _group(consultation: Consultation, group_id: int, actor) -> OpinionGroup:
    """The group, if the actor may edit it: every comment in it is one they may act on."""
    group = db.session.get(OpinionGroup, group_id)
    if group is None or group.consultation_id != consultation.id:
        raise ServiceError("unknown_group")
    scope = permissions.comment_scope(actor)
    if not scope.everything and db.session.scalar(
            select(Comment.id).where(Comment.group_id == group.id, ~scope.condition()).limit(1)) is not None:
        raise ServiceError("other_station_group")
    return group


def _comments(consultation: Consultation, ids: list[int], actor) -> list[Comment]:
    found = db.session.scalars(select(Comment).where(Comment.id.in_(ids),
                                                     Comment.consultation_id == consultation.id)).all()
    if not found or len(found) != len(set(ids)):
        raise ServiceError("unknown_comment")
    scope = permissions.comment_scope(actor)
    if not all(scope.allows(c.station_id, c.channel) for c in found):
        raise ServiceError("other_station")
    return list(found)


def write_summary(consultation: Consultation, group_id: int, summary: str, in_report: bool, actor) -> OpinionGroup:
    group = _group(consultation, group_id, actor)
    group.summary = summary.strip()
    group.in_report = in_report
    group.edited = True
    audit.record(actor, "opinion.summary", "opinion_group", [group.id],
                 {"in_report": in_report, "summary": group.summary[:200]})
    return group


def merge(consultation: Consultation, group_ids: list[int], actor) -> OpinionGroup:
    """Fold the groups into the largest one, which keeps its summary; others' summaries are appended."""
    groups = [_group(consultation, gid, actor) for gid in dict.fromkeys(group_ids)]
    if len(groups) < 2:
        raise ServiceError("merge_needs_two")
    if len({g.provision_id for g in groups}) > 1:
        raise ServiceError("merge_across_articles")
    target = max(groups, key=lambda g: (g.size, -g.id))
    others = [g for g in groups if g.id != target.id]
    db.session.execute(update(Comment).where(Comment.group_id.in_([g.id for g in others]))
                       .values(group_id=target.id).execution_options(synchronize_session=False))
    target.summary = "\n".join(s for s in [target.summary, *(g.summary for g in others)] if s)
    target.edited = True
    for g in others:
        g.summary = ""
    db.session.flush()
    refresh({g.id for g in groups})
    audit.record(actor, "opinion.merge", "opinion_group", [g.id for g in groups], {"into": target.id})
    return target


def new_group(consultation: Consultation, like: Comment, members: list[Comment]) -> OpinionGroup:
    """A staff-made group on the article of `like`, holding nothing yet (callers move `members` in)."""
    group = OpinionGroup(consultation_id=consultation.id, key=f"staff-{uuid.uuid4().hex[:16]}",
                         provision_id=like.provision_id, paragraph=like.paragraph, keywords=_keywords(members),
                         representative_id=members[0].id, edited=True)
    db.session.add(group)
    db.session.flush()
    return group


def split(consultation: Consultation, comment_ids: list[int], actor) -> OpinionGroup:
    """Take comments out of their group(s) into a new group of their own."""
    comments = _comments(consultation, comment_ids, actor)
    if len({c.provision_id for c in comments}) > 1:
        raise ServiceError("merge_across_articles")
    old = {c.group_id for c in comments if c.group_id}
    group = new_group(consultation, comments[0], comments)
    for c in comments:
        c.group_id = group.id
    for g in db.session.scalars(select(OpinionGroup).where(OpinionGroup.id.in_(old))):
        g.edited = True
    db.session.flush()
    refresh(old | {group.id})
    audit.record(actor, "opinion.split", "comment", [c.id for c in comments], {"from": sorted(old), "to": group.id})
    return group


def move(consultation: Consultation, comment_id: int, group_id: int, actor) -> None:
    (comment,) = _comments(consultation, [comment_id], actor)
    group = _group(consultation, group_id, actor)
    if group.provision_id != comment.provision_id:
        raise ServiceError("merge_across_articles")
    old = comment.group_id
    comment.group_id = group.id
    group.edited = True
    if old:
        db.session.get(OpinionGroup, old).edited = True
    db.session.flush()
    refresh({group.id} | ({old} if old else set()))
    audit.record(actor, "opinion.move", "comment", [comment.id], {"from": old, "to": group.id})


def reattribute(consultation: Consultation, comment_id: int, label: str, actor) -> tuple[Comment, bool]:
    """Staff's correction of which article a comment is about; the analysis never overrides it.
    The comment leaves its group and is grouped on its new article by the next run; one kept on the
    article it is on stays in its group. Returns the comment and whether it moved."""
    (comment,) = _comments(consultation, [comment_id], actor)
    target = find_target(consultation.version_id, label)
    old_group, old_label = comment.group_id, comment.provision.label if comment.provision else ""
    if (target.provision.id if target.provision else None, target.paragraph) == (comment.provision_id,
                                                                                 comment.paragraph):
        # Kept where the analysis put it: staff's choice now, in the group it is in.
        comment.attribution = Attribution.STAFF
        db.session.flush()
        audit.record(actor, "comment.confirm_article", "comment", [comment.id], {"to": label or ""})
        return comment, False
    comment.provision_id = target.provision.id if target.provision else None
    comment.paragraph = target.paragraph
    comment.attribution = Attribution.STAFF
    comment.group_id = None
    comment.analysed_at = None
    db.session.flush()
    if old_group:
        db.session.get(OpinionGroup, old_group).edited = True
        refresh({old_group})
    audit.record(actor, "comment.reattribute", "comment", [comment.id], {"from": old_label, "to": label or ""})
    return comment, True
