"""`legislink consultations create --kind`: the three kinds of consultation from the command line."""

import json

import pytest
from sqlalchemy import func, select

from legislink.cli import main
from legislink.extensions import db
from legislink.models import AuditEvent, Consultation, ConsultationKind, Draft

LAW = """示范条例

第一条　为了规范示范事项，制定本条例。
第二条　本条例适用于本市行政区域内的示范活动。
第三条　市人民政府负责组织实施本条例。
"""


def _create(runner, *args):
    return runner.invoke(main, ["consultations", "create", *args])


def test_a_call_for_proposals_has_a_title_and_an_introduction_and_no_text(app, runner, tmp_path):
    intro = tmp_path / "intro.txt"
    intro.write_text("请提出明年需要制定或者修改的法规项目。\n", encoding="utf-8")
    result = _create(runner, "--kind", "proposal", "--title", "2027年度立法计划项目征集",
                     "--opens", "2026-12-01", "--closes", "2027-01-31", "--intro", str(intro))
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert printed["kind"] == "proposal"
    with app.app_context():
        consultation = db.session.get(Consultation, printed["consultation_id"])
        assert consultation.kind == ConsultationKind.PROPOSAL
        assert (consultation.title, consultation.version_id) == ("2027年度立法计划项目征集", None)
        assert consultation.intro == "请提出明年需要制定或者修改的法规项目。"
        assert not consultation.has_text
        assert db.session.scalar(select(func.count(Draft.id))) == 0
        audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "consultation.open"))
        assert audit.detail["kind"] == "proposal"


def test_an_evaluation_imports_the_law_in_force_like_a_draft(app, runner, tmp_path):
    law = tmp_path / "law.txt"
    law.write_text(LAW, encoding="utf-8")
    result = _create(runner, "--kind", "evaluation", "--law", str(law), "--title", "示范条例",
                     "--opens", "2026-12-01", "--closes", "2027-01-31")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert printed["kind"] == "evaluation"
    with app.app_context():
        consultation = db.session.get(Consultation, printed["consultation_id"])
        assert consultation.kind == ConsultationKind.EVALUATION
        assert consultation.version.label == "现行文本"
        assert consultation.version.article_count == 3
        assert consultation.version.draft.title == "示范条例"


@pytest.mark.parametrize(("args", "message"), [
    (["--kind", "proposal", "--title", "", "--opens", "2026-12-01", "--closes", "2027-01-31"],
     "A call for proposals needs a title."),
    (["--kind", "proposal", "--title", "t", "--opens", "2026-12-05", "--closes", "2026-12-01"],
     "The closing date must be after the opening date."),
    (["--kind", "evaluation", "--title", "t", "--opens", "2026-12-01", "--closes", "2027-01-31"],
     "needs its text: --law FILE"),
    (["--kind", "standing", "--title", "t", "--opens", "2026-12-01", "--closes", "2027-01-31"],
     "Invalid value for '--kind'"),
])
def test_bad_requests_are_refused_with_a_sentence_and_create_nothing(app, runner, args, message):
    result = _create(runner, *args)
    assert result.exit_code != 0
    assert message in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Consultation.id))) == 0
        assert db.session.scalar(select(func.count(Draft.id))) == 0


def test_a_proposal_call_with_a_text_is_refused(app, runner, tmp_path):
    law = tmp_path / "law.txt"
    law.write_text(LAW, encoding="utf-8")
    result = _create(runner, "--kind", "proposal", "--law", str(law), "--title", "t",
                     "--opens", "2026-12-01", "--closes", "2027-01-31")
    assert result.exit_code != 0
    assert "consults no text" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Draft.id))) == 0
