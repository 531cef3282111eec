import json

from legislink.extensions import db
from legislink.models import Role

from ..builders import article, make_comment, make_consultation, make_draft, make_user
from ..conftest import sign_in


def test_open_data_lists_consultations_with_counts(client, ctx):
    consultation = make_consultation(make_draft(title="开放数据条例（草案）"))
    make_comment(consultation, name="王大锤", phone="+8613800138000")
    db.session.commit()
    data = client.get("/api/v1/consultations").get_json()
    assert data[0]["title"] == "开放数据条例（草案）"
    assert data[0]["open"] is True
    assert (data[0]["comments"], data[0]["participants"]) == (1, 1)


def test_draft_structure_and_stats_carry_no_personal_data(client, ctx):
    consultation = make_consultation()
    version = consultation.version
    make_comment(consultation, provision=article(version, 1), name="王大锤", phone="+8613800138000")
    make_comment(consultation, provision=article(version, 1))
    make_comment(consultation)
    db.session.commit()
    draft = client.get(f"/api/v1/drafts/{version.draft_id}")
    stats = client.get(f"/api/v1/drafts/{version.draft_id}/stats")
    assert draft.status_code == stats.status_code == 200
    body = draft.get_json()
    chapter = body["structure"][0]
    assert chapter["type"] == "heading"
    assert chapter["children"][0]["label"] == "第一条"
    assert chapter["children"][0]["comments"] == 2
    assert len(chapter["children"][0]["paragraphs"]) == 2
    numbers = stats.get_json()
    assert numbers["comments"] == 3
    assert numbers["participants"] == 3
    assert numbers["by_article"] == {"第一条": 2}
    for payload in (draft.get_data(as_text=True), stats.get_data(as_text=True)):
        assert "王大锤" not in json.loads(json.dumps(payload))
        assert "13800138000" not in payload


def test_unknown_drafts_answer_json_404(client, ctx):
    response = client.get("/api/v1/drafts/404")
    assert response.status_code == 404
    assert response.get_json()["status"] == 404


def test_the_report_answers_a_signed_out_client_401_json(client, ctx):
    consultation = make_consultation()
    make_comment(consultation, name="王大锤", phone="+8613800138000")
    db.session.commit()
    response = client.get(f"/api/v1/drafts/{consultation.version.draft_id}/report")
    assert response.status_code == 401
    assert response.get_json() == {"error": "Unauthorized", "status": 401}
    assert "Location" not in response.headers


def test_the_report_answers_a_signed_in_reviewer_with_its_rows(client, ctx):
    consultation = make_consultation()
    make_user(Role.REVIEWER, username="shen")
    db.session.commit()
    sign_in(client, "shen")
    response = client.get(f"/api/v1/drafts/{consultation.version.draft_id}/report")
    assert response.status_code == 200
    assert response.get_json()["consultation_id"] == consultation.id


def test_an_account_that_must_change_its_password_is_told_so_in_json_not_redirected(client, ctx):
    consultation = make_consultation()
    make_user(Role.REVIEWER, username="shen", must_change_password=True)
    db.session.commit()
    sign_in(client, "shen")
    response = client.get(f"/api/v1/drafts/{consultation.version.draft_id}/report")
    assert response.status_code == 403
    body = response.get_json()
    assert (body["error"], body["status"]) == ("password_change_required", 403)
    assert "/account/password" in body["message"]
    assert "Location" not in response.headers
    # The site's pages still take the person to the form.
    page = client.get("/staff/")
    assert page.status_code == 302
    assert "/account/password" in page.headers["Location"]
