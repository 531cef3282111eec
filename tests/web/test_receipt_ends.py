"""Every receipt ends in a state (issue 17.2): once the report has gone upward, a comment left out of it
says so, and why, in words a resident understands, instead of 尚未进行 forever."""

from datetime import timedelta

import pytest

from legislink.extensions import db
from legislink.models import Comment, CommentStatus, OpinionGroup, Role, utcnow
from legislink.services import receipts

from ..builders import article, make_comment, make_consultation, make_draft, make_user
from ..conftest import post_form, sign_in


@pytest.fixture
def consultation(ctx):
    made = make_consultation(make_draft(title="示例市场服务条例（草案）"), days_ago=40, days_open=30)
    group = OpinionGroup(consultation=made, key="g", provision_id=article(made.version, 2).id, summary="建议。")
    db.session.add(group)
    db.session.flush()
    make_comment(made, provision=article(made.version, 2), group_id=group.id)
    make_user(Role.STAFF, username="wang")
    db.session.commit()
    return made


def _report(app, consultation):
    """Staff record the report as sent, signed in on a browser of their own."""
    staff = sign_in(app.test_client(), "wang")
    url = f"/staff/consultations/{consultation.id}/report/"
    assert post_form(staff, url + "reported", {"confirm": "1"}, form_url=url).status_code == 302


def _receipt(client, comment) -> str:
    return client.get(f"/receipts/{comment.receipt_code}").get_data(as_text=True)


@pytest.mark.parametrize(("status", "offtopic_reason", "words"), [
    (CommentStatus.OFFTOPIC, "unrelated", "与本草案无关"),
    (CommentStatus.OFFTOPIC, "ad", "广告"),
    (CommentStatus.OFFTOPIC, "staff", "与本草案无关"),
    (CommentStatus.SPAM, "", "广告或垃圾信息"),
    (CommentStatus.PENDING, "", "尚未审核"),
    (CommentStatus.ACCEPTED, "", "没有列入"),
])
def test_a_comment_left_out_of_the_sent_report_says_why(client, app, consultation, status, offtopic_reason, words):
    left_out = make_comment(consultation, status=status, offtopic_reason=offtopic_reason)
    db.session.commit()
    before = _receipt(client, left_out)
    assert "未列入上报材料" not in before

    _report(app, consultation)

    page = _receipt(client, left_out)
    assert "未列入上报材料" in page
    assert words in page
    assert "尚未进行" not in page  # no step left waiting for ever
    assert receipts.outcome(left_out) is None


def test_a_reported_comment_still_waits_for_the_decision(client, app, consultation):
    reported = consultation_comment(consultation)
    _report(app, consultation)
    db.session.expire_all()
    kinds = [(stage.kind, stage.done) for stage in receipts.history(reported)]
    assert kinds == [("received", True), ("organised", False), ("reported", True), ("outcome", False)]
    assert "未列入上报材料" not in _receipt(client, reported)


def consultation_comment(consultation):
    return db.session.scalars(db.select(Comment).where(Comment.consultation_id == consultation.id)).first()


def test_a_comment_sent_after_the_report_waits_for_the_next_one(client, app, consultation):
    _report(app, consultation)
    later = make_comment(consultation, status=CommentStatus.PENDING, submitted_at=utcnow() + timedelta(minutes=1))
    db.session.commit()
    page = _receipt(client, later)
    assert "未列入上报材料" not in page
    assert [stage.kind for stage in receipts.history(later)] == ["received", "organised", "reported", "outcome"]
