"""Names and phone numbers, however they came in (online form, offline entry, Excel import),
never reach a public page, the open data API, the request logs or a default export."""

import io
import logging
import re
from datetime import timedelta
from urllib.parse import urlsplit

from openpyxl import load_workbook
from sqlalchemy import select

from legislink.cli import main
from legislink.extensions import db
from legislink.models import Adoption, Comment, OpinionGroup, User, utcnow
from legislink.services import adoption

from ..conftest import post_form
from ..reports.helpers import import_file, import_row

# Distinctive enough that any hit is a leak: (name, phone as typed, phone as stored).
PEOPLE = {
    "online": ("欧阳測試甲", "139 1234 5678", "+8613912345678"),
    "offline": ("司马测试乙", "+44 20 7946 0958", "+442079460958"),
    "import": ("诸葛测试丙", "13700001111", "+8613700001111"),
    "refused": ("皇甫测试丁", "13655554444", "+8613655554444"),
}


def leaks(text: str) -> list[str]:
    """Every seeded name or phone found in `text`, phones also with their separators removed."""
    digits = re.sub(r"\D", "", text)
    found = [name for name, _, _ in PEOPLE.values() if name in text]
    for _, typed, stored in PEOPLE.values():
        national = re.sub(r"\D", "", typed).removeprefix("44")
        if stored in text or national in digits:
            found.append(stored)
    return found


def seed(app, staff, world) -> dict[str, str]:
    """One comment per entry path, each with a name and a phone; returns their receipt codes."""
    codes = {}
    name, phone, _ = PEOPLE["online"]
    resident = app.test_client()
    response = post_form(resident, world.comment_url, {
        "article": "第一条", "text": "建议写明摊位租金的调整程序和提前告知的期限。", "identity": "trader",
        "station": "CC01", "name": name, "phone": phone, "consent": "y"})
    codes["online"] = urlsplit(response.headers["Location"]).path.rsplit("/", 1)[1]
    name, phone, _ = PEOPLE["offline"]
    response = post_form(staff, f"/staff/consultations/{world.consultation_id}/offline", {
        "channel": "symposium", "collected_on": "2024-05-01", "collector": "王晓明", "station": "CC01",
        "article": "第二条", "text": "座谈会上外籍商人建议提供英文版的告知书。", "identity": "foreign_merchant",
        "name": name, "phone": phone, "consent": "y"})
    codes["offline"] = response.headers["Location"].rsplit("/", 1)[1]
    name, phone, _ = PEOPLE["import"]
    workbook = import_file([import_row(条款="第三条", 意见内容="来信建议第三条写明收费标准的公示方式。", 提出人=name,
                                       联系电话=phone, 收集方式="信件")])
    response = post_form(staff, f"/staff/consultations/{world.consultation_id}/import/",
                         {"file": (io.BytesIO(workbook), "comments.xlsx")}, content_type="multipart/form-data")
    assert response.status_code == 302
    codes["import"] = db.session.scalar(select(Comment.receipt_code).where(Comment.name == name))
    assert all(codes.values())
    return codes


def adopt_everything(world) -> None:
    """One reported opinion holding every comment, marked adopted: receipts show the outcome."""
    group = OpinionGroup(consultation_id=world.consultation_id, key="g", summary="写明调整程序。",
                         reported_at=utcnow() - timedelta(days=1))
    db.session.add(group)
    db.session.flush()
    for comment in db.session.scalars(select(Comment)):
        comment.group_id = group.id
    group.representative_id = db.session.scalar(select(Comment.id).order_by(Comment.id))
    consultation = group.consultation
    reviewer = db.session.scalar(select(User).where(User.username == "root"))
    adoption.mark(consultation, group.id, Adoption.ADOPTED, note="已采纳。", final_text="应当写明调整程序。",
                  final_version_id=None, now=utcnow(), actor=reviewer)
    db.session.commit()


def without_own_inputs(html: str) -> str:
    """A refused form shows its sender what they typed, in its own inputs; nothing else may."""
    return re.sub(r'<input[^>]*name="(?:name|phone)"[^>]*>', "", html)


def public_pages(client, world, codes) -> dict[str, str]:
    draft = world.draft_id
    pages = {url: client.get(url) for url in (
        "/", f"/drafts/{draft}", f"/drafts/{draft}/comment", f"/drafts/{draft}/comment?article=第一条",
        f"/drafts/{draft}/results", "/receipts", "/api/v1/consultations", f"/api/v1/drafts/{draft}",
        f"/api/v1/drafts/{draft}/stats",
        *(f"/receipts/{code}" for code in codes.values()),
        f"/receipts/{codes['online']}/certificate")}
    name, phone, _ = PEOPLE["refused"]
    pages["comment form after an error"] = post_form(client, world.comment_url, {
        "text": "短", "identity": "resident", "name": name, "phone": phone, "consent": "y"})
    for url, response in pages.items():
        assert response.status_code == 200, url
    texts = {url: response.get_data(as_text=True) for url, response in pages.items()}
    texts["comment form after an error"] = without_own_inputs(texts["comment form after an error"])
    return texts


def test_names_and_phones_reach_no_public_page_api_log_or_default_export(app, staff, world, caplog, tmp_path):
    caplog.set_level(logging.DEBUG, logger="legislink")
    codes = seed(app, staff, world)
    adopt_everything(world)
    client = app.test_client()
    texts = public_pages(client, world, codes)
    assert "采 纳 证 明" in texts[f"/receipts/{codes['online']}/certificate"] or "证明" in texts[
        f"/receipts/{codes['online']}/certificate"]
    # Personal data in a query string must not reach the logs either.
    _, phone, stored = PEOPLE["online"]
    client.get(f"/receipts?code={stored}")
    client.get(f"/drafts/{world.draft_id}/comment?phone={phone}&name={PEOPLE['online'][0]}")
    texts["staff report rows (JSON)"] = staff.get(f"/api/v1/drafts/{world.draft_id}/report").get_data(as_text=True)

    runner = app.test_cli_runner()
    plain, with_contact = tmp_path / "report.xlsx", tmp_path / "with-contact.xlsx"
    export = ["export", str(world.draft_id), "-o"]
    assert runner.invoke(main, [*export, str(plain)]).exit_code == 0
    assert runner.invoke(main, [*export, str(with_contact), "--with-contact"]).exit_code == 0
    texts["default export"] = workbook_text(plain)
    texts["request logs"] = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("legislink"))

    assert {where: leaks(text) for where, text in texts.items() if leaks(text)} == {}
    assert "request" in texts["request logs"], "the request log was captured"
    # The same scan finds them where they belong: the test would see a leak.
    assert set(leaks(workbook_text(with_contact))) >= {PEOPLE[k][0] for k in ("online", "offline", "import")}


def workbook_text(path) -> str:
    workbook = load_workbook(path, read_only=True)
    try:
        return "\n".join(str(value) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)
                         for value in row if value is not None)
    finally:
        workbook.close()
