"""The command line closes the loop as the site does: export and record the report as sent, then
propose marks; an empty answer is an answer, and refusals read as sentences, never as codes."""

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from legislink.cli import main
from legislink.extensions import db
from legislink.models import AuditEvent, Comment, CommentEvent, CommentEventKind, CommentStatus, OpinionGroup
from legislink.services.drafts import add_version, import_text, parse_or_refuse
from legislink.web.messages import MESSAGES

from .builders import article, make_comment, make_consultation
from .web.test_closing_the_loop import CONSULTED, FINAL

PACKAGE = Path(__file__).resolve().parents[1] / "legislink"


@pytest.fixture
def grouped(app):
    """A consultation whose one opinion is in the report but not yet sent upward, and a final text."""
    with app.app_context():
        version = import_text(CONSULTED, title="示例市场服务条例（草案）")
        consultation = make_consultation(version, days_ago=20, days_open=10)
        add_version(version.draft, parse_or_refuse(FINAL), label="最终文本")
        group = OpinionGroup(consultation=consultation, key="g", provision_id=article(version, 2).id,
                             summary="营业时间调整应当提前三十日公告。", size=2)
        db.session.add(group)
        db.session.flush()
        first = make_comment(consultation, provision=article(version, 2), group_id=group.id,
                             status=CommentStatus.ACCEPTED, suggestion="延长或者缩短营业时间的，应当提前三十日公告。")
        make_comment(consultation, provision=article(version, 2), group_id=group.id, status=CommentStatus.ACCEPTED)
        group.representative_id = first.id
        db.session.commit()
        return version.draft_id


def test_suggest_before_anything_was_reported_prints_an_empty_list(app, grouped):
    result = app.test_cli_runner().invoke(main, ["adoption", "suggest", str(grouped), "--to", "最终文本", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "No opinion has been recorded as reported upward yet" in result.stderr
    assert "nothing_reported" not in result.output


def test_export_with_mark_reported_records_the_report_as_the_site_does(app, grouped, tmp_path):
    runner = app.test_cli_runner()
    out = tmp_path / "report.xlsx"
    result = runner.invoke(main, ["export", str(grouped), "-o", str(out), "--mark-reported"])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    assert "2 comments now show 已上报" in result.output
    with app.app_context():
        assert db.session.scalar(select(OpinionGroup.reported_at)) is not None
        assert db.session.scalar(select(func.count(CommentEvent.id)).where(
            CommentEvent.kind == CommentEventKind.REPORTED)) == 2
        assert set(db.session.scalars(select(AuditEvent.action))) >= {"report.export", "report.mark_reported"}
    proposed = runner.invoke(main, ["adoption", "suggest", str(grouped), "--to", "最终文本", "--json"])
    assert proposed.exit_code == 0, proposed.output
    rows = json.loads(proposed.stdout)
    # The suggested 三十日 was written in, the other comment's vaguer ask was not: the opinion is split,
    # one for each proposal, the first comment's staying in the reported group.
    assert [row["proposed"] for row in rows] == ["adopted", "not_adopted"]
    # Each member comment's own proposal, by id and receipt code, for scripts scoring comment by comment.
    members = [m for row in rows for m in row["comments"]]
    with app.app_context():
        stored = db.session.execute(select(Comment.id, Comment.receipt_code).order_by(Comment.id)).all()
    assert [(m["id"], m["receipt"]) for m in members] == [tuple(row) for row in stored]
    assert {m["proposed"] for m in members} <= {"adopted", "partly", "not_adopted"}
    with app.app_context():
        evidence = db.session.scalar(select(OpinionGroup.adoption_evidence).order_by(OpinionGroup.id))
        assert "三十日" in evidence["final"]  # the reviewer's page reads the wordings from what was stored
        assert "十五日" in evidence["consulted"]


def test_export_without_anything_to_report_says_so_and_keeps_no_file(app, grouped, tmp_path):
    with app.app_context():
        db.session.execute(OpinionGroup.__table__.update().values(in_report=False))
        db.session.commit()
    out = tmp_path / "report.xlsx"
    result = app.test_cli_runner().invoke(main, ["export", str(grouped), "-o", str(out), "--mark-reported"])
    assert result.exit_code == 1
    assert "There is no opinion in the report yet." in result.output
    assert not out.exists()


def test_every_refusal_code_raised_in_the_code_has_a_sentence():
    raised = {match.group(1) for path in PACKAGE.rglob("*.py")
              for match in re.finditer(r'(?:Error|Rejected|_Invalid)\(\s*"([a-z_]+(?:\.[a-z_]+)?)"',
                                       path.read_text(encoding="utf-8"))}
    assert len(raised) > 40  # the scan found the refusals
    assert sorted(raised - set(MESSAGES)) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_code_without_a_sentence_still_reads_as_one(app, lang):
    from flask_babel import force_locale

    from legislink.services import ServiceError
    from legislink.web.messages import describe

    with app.app_context(), force_locale(lang):
        bare = describe(ServiceError("no_such_refusal"))
        explained = describe(ServiceError("no_such_refusal", "The moon is not a station."))
        missing_detail = describe(ServiceError("username_taken"))
    assert "no_such_refusal" not in bare
    expected = {"zh": "操作未能完成，没有作任何更改。", "en": "This could not be done. Nothing was changed."}
    assert bare == expected[lang]
    assert explained == "The moon is not a station."
    assert "username_taken" not in missing_detail
