"""A comment is acknowledged only once committed: when the database fails at the commit, the
resident gets an error page, not a receipt, and nothing is half-stored; the next try works."""

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from legislink.extensions import db
from legislink.models import Comment, CommentEvent

from ..builders import make_consultation
from ..conftest import csrf_token, post_form

FORM = {"article": "第一条", "text": "建议写明摊位租金的调整程序。", "identity": "resident", "station": ""}


@pytest.fixture
def lenient(make_app):
    """Server errors become 500 pages, as in production."""
    return make_app(PROPAGATE_EXCEPTIONS=False)


@pytest.fixture
def comment_url(lenient):
    with lenient.app_context():
        consultation = make_consultation()
        db.session.commit()
        return f"/drafts/{consultation.version.draft_id}/comment"


def stored() -> tuple[int, int]:
    db.session.expire_all()
    return (db.session.scalar(select(func.count(Comment.id))), db.session.scalar(select(func.count(CommentEvent.id))))


def _database_goes_away(session, *_):
    raise OperationalError("COMMIT", {}, Exception("server closed the connection unexpectedly"))


def test_a_failed_commit_shows_an_error_page_not_a_receipt_and_stores_nothing(lenient, comment_url):
    client = lenient.test_client()
    token = csrf_token(client.get(comment_url).get_data(as_text=True))
    event.listen(Session, "before_commit", _database_goes_away)
    try:
        response = client.post(comment_url, data={**FORM, "csrf_token": token})
    finally:
        event.remove(Session, "before_commit", _database_goes_away)
    assert response.status_code == 500
    assert "Location" not in response.headers
    assert "/receipts/" not in response.get_data(as_text=True)
    with lenient.app_context():
        assert stored() == (0, 0)
    retry = post_form(client, comment_url, FORM)
    assert retry.status_code == 302
    assert retry.headers["Location"].startswith("/receipts/")
    with lenient.app_context():
        assert stored() == (1, 1)
