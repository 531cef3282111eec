"""Values a link or a form can carry that name no usable date or no row: a 400 or a message on the page,
never a server error, and nothing changed."""

import pytest
from sqlalchemy import select

from legislink.extensions import db
from legislink.models import Comment, CommentStatus, OpinionGroup

from ..two_stations import build
from .test_route_permissions import _client

EDGES = ({"until": "9999-12-31"}, {"since": "0001-01-01"}, {"since": "0001-01-01", "until": "9999-12-31"})


@pytest.fixture
def strict(make_app):
    """Server errors propagate, as in the other tests: a 500 would raise here. CSRF has its own tests."""
    app = make_app(WTF_CSRF_ENABLED=False)
    with app.app_context():
        yield app, build()


@pytest.mark.parametrize("query", EDGES)
@pytest.mark.parametrize("page", ["comments", "review"])
def test_the_moderation_queue_and_review_say_a_date_is_out_of_range(strict, page, query):
    app, contact = strict
    response = _client(app, "admin").get(f"/staff/consultations/{contact.consultation_id}/{page}",
                                          query_string={**query, "lang": "en"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "between 1900 and 2999" in body or "cannot be used" in body


def test_a_whole_filter_action_with_an_unusable_date_changes_nothing(strict):
    app, contact = strict
    client = _client(app, "admin")
    client.post(f"/staff/consultations/{contact.consultation_id}/comments/bulk?until=9999-12-31",
                data={"action": "spam", "reason": "广告", "scope": "filter"})
    statuses = set(db.session.scalars(select(Comment.status)))
    assert statuses == {CommentStatus.ACCEPTED}


@pytest.mark.parametrize("query", EDGES)
def test_the_audit_log_says_a_date_is_out_of_range(strict, query):
    app, _contact = strict
    response = _client(app, "admin").get("/admin/audit", query_string={**query, "lang": "en"})
    assert response.status_code == 200
    assert "between 1900 and 2999" in response.get_data(as_text=True)


FIGURE_EDGES = ({"to": "9999-12-31"}, {"from": "0001-01-01"}, {"from": "0001-01-01", "to": "9999-12-31"})


@pytest.mark.parametrize("query", FIGURE_EDGES)
def test_the_figures_page_says_so_and_its_download_is_refused(strict, query):
    app, _contact = strict
    client = _client(app, "staff_a")
    page = client.get("/staff/figures/", query_string={**query, "lang": "en"})
    assert page.status_code == 200
    assert "between 1900 and 2999" in page.get_data(as_text=True)
    assert client.post("/staff/figures/figures.xlsx", data=query).status_code == 400


@pytest.mark.parametrize("version", ["missing", "other_draft", "consulted"])
def test_an_adoption_mark_names_a_later_version_of_this_draft_or_is_refused(strict, version):
    app, contact = strict
    to = {"missing": 2**31 - 1, "other_draft": contact.other_draft_version_id,
          "consulted": contact.version_id}[version]
    group_id = contact.sides["CC01"].groups[0]
    response = _client(app, "reviewer").post(
        f"/review/consultations/{contact.consultation_id}/adoption/{group_id}?lang=en",
        data={"outcome": "adopted", "to": to, "note": "采纳"}, follow_redirects=True)
    assert response.status_code == 200
    assert "Choose a later version of this draft" in response.get_data(as_text=True)
    db.session.expire_all()
    group = db.session.get(OpinionGroup, group_id)
    assert (group.adoption, group.final_version_id) == (None, None)


def test_an_adoption_mark_on_a_later_version_of_this_draft_is_kept(strict):
    app, contact = strict
    group_id = contact.sides["CC01"].groups[0]
    _client(app, "reviewer").post(f"/review/consultations/{contact.consultation_id}/adoption/{group_id}",
                                  data={"outcome": "adopted", "to": contact.later_version_id, "note": "采纳"})
    db.session.expire_all()
    assert db.session.get(OpinionGroup, group_id).final_version_id == contact.later_version_id
