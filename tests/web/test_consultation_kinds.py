"""The public pages of the three kinds: a call for proposals (立法前), a draft (立法中) and the
evaluation of a law in force (立法后), listed together, each with its own form and receipt."""

from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from legislink.extensions import db
from legislink.models import Comment, CommentStatus, ConsultationKind

from ..builders import make_comment, make_consultation, make_draft, make_proposal_call, make_station
from ..conftest import csrf_token, post_form


@pytest.fixture
def proposal_call(ctx):
    call = make_proposal_call(title="2027年度立法项目建议征集", intro="欢迎提出需要制定的法规项目。\n请写明理由。")
    make_station(code="CC01", name="稠城街道联络站")
    db.session.commit()
    return call


@pytest.fixture
def evaluation(ctx):
    consultation = make_consultation(make_draft(title="示例市养犬管理条例", version_label="现行文本"),
                                     kind=ConsultationKind.EVALUATION)
    db.session.commit()
    return consultation


def propose(client, call, **fields):
    data = {"title": "电动自行车管理条例", "text": "电动自行车在楼道里充电，隐患很大，需要立规矩。",
            "content": "", "identity": "resident", "station": "", **fields}
    return post_form(client, f"/consultations/{call.id}", data)


def comment_count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(Comment.id)))


def test_home_lists_every_kind_with_its_stage_and_deadline(client, proposal_call, evaluation):
    make_consultation(make_draft(title="示例市市场服务条例（草案）"), days_open=10)
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    for title, stage in [("2027年度立法项目建议征集", "立法前"), ("示例市市场服务条例（草案）", "立法中"),
                         ("示例市养犬管理条例", "立法后")]:
        card = html[html.index(title) - 400:html.index(title)]
        assert stage in card, title
    assert html.count("截止日期") == 3
    assert f'href="/consultations/{proposal_call.id}"' in html
    english = client.get("/?lang=en").get_data(as_text=True)
    for stage in ("Before legislation", "During legislation", "After legislation"):
        assert stage in english


def test_proposal_page_shows_the_call_and_its_form(client, proposal_call):
    html = client.get(f"/consultations/{proposal_call.id}").get_data(as_text=True)
    assert "2027年度立法项目建议征集" in html
    assert "欢迎提出需要制定的法规项目。" in html
    assert "请写明理由。" in html
    for name in ("title", "text", "content", "identity", "station", "name", "phone", "consent", "csrf_token"):
        assert f'name="{name}"' in html, name
    assert 'name="article"' not in html
    assert "建议项目名称" in html
    assert "立法必要性" in html
    assert "主要内容" in html


def test_a_proposal_is_received_and_its_receipt_shows_its_fields(client, proposal_call):
    response = propose(client, proposal_call, content="规定停放点和充电桩的建设责任。", station="CC01",
                       phone="13800138000", consent="y")
    assert response.status_code == 302
    code = urlsplit(response.headers["Location"]).path.rsplit("/", 1)[1]
    stored = db.session.scalar(select(Comment).where(Comment.receipt_code == code))
    assert (stored.title, stored.content) == ("电动自行车管理条例", "规定停放点和充电桩的建设责任。")
    assert stored.text.startswith("电动自行车在楼道里充电")
    assert stored.provision_id is None
    assert stored.station.code == "CC01"
    assert stored.consent
    receipt = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "电动自行车管理条例" in receipt
    assert "规定停放点和充电桩的建设责任。" in receipt
    assert "立法必要性" in receipt
    assert "2027年度立法项目建议征集" in receipt
    assert "13800138000" not in receipt


@pytest.mark.parametrize(("fields", "message"), [
    ({"title": ""}, "请写明建议制定或者修改的法规名称。"),
    ({"text": ""}, "请说明为什么需要这项法规。"),
    ({"title": "长" * 201}, "200"),
])
def test_a_proposal_without_its_required_fields_is_refused_and_nothing_is_saved(client, proposal_call, fields,
                                                                                  message):
    response = propose(client, proposal_call, **fields)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert comment_count() == 0


def test_a_proposal_waits_for_moderation_when_the_call_is_premoderated(client, ctx):
    call = make_proposal_call(premoderation=True)
    db.session.commit()
    assert propose(client, call).status_code == 302
    assert db.session.scalar(select(Comment.status)) == CommentStatus.PENDING


def test_a_closed_call_shows_itself_without_a_form_and_refuses_proposals(client, ctx):
    call = make_proposal_call(opens_on=date.today() - timedelta(days=40), closes_on=date.today() - timedelta(days=10),
                              after_close_contact="请寄往市人大常委会法工委。")
    db.session.commit()
    page = client.get(f"/consultations/{call.id}").get_data(as_text=True)
    assert "已结束" in page
    assert 'name="title"' not in page
    assert "请寄往市人大常委会法工委。" in page
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post(f"/consultations/{call.id}", data={"title": "某条例", "text": "需要立法规范。",
                                                              "identity": "resident", "csrf_token": token})
    assert response.status_code == 403
    assert comment_count() == 0


def test_a_call_not_yet_open_or_unknown_is_not_found(client, ctx):
    later = make_proposal_call(opens_on=date.today() + timedelta(days=3), closes_on=date.today() + timedelta(days=30))
    db.session.commit()
    assert client.get(f"/consultations/{later.id}").status_code == 404
    assert client.get("/consultations/99999").status_code == 404


def test_a_consultation_on_a_text_sends_readers_to_its_draft(client, evaluation):
    response = client.get(f"/consultations/{evaluation.id}")
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == f"/drafts/{evaluation.version.draft_id}"


def test_an_evaluation_says_it_is_a_law_in_force_and_asks_for_problems_and_improvements(client, evaluation):
    draft_id = evaluation.version.draft_id
    page = client.get(f"/drafts/{draft_id}").get_data(as_text=True)
    assert "现行有效的法规" in page
    assert "立法后" in page
    assert "对整部法规提意见" in page
    form = client.get(f"/drafts/{draft_id}/comment?article=第二条").get_data(as_text=True)
    assert "实施中的问题" in form
    assert "修改完善建议" in form
    assert 'name="text"' in form
    assert 'name="suggestion"' in form
    assert 'name="article"' in form
    assert 'name="reason"' not in form  # a problem and an improvement say why already
    response = post_form(client, f"/drafts/{draft_id}/comment",
                         {"article": "第二条", "text": "执法人员不足，规定落实不了。", "suggestion": "增加协管员。",
                          "identity": "resident", "station": ""}, form_url=f"/drafts/{draft_id}/comment")
    assert response.status_code == 302
    receipt = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "实施中的问题" in receipt
    assert "执法人员不足" in receipt
    assert "增加协管员。" in receipt
    assert "第二条" in receipt


def test_api_lists_every_kind_with_a_draft_id_only_when_there_is_one(client, proposal_call, evaluation):
    make_comment(proposal_call, title="电动自行车管理条例", name="张三", phone="13800138000")
    db.session.commit()
    listed = {c["kind"]: c for c in client.get("/api/v1/consultations").get_json()}
    assert set(listed) == {"proposal", "evaluation"}
    assert listed["proposal"]["title"] == "2027年度立法项目建议征集"
    assert "draft_id" not in listed["proposal"]
    assert listed["proposal"]["url"] == f"/consultations/{proposal_call.id}"
    assert listed["proposal"]["comments"] == 1
    assert listed["evaluation"]["draft_id"] == evaluation.version.draft_id
    assert listed["evaluation"]["title"] == "示例市养犬管理条例"
    body = client.get("/api/v1/consultations").get_data(as_text=True)
    assert "13800138000" not in body
    assert "张三" not in body


def test_the_poster_of_an_evaluation_calls_for_comment_on_a_law_in_force(client, evaluation):
    html = client.get(f"/drafts/{evaluation.version.draft_id}/poster").get_data(as_text=True)
    assert "手机扫码阅读法规并提出意见" in html
    assert "阅读草案" not in html
