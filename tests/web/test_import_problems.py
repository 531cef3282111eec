"""A refused import file can hold a problem in every cell: the page lists the first ones with the
total, and the whole list comes as a CSV (page size patched down so the files stay small)."""

import csv
import io
from io import BytesIO

import pytest
from sqlalchemy import func, select

from legislink.extensions import db
from legislink.models import Comment
from legislink.web import imports as import_pages

from ..reports.helpers import import_file, import_row
from ..two_stations import build
from .test_route_permissions import _client

BAD_ROWS = 12


@pytest.fixture
def upload(make_app, monkeypatch):
    monkeypatch.setattr(import_pages, "PROBLEMS_SHOWN", 5)
    app = make_app(WTF_CSRF_ENABLED=False)
    with app.app_context():
        contact = build()
        client = _client(app, "staff_a")
        data = import_file([import_row(提出人=f"某人{n}", 意见内容="") for n in range(1, BAD_ROWS + 1)])

        def post(want: str):
            return client.post(f"/staff/consultations/{contact.consultation_id}/import/?lang=en",
                               data={"file": (BytesIO(data), "bad.xlsx"), "want": want},
                               content_type="multipart/form-data")

        yield post


def test_the_page_lists_the_first_problems_and_says_how_many_there_are(upload):
    page = upload("import").get_data(as_text=True)
    assert page.count('<td class="num">') == 5
    assert "The first 5 of 12 problems" in page
    assert 'value="problems"' in page


def test_every_problem_downloads_as_a_csv_and_nothing_is_imported(upload):
    response = upload("problems")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0] == ["行号", "列", "问题"]
    assert [int(r[0]) for r in rows[1:]] == list(range(2, BAD_ROWS + 2))
    assert {r[1] for r in rows[1:]} == {"意见内容"}
    assert db.session.scalar(select(func.count(Comment.id))) == 9  # the world's own comments only
