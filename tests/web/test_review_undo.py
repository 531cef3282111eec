"""One-by-one review: a mark made by mistake (one stray key) is undone from the message that
reports it, and the comment is shown again as it was."""

import pytest

from legislink.extensions import db
from legislink.models import Comment, CommentStatus, Role

from ..builders import make_comment, make_consultation, make_station, make_user
from ..conftest import csrf_token, sign_in


@pytest.fixture
def pending(ctx):
    station = make_station(code="CC01", name="稠城街道联络站")
    consultation = make_consultation()
    make_user(Role.STAFF, username="wang", station=station)
    first = make_comment(consultation, text="摊位费应当公示收费标准。", status=CommentStatus.PENDING)
    make_comment(consultation, text="第二条待审意见。", status=CommentStatus.PENDING)
    db.session.commit()
    return consultation, first


def status_of(comment_id: int) -> CommentStatus:
    db.session.expire_all()
    return db.session.get(Comment, comment_id).status


def test_a_spam_mark_is_undone_from_the_message_it_shows(client, pending):
    consultation, first = pending
    sign_in(client)
    url = f"/staff/consultations/{consultation.id}/review"
    page = client.get(url).get_data(as_text=True)
    assert "摊位费应当公示" in page
    assert "已标为" not in page

    marked = client.post(url, data={"csrf_token": csrf_token(page), "comment_id": first.id, "action": "spam"})
    assert status_of(first.id) == CommentStatus.SPAM
    after = client.get(marked.headers["Location"]).get_data(as_text=True)
    assert "这条意见已标为垃圾信息" in after
    assert "第二条待审意见" in after  # the next comment is shown meanwhile

    undone = client.post(f"/staff/consultations/{consultation.id}/review/undo",
                         data={"csrf_token": csrf_token(after), "event": _event_of(after)})
    assert status_of(first.id) == CommentStatus.PENDING
    shown = client.get(undone.headers["Location"]).get_data(as_text=True)
    assert "摊位费应当公示" in shown  # the comment comes back to be reviewed again
    assert "已撤销" in shown


def test_the_shortcuts_are_off_until_turned_on(client, pending):
    consultation, _ = pending
    sign_in(client)
    page = client.get(f"/staff/consultations/{consultation.id}/review").get_data(as_text=True)
    toggle = page[page.index('class="shortcut-switch"') - 3:]
    assert toggle.startswith("<p ")
    assert " hidden>" in toggle[:50]
    assert "data-shortcuts-toggle" in toggle
    assert "checked" not in toggle[:toggle.index("</p>")]


def _event_of(html: str) -> str:
    start = html.index('name="event" value="') + len('name="event" value="')
    return html[start:html.index('"', start)]
