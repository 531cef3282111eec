"""Offline comments from the template: all rows or none, every problem by row and column."""

import pytest
from sqlalchemy import func, select

from legislink.cli import main
from legislink.extensions import db
from legislink.models import AuditEvent, Channel, Comment, CommentEvent, Identity, Role, Station, utcnow
from legislink.reports import ImportRejected
from legislink.services import imports

from ..builders import make_consultation, make_station, make_user
from ..reports.helpers import import_file, import_row

LIMITS = {"max_rows": 1000, "max_bytes": 10 * 1024 * 1024}


@pytest.fixture
def consultation(ctx):
    make_station(code="CC01", name="稠城街道联络站")
    consultation = make_consultation()
    db.session.commit()
    return consultation


def count(model=Comment) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


GOOD = [
    import_row(条款="第二条", 意见内容="座谈会上商户提出租金调整要提前告知。", 身份="个体工商户",
               联络站="稠城街道联络站", 收集方式="座谈会", 收集日期="2024-05-01", 提出人="王先生",
               联系电话="13800138000"),
    import_row(条款="3", 意见内容="来信建议第三条写明期限。", 收集方式="信件"),
    import_row(条款="第4条第二款", 意见内容="电话反映第二款不清楚。", 联络站="CC01"),
    import_row(意见内容="关于第五条，建议删去“原则上”三个字。"),
]


def test_a_valid_file_is_imported_whole_with_receipts_and_history(consultation):
    staff = make_user(Role.STAFF, station=db.session.scalar(select(Station).where(Station.code == "CC01")))
    n = imports.import_comments(consultation, import_file(GOOD), now=utcnow(), actor=staff, source_name="a.xlsx",
                                **LIMITS)
    db.session.commit()
    assert n.count == 4
    rows = {c.text: c for c in db.session.scalars(select(Comment))}
    first = rows["座谈会上商户提出租金调整要提前告知。"]
    assert (first.provision.label, first.channel, first.identity) == ("第二条", Channel.SYMPOSIUM, Identity.TRADER)
    assert first.station.code == "CC01"
    assert first.phone == "+8613800138000"
    assert first.collected_on.isoformat() == "2024-05-01"
    assert first.tokens
    third = rows["电话反映第二款不清楚。"]
    assert (third.provision.label, third.paragraph) == ("第四条", 2)
    assert rows["关于第五条，建议删去“原则上”三个字。"].provision.label == "第五条"  # named in the text
    assert rows["来信建议第三条写明期限。"].station_id == staff.station_id  # the importer's own station
    assert count(CommentEvent) == 4
    assert len({c.receipt_code for c in rows.values()}) == 4
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "comment.import"))
    assert len(event.object_ids) == 4


def test_a_stations_staff_cannot_import_rows_of_another_station(consultation):
    staff = make_user(Role.STAFF, station=make_station(code="CC02", name="福田街道联络站"))
    rows = [import_row(意见内容="本站的意见。", 联络站="CC02"), import_row(意见内容="别站的意见。", 联络站="CC01"),
            import_row(意见内容="没写联络站，算本站的。")]
    with pytest.raises(ImportRejected) as refused:
        imports.import_comments(consultation, import_file(rows), now=utcnow(), actor=staff, **LIMITS)
    assert [(p.row, p.column, p.code) for p in refused.value.problems] == [(3, "联络站", "station.other")]
    assert count() == 0


def test_one_bad_row_refuses_the_whole_file_and_every_problem_is_listed(consultation):
    bad = GOOD + [
        import_row(条款="第九十九条", 意见内容="不存在的条款"),
        import_row(条款="第二条", 意见内容=""),
        import_row(意见内容="日期写错了", 收集日期="2024-13-45"),
        import_row(意见内容="电话写错了", 联系电话="12345"),
        import_row(意见内容="联络站不存在", 联络站="火星联络站"),
    ]
    with pytest.raises(ImportRejected) as raised:
        imports.import_comments(consultation, import_file(bad), now=utcnow(), **LIMITS)
    problems = {(p.row, p.column, p.code) for p in raised.value.problems}
    assert problems == {(6, "条款", "article.unknown"), (7, "意见内容", "required"), (8, "收集日期", "date.invalid"),
                        (9, "联系电话", "phone.invalid"), (10, "联络站", "choice.unknown")}
    db.session.rollback()
    assert count() == 0


@pytest.mark.parametrize(("data", "code"), [
    (b"not a workbook at all", "import.not_xlsx"),
    (b"PK\x03\x04truncated", "import.corrupt"),
])
def test_files_that_are_not_templates_are_refused(consultation, data, code):
    with pytest.raises(ImportRejected) as raised:
        imports.import_comments(consultation, data, now=utcnow(), **LIMITS)
    assert raised.value.code == code
    assert count() == 0


@pytest.mark.parametrize(("limits", "code"), [
    ({"max_rows": 3, "max_bytes": LIMITS["max_bytes"]}, "import.too_many_rows"),
    ({"max_rows": 1000, "max_bytes": 1000}, "import.too_large"),
])
def test_the_limits_the_caller_passes_are_kept(consultation, limits, code):
    with pytest.raises(ImportRejected) as raised:
        imports.import_comments(consultation, import_file(GOOD), now=utcnow(), **limits)
    assert raised.value.code == code
    assert count() == 0


def test_the_template_offers_this_sites_stations(consultation):
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(imports.template(consultation, max_rows=100)))
    cells = [str(v) for row in book.worksheets[1].iter_rows(values_only=True) for v in row if v]
    assert "稠城街道联络站" in cells
    assert "外籍商人" in cells


def test_the_command_exits_1_with_row_numbered_errors_and_imports_nothing(consultation, app, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(import_file([import_row(条款="第九十九条", 意见内容="不存在的条款")]))
    result = app.test_cli_runner().invoke(main, ["comments", "import", str(consultation.version.draft_id), str(path)])
    assert result.exit_code == 1
    assert "row 2, 条款" in result.output
    assert count() == 0
    path.write_bytes(import_file(GOOD))
    result = app.test_cli_runner().invoke(main, ["comments", "import", str(consultation.version.draft_id), str(path)])
    assert result.exit_code == 0, result.output
    assert "4 comments imported" in result.output


def test_a_call_imports_proposals_from_the_command_line(app, tmp_path):
    from ..builders import make_proposal_call
    from ..reports.helpers import proposal_file, proposal_row

    with app.app_context():
        call = make_proposal_call()
        db.session.commit()
        call_id = call.id
    path = tmp_path / "proposals.xlsx"
    row = proposal_row(建议项目名称="物业管理条例", 立法必要性="物业费乱涨，业主没处说理。")
    path.write_bytes(proposal_file([row]))
    runner = app.test_cli_runner()
    both = runner.invoke(main, ["comments", "import", "5", str(path), "--consultation", str(call_id)])
    assert both.exit_code == 2
    result = runner.invoke(main, ["comments", "import", str(path), "--consultation", str(call_id)])
    assert result.exit_code == 0, result.output
    assert "1 proposals imported" in result.output
    with app.app_context():
        assert db.session.scalar(select(Comment.title)) == "物业管理条例"
