"""Issue 17 point 10: after an Excel import, the new comments' receipt codes on the page and as a
download, in the file's order, so staff can hand them back."""

import io

import openpyxl
import pytest
from sqlalchemy import select

from legislink.extensions import db
from legislink.models import Comment, Role
from legislink.services.receipts import display_code

from ..builders import make_consultation, make_station, make_user
from ..conftest import post_form, sign_in
from ..reports.helpers import import_file, import_row


@pytest.fixture
def consultation(ctx):
    station = make_station(code="CC01", name="稠城街道联络站")
    consultation = make_consultation()
    make_user(Role.STAFF, username="wang", station=station)
    db.session.commit()
    return consultation


def test_the_receipt_codes_of_an_import_are_shown_and_downloadable(client, consultation):
    sign_in(client)
    url = f"/staff/consultations/{consultation.id}/import/"
    rows = [import_row(条款="第二条", 意见内容="第一位家长的意见", 身份="家长"),
            import_row(意见内容="来信的意见", 收集方式="信件")]
    response = post_form(client, url, {"file": (io.BytesIO(import_file(rows)), "座谈会.xlsx")},
                         content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    codes = [display_code(c.receipt_code) for c in db.session.scalars(select(Comment).order_by(Comment.id))]
    assert len(codes) == 2
    assert page.index(codes[0]) < page.index(codes[1])
    assert "已导入 2 条意见" in page
    assert "家长" in page

    download = client.get(response.headers["Location"].replace("/receipts?", "/receipts.xlsx?"))
    sheet = openpyxl.load_workbook(io.BytesIO(download.get_data())).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert values[0] == ("序号", "回执编号", "条款", "身份", "联络站", "意见内容")
    assert [row[1] for row in values[1:]] == codes
    assert values[2][5] == "来信的意见"


def test_another_event_is_not_listed(client, consultation):
    sign_in(client)
    for query in ("event=999", "event=x", ""):
        response = client.get(f"/staff/consultations/{consultation.id}/import/receipts?{query}")
        assert response.status_code == 302
        assert response.headers["Location"] == f"/staff/consultations/{consultation.id}/import/"
        download = client.get(f"/staff/consultations/{consultation.id}/import/receipts.xlsx?{query}")
        assert download.status_code == 302
