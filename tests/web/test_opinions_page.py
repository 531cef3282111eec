"""The opinions page of one article stays one page's size however many comments it drew (page sizes
patched down so the test stays small)."""

import re

import pytest

from legislink.extensions import db
from legislink.models import Attribution, Comment, CommentStatus, OpinionGroup, utcnow
from legislink.services import opinions

from ..builders import article, make_comment, make_consultation, make_proposal_call, make_user
from ..conftest import post_form, sign_in

LETTER_COPIES = 25
LONE = 30


@pytest.fixture
def crowded(client, monkeypatch):
    monkeypatch.setattr(opinions, "VOICES_PER_PAGE", 10)
    monkeypatch.setattr(opinions, "COPIES_SHOWN", 5)
    with client.application.app_context():
        consultation = make_consultation()
        target = article(consultation.version, 2)
        group = OpinionGroup(consultation_id=consultation.id, key="letter", provision_id=target.id, keywords=["租金"])
        db.session.add(group)
        db.session.flush()
        copies = [make_comment(consultation, provision_id=target.id, group_id=group.id, duplicate_key="d-1",
                               text="同一封信：租金上限应当保留。", status=CommentStatus.ACCEPTED)
                  for _ in range(LETTER_COPIES)]
        group.representative_id, group.size = copies[0].id, LETTER_COPIES
        for n in range(LONE):
            make_comment(consultation, provision_id=target.id, text=f"第{n}条独立意见。", status=CommentStatus.ACCEPTED)
        make_user(username="wang", station=None)
        db.session.commit()
        url = f"/staff/consultations/{consultation.id}/opinions/?article=第二条&lang=en"
    sign_in(client, "wang")
    return client, url


def test_an_article_with_many_comments_is_paged_and_its_form_letter_stays_folded(crowded):
    client, url = crowded
    first = client.get(url).get_data(as_text=True)
    assert first.count('<li class="voice">') == 10
    assert "Page 1 of 4" in first  # 1 letter + 30 comments = 31 voices
    assert "Form letter ×25" in first
    assert first.count("同一封信") == 1 + 5  # the letter, then its first five copies
    assert "…and 19 more copies of the same letter." in first
    last = client.get(url + "&page=4").get_data(as_text=True)
    assert last.count('<li class="voice">') == 1
    assert "30 comments not grouped yet" in last


@pytest.fixture
def guessed(client):
    """A comment the analysis put on 第二条 by its content, with 第五条 and 第三条 as candidates; a second
    one staff already re-filed, whose stored candidates no longer matter."""
    with client.application.app_context():
        consultation = make_consultation()
        target = article(consultation.version, 2)
        guess = make_comment(consultation, provision_id=target.id, attribution=Attribution.CONTENT,
                             candidates=["第五条", "第三条"], text="摊位的事情说了很多年了。",
                             status=CommentStatus.ACCEPTED)
        settled = make_comment(consultation, provision_id=target.id, attribution=Attribution.STAFF,
                               candidates=["第六条"], text="员工已经核对过的意见。", status=CommentStatus.ACCEPTED)
        make_user(username="wang", station=None)
        db.session.commit()
        ids = consultation.id, guess.id, settled.id
    sign_in(client, "wang")
    return client, ids


def _candidate_forms(html: str, comment_id: int) -> list[str]:
    action = f"/opinions/comments/{comment_id}/article"
    return [label for form, label in re.findall(r'<form method="post" action="([^"]+)">.*?name="label" value="([^"]*)"',
                                                html, re.S) if form.endswith(action)]


def test_a_comment_placed_by_content_offers_its_candidate_articles_in_one_click(guessed):
    client, (consultation_id, guess_id, settled_id) = guessed
    url = f"/staff/consultations/{consultation_id}/opinions/?article=第二条&lang=en"
    html = client.get(url).get_data(as_text=True)
    assert "Or perhaps about" in html
    assert 'aria-describedby="full-hint"> Re-analyse everything' in html
    assert "Articles staff chose stay; other comments may move." in html
    assert _candidate_forms(html, guess_id) == ["第五条", "第三条"]
    assert "第五条第一款的内容，关于市场经营。" in html  # the start of the candidate article, beside its button
    assert _candidate_forms(html, settled_id) == []  # staff's own choice is not second-guessed
    response = post_form(client, f"/staff/consultations/{consultation_id}/opinions/comments/{guess_id}/article",
                         {"label": "第五条", "article": "第二条"}, form_url=url)
    assert response.status_code == 302
    assert "article=%E7%AC%AC%E4%BA%8C%E6%9D%A1" in response.headers["Location"]  # back on 第二条's page
    with client.application.app_context():
        comment = db.session.get(Comment, guess_id)
        assert (comment.provision.label, comment.attribution) == ("第五条", Attribution.STAFF)
    after = client.get(url).get_data(as_text=True)
    assert "摊位的事情说了很多年了" not in after


def test_a_correction_made_on_a_later_page_comes_back_to_that_page(crowded):
    client, url = crowded
    second = client.get(url + "&page=2").get_data(as_text=True)
    assert '<input type="hidden" name="page" value="2">' in second
    comment_id = int(re.search(r'/opinions/comments/(\d+)/article"', second).group(1))
    consultation_id = int(re.search(r"/staff/consultations/(\d+)/", url).group(1))
    response = post_form(client, f"/staff/consultations/{consultation_id}/opinions/comments/{comment_id}/article",
                         {"label": "第三条", "article": "第二条", "page": "2"}, form_url=url + "&page=2")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("page=2")
    # A page number that is not one is read as the first page, not an error.
    again = post_form(client, f"/staff/consultations/{consultation_id}/opinions/comments/{comment_id}/article",
                      {"label": "第三条", "article": "第二条", "page": "x"}, form_url=url)
    assert "page=" not in again.headers["Location"]


def test_a_remark_left_on_the_whole_draft_offers_its_candidates_as_perhaps_about(client):
    with client.application.app_context():
        consultation = make_consultation()
        remark = make_comment(consultation, attribution=Attribution.DRAFT, candidates=["第四条"],
                              text="市场里的事情都要管起来。", status=CommentStatus.ACCEPTED)
        make_user(username="wang", station=None)
        db.session.commit()
        consultation_id, remark_id = consultation.id, remark.id
    sign_in(client, "wang")
    html = client.get(f"/staff/consultations/{consultation_id}/opinions/?article=-&lang=en").get_data(as_text=True)
    assert "Perhaps about" in html
    assert "Or perhaps about" not in html
    assert _candidate_forms(html, remark_id) == ["第四条"]


@pytest.fixture
def placed(client, monkeypatch):
    """Comments the analysis placed by content on 第五条 and on the whole draft, one a resident filed on 第二条,
    one staff placed, one not analysed yet: only the first two are guesses to check."""
    monkeypatch.setattr(opinions, "GUESSES_PER_PAGE", 1)
    with client.application.app_context():
        consultation = make_consultation()
        now = utcnow()
        on_five = make_comment(consultation, provision_id=article(consultation.version, 5).id, analysed_at=now,
                               attribution=Attribution.CONTENT, candidates=["第二条"], text="经营户的事要管。",
                               status=CommentStatus.ACCEPTED)
        whole = make_comment(consultation, attribution=Attribution.DRAFT, analysed_at=now, candidates=["第四条"],
                             text="都要管起来。", status=CommentStatus.ACCEPTED)
        make_comment(consultation, provision_id=article(consultation.version, 2).id, analysed_at=now,
                     attribution=Attribution.FORM, text="居民自己选的条款。", status=CommentStatus.ACCEPTED)
        make_comment(consultation, provision_id=article(consultation.version, 2).id, analysed_at=now,
                     attribution=Attribution.STAFF, candidates=["第三条"], text="员工定的条款。",
                     status=CommentStatus.ACCEPTED)
        make_comment(consultation, attribution=Attribution.DRAFT, text="还没分析的意见。",
                     status=CommentStatus.ACCEPTED)
        make_user(username="wang", station=None)
        db.session.commit()
        ids = consultation.id, on_five.id, whole.id
    sign_in(client, "wang")
    return client, ids


def test_the_analysis_placements_are_listed_to_confirm_or_move_and_leave_the_list(placed):
    client, (consultation_id, on_five_id, whole_id) = placed
    base = f"/staff/consultations/{consultation_id}/opinions"
    assert "2 comments the analysis placed by their content: check them" in client.get(
        f"{base}/?lang=en").get_data(as_text=True)
    first = client.get(f"{base}/guesses?lang=en").get_data(as_text=True)
    assert "2 comments to check" in first
    assert "Page 1 of 2" in first
    assert "都要管起来" in first  # the whole draft's come first
    assert "Keep it on the whole draft" in first
    assert _candidate_forms(first, whole_id) == ["第四条"]
    second = client.get(f"{base}/guesses?page=2&lang=en").get_data(as_text=True)
    assert "经营户的事要管" in second
    assert "Keep it on 第五条" in second
    for text in ("居民自己选的条款", "员工定的条款", "还没分析的意见"):
        assert text not in first + second
    # Keeping it where it is makes it staff's choice and brings staff back to the page they were on.
    kept = post_form(client, f"{base}/comments/{on_five_id}/article", {"label": "第五条", "back": "guesses",
                                                                        "page": "2"}, form_url=f"{base}/guesses?page=2")
    assert kept.headers["Location"].endswith("/opinions/guesses?page=2")
    assert "The comment stays on 第五条, as staff&#39;s choice." in client.get(
        kept.headers["Location"] + "&lang=en").get_data(as_text=True)
    moved = post_form(client, f"{base}/comments/{whole_id}/article", {"label": "第四条", "back": "guesses"},
                      form_url=f"{base}/guesses")
    assert moved.headers["Location"].endswith("/opinions/guesses")
    with client.application.app_context():
        assert db.session.get(Comment, on_five_id).attribution == Attribution.STAFF
        assert db.session.get(Comment, whole_id).provision.label == "第四条"
    assert "Nothing left to check" in client.get(f"{base}/guesses?lang=en").get_data(as_text=True)
    assert "placed by their content" not in client.get(f"{base}/?lang=en").get_data(as_text=True)


def test_a_call_for_proposals_has_no_placements_to_check(client):
    with client.application.app_context():
        call = make_proposal_call()
        make_user(username="wang", station=None)
        db.session.commit()
        call_id = call.id
    sign_in(client, "wang")
    assert client.get(f"/staff/consultations/{call_id}/opinions/guesses").status_code == 404
