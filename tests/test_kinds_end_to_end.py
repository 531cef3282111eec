"""Issue 20 end to end, through the command line and the site as other tools would drive them:
create a call for proposals and an evaluation, comment through the public forms, analyse,
export with --mark-reported, and the receipt shows the comment went upward; a request sent to a
department past its due day is 逾期 in the export's 民情转办 sheet and on the workspace."""

import json
from datetime import date, timedelta
from io import BytesIO
from urllib.parse import urlsplit

from openpyxl import load_workbook
from sqlalchemy import select

from legislink.cli import main
from legislink.extensions import db
from legislink.models import Comment, Consultation, Role

from .builders import make_department, make_referral, make_user
from .conftest import post_form, sign_in

LAW = """示例市养犬管理规定

第一条　为了规范养犬行为，保障公民人身安全，制定本规定。
第二条　携犬出户的，应当为犬只束犬链，并由成年人牵领。
第三条　养犬人应当及时清除犬只在公共场所排泄的粪便。
"""


def _dates() -> list[str]:
    today = date.today()
    return ["--opens", (today - timedelta(days=2)).isoformat(), "--closes", (today + timedelta(days=20)).isoformat()]


def _receipt_after(response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    path = urlsplit(response.headers["Location"]).path
    assert path.startswith("/receipts/")
    return path.rsplit("/", 1)[1]


def _export(runner, consultation_id: int, tmp_path) -> dict:
    out = tmp_path / f"c{consultation_id}.xlsx"
    result = runner.invoke(main, ["export", "--consultation", str(consultation_id), "-o", str(out), "--mark-reported"])
    assert result.exit_code == 0, result.output
    workbook = load_workbook(BytesIO(out.read_bytes()))
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in workbook.worksheets}


def test_a_call_for_proposals_from_creation_to_the_receipt(app, runner, client, tmp_path):
    created = runner.invoke(main, ["consultations", "create", "--kind", "proposal", "--title", "2027年度立法项目征集",
                                   *_dates()])
    assert created.exit_code == 0, created.output
    call_id = json.loads(created.output)["consultation_id"]
    codes = []
    for title, text in [("电动自行车管理条例", "电动自行车在楼道里充电，火灾隐患很大，需要立规矩。"),
                        ("关于电瓶车停放充电的规定", "小区电瓶车乱停乱充，建议制定规定明确物业和车主的责任。"),
                        ("养犬管理条例", "遛狗不牵绳的现象很多，老人孩子害怕，建议立法规范养犬。")]:
        response = post_form(client, f"/consultations/{call_id}",
                             {"title": title, "text": text, "content": "", "identity": "resident", "station": ""})
        codes.append(_receipt_after(response))

    analysed = runner.invoke(main, ["analyze", "--consultation", str(call_id)])
    assert analysed.exit_code == 0, analysed.output
    sheets = _export(runner, call_id, tmp_path)
    assert list(sheets)[:2] == ["立项建议汇总表", "建议明细"]
    assert sheets["立项建议汇总表"][0][0] == "2027年度立法项目征集立项建议汇总表"
    assert sheets["立项建议汇总表"][3] == ["序号", "建议项目名称", "立法必要性", "主要内容", "意见来源",
                                        "提出人数", "备注"]
    detail = sheets["建议明细"]
    assert {row[1] for row in detail[1:]} >= set(codes)
    # The two e-bike proposals are one group, the dog proposal another.
    group_of = {row[1]: row[9] for row in detail[1:] if row[1] in codes}
    assert group_of[codes[0]] == group_of[codes[1]] != group_of[codes[2]]
    receipt = client.get(f"/receipts/{codes[0]}").get_data(as_text=True)
    assert "已上报" in receipt
    assert "电动自行车管理条例" in receipt


def test_an_evaluation_from_creation_to_the_receipt(app, runner, client, tmp_path):
    law = tmp_path / "law.txt"
    law.write_text(LAW, encoding="utf-8")
    created = runner.invoke(main, ["consultations", "create", "--kind", "evaluation", "--law", str(law),
                                   "--title", "示例市养犬管理规定", *_dates()])
    assert created.exit_code == 0, created.output
    consultation_id = json.loads(created.output)["consultation_id"]
    with app.app_context():
        draft_id = db.session.get(Consultation, consultation_id).version.draft_id
    response = post_form(client, f"/drafts/{draft_id}/comment?article=第二条",
                         {"article": "第二条", "text": "晚上遛狗不牵绳的还是很多，规定执行不到位，缺少处罚。",
                          "suggestion": "增加未束犬链的处罚条款。", "reason": "", "identity": "resident",
                          "station": ""})
    code = _receipt_after(response)
    assert runner.invoke(main, ["analyze", "--consultation", str(consultation_id)]).exit_code == 0
    sheets = _export(runner, consultation_id, tmp_path)
    summary = sheets["立法后评估意见汇总表"]
    assert summary[0][0] == "《示例市养犬管理规定》实施情况评估意见汇总表"
    rows = [row for row in summary if row[1] == "第二条"]
    assert rows, summary
    assert "束犬链" in rows[0][2]  # 现行条文
    assert "不牵绳" in rows[0][3]  # 实施中的问题
    assert "处罚条款" in rows[0][4]  # 修改完善建议
    assert "已上报" in client.get(f"/receipts/{code}").get_data(as_text=True)


def test_an_overdue_request_is_overdue_in_the_export_and_first_on_the_workspace(app, runner, client, tmp_path):
    law = tmp_path / "law.txt"
    law.write_text(LAW, encoding="utf-8")
    created = runner.invoke(main, ["consultations", "create", "--kind", "evaluation", "--law", str(law),
                                   "--title", "示例市养犬管理规定", *_dates()])
    consultation_id = json.loads(created.output)["consultation_id"]
    with app.app_context():
        draft_id = db.session.get(Consultation, consultation_id).version.draft_id
    codes = []
    for text in ("我家楼下小区门口的路灯坏了一个月了，晚上遛狗看不见路，请尽快修好。",
                 "小区里流浪狗越来越多，请有关部门来处理一下。"):
        codes.append(_receipt_after(post_form(client, f"/drafts/{draft_id}/comment",
                                              {"article": "", "text": text, "suggestion": "", "reason": "",
                                               "identity": "resident", "station": ""})))
    _receipt_after(post_form(client, f"/drafts/{draft_id}/comment?article=第三条",
                             {"article": "第三条", "text": "不清理狗粪便的情况很普遍，建议规定具体罚款数额。",
                              "suggestion": "", "reason": "", "identity": "resident", "station": ""}))
    assert runner.invoke(main, ["analyze", "--consultation", str(consultation_id)]).exit_code == 0
    today = date.today()
    with app.app_context():
        comments = {c.receipt_code: c for c in db.session.scalars(select(Comment))}
        department = make_department(name="示例街道办事处")
        make_referral(comments[codes[0]], department, assigned_on=today - timedelta(days=20),
                      due_on=today - timedelta(days=5))
        make_referral(comments[codes[1]], department, assigned_on=today - timedelta(days=1),
                      due_on=today + timedelta(days=14))
        make_user(Role.STAFF, username="wang", station=None)  # the contact point's own staff
        db.session.commit()
    sheets = _export(runner, consultation_id, tmp_path)
    requests = sheets["民情转办"]
    assert requests[0] == ["序号", "回执编号", "反映事项", "承办单位", "转办日期", "办理期限", "办理状态",
                           "答复内容", "答复日期"]
    state = {row[1]: row[6] for row in requests[1:]}
    assert state == {codes[0]: "逾期", codes[1]: "待办"}
    sign_in(client, "wang")
    page = client.get("/staff/requests/").get_data(as_text=True)
    assert page.index(codes[0]) < page.index(codes[1])
