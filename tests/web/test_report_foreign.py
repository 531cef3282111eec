"""Issue 17 point 10: comments in another language are marked 外文 in the report, staff translate
them for 汇总表 while 意见明细 keeps the original; in English the report page's headings are English
(the workbook stays Chinese)."""

import io

import pytest
from openpyxl import load_workbook

from legislink.extensions import db
from legislink.models import OpinionGroup, Role

from ..builders import article, make_comment, make_consultation, make_user
from ..conftest import csrf_token, post_form, sign_in

ENGLISH = "Please allow market stalls to open one hour earlier on weekends for the morning trade."


@pytest.fixture
def setup(ctx):
    consultation = make_consultation()
    make_user(Role.STAFF, username="wang")
    second = article(consultation.version, 2)
    group = OpinionGroup(consultation=consultation, key="g", provision_id=second.id, size=1)
    db.session.add(group)
    db.session.flush()
    comment = make_comment(consultation, text=ENGLISH, provision_id=second.id, group_id=group.id,
                           identity_words="外籍商人")
    db.session.commit()
    return consultation, comment


def _summary_and_detail(client, consultation):
    url = f"/staff/consultations/{consultation.id}/report/"
    token = csrf_token(client.get(url).get_data(as_text=True))
    book = load_workbook(io.BytesIO(client.post(url + "download", data={"csrf_token": token}).get_data()))
    summary = [cell for row in book["汇总表"].iter_rows(values_only=True) for cell in row if cell]
    detail = [cell for row in book["意见明细"].iter_rows(values_only=True) for cell in row if cell]
    return summary, detail


def test_a_foreign_comment_is_marked_and_its_translation_stands_in_the_summary(client, setup):
    consultation, comment = setup
    sign_in(client)
    page = client.get(f"/staff/consultations/{consultation.id}/report/").get_data(as_text=True)
    assert ">外文<" in page
    assert f'action="/staff/consultations/{consultation.id}/report/translations/{comment.id}"' in page
    summary, _ = _summary_and_detail(client, consultation)
    assert ENGLISH in summary
    assert "外文意见，尚未翻译" in summary

    translated = "建议周末允许市场摊位提前一小时开门，方便早市。"
    url = f"/staff/consultations/{consultation.id}/report/"
    response = post_form(client, f"{url}translations/{comment.id}", {"translation": translated}, form_url=url)
    assert response.status_code == 302
    summary, detail = _summary_and_detail(client, consultation)
    assert translated in summary
    assert ENGLISH not in summary
    assert "外文意见，已译为中文，原文见意见明细" in summary
    assert ENGLISH in detail
    assert translated not in detail


def test_a_translation_of_another_consultations_comment_is_refused(client, setup):
    consultation, _ = setup
    other = make_comment(make_consultation(), text="Another one")
    db.session.commit()
    sign_in(client)
    url = f"/staff/consultations/{consultation.id}/report/"
    post_form(client, f"{url}translations/{other.id}", {"translation": "别的"}, form_url=url)
    db.session.expire_all()
    assert db.session.get(type(other), other.id).translation == ""


def test_the_report_page_speaks_english_and_the_workbook_stays_chinese(client, setup):
    consultation, _ = setup
    sign_in(client, lang="en")
    page = client.get(f"/staff/consultations/{consultation.id}/report/?lang=en").get_data(as_text=True)
    head = page[page.index("<thead>"):page.index("</thead>")]
    assert "Raised by" in head
    assert "意见来源" not in head
    assert "序号" not in head
    assert "外籍商人: 1" in page
    summary, _ = _summary_and_detail(client, consultation)
    assert "意见来源" in summary
    assert "外籍商人1人" in summary
