"""What staff see a comment is on in moderation: an off-topic comment its writer did not tie to an
article is shown as on no article (not "the whole draft"), with the article the analysis matched by
content as the nearest one (kept for a restore); a comment whose writer chose or named the article
keeps it even when off-topic."""

import pytest

from legislink.analysis import reliability
from legislink.extensions import db
from legislink.models import Attribution, CommentStatus, Role

from ..builders import article, make_comment, make_consultation, make_draft, make_user
from ..conftest import sign_in


@pytest.fixture
def consultation(ctx):
    made = make_consultation(make_draft(title="示例市场服务条例（草案）"))
    make_user(Role.STAFF, username="wang")
    db.session.commit()
    return made


def _queue(app, consultation, lang=None) -> str:
    staff = sign_in(app.test_client(), "wang", lang=lang)
    return staff.get(f"/staff/consultations/{consultation.id}/comments").get_data(as_text=True)


def test_an_off_topic_comment_matched_by_content_is_on_no_article(app, consultation):
    make_comment(consultation, text="楼下路灯坏了三个月了，请尽快修好。", provision=article(consultation.version, 2),
                 attribution=Attribution.CONTENT, status=CommentStatus.OFFTOPIC, offtopic_reason="unrelated")
    db.session.commit()
    page = _queue(app, consultation)
    assert "无（离题）" in page
    assert "内容最接近：第二条" in page
    assert "None (off-topic)" in _queue(app, consultation, lang="en")


def test_an_off_topic_comment_on_no_article_is_not_said_to_be_on_the_whole_draft(app, consultation):
    make_comment(consultation, text="同意。", attribution=Attribution.DRAFT, status=CommentStatus.OFFTOPIC,
                 offtopic_reason="empty")
    db.session.commit()
    page = _queue(app, consultation)
    assert "无（离题）" in page
    assert "整部草案" not in page
    assert "内容最接近" not in page


@pytest.mark.parametrize(("attribution", "status"), [
    (Attribution.EXPLICIT, CommentStatus.OFFTOPIC),
    (Attribution.CONTENT, CommentStatus.ACCEPTED),
])
def test_a_named_or_accepted_comment_shows_its_article(app, consultation, attribution, status):
    make_comment(consultation, provision=article(consultation.version, 2), attribution=attribution, status=status)
    db.session.commit()
    page = _queue(app, consultation)
    assert "无（离题）" not in page
    assert "第二条" in page


def test_the_queue_says_how_often_the_analysis_off_topic_reasons_on_it_were_right(app, consultation):
    unrelated = reliability.offtopic_measured("unrelated")
    assert unrelated is not None
    make_comment(consultation, text="楼下路灯坏了三个月了，请尽快修好。", attribution=Attribution.DRAFT,
                 status=CommentStatus.OFFTOPIC, offtopic_reason="unrelated")
    # Set aside by staff, or for a reason measured too few times: nothing to say of them.
    make_comment(consultation, text="广告", attribution=Attribution.DRAFT, status=CommentStatus.OFFTOPIC,
                 offtopic_reason="staff")
    assert reliability.offtopic_measured("staff") is None
    db.session.commit()
    page = _queue(app, consultation)
    # Chinese sets no space between sentences, English one.
    assert f"与草案无关：{unrelated.proposals} 条中有 {unrelated.right} 条确属无关。请逐条核对" in page
    assert "工作人员标记：" not in page
    english = _queue(app, consultation, lang="en")
    assert f"Unrelated: {unrelated.right} of {unrelated.proposals} set aside were off-topic. Check the" in english


def test_a_queue_with_no_comment_the_analysis_set_aside_says_nothing_of_it(app, consultation):
    make_comment(consultation, status=CommentStatus.ACCEPTED)
    db.session.commit()
    assert "留作检验" not in _queue(app, consultation)
