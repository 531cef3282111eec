"""The report page (issue 17.4): 登记为已上报 first on the page, with the number of receipts it will change,
asked to be confirmed; long text clamped with "show all"; a table laid out for reading."""

import pytest
from sqlalchemy import func, select

from legislink.extensions import db
from legislink.models import CommentEvent, CommentEventKind, OpinionGroup, Role

from ..builders import article, make_comment, make_consultation, make_draft, make_user
from ..conftest import csrf_token, sign_in


@pytest.fixture
def staff(app, ctx):
    consultation = make_consultation(make_draft(), days_ago=40, days_open=30)
    group = OpinionGroup(consultation=consultation, key="g", provision_id=article(consultation.version, 2).id,
                         summary="建议限定卸货时间。" * 40, size=3)
    db.session.add(group)
    db.session.flush()
    for _ in range(3):
        make_comment(consultation, provision=article(consultation.version, 2), group_id=group.id)
    make_user(Role.STAFF, username="wang")
    db.session.commit()
    client = sign_in(app.test_client(), "wang")
    client.url = f"/staff/consultations/{consultation.id}/report/"
    return client


def reported() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(CommentEvent.id)).where(CommentEvent.kind == CommentEventKind.REPORTED))


def test_the_action_comes_first_and_names_the_receipts_it_changes(staff):
    html = staff.get(staff.url).get_data(as_text=True)
    assert html.index("登记为已上报") < html.index('class="report-preview"')
    assert "3 条意见的回执将显示“已上报”" in html
    assert 'name="confirm" value="1" required' in html
    assert 'name="count" value="3"' in html


def test_long_opinions_are_clamped_with_show_all(staff):
    html = staff.get(staff.url).get_data(as_text=True)
    assert 'class="clamp-box" id="opinion-1"' in html
    assert 'aria-controls="opinion-1" aria-expanded="false"' in html
    assert "显示全部" in html
    assert '<col class="col-source">' in html


def test_nothing_changes_without_the_confirmation(staff):
    html = staff.get(staff.url).get_data(as_text=True)
    response = staff.post(staff.url + "reported", data={"csrf_token": csrf_token(html), "count": "3"})
    assert response.status_code == 302
    assert reported() == 0
    assert "请勾选" in staff.get(staff.url).get_data(as_text=True)


def test_a_report_changed_since_the_page_was_shown_is_not_recorded(staff):
    html = staff.get(staff.url).get_data(as_text=True)
    staff.post(staff.url + "reported", data={"csrf_token": csrf_token(html), "count": "2", "confirm": "1"})
    assert reported() == 0
    assert "上报内容已有变化" in staff.get(staff.url).get_data(as_text=True)


def test_confirmed_it_changes_exactly_the_receipts_it_named(staff):
    html = staff.get(staff.url).get_data(as_text=True)
    staff.post(staff.url + "reported", data={"csrf_token": csrf_token(html), "count": "3", "confirm": "1"})
    assert reported() == 3
    after = staff.get(staff.url).get_data(as_text=True)
    assert "没有回执需要更改" in after
