"""Issue 17 point 10: after an Excel import, the new comments' receipt codes on the page and as a
download, in the file's order, so staff can hand them back."""

import io

import openpyxl
import pytest
from sqlalchemy import func, select

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


def test_a_call_for_proposals_imports_its_own_template_from_its_tab(client, ctx):
    from legislink.models import Attribution

    from ..builders import make_proposal_call
    from ..reports.helpers import proposal_file, proposal_row

    station = make_station(code="CC01", name="稠城街道联络站")
    make_user(Role.STAFF, username="wang", station=station)
    call = make_proposal_call(title="2027年度立法项目建议征集")
    db.session.commit()
    sign_in(client)
    url = f"/staff/consultations/{call.id}/import/"
    page = client.get(url).get_data(as_text=True)
    assert "从 Excel 模板导入立项建议" in page
    assert f'href="{url}"' in client.get(f"/staff/consultations/{call.id}/comments").get_data(as_text=True)
    template = client.get(f"{url}template.xlsx")
    assert "filename*=UTF-8''%E7%AB%8B%E9%A1%B9" in template.headers["Content-Disposition"]  # 立项建议录入模板
    assert openpyxl.load_workbook(io.BytesIO(template.data)).sheetnames[0] == "建议录入"

    rows = [proposal_row(建议项目名称="电动自行车管理条例", 立法必要性="楼道充电隐患大。", 主要内容="集中充电。",
                         身份="居民", 联络站="CC01", 收集方式="座谈会"),
            proposal_row(建议项目名称="养犬管理条例", 立法必要性="遛狗不拴绳。")]
    response = post_form(client, url, {"file": (io.BytesIO(proposal_file(rows)), "立项座谈会.xlsx")},
                         content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    receipts = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "已导入 2 条建议" in receipts
    assert "建议项目名称" in receipts
    saved = db.session.scalars(select(Comment).order_by(Comment.id)).all()
    assert [(c.title, c.text, c.content, c.attribution, c.provision_id) for c in saved] == [
        ("电动自行车管理条例", "楼道充电隐患大。", "集中充电。", Attribution.DRAFT, None),
        ("养犬管理条例", "遛狗不拴绳。", "", Attribution.DRAFT, None)]
    assert {"自行车", "管理条例"} <= set(saved[0].tokens)  # the name is read by the analysis, as online
    event = response.headers["Location"].split("event=")[1]
    book = openpyxl.load_workbook(io.BytesIO(client.get(f"{url}receipts.xlsx?event={event}").data))
    rows_back = list(book.active.iter_rows(values_only=True))
    assert rows_back[0][2] == "建议项目名称"
    assert rows_back[1][2] == "电动自行车管理条例"

    refused = post_form(client, url, {"file": (io.BytesIO(import_file([import_row(意见内容="评论模板")])), "x.xlsx")},
                        content_type="multipart/form-data")
    assert refused.status_code == 200
    assert db.session.scalar(select(func.count(Comment.id))) == 2  # the comment template is refused whole
