"""The resident's journey: list, read, comment, receipt."""

import re
from datetime import timedelta
from urllib.parse import unquote, urlsplit

import pytest
from sqlalchemy import event, func, select

from legislink.extensions import db
from legislink.models import Attribution, Comment, CommentStatus, Identity, utcnow
from legislink.services.receipts import ALPHABET

from ..builders import article, make_comment, make_consultation, make_draft, make_station
from ..conftest import csrf_token, post_form


@pytest.fixture
def open_consultation(ctx):
    consultation = make_consultation(make_draft(title="示例市场服务条例（草案）"))
    make_station(code="CC01", name="稠城街道联络站")
    db.session.commit()
    return consultation


def comment_url(consultation, article_label=""):
    draft_id = consultation.version.draft_id
    return f"/drafts/{draft_id}/comment" + (f"?article={article_label}" if article_label else "")


def send(client, consultation, **fields):
    data = {"article": "", "text": "这一条写得不够清楚，建议细化。", "identity": "trader", "station": "", **fields}
    return post_form(client, f"/drafts/{consultation.version.draft_id}/comment", data,
                     form_url=comment_url(consultation, data["article"]))


def receipt_code(response) -> str:
    """The code in the address a comment's POST redirects to."""
    return urlsplit(response.headers["Location"]).path.rsplit("/", 1)[1]


def comment_count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(Comment.id)))


def test_open_consultations_come_first_with_deadline_and_people(client, ctx):
    closed = make_consultation(make_draft(title="已结束的条例（草案）"), days_ago=40, days_open=30)
    opened = make_consultation(make_draft(title="正在征求意见的条例（草案）"), days_ago=2, days_open=12)
    make_consultation(make_draft(title="尚未开始的条例（草案）"), days_ago=-3)
    make_comment(opened, phone="+8613800138000")
    make_comment(opened, phone="+8613800138000")
    make_comment(opened)
    make_comment(opened, status=CommentStatus.SPAM)
    make_comment(closed)
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    assert html.index("正在征求意见的条例") < html.index("已结束的条例")
    assert "尚未开始的条例" not in html
    assert "还剩 10 天" in html or "还剩 9 天" in html
    assert "已有 2 人参与" in html  # the same phone twice is one person; spam is not counted


def test_the_reader_shows_every_article_with_anchor_counts_and_actions(client, open_consultation):
    version = open_consultation.version
    make_comment(open_consultation, provision=article(version, 2))
    make_comment(open_consultation, provision=article(version, 2))
    db.session.commit()
    html = client.get(f"/drafts/{version.draft_id}").get_data(as_text=True)
    for number, label in enumerate(["第一条", "第二条", "第三条", "第四条", "第五条", "第六条"], start=1):
        assert f'id="a{number}"' in html
        assert label in html
    assert "第一章" in html and "总则" in html  # noqa: PT018 - the heading's label and title
    assert 'href="#h1"' in html  # the table of contents links to the chapter
    assert re.search(r'id="a2".*?2 条意见', html, re.S)
    assert "article=第二条第二款" in unquote(html)  # a paragraph can be commented on
    assert "对整部草案提意见" in html


def test_a_comment_gets_a_receipt_only_after_it_is_stored(client, open_consultation):
    response = send(client, open_consultation, article="第二条", station="CC01", suggestion="改为：应当公示。")
    assert response.status_code == 302
    code = receipt_code(response)
    assert len(code) >= 10
    assert set(code) <= set(ALPHABET)
    stored = db.session.scalar(select(Comment).where(Comment.receipt_code == code))
    assert stored.provision.label == "第二条"
    assert stored.attribution == Attribution.FORM
    assert stored.station.code == "CC01"
    assert stored.tokens
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "您的意见已经收到" in page
    assert "这一条写得不够清楚" in page


def test_a_paragraph_can_be_the_target(client, open_consultation):
    response = send(client, open_consultation, article="第三条第二款")
    code = receipt_code(response)
    stored = db.session.scalar(select(Comment).where(Comment.receipt_code == code))
    assert (stored.provision.label, stored.paragraph) == ("第三条", 2)


def test_a_whole_draft_comment_naming_an_article_is_attached_to_it(client, open_consultation):
    response = send(client, open_consultation, text="关于第4条第二款，我觉得应该写明期限。")
    code = receipt_code(response)
    stored = db.session.scalar(select(Comment).where(Comment.receipt_code == code))
    assert (stored.provision.label, stored.paragraph, stored.attribution) == ("第四条", 2, Attribution.EXPLICIT)


def test_a_reference_to_another_law_does_not_attach(client, open_consultation):
    response = send(client, open_consultation, text="民法典第五条讲的自愿原则，本条例也应体现。")
    code = receipt_code(response)
    stored = db.session.scalar(select(Comment).where(Comment.receipt_code == code))
    assert stored.provision is None
    assert stored.attribution == Attribution.DRAFT


def test_traditional_characters_are_normalised_for_analysis_but_stored_as_typed(client, open_consultation):
    response = send(client, open_consultation, text="這條規定對經營者的保護不夠，應當增加申訴渠道。")
    code = receipt_code(response)
    stored = db.session.scalar(select(Comment).where(Comment.receipt_code == code))
    assert stored.text == "這條規定對經營者的保護不夠，應當增加申訴渠道。"
    assert "经营者" in stored.tokens


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"text": ""}, "text", "请填写您的意见"),
        ({"text": "太短"}, "text", "5"),
        ({"text": "很" * 5001}, "text", "5,000"),
        ({"article": "第九十九条"}, "article", "第九十九条"),
        ({"article": "第二条第五款"}, "article", "第二条"),
        ({"phone": "12345"}, "phone", "手机号码"),
        ({"consent": "y"}, "consent", "手机号码"),
        ({"identity": "martian"}, "identity", "有效"),
    ],
)
def test_bad_input_is_explained_next_to_its_field_and_kept(client, open_consultation, fields, field, message):
    response = send(client, open_consultation, name="王先生", **fields)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(rf'id="{field}-error">[^<]*{message}', html), html[html.find("error"):][:400]
    assert "王先生" in html  # what was typed is kept
    assert comment_count() == 0


def test_phone_numbers_are_stored_in_one_form(client, open_consultation):
    send(client, open_consultation, phone="138 0013 8000", consent="y", name="李女士")
    stored = db.session.scalar(select(Comment))
    assert stored.phone == "+8613800138000"
    assert stored.consent is True


def test_the_receipt_shows_nothing_personal(client, open_consultation):
    response = send(client, open_consultation, phone="13800138000", name="王大锤", consent="y")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "王大锤" not in page
    assert "13800138000" not in page
    assert "8613800138000" not in page


def test_comment_text_is_escaped_wherever_it_is_shown(client, open_consultation):
    response = send(client, open_consultation, text="<script>alert('x')</script> 这是意见")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    assert db.session.scalar(select(Comment.text)).startswith("<script>")


def test_control_characters_are_removed_before_storing(client, open_consultation):
    send(client, open_consultation, text="意见\x00内容\x1b很长\r\n第二行")
    assert db.session.scalar(select(Comment.text)) == "意见内容很长\n第二行"


def test_after_the_window_closes_the_form_refuses_politely(client, ctx):
    consultation = make_consultation(days_ago=40, days_open=30, after_close_contact="请寄至某某法工委。")
    db.session.commit()
    page = client.get(comment_url(consultation))
    assert page.status_code == 200
    assert "请寄至某某法工委" in page.get_data(as_text=True)
    assert "<textarea" not in page.get_data(as_text=True)
    token = csrf_token(client.get("/login").get_data(as_text=True))
    refused = client.post(comment_url(consultation), data={"text": "迟到的意见，请收下。", "csrf_token": token})
    assert refused.status_code == 403
    assert comment_count() == 0


def test_the_honeypot_refuses_bots_and_stores_nothing(client, open_consultation):
    response = send(client, open_consultation, website="http://spam.example")
    assert response.status_code == 400
    assert comment_count() == 0


def test_a_post_without_csrf_token_is_refused(client, open_consultation):
    response = client.post(comment_url(open_consultation), data={"text": "没有令牌的意见提交"})
    assert response.status_code == 400
    assert comment_count() == 0


def test_an_oversized_body_is_refused(client, open_consultation):
    response = send(client, open_consultation, text="很" * 2_000_000)
    assert response.status_code == 413
    assert "内容过大" in response.get_data(as_text=True)
    assert comment_count() == 0


def test_premoderated_comments_are_hidden_from_public_counts(client, ctx):
    consultation = make_consultation(premoderation=True)
    db.session.commit()
    response = send(client, consultation, article="第一条")
    assert response.status_code == 302
    assert db.session.scalar(select(Comment.status)) == CommentStatus.PENDING
    stats = client.get(f"/api/v1/drafts/{consultation.version.draft_id}/stats").get_json()
    assert stats["comments"] == 0


def test_receipt_lookup_forgives_spaces_dashes_and_case(client, open_consultation):
    comment = make_comment(open_consultation, receipt_code="3KXM7QPARD4W")
    db.session.commit()
    response = client.get("/receipts?code=3kxm-7qpa rd4w")
    assert response.headers["Location"] == f"/receipts/{comment.receipt_code}"
    missing = client.get("/receipts?code=AAAA-BBBB-CCCC").get_data(as_text=True)
    assert "没有找到这个回执编号" in missing
    assert client.get("/receipts/NOPE").status_code == 404


def test_the_receipt_shows_the_history(client, open_consultation):
    response = send(client, open_consultation, article="第一条")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    for stage in ("已收到", "已整理", "已上报", "立法机关的处理结果"):
        assert stage in page


def test_the_english_interface_serves_a_foreign_merchant(client, open_consultation):
    page = client.get(comment_url(open_consultation, "第一条") + "&lang=en").get_data(as_text=True)
    assert 'Your comment on <span lang="zh-Hans">第一条</span>' in page  # the label is Chinese (WCAG 3.1.2)
    assert "Foreign merchant" in page
    response = send(client, open_consultation, text="Please publish the guide in Arabic too.",
                    identity=Identity.FOREIGN_MERCHANT.value)
    assert response.status_code == 302
    receipt = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your comment has been received" in receipt


def test_the_cached_form_follows_the_language_the_stations_and_the_article(client, open_consultation):
    # The fields of an untouched form are rendered once and then served from the fragment cache;
    # whatever they are rendered from must still show at once.
    chinese = client.get(comment_url(open_consultation, "第一条")).get_data(as_text=True)
    assert "您的身份" in chinese
    assert "稠城街道联络站" in chinese
    english = client.get(comment_url(open_consultation, "第一条") + "&lang=en").get_data(as_text=True)
    assert "You are" in english
    assert "您的身份" not in english
    make_station(code="CC02", name="北苑街道联络站")
    db.session.commit()
    assert "北苑街道联络站" in client.get(comment_url(open_consultation, "第一条")).get_data(as_text=True)
    chosen = make_station(code="CC03", name="佛堂镇联络站")
    open_consultation.stations.append(chosen)
    db.session.commit()
    page = client.get(comment_url(open_consultation, "第一条")).get_data(as_text=True)
    assert "佛堂镇联络站" in page
    assert "北苑街道联络站" not in page
    other = client.get(comment_url(open_consultation, "第二条")).get_data(as_text=True)
    assert 'value="第二条"' in other
    assert 'value="第一条"' not in other.split('id="article"')[1].split(">")[0]


def test_a_refused_comment_is_shown_again_with_the_input_not_the_cached_form(client, open_consultation):
    client.get(comment_url(open_consultation, "第一条"))  # fills the cache
    response = send(client, open_consultation, article="第一条", text="短", name="李四")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="李四"' in page
    assert "has-error" in page


def test_the_comment_path_stays_within_its_queries(client, open_consultation):
    # The busiest pages of the site: a GET reads the consultation (with version and draft) and
    # the stations; a POST adds the receipt-code check and two INSERTs. More means a regression.
    statements = []

    def listener(conn, cursor, statement, *_):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        client.get(comment_url(open_consultation, "第一条"))  # builds the per-process caches
        statements.clear()
        page = client.get(comment_url(open_consultation, "第一条")).get_data(as_text=True)
        reads = len(statements)
        statements.clear()
        response = client.post(f"/drafts/{open_consultation.version.draft_id}/comment", data={
            "csrf_token": csrf_token(page), "article": "第一条", "text": "这一条写得不够清楚，建议细化。",
            "identity": "trader", "station": ""})
        writes = len(statements)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert response.status_code == 302
    assert reads <= 2, statements
    assert writes <= 5, statements


def test_the_thanks_ride_on_the_receipt_address_and_nothing_piles_up_in_the_session(client, open_consultation):
    # A client that never follows the redirect must not collect one unread message per comment.
    for n in range(3):
        response = send(client, open_consultation, text=f"建议第一条写明适用范围，第{n}份意见。")
        assert response.status_code == 302
        assert response.headers["Location"].endswith("?sent=1")
    with client.session_transaction() as session:
        assert "_flashes" not in session
    receipt = response.headers["Location"]
    assert "您的意见已经收到" in client.get(receipt).get_data(as_text=True)
    assert "您的意见已经收到" not in client.get(receipt.split("?")[0]).get_data(as_text=True)


def test_future_and_unknown_drafts_are_404(client, ctx):
    future = make_consultation(days_ago=-5)
    db.session.commit()
    assert client.get(f"/drafts/{future.version.draft_id}").status_code == 404
    assert client.get("/drafts/999").status_code == 404
    assert client.get(f"/drafts/{future.version.draft_id}/comment").status_code == 404


def test_a_comment_in_the_last_seconds_of_the_window_is_accepted(client, ctx):
    consultation = make_consultation(days_ago=1, days_open=1)
    consultation.closes_at = utcnow() + timedelta(seconds=30)
    db.session.commit()
    assert send(client, consultation).status_code == 302


def test_a_long_draft_is_read_one_chapter_at_a_time(client, ctx):
    consultation = make_consultation(make_draft(chapters=(("总则", 120), ("经营", 90), ("附则", 5))))
    db.session.commit()
    draft_id = consultation.version.draft_id
    first = client.get(f"/drafts/{draft_id}").get_data(as_text=True)
    assert 'id="a1"' in first
    assert 'id="a121"' not in first
    assert f'href="/drafts/{draft_id}?part=1#h' in first  # the contents lead to the other chapters
    second = client.get(f"/drafts/{draft_id}?part=1").get_data(as_text=True)
    assert 'id="a121"' in second
    assert 'id="a1"' not in second
    assert 'rel="prev"' in second
    assert 'rel="next"' in second
    back = client.get(f"/drafts/{draft_id}/comment?article=第二百一十二条").get_data(as_text=True)
    assert f'href="/drafts/{draft_id}?part=2#a212"' in back


def test_an_out_of_range_part_shows_the_nearest_chapter(client, ctx):
    consultation = make_consultation(make_draft(chapters=(("总则", 120), ("经营", 90))))
    db.session.commit()
    page = client.get(f"/drafts/{consultation.version.draft_id}?part=99").get_data(as_text=True)
    assert 'id="a210"' in page
