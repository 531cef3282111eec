"""The demo's call for proposals and evaluation of a law in force: written for the project, open,
with contributions in varied voices that fit the law's own articles."""

from collections import Counter

from sqlalchemy import select

from legislink.analysis.text import letters_and_digits, normalize, sentences
from legislink.extensions import db
from legislink.models import Comment, Consultation, ConsultationKind, Identity, utcnow
from legislink.services import demo_kinds
from legislink.services.demo import load_demo
from legislink.services.reader import version_index


def _of_kind(kind):
    return db.session.scalar(select(Consultation).where(Consultation.kind == kind))


def test_the_demo_opens_a_call_for_proposals_with_proposals_in_many_voices(ctx):
    load_demo(utcnow())
    db.session.commit()
    call = _of_kind(ConsultationKind.PROPOSAL)
    assert call.is_open(utcnow())
    assert (call.version_id, call.title) == (None, demo_kinds.CALL_TITLE)
    assert "演示数据" in call.intro
    proposals = db.session.scalars(select(Comment).where(Comment.consultation_id == call.id)).all()
    assert len(proposals) == len(demo_kinds.PROPOSALS) >= 15
    assert all(p.title and p.text for p in proposals)
    assert sum(bool(p.content) for p in proposals) >= 8
    assert len({p.identity for p in proposals}) >= 6
    assert len({p.channel for p in proposals}) >= 4
    # Several ask for the same regulation under names of their own.
    e_bikes = {p.title for p in proposals if "电动" in p.title or "电瓶" in p.title}
    assert len(e_bikes) >= 5
    assert any(p.identity == Identity.FOREIGN_MERCHANT and p.text.isascii() for p in proposals)
    # The demo opens sorted: the analysis put the e-bike proposals, named six ways, in one group.
    assert len({p.group_id for p in proposals if p.title in e_bikes}) == 1
    assert None not in {p.group_id for p in proposals if p.title in e_bikes}


def test_the_demo_evaluates_a_law_in_force_with_comments_on_its_articles(ctx):
    load_demo(utcnow())
    db.session.commit()
    evaluation = _of_kind(ConsultationKind.EVALUATION)
    assert evaluation.is_open(utcnow())
    assert evaluation.version.label == "现行文本"
    assert evaluation.version.draft.title == demo_kinds.LAW_TITLE
    labels = set(version_index(evaluation.version_id).by_label)
    named = {said.article for said in demo_kinds.EVALUATION_COMMENTS if said.article}
    assert named <= labels
    stored = db.session.scalars(select(Comment).where(Comment.consultation_id == evaluation.id)).all()
    assert len(stored) == len(demo_kinds.EVALUATION_COMMENTS)
    assert sum(c.provision_id is not None for c in stored) >= 15
    assert sum(bool(c.suggestion) for c in stored) >= 15


def test_written_contributions_share_no_sentence():
    seen = Counter()
    parts = [part for p in demo_kinds.PROPOSALS for part in (p.text, p.content)]
    parts += [part for s in demo_kinds.EVALUATION_COMMENTS for part in (s.text, s.suggestion)]
    for part in parts:
        seen.update({k for k in (letters_and_digits(s) for s in sentences(normalize(part))) if len(k) >= 8})
    assert [sentence for sentence, n in seen.items() if n > 1] == []
