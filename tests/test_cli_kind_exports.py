"""`legislink analyze --consultation ID` and `legislink export --consultation ID` for a call for
proposals and the evaluation of a law in force, from the command line to the workbook."""

import json
from datetime import timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from legislink.cli import main
from legislink.extensions import db
from legislink.models import Comment, Consultation, OpinionGroup, Provision, ProvisionLevel

from .builders import make_comment, make_proposal

LAW = """示范市电动自行车管理条例

第一条　为了加强电动自行车管理，保障道路交通安全，制定本条例。
第二条　电动自行车应当依法登记，取得号牌后方可上道路行驶。
第三条　禁止在住宅楼道、楼梯间等公共区域停放电动自行车或者为其充电。
"""


def _created(runner, *args) -> int:
    result = runner.invoke(main, ["consultations", "create", *args, "--opens", "2026-01-01",
                                  "--closes", "2026-01-31"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["consultation_id"]


def test_a_call_for_proposals_is_analysed_and_exported_by_its_id(app, runner, tmp_path):
    cid = _created(runner, "--kind", "proposal", "--title", "2027年度立法项目建议征集")
    with app.app_context():
        consultation = db.session.get(Consultation, cid)
        make_proposal(consultation, "电动自行车管理条例", "楼道充电起火事故多，闯红灯逆行普遍。", "集中充电，上牌。")
        make_proposal(consultation, "电瓶车停放充电的规定", "电瓶车推进楼道充电，飞线充电，着火很危险。")
        make_proposal(consultation, "养犬管理条例", "遛狗不拴绳，狗咬人的事多。", "犬只登记。")
        make_proposal(consultation, "关于文明养狗的建议", "大狗不牵绳吓哭孩子，狗咬人没人管。")
        db.session.commit()
    result = runner.invoke(main, ["analyze", "--consultation", str(cid)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["groups"] == 2
    out = tmp_path / "proposals.xlsx"
    result = runner.invoke(main, ["export", "--consultation", str(cid), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 opinions from 4 comments" in result.output
    book = load_workbook(out)
    assert book.sheetnames == ["立项建议汇总表", "建议明细"]
    assert book["立项建议汇总表"]["A1"].value == "2027年度立法项目建议征集立项建议汇总表"
    assert [c.value for c in book["立项建议汇总表"][4]] == ["序号", "建议项目名称", "立法必要性", "主要内容",
                                                        "意见来源", "提出人数", "备注"]
    assert [row[5] for row in book["立项建议汇总表"].iter_rows(min_row=5, max_row=6, values_only=True)] == [2, 2]


def test_an_evaluation_is_analysed_and_exported_by_its_draft_or_its_id(app, runner, tmp_path):
    law = tmp_path / "law.txt"
    law.write_text(LAW, encoding="utf-8")
    cid = _created(runner, "--kind", "evaluation", "--law", str(law), "--title", "示范市电动自行车管理条例")
    with app.app_context():
        consultation = db.session.get(Consultation, cid)
        draft_id = consultation.version.draft_id
        third = db.session.scalar(select(Provision).where(Provision.version_id == consultation.version_id,
                                                          Provision.level == ProvisionLevel.ARTICLE,
                                                          Provision.number == 3))
        make_comment(consultation, text="第三条执行以来楼道充电少了，但小区充电桩不够，居民只好飞线充电。",
                     suggestion="增加一款：新建住宅小区应当配建集中充电设施。")
        make_comment(consultation, text="禁止楼道停放电动自行车的规定很好，但老旧小区没有停放的地方。",
                     provision=third)
        third_id = third.id
        db.session.commit()
    result = runner.invoke(main, ["analyze", str(draft_id)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        grouped = db.session.scalars(select(Comment.provision_id).where(Comment.group_id.is_not(None))).all()
        assert grouped
        assert set(grouped) == {third_id}
        assert db.session.scalar(select(OpinionGroup.provision_id)) == third_id
    out = tmp_path / "evaluation.xlsx"
    result = runner.invoke(main, ["export", str(draft_id), "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.sheetnames == ["立法后评估意见汇总表", "意见明细"]
    ws = book["立法后评估意见汇总表"]
    assert ws["A1"].value == "《示范市电动自行车管理条例》实施情况评估意见汇总表"
    assert ws["A5"].value == "一、总体评价"
    assert ws["A6"].value == "二、逐条意见"
    assert ws["B7"].value == "第三条"
    assert ws["C7"].value == "禁止在住宅楼道、楼梯间等公共区域停放电动自行车或者为其充电。"
    assert ws["E7"].value == "增加一款：新建住宅小区应当配建集中充电设施。"
    again = tmp_path / "again.xlsx"
    assert runner.invoke(main, ["export", "--consultation", str(cid), "-o", str(again)]).exit_code == 0
    assert load_workbook(again)["立法后评估意见汇总表"]["B7"].value == "第三条"


def test_a_consultation_is_named_one_way_only(app, runner, tmp_path):
    out = tmp_path / "x.xlsx"
    both = runner.invoke(main, ["export", "1", "--consultation", "1", "-o", str(out)])
    neither = runner.invoke(main, ["analyze"])
    unknown = runner.invoke(main, ["analyze", "--consultation", "999"])
    assert both.exit_code == neither.exit_code == 2
    assert "either DRAFT_ID or --consultation" in both.output
    assert unknown.exit_code == 1
    assert "no consultation with id 999" in unknown.output
    assert not out.exists()


def test_requests_are_exported_on_their_own_and_the_direct_line_has_no_report(app, runner, tmp_path):
    from openpyxl import load_workbook

    from legislink.extensions import db
    from legislink.models import Comment, utcnow
    from legislink.services import referrals, standing
    from legislink.services.comments import CommentInput, submit

    with app.app_context():
        line = standing.get_or_create(utcnow())
        sent = submit(line, CommentInput(text="小区门口的路灯坏了两个月，请修一下。"), now=utcnow())
        department = referrals.create_department("市住建局")
        today = referrals.local_today()
        referrals.refer(sent.id, department.id, today + timedelta(days=10), today=today)
        db.session.commit()
        line_id, code = line.id, db.session.get(Comment, sent.id).receipt_code
    out = tmp_path / "requests.xlsx"
    result = runner.invoke(main, ["requests", "export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "requests sent to departments: 1" in result.output
    rows = list(load_workbook(out)["民情转办"].iter_rows(values_only=True))
    assert [(r[1], r[3], r[6]) for r in rows[1:]] == [(code, "市住建局", "待办")]
    unknown = runner.invoke(main, ["requests", "export", "-o", str(tmp_path / "none.xlsx"), "--station", "XX99"])
    assert unknown.exit_code == 1
    assert not (tmp_path / "none.xlsx").exists()

    report = tmp_path / "line.xlsx"
    refused = runner.invoke(main, ["export", "--consultation", str(line_id), "-o", str(report)])
    assert refused.exit_code == 1
    assert "legislink requests export" in refused.output
    assert "standing_no_report" not in refused.output  # a sentence, never the code
    assert not report.exists()
