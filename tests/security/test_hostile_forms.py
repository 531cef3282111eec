"""Hostile input on the forms people type into: the comment form, staff's offline entry and the
sign-in form. Whatever arrives, the answer is a page with the errors marked (200) or a
redirect after a clean store (302), never a server error; what is stored has no control
characters and comes back escaped."""

from urllib.parse import quote_from_bytes, urlsplit

from hypothesis import example, given
from hypothesis import strategies as st
from markupsafe import escape
from sqlalchemy import select

from legislink.extensions import db
from legislink.models import AuditEvent, Comment, Identity
from legislink.web.fields import clean_text

from ..conftest import csrf_token, post_form
from .hostile import (
    CONTROL_CHARS,
    FUZZ,
    PAYLOADS,
    assert_no_control_chars,
    assert_no_injected_markup,
    comment_text,
    hostile_text,
    maybe,
)

IDENTITIES = [i.value for i in Identity]
ARTICLES = ["", "第一条", "第二条第二款", "第99条", "12", "第一章"]
PHONES = ["", "13800138000", "+44 20 7946 0958", "0579-85550000"]
TEXT_FIELDS = ("text", "suggestion", "reason", "name", "phone")


def comment_fields():
    return st.fixed_dictionaries({
        "article": maybe(ARTICLES), "text": comment_text, "suggestion": hostile_text, "reason": hostile_text,
        "identity": maybe(IDENTITIES), "station": maybe(["", "CC01"]), "name": hostile_text,
        "phone": maybe(PHONES), "consent": st.sampled_from(["", "y"]),
    })


def stored_comment(location: str) -> Comment:
    code = urlsplit(location).path.rsplit("/", 1)[1]
    db.session.expire_all()
    comment = db.session.scalar(select(Comment).where(Comment.receipt_code == code))
    assert comment is not None
    return comment


def assert_stored_cleanly(comment: Comment, sent: dict) -> None:
    for name in TEXT_FIELDS:
        assert not CONTROL_CHARS.search(getattr(comment, name)), f"a control character was stored in {name}"
    assert comment.text == clean_text(sent["text"])
    assert comment.suggestion == clean_text(sent["suggestion"])
    assert comment.events[0].kind == "received"


def assert_answered_cleanly(response) -> str:
    html = response.get_data(as_text=True)
    assert response.status_code in (200, 302), html[:500]
    if response.status_code == 200:
        assert 'class="error"' in html, "a refused form says what is wrong"
    assert_no_injected_markup(html)
    return html


@FUZZ
@given(fields=comment_fields())
def test_the_comment_form_answers_anything_with_errors_or_a_clean_receipt(client, world, fields):
    response = post_form(client, world.comment_url, fields)
    assert_answered_cleanly(response)
    if response.status_code == 302:
        comment = stored_comment(response.headers["Location"])
        assert_stored_cleanly(comment, fields)
        receipt = client.get(response.headers["Location"]).get_data(as_text=True)
        assert_no_injected_markup(receipt)
        assert_no_control_chars(receipt)
        assert str(escape(comment.text)) in receipt


@FUZZ
@given(fields=comment_fields(), channel=maybe(["symposium", "letter", "phone", "visit"]),
       collector=hostile_text, collected_on=maybe(["2024-05-01", "2099-01-01", "0000-00-00"]))
def test_offline_entry_answers_anything_with_errors_or_a_clean_slip(staff, world, fields, channel, collector,
                                                                    collected_on):
    data = {**fields, "channel": channel, "collector": collector, "collected_on": collected_on}
    url = f"/staff/consultations/{world.consultation_id}/offline"
    response = post_form(staff, url, data)
    assert_answered_cleanly(response)
    if response.status_code == 302:
        comment = stored_comment(response.headers["Location"])
        assert_stored_cleanly(comment, fields)
        assert not CONTROL_CHARS.search(comment.collector)
        slip = staff.get(response.headers["Location"]).get_data(as_text=True)
        assert_no_injected_markup(slip)
        assert_no_control_chars(slip)


@FUZZ
@given(username=st.one_of(st.sampled_from(["wang", "root"]), hostile_text),
       password=st.one_of(hostile_text, st.sampled_from(["x" * 300, "\x00" * 20])))
@example(username="wang\x00", password="x")
@example(username="\x00", password="\x00")
def test_sign_in_answers_anything_with_a_refusal(app, world, username, password):
    client = app.test_client()
    response = post_form(client, "/login", {"username": username, "password": password})
    assert_answered_cleanly(response)
    assert response.status_code == 200
    db.session.expire_all()
    for event in db.session.scalars(select(AuditEvent)):
        assert not CONTROL_CHARS.search(str(event.detail)), "a control character reached the audit log"


def test_undecodable_bytes_in_a_form_are_refused_or_stored_as_replacement_characters(client, world):
    token = csrf_token(client.get(world.comment_url).get_data(as_text=True))
    raw = "这一条应当写得更清楚".encode() + b"\xff\xfe\xed\xa0\x80\xc0\xaf\x00"
    body = f"csrf_token={token}&identity=resident&station=&article=&text=".encode() + quote_from_bytes(raw).encode()
    response = client.post(world.comment_url, data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    comment = stored_comment(response.headers["Location"])
    assert comment.text.startswith("这一条应当写得更清楚")
    assert not CONTROL_CHARS.search(comment.text)


def test_the_honeypot_refuses_a_bot_with_a_plain_400(client, world):
    response = post_form(client, world.comment_url, {"text": PAYLOADS[0] + "很长的意见内容", "identity": "resident",
                                                     "website": "http://spam.example"})
    assert response.status_code == 400
    assert db.session.scalar(select(Comment.id)) is None
