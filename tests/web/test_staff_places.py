"""Issue 17 point 6: staff pages that can be found and read without knowing the database."""

import pytest

from legislink.extensions import db
from legislink.models import CommentStatus, OpinionGroup, Role

from ..builders import article, make_comment, make_consultation, make_draft, make_user
from ..conftest import sign_in

RESIDENTS_FOOTER = "您的意见将通过本联系点直达立法机关"


@pytest.fixture
def consultation(ctx):
    version = make_draft()
    consultation = make_consultation(version)
    make_user(Role.STAFF, username="wang")
    make_user(Role.ADMIN, username="root")
    db.session.commit()
    return consultation


def test_yearly_figures_are_linked_from_the_staff_navigation(client, consultation):
    sign_in(client, "root")
    html = client.get("/staff/").get_data(as_text=True)
    assert 'href="/staff/figures/"' in html
    assert ">年度统计<" in html


def test_workspace_link_does_not_repeat_the_version_label(client, consultation):
    sign_in(client)
    html = client.get("/staff/").get_data(as_text=True)
    assert "征求意见稿征求意见" not in html
    assert "处理征求意见稿收到的意见" in html


@pytest.mark.parametrize("path", ["/staff/", "/admin/users", "/staff/figures/"])
def test_staff_pages_carry_no_residents_footer(client, consultation, path):
    sign_in(client, "root")
    html = client.get(path).get_data(as_text=True)
    assert RESIDENTS_FOOTER[:6] not in html


def test_public_pages_keep_the_residents_footer(client, consultation):
    assert RESIDENTS_FOOTER[:6] in client.get("/").get_data(as_text=True)


def test_opinion_groups_are_numbered_within_their_article(client, consultation):
    eighth = article(consultation.version, 2)
    # Ids far from 1 and 2, as on a live database.
    for key, size, group_id in (("small", 1, 58), ("large", 2, 59)):
        group = OpinionGroup(id=group_id, consultation=consultation, key=key, provision_id=eighth.id, size=size)
        db.session.add(group)
        for _ in range(size):
            make_comment(consultation, provision_id=eighth.id, group=group, status=CommentStatus.ACCEPTED)
    db.session.commit()
    sign_in(client)
    html = client.get(f"/staff/consultations/{consultation.id}/opinions/?article=第二条").get_data(as_text=True)
    assert "第二条 意见1" in html
    assert "第二条 意见2" in html
    assert "意见组 59" not in html
    assert html.index("第二条 意见1") < html.index("第二条 意见2")


def test_the_moderation_state_is_not_called_adopted(client, consultation):
    make_comment(consultation, status=CommentStatus.ACCEPTED)
    db.session.commit()
    sign_in(client)
    html = client.get(f"/staff/consultations/{consultation.id}/comments").get_data(as_text=True)
    assert "已受理" in html
    assert "已采用" not in html
