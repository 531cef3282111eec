"""Reviewers mark, residents see it: receipt, certificate, public results, yearly figures, contact lists;
proposals computed by a run, inline or in the background."""

import os
import time
from datetime import date, datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, update

from legislink import worker
from legislink.extensions import db
from legislink.models import (
    Adoption,
    AnalysisRun,
    AuditEvent,
    CommentEvent,
    CommentEventKind,
    CommentStatus,
    OpinionGroup,
    Role,
    RunKind,
    RunStatus,
    utcnow,
)
from legislink.services import adoption as adoption_service
from legislink.services import figures, reports
from legislink.services.drafts import add_version, import_text, parse_or_refuse

from ..builders import article, make_comment, make_consultation, make_station, make_user
from ..conftest import post_form, rq_burst, sign_in

CONSULTED = """示例市场服务条例（草案）

第一章　总　　则

第一条　为了规范市场服务，制定本条例。

第二条　市场营业时间由市场开办者确定。延长或者缩短营业时间的，应当提前十五日公告。

第三条　市场开办者应当公示收费项目和标准。
"""
FINAL = CONSULTED.replace("（草案）", "").replace("提前十五日公告", "提前三十日公告")


@pytest.fixture
def loop(ctx):
    cc = make_station(code="CC01", name="稠城街道联络站")
    ft = make_station(code="FT02", name="福田街道联络站")
    version = import_text(CONSULTED, title="示例市场服务条例（草案）")
    consultation = make_consultation(version, days_ago=20, days_open=10)
    final = add_version(version.draft, parse_or_refuse(FINAL), label="最终文本")
    now = utcnow()
    group = OpinionGroup(consultation=consultation, key="g", provision_id=article(version, 2).id,
                         summary="营业时间调整应当提前三十日公告。", reported_at=now - timedelta(days=2))
    other = OpinionGroup(consultation=consultation, key="h", provision_id=article(version, 3).id,
                         reported_at=now - timedelta(days=2))
    db.session.add_all([group, other])
    db.session.flush()
    told = make_comment(consultation, provision=article(version, 2), group_id=group.id, station=cc,
                        name="王大锤", phone="+8613800138000", consent=True, suggestion="应当提前三十日公告。")
    silent = make_comment(consultation, provision=article(version, 2), group_id=group.id, station=ft,
                          phone="+8613900139000", consent=False, suggestion="应当提前三十日公告。")
    make_comment(consultation, provision=article(version, 3), group_id=other.id, station=ft)
    make_comment(consultation, status=CommentStatus.SPAM)
    group.representative_id = told.id
    make_user(Role.REVIEWER, username="shen")
    make_user(Role.STAFF, username="wang", station=cc)
    make_user(Role.ADMIN, username="root")
    db.session.commit()
    return {"consultation": consultation, "final": final, "group": group, "other": other, "told": told,
            "silent": silent}


def test_a_reviewer_has_marks_proposed_and_confirms_one(client, loop):
    sign_in(client, "shen")
    url = f"/review/consultations/{loop['consultation'].id}/adoption"
    assert "badge warn" not in client.get(url).get_data(as_text=True)  # opening the page proposes nothing
    response = post_form(client, url + "/propose", {"to": loop["final"].id}, form_url=url)
    assert response.status_code == 302
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "adoption.suggest"))
    page = client.get(url + "?show=all").get_data(as_text=True)
    assert '<span class="badge warn">提议：采纳</span>' in page
    assert "<ins>" in page  # the two wordings, what changed marked
    assert "<del>" in page
    form = {"outcome": "adopted", "final_text": "应当提前三十日公告。", "note": "公告期延长了。",
            "to": loop["final"].id}
    response = post_form(client, f"{url}/{loop['group'].id}", form, form_url=url)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(OpinionGroup, loop["group"].id).adoption == Adoption.ADOPTED
    receipt = client.get(f"/receipts/{loop['told'].receipt_code}").get_data(as_text=True)
    assert "采纳" in receipt
    assert '<dd class="prewrap final-wording">应当提前三十日公告。</dd>' in receipt
    assert '<dd class="prewrap reviewer-note">公告期延长了。</dd>' in receipt
    certificate = client.get(f"/receipts/{loop['told'].receipt_code}/certificate").get_data(as_text=True)
    assert "采 纳 证 明" in certificate
    assert "最终条文：应当提前三十日公告。</p>" in certificate
    assert "审核说明：公告期延长了。</p>" in certificate
    assert "王大锤" not in certificate


def test_staff_cannot_mark_and_there_is_no_certificate_before_a_mark(client, loop):
    sign_in(client, "wang")
    assert client.get(f"/review/consultations/{loop['consultation'].id}/adoption").status_code == 403
    assert client.get(f"/receipts/{loop['told'].receipt_code}/certificate").status_code == 404


def _mark(loop, outcome=Adoption.ADOPTED):
    from legislink.services import adoption

    adoption.mark(loop["consultation"], loop["group"].id, outcome, note="", final_text="应当提前三十日公告。",
                  final_version_id=loop["final"].id, now=utcnow(), actor=None)
    db.session.commit()


def test_the_public_results_page_shows_outcomes_without_personal_data(client, loop):
    _mark(loop)
    page = client.get(f"/drafts/{loop['consultation'].version.draft_id}/results").get_data(as_text=True)
    assert "营业时间调整应当提前三十日公告。" in page
    assert "王大锤" not in page
    assert "13800138000" not in page
    results = figures.public_results(loop["consultation"])
    assert (results.participants, results.comments, results.reported, results.adopted) == (3, 3, 2, 1)


def test_yearly_figures_match_a_hand_count(loop):
    _mark(loop, Adoption.PARTLY)
    zone = ZoneInfo("Asia/Shanghai")
    today = datetime.now(zone).date()  # the figures count days as the contact point does
    report = figures.yearly(today - timedelta(days=60), today, contact_point="示例联系点", zone=zone)
    total = report.total
    assert report.contact_point == "示例联系点"
    # 3 received (spam excluded) from 3 people; 2 opinions reported, 1 partly adopted, 1 draft.
    assert (total.drafts, total.participations, total.comments, total.reported, total.adopted,
            total.partly_adopted) == (1, 3, 3, 2, 0, 1)
    by_station = dict(report.stations)
    assert (by_station["稠城街道联络站"].comments, by_station["稠城街道联络站"].reported) == (1, 1)
    assert (by_station["福田街道联络站"].comments, by_station["福田街道联络站"].reported) == (2, 2)
    empty = figures.yearly(date(2001, 1, 1), date(2001, 12, 31), contact_point="示例联系点", zone=zone).total
    assert (empty.drafts, empty.comments, empty.reported) == (0, 0, 0)


def test_a_call_for_proposals_is_not_counted_as_a_draft_and_does_not_break_the_figures(loop):
    from legislink.models import ConsultationKind
    from legislink.services.consultations import open_consultation

    zone = ZoneInfo("Asia/Shanghai")
    today = datetime.now(zone).date()
    open_consultation(None, kind=ConsultationKind.PROPOSAL, title="2027年度立法项目征集",
                      opens_on=today - timedelta(days=3), closes_on=today + timedelta(days=30))
    db.session.commit()
    total = figures.yearly(today - timedelta(days=60), today, contact_point="示例联系点", zone=zone).total
    assert total.drafts == 1


def test_the_figures_page_and_its_workbook(client, loop):
    _mark(loop)
    sign_in(client, "shen")
    page = client.get("/staff/figures/").get_data(as_text=True)
    assert page.count('class="bar-chart"') == 2  # comments and adoption by station, each with its table
    assert page.count('class="table-wrap chart-table"') == 2
    downloaded = post_form(client, "/staff/figures/figures.xlsx", {"from": "2001-01-01", "to": "2001-12-31"},
                           form_url="/staff/figures/")
    book = load_workbook(BytesIO(downloaded.data))
    assert book.sheetnames == ["年度统计"]
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "figures.export"))


def test_the_contact_list_holds_only_consenting_commenters_of_the_own_station(client, loop):
    _mark(loop)
    sign_in(client, "wang")
    url = f"/staff/consultations/{loop['consultation'].id}/report"
    assert post_form(client, url + "/contacts.xlsx", {}, form_url=url + "/").status_code == 403  # admins only
    assert post_form(client, url + "/contacts/FT02.xlsx", {}, form_url=url + "/").status_code == 403  # another one
    downloaded = post_form(client, url + "/contacts/CC01.xlsx", {}, form_url=url + "/")
    rows = list(load_workbook(BytesIO(downloaded.data)).active.iter_rows(
        values_only=True))
    assert rows[0][:4] == ("序号", "回执编号", "姓名", "联系电话")
    assert [r[2] for r in rows[1:]] == ["王大锤"]
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "adoption.contacts"))


def test_reported_stage_reaches_the_receipt(client, loop):
    reports.mark_reported(loop["consultation"], utcnow())
    db.session.commit()
    page = client.get(f"/receipts/{loop['silent'].receipt_code}").get_data(as_text=True)
    assert page.count('class="done"') == 2  # received and reported


def _reported_events() -> int:
    return db.session.scalar(select(func.count()).select_from(CommentEvent)
                             .where(CommentEvent.kind == CommentEventKind.REPORTED))


def test_a_reviewer_reads_the_report_but_cannot_record_it_as_sent(client, loop):
    sign_in(client, "shen")
    report = f"/staff/consultations/{loop['consultation'].id}/report/"
    page = client.get(report)
    assert page.status_code == 200
    assert "Record as reported upward" not in page.get_data(as_text=True)
    assert "登记为已上报" not in page.get_data(as_text=True)
    response = post_form(client, report + "reported", {}, form_url=report)
    assert response.status_code == 403
    assert _reported_events() == 0


def test_staff_who_export_the_report_record_it_as_sent(client, loop):
    sign_in(client, "wang")
    report = f"/staff/consultations/{loop['consultation'].id}/report/"
    assert post_form(client, report + "reported", {"confirm": "1"}, form_url=report).status_code == 302
    assert _reported_events() == 3


def test_the_certificate_in_english_with_dates_written_one_way(client, loop):
    import re

    _mark(loop)
    url = f"/receipts/{loop['told'].receipt_code}/certificate"
    english = client.get(url + "?lang=en").get_data(as_text=True)
    body = english[english.index('<article class="certificate"'):english.index("</article>")]
    assert "C E R T I F I C A T E" in body
    assert "adopted by the legislature" in body
    assert "采纳" not in body
    dates = re.findall(r"[A-Z][a-z]+ \d{1,2}, \d{4}", body)
    assert len(dates) == 2
    assert not re.search(r"\d{1,2}:\d{2}", body)  # no time of day beside one of them
    chinese = client.get(url + "?lang=zh").get_data(as_text=True)
    body = chinese[chinese.index('<article class="certificate"'):chinese.index("</article>")]
    assert "采 纳 证 明" in body
    assert len(re.findall(r"\d{4}年\d{1,2}月\d{1,2}日", body)) == 2
    assert not re.search(r"\d{1,2}:\d{2}", body)


def _runs(kind=RunKind.ADOPTION) -> list[AnalysisRun]:
    db.session.expire_all()
    return list(db.session.scalars(select(AnalysisRun).where(AnalysisRun.kind == kind)))


def test_a_big_proposal_run_goes_to_the_background_and_the_page_follows_it(client, loop, monkeypatch):
    sent = []
    monkeypatch.setattr(worker, "launch", lambda app, run_id, redis_url: sent.append(run_id))
    client.application.config["ADOPTION_BACKGROUND_THRESHOLD"] = 1  # the loop's group has two comments
    sign_in(client, "shen")
    url = f"/review/consultations/{loop['consultation'].id}/adoption"
    response = post_form(client, url + "/propose", {"to": loop["final"].id}, form_url=url)
    assert response.status_code == 302
    (run,) = _runs()
    assert sent == [run.id]
    assert run.status == RunStatus.QUEUED
    assert run.total == 3
    assert run.summary == {"final_version": loop["final"].id}
    audits = db.session.scalar(select(func.count(AuditEvent.id)))
    page = client.get(url).get_data(as_text=True)
    assert "正在后台生成采纳提议" in page
    assert "正在生成提议" in page
    assert "已判断 0 / 3 条上报意见" in page
    assert '<meta http-equiv="refresh" content="3">' in page
    assert url + "/propose" not in page  # no second start while one runs
    again = post_form(client, url + "/propose", {"to": loop["final"].id}, form_url=url + "?show=all")
    assert again.status_code == 302
    assert "本次征求意见的采纳提议正在生成" in client.get(url).get_data(as_text=True)
    assert len(_runs()) == 1
    assert db.session.scalar(select(func.count(AuditEvent.id))) == audits  # the GETs wrote nothing
    assert db.session.get(OpinionGroup, loop["group"].id).proposed_adoption is None
    # The worker executes it: proposals stored, audited as the reviewer's, the page shows them.
    worker.run(run.id)
    (run,) = _runs()
    assert run.status == RunStatus.DONE
    assert run.summary["proposed"] == 2
    assert run.summary["split"] == 0  # the opinion's two comments asked the same
    assert run.done == 3
    assert db.session.get(OpinionGroup, loop["group"].id).proposed_adoption == Adoption.ADOPTED
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "adoption.suggest"))
    assert event.username == "shen"
    page = client.get(url + "?show=all").get_data(as_text=True)
    assert '<span class="badge warn">提议：采纳</span>' in page
    assert 'http-equiv="refresh"' not in page


def test_a_background_proposal_run_finishes_in_a_thread(client, loop):
    client.application.config["ADOPTION_BACKGROUND_THRESHOLD"] = 1
    sign_in(client, "shen")
    url = f"/review/consultations/{loop['consultation'].id}/adoption"
    post_form(client, url + "/propose", {"to": loop["final"].id}, form_url=url)
    deadline = time.monotonic() + 60
    while _runs()[0].status != RunStatus.DONE:
        assert _runs()[0].status != RunStatus.FAILED, _runs()[0].error
        assert time.monotonic() < deadline, "the background run did not finish"
        time.sleep(0.1)
    assert db.session.get(OpinionGroup, loop["group"].id).proposed_adoption == Adoption.ADOPTED


def test_a_proposal_run_that_fails_changes_nothing_and_says_so(client, loop, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("the comparison broke")

    monkeypatch.setattr(adoption_service, "suggest", broken)
    client.application.config["PROPAGATE_EXCEPTIONS"] = False
    sign_in(client, "shen")
    url = f"/review/consultations/{loop['consultation'].id}/adoption"
    assert post_form(client, url + "/propose", {"to": loop["final"].id}, form_url=url).status_code == 500
    (run,) = _runs()
    assert run.status == RunStatus.FAILED
    assert "the comparison broke" in run.error
    assert db.session.get(OpinionGroup, loop["group"].id).proposed_adoption is None
    page = client.get(url).get_data(as_text=True)
    assert "生成提议失败" in page
    assert url + "/propose" in page


def test_a_proposal_run_is_refused_before_it_is_recorded(client, loop):
    sign_in(client, "shen")
    url = f"/review/consultations/{loop['consultation'].id}/adoption"
    post_form(client, url + "/propose", {"to": loop["consultation"].version_id}, form_url=url)
    assert '<p class="flash flash-error">请选择本草案的后续版本进行对照。</p>' in client.get(url).get_data(as_text=True)
    db.session.execute(update(OpinionGroup).values(reported_at=None))
    db.session.commit()
    post_form(client, url + "/propose", {"to": loop["final"].id}, form_url=url)
    assert '<p class="flash flash-error">还没有登记为已上报的意见' in client.get(url).get_data(as_text=True)
    assert _runs() == []


@pytest.mark.skipif(not os.environ.get("LEGISLINK_TEST_REDIS_URL"), reason="needs LEGISLINK_TEST_REDIS_URL")
def test_with_redis_a_proposal_run_goes_to_an_rq_worker(loop):
    from flask import current_app
    from redis import Redis
    from rq import Queue

    from legislink.services import jobs

    url = os.environ["LEGISLINK_TEST_REDIS_URL"]
    connection = Redis.from_url(url)
    Queue(worker.QUEUE_NAME, connection=connection).empty()
    run, background = jobs.start_adoption(loop["consultation"], loop["final"].id, now=utcnow(),
                                          background_threshold=0)
    db.session.commit()
    assert background
    app = current_app._get_current_object()
    assert worker.launch(app, run.id, redis_url=url) == "rq"
    rq_burst(app, connection)
    (done,) = _runs()
    assert done.status == RunStatus.DONE
    assert db.session.get(OpinionGroup, loop["group"].id).proposed_adoption == Adoption.ADOPTED
