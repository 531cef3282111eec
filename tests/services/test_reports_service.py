"""The upward report built from the database: entries, counts, scope, safety, audit."""

import io
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from legislink.extensions import db
from legislink.models import Adoption, AuditEvent, CommentEvent, CommentEventKind, CommentStatus, Identity, OpinionGroup
from legislink.services import ServiceError, reports

from ..builders import article, make_comment, make_consultation, make_station

SETTINGS = reports.ReportSettings(contact_point="示例基层立法联系点", zone=ZoneInfo("Asia/Shanghai"),
                                  contact_name="李联络", contact_phone="0579-0000000")


@pytest.fixture
def setup(ctx):
    consultation = make_consultation()
    version = consultation.version
    cc = make_station(code="CC01", name="稠城街道联络站")
    gm = make_station(code="GM05", name="国际商贸城联络站")
    a2, a5 = article(version, 2), article(version, 5)

    def group(provision, key, summary="", **kw):
        g = OpinionGroup(consultation=consultation, key=key, provision_id=provision.id if provision else None,
                         summary=summary, **kw)
        db.session.add(g)
        db.session.flush()
        return g

    big = group(a2, "big", summary="租金涨幅上限应当保留。")
    small = group(a2, "small")
    later = group(a5, "later")
    general = group(None, "general")
    left_out = group(a5, "left-out", in_report=False)
    for n in range(3):
        make_comment(consultation, text=f"同一封信{n}", provision=a2, group_id=big.id, duplicate_key="d-1",
                     identity=Identity.TRADER, station=gm)
    make_comment(consultation, text="=HYPERLINK(\"http://x\",\"点我\") 租金也要管", provision=a2, group_id=big.id,
                 identity=Identity.LAWYER, station=cc, suggestion="增加一款", name="王大锤", phone="+8613800138000")
    make_comment(consultation, text="涨租要提前通知\x0b并说明理由", provision=a2, group_id=small.id, station=cc)
    make_comment(consultation, text="第五条写得好", provision=a5, group_id=later.id, station=cc)
    make_comment(consultation, text="整部草案都好", group_id=general.id, station=gm)
    make_comment(consultation, text="这条被留在报告外", provision=a5, group_id=left_out.id)
    make_comment(consultation, text="还没有分析的意见", provision=a5, station=cc)
    make_comment(consultation, text="垃圾广告", status=CommentStatus.SPAM)
    db.session.commit()
    return consultation, {"big": big, "small": small, "later": later, "general": general}


def test_entries_follow_the_groups_staff_kept(setup):
    consultation, groups = setup
    data = reports.build(consultation, settings=SETTINGS)
    by_group = {e.group: e for e in data.entries}
    big = by_group[str(groups["big"].id)]
    assert big.count == 4
    assert big.duplicate_count == 3
    assert big.summary == "租金涨幅上限应当保留。"
    assert big.article_label == "第二条"
    assert big.original_text.startswith("第二条第一款的内容")
    assert big.identity_counts == {"个体工商户": 3, "律师": 1}
    assert big.station_counts == {"国际商贸城联络站": 3, "稠城街道联络站": 1}
    assert by_group[str(groups["general"].id)].article_label is None
    texts = {e.representative_text for e in data.entries}
    assert "这条被留在报告外" not in texts  # staff left its group out
    assert "还没有分析的意见" in texts  # not grouped yet: reported on its own
    assert "垃圾广告" not in texts
    assert data.ungrouped == 1
    assert data.header.comments_received == 9
    assert (data.header.contact_point, data.header.contact_name) == ("示例基层立法联系点", "李联络")


def test_a_station_report_holds_only_that_stations_comments(setup):
    consultation, groups = setup
    data = reports.build(consultation, settings=SETTINGS, station_code="GM05")
    assert {e.group for e in data.entries} == {str(groups["big"].id), str(groups["general"].id)}
    assert next(e for e in data.entries if e.group == str(groups["big"].id)).count == 3
    assert "国际商贸城联络站" in data.header.contact_point
    with pytest.raises(ServiceError):
        reports.build(consultation, settings=SETTINGS, station_code="NOPE")


def _workbook(consultation, **kwargs):
    out = io.BytesIO()
    reports.export(consultation, out, **{"settings": SETTINGS, **kwargs})
    db.session.commit()
    return out.getvalue()


def test_the_workbook_reads_back_with_counts_from_the_database(setup):
    consultation, _ = setup
    book = load_workbook(io.BytesIO(_workbook(consultation)))
    assert book.sheetnames == ["汇总表", "意见明细", "统计"]
    summary = list(book["汇总表"].iter_rows(values_only=True))
    assert summary[3] == ("序号", "条款", "草案原文", "修改意见（建议）", "理由及依据", "意见来源", "提出人数", "备注")
    sections = [row[0] for row in summary if row[0] in ("一、总体意见", "二、逐条意见")]
    assert sections == ["一、总体意见", "二、逐条意见"]
    articles = [row[1] for row in summary[5:] if row[1]]
    assert articles[:2] == ["第二条", "第二条"]  # in article order, the bigger group first
    assert set(articles[2:]) == {"第五条"}
    details = list(book["意见明细"].iter_rows(values_only=True))
    assert len(details) - 1 == 9  # every accepted comment, even those whose group is left out; not spam
    assert "回执编号" in details[0]
    assert all("王大锤" not in str(row) for row in details)  # no contact details by default
    formula = next(row for row in details if row[3] and "HYPERLINK" in str(row[3]))
    assert formula[3].startswith("=HYPERLINK")  # kept as text, words unchanged
    assert any("涨租要提前通知并说明理由" == row[3] for row in details)  # the control character removed
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "report.export"))
    assert event.detail["with_contact"] is False


def test_contacts_only_when_asked(setup):
    consultation, _ = setup
    details = list(load_workbook(io.BytesIO(_workbook(consultation, with_contact=True)))["意见明细"].iter_rows(
        values_only=True))
    assert any("王大锤" in str(row) for row in details)


def test_a_second_detail_sheet_past_the_row_limit(setup):
    consultation, _ = setup
    # The header and three comments a sheet.
    book = load_workbook(io.BytesIO(_workbook(consultation, settings=replace(SETTINGS, detail_row_limit=4))))
    assert book.sheetnames[:4] == ["汇总表", "意见明细", "意见明细2", "意见明细3"]


def test_the_adoption_sheet_needs_marks(setup):
    consultation, groups = setup
    with pytest.raises(ServiceError) as raised:
        _workbook(consultation, adoption=True)
    assert raised.value.code == "no_adoption_marks"
    groups["big"].adoption = Adoption.ADOPTED
    groups["big"].final_text = "调整幅度不得超过百分之十。"
    db.session.commit()
    book = load_workbook(io.BytesIO(_workbook(consultation, adoption=True)))
    rows = list(book["采纳情况"].iter_rows(values_only=True))
    assert any("采纳" in row and "调整幅度不得超过百分之十。" in row for row in rows)


def test_marking_the_report_sent_updates_the_receipts_once(setup):
    consultation, groups = setup
    from legislink.models import utcnow

    assert reports.receipts_to_change(consultation) == 7
    assert reports.mark_reported(consultation, utcnow(), confirmed=7) == 7
    with pytest.raises(ServiceError, match="already_reported"):
        reports.mark_reported(consultation, utcnow())
    assert reports.receipts_to_change(consultation) == 0
    db.session.commit()
    events = db.session.scalars(select(CommentEvent).where(CommentEvent.kind == CommentEventKind.REPORTED)).all()
    assert len(events) == 7
    assert db.session.get(OpinionGroup, groups["big"].id).reported_at is not None


def test_a_report_that_changed_since_the_page_was_shown_is_not_recorded(setup):
    consultation, _ = setup
    from legislink.models import utcnow

    with pytest.raises(ServiceError, match="report_changed"):
        reports.mark_reported(consultation, utcnow(), confirmed=6)
    assert reports.receipts_to_change(consultation) == 7
