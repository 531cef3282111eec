"""Staff pages of a call for proposals and of an evaluation: the opinions page groups proposals by
the law they ask for (merge, split, name them), and the report page previews and downloads the
kind's own workbook."""

import io
from urllib.parse import quote

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from legislink.extensions import db
from legislink.models import AuditEvent, Comment, OpinionGroup, utcnow
from legislink.services import analysis

from ..builders import article, make_comment, make_evaluation, make_proposal, make_proposal_call, make_user
from ..conftest import csrf_token, sign_in


@pytest.fixture
def call(app):
    with app.app_context():
        consultation = make_proposal_call(title="2027年度立法项目建议征集")
        for title, text in [("电动自行车管理条例", "楼道充电起火事故多，闯红灯逆行普遍。"),
                            ("电瓶车停放充电的规定", "电瓶车推进楼道充电，飞线充电，着火很危险。"),
                            ("养犬管理条例", "遛狗不拴绳，狗咬人的事多。"),
                            ("关于文明养狗的建议", "大狗不牵绳吓哭孩子，狗咬人没人管。")]:
            make_proposal(consultation, title, text, "主要内容：" + title)
        analysis.run(consultation, now=utcnow())
        make_user(username="wang", station=None)
        db.session.commit()
        cid = consultation.id
    return sign_in(app.test_client(), "wang"), cid


def _groups(app, cid) -> dict[int, list[str]]:
    with app.app_context():
        found: dict[int, list[str]] = {}
        for title, group_id in db.session.execute(select(Comment.title, Comment.group_id)
                                                  .where(Comment.consultation_id == cid)):
            found.setdefault(group_id, []).append(title)
        return found


def test_the_opinions_page_shows_proposals_by_the_law_they_ask_for(app, call):
    client, cid = call
    page = client.get(f"/staff/consultations/{cid}/opinions/?lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Proposals by the law they ask for" in html
    assert "Proposed law 1: " in html
    assert "Name of the proposed law (建议项目名称)" in html
    assert "电瓶车停放充电的规定" in html
    assert "主要内容：养犬管理条例" in html
    assert "It is really about" not in html  # nothing to re-attribute to: a call has no text


def test_staff_merge_split_and_name_groups_of_proposals(app, call):
    client, cid = call
    url = f"/staff/consultations/{cid}/opinions/"
    token = csrf_token(client.get(url).get_data(as_text=True))
    groups = list(_groups(app, cid))
    assert len(groups) == 2
    merged = client.post(url + "merge", data={"groups": groups, "csrf_token": token})
    assert merged.status_code == 302
    assert len(_groups(app, cid)) == 1
    with app.app_context():
        dogs_asked = Comment.title.in_(["养犬管理条例", "关于文明养狗的建议"])
        dog_ids = db.session.scalars(select(Comment.id).where(dogs_asked)).all()
    split = client.post(url + "split", data={"comments": dog_ids, "csrf_token": token})
    assert split.status_code == 302
    after = _groups(app, cid)
    assert sorted(map(sorted, after.values())) == [["关于文明养狗的建议", "养犬管理条例"],
                                                    ["电动自行车管理条例", "电瓶车停放充电的规定"]]
    dogs = next(g for g, titles in after.items() if "养犬管理条例" in titles)
    named = client.post(url + f"groups/{dogs}", data={"summary": "文明养犬条例", "in_report": "1", "csrf_token": token})
    assert named.status_code == 302
    with app.app_context():
        assert db.session.get(OpinionGroup, dogs).summary == "文明养犬条例"
        actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"opinion.merge", "opinion.split", "opinion.summary"} <= actions
    download = client.post(f"/staff/consultations/{cid}/report/download", data={"csrf_token": token})
    book = load_workbook(io.BytesIO(download.data))
    names = [row[1] for row in book["立项建议汇总表"].iter_rows(min_row=5, max_row=6, values_only=True)]
    assert "文明养犬条例" in names


def test_the_report_page_previews_and_downloads_the_proposal_workbook(app, call):
    client, cid = call
    page = client.get(f"/staff/consultations/{cid}/report/?lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Proposed law" in html
    assert "电动自行车管理条例" in html
    token = csrf_token(html)
    download = client.post(f"/staff/consultations/{cid}/report/download", data={"csrf_token": token})
    assert download.status_code == 200
    assert quote("2027年度立法项目建议征集-立项建议汇总表.xlsx") in download.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(download.data))
    assert book.sheetnames == ["立项建议汇总表", "建议明细"]


def test_the_report_page_of_an_evaluation_downloads_its_workbook(app):
    with app.app_context():
        consultation = make_evaluation()
        make_comment(consultation, text="第二条的备案手续太繁琐。", suggestion="一窗受理。",
                     provision=article(consultation.version, 2))
        make_user(username="wang", station=None)
        db.session.commit()
        cid = consultation.id
    client = sign_in(app.test_client(), "wang")
    page = client.get(f"/staff/consultations/{cid}/report/?lang=en")
    assert page.status_code == 200
    assert "Problem in practice (suggested change)" in page.get_data(as_text=True)
    opinions_page = client.get(f"/staff/consultations/{cid}/opinions/")
    assert opinions_page.status_code == 200
    token = csrf_token(page.get_data(as_text=True))
    download = client.post(f"/staff/consultations/{cid}/report/download", data={"csrf_token": token})
    assert download.status_code == 200
    assert quote("示例市市场服务条例-立法后评估意见汇总表.xlsx") in download.headers["Content-Disposition"]
    ws = load_workbook(io.BytesIO(download.data))["立法后评估意见汇总表"]
    assert ws["A1"].value == "《示例市市场服务条例》实施情况评估意见汇总表"
    assert ws["B7"].value == "第二条"
