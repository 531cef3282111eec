"""Staff pages for the kinds before and after the draft: opening a call for proposals, opening the
evaluation of a law in force, and recording and moderating proposals."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from legislink.extensions import db
from legislink.models import AuditEvent, Comment, CommentStatus, Consultation, ConsultationKind, Role

from ..builders import make_comment, make_consultation, make_draft, make_proposal_call, make_station, make_user
from ..conftest import post_form, sign_in


@pytest.fixture
def staff(ctx, client):
    station = make_station(code="CC01", name="稠城街道联络站")
    make_user(Role.STAFF, username="wang", display_name="信息员小王", station=station)
    make_user(Role.STAFF, username="li", display_name="联系点小李", station=None)
    db.session.commit()
    return sign_in(client, "li")


def _call_data(**fields):
    today = date.today()
    return {"title": "2027年度立法项目建议征集", "intro": "欢迎提出需要制定的法规项目。",
            "opens_on": today.isoformat(), "closes_on": (today + timedelta(days=30)).isoformat(), **fields}


def calls() -> list[Consultation]:
    db.session.expire_all()
    return db.session.scalars(select(Consultation).where(Consultation.kind == ConsultationKind.PROPOSAL)).all()


def test_staff_open_a_call_for_proposals_and_it_is_audited_and_public(staff):
    response = post_form(staff, "/staff/calls/new", _call_data(premoderation="y", stations=["CC01"]))
    assert response.status_code == 302
    [call] = calls()
    assert (call.title, call.intro, call.premoderation, call.version_id) == (
        "2027年度立法项目建议征集", "欢迎提出需要制定的法规项目。", True, None)
    assert [s.code for s in call.stations] == ["CC01"]
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "consultation.open"))
    assert audit.detail["kind"] == "proposal"
    overview = staff.get(response.headers["Location"]).get_data(as_text=True)
    assert "2027年度立法项目建议征集" in overview
    assert "立法前" in overview
    home = staff.get("/staff/").get_data(as_text=True)
    assert "2027年度立法项目建议征集" in home
    assert f"/staff/consultations/{call.id}/offline" in home


@pytest.mark.parametrize(("fields", "message"), [
    ({"title": ""}, "此字段是必填字段"),
    ({"closes_on": (date.today() - timedelta(days=3)).isoformat()}, "截止"),
])
def test_a_call_without_a_title_or_with_days_reversed_is_refused_and_nothing_is_stored(staff, fields, message):
    response = post_form(staff, "/staff/calls/new", _call_data(**fields))
    assert response.status_code == 200
    assert calls() == []
    assert 'class="error-summary"' in response.get_data(as_text=True)


def test_a_law_in_force_is_imported_as_its_current_text_and_its_window_is_an_evaluation(staff):
    assert 'value="现行文本"' in staff.get("/staff/drafts/new?for=evaluation").get_data(as_text=True)
    version = make_draft(title="示例市养犬管理条例", version_label="现行文本")
    db.session.commit()
    url = f"/staff/drafts/{version.draft_id}/versions/{version.id}/consultation"
    form = staff.get(url).get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="evaluation"', form)
    today = date.today()
    response = post_form(staff, url, {"kind": "evaluation", "opens_on": today.isoformat(),
                                      "closes_on": (today + timedelta(days=20)).isoformat()})
    assert response.status_code == 302
    stored = db.session.scalar(select(Consultation).where(Consultation.version_id == version.id))
    assert stored.kind == ConsultationKind.EVALUATION
    listing = staff.get("/staff/drafts/").get_data(as_text=True)
    assert "立法后" in listing


def test_a_draft_version_still_opens_a_draft_window(staff):
    version = make_draft()
    db.session.commit()
    url = f"/staff/drafts/{version.draft_id}/versions/{version.id}/consultation"
    today = date.today()
    assert post_form(staff, url, {"kind": "draft", "opens_on": today.isoformat(),
                                  "closes_on": (today + timedelta(days=20)).isoformat()}).status_code == 302
    assert db.session.scalar(select(Consultation.kind)) == ConsultationKind.DRAFT


def _offline(client, call, **fields):
    return post_form(client, f"/staff/consultations/{call.id}/offline", {
        "channel": "symposium", "collected_on": date.today().isoformat(), "collector": "联系点小李",
        "station": "CC01", "title": "电动自行车停放充电管理规定", "text": "小区里飞线充电太多，需要立规矩。",
        "content": "明确物业设置充电桩的责任。", "identity": "居民", **fields})


def test_a_proposal_collected_offline_is_recorded_with_its_title_and_content(staff):
    call = make_proposal_call()
    db.session.commit()
    form = staff.get(f"/staff/consultations/{call.id}/offline").get_data(as_text=True)
    assert 'name="title"' in form
    assert 'name="content"' in form
    assert 'name="article"' not in form
    response = _offline(staff, call)
    assert response.status_code == 302
    stored = db.session.scalar(select(Comment))
    assert (stored.title, stored.content) == ("电动自行车停放充电管理规定", "明确物业设置充电桩的责任。")
    assert stored.text == "小区里飞线充电太多，需要立规矩。"
    slip = staff.get(response.headers["Location"]).get_data(as_text=True)
    assert call.title in slip
    assert "电动自行车停放充电管理规定" in slip


def test_an_offline_proposal_without_its_title_is_refused_and_nothing_is_stored(staff):
    call = make_proposal_call()
    db.session.commit()
    response = _offline(staff, call, title="")
    assert response.status_code == 200
    assert "请写明建议制定或者修改的法规名称。" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Comment.id))) == 0


def test_an_offline_comment_on_a_law_in_force_asks_for_problems_and_improvements(staff):
    consultation = make_consultation(make_draft(version_label="现行文本"), kind=ConsultationKind.EVALUATION)
    db.session.commit()
    form = staff.get(f"/staff/consultations/{consultation.id}/offline").get_data(as_text=True)
    assert "实施中的问题" in form
    assert "修改完善建议" in form
    assert 'name="article"' in form


def test_moderation_shows_a_proposal_with_the_law_it_asks_for(staff):
    call = make_proposal_call(premoderation=True)
    make_comment(call, title="电动自行车停放充电管理规定", text="楼道充电隐患大。", content="规定充电桩。",
                 status=CommentStatus.PENDING)
    db.session.commit()
    response = staff.get(f"/staff/consultations/{call.id}/comments")
    assert response.status_code == 200
    queue = response.get_data(as_text=True)
    assert "电动自行车停放充电管理规定" in queue
    assert "建议项目名称" in queue
    review = staff.get(f"/staff/consultations/{call.id}/review").get_data(as_text=True)
    assert "电动自行车停放充电管理规定" in review
    assert "规定充电桩。" in review
