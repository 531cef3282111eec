"""The analysis proposes requests (民情) to staff after a run; the moderation list shows them as
建议转办; nothing is referred, and a referred comment is no longer proposed."""

import pytest
from sqlalchemy import func, select

from legislink import worker
from legislink.extensions import db
from legislink.models import AnalysisRun, CommentStatus, Referral, Role, RunKind, RunStatus, utcnow
from legislink.services import analysis, jobs

from ..builders import make_comment, make_consultation, make_proposal, make_proposal_call, make_referral, make_user
from ..conftest import sign_in

LIGHT = "幸福路88号门口的路灯坏了快一个月了，麻烦相关部门派人来修一下。"
OPINION = "第二条的经营时间太死板，建议改为由县级人民政府确定。"
STORY = "我家楼下的烧烤店油烟噪音闹了大半年，所以建议草案把餐饮油烟的管理主体写清楚。"


@pytest.fixture
def made(ctx):
    consultation = make_consultation()
    light = make_comment(consultation, text=LIGHT)
    opinion = make_comment(consultation, text=OPINION)
    story = make_comment(consultation, text=STORY)
    spam = make_comment(consultation, text="请尽快来修我家门口的路灯，加微信", status=CommentStatus.SPAM)
    db.session.commit()
    return consultation, light, opinion, story, spam


def test_a_run_proposes_the_local_ask_and_refers_nothing(made):
    consultation, light, *_ = made
    summary = analysis.run(consultation, now=utcnow())
    db.session.commit()
    assert summary.requests == [light.id]  # not the opinion, not the story, not spam
    assert summary.as_dict()["requests"] == [light.id]
    assert db.session.scalar(select(func.count(Referral.id))) == 0
    assert light.status == CommentStatus.OFFTOPIC  # set aside as before: staff decide what to do with it


def test_on_a_text_only_comments_set_aside_are_looked_at(ctx):
    """A comment on the text may speak of a street light without asking for one: on a draft only the
    off-topic comments (not the ads) are proposed."""
    consultation = make_consultation()
    make_comment(consultation, text=LIGHT, status=CommentStatus.ACCEPTED, offtopic_locked=True)
    aside = make_comment(consultation, text=LIGHT + "（二）", status=CommentStatus.OFFTOPIC,
                         offtopic_reason="unrelated")
    make_comment(consultation, text=LIGHT + "（三）", status=CommentStatus.OFFTOPIC, offtopic_reason="ad")
    db.session.commit()
    assert analysis.proposed_requests(consultation) == [aside.id]


def test_a_referred_comment_is_no_longer_proposed(made):
    consultation, light, *_ = made
    make_referral(light)
    db.session.commit()
    assert analysis.proposed_requests(consultation) == []


def test_a_call_for_proposals_is_looked_at_too(ctx):
    call = make_proposal_call()
    ask = make_proposal(call, "路灯", "我们小区门口的路灯坏了，请尽快派人修。")
    make_proposal(call, "电动自行车管理条例", "楼道充电起火事故多，建议立法。")
    db.session.commit()
    assert analysis.run(call, now=utcnow()).requests == [ask.id]


def test_the_moderation_list_marks_the_proposal_for_staff(made, client):
    consultation, light, opinion, *_ = made
    run, _ = jobs.start(consultation, full=False, now=utcnow(), background_threshold=10_000)
    db.session.commit()
    worker.run(run.id)
    make_user(username="mod", role=Role.ADMIN)
    db.session.commit()
    sign_in(client, "mod", lang="zh")
    url = f"/staff/consultations/{consultation.id}/comments"
    page = client.get(url).get_data(as_text=True)
    assert page.count("建议转办") == 1
    rows = {text: next(r for r in page.split("<tr>") if text in r) for text in (LIGHT, OPINION)}
    assert "建议转办" in rows[LIGHT]
    assert "建议转办" not in rows[OPINION]
    assert "Suggested for referral" in client.get(url + "?lang=en").get_data(as_text=True)
    # A later run of another kind (adoption proposals) holds no requests and hides none.
    db.session.add(AnalysisRun(consultation_id=consultation.id, kind=RunKind.ADOPTION, status=RunStatus.DONE,
                               summary={"final_version": 0, "proposed": 0}, finished_at=utcnow()))
    db.session.commit()
    assert "建议转办" in client.get(url + "?lang=zh").get_data(as_text=True)
    make_referral(light)
    db.session.commit()
    assert "建议转办" not in client.get(url + "?lang=zh").get_data(as_text=True)
