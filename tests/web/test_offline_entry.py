"""Offline entry (issue 17 points 9 and 10): 身份 as the person said it, and today's date and the
signed-in collector already filled in."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from legislink.extensions import db
from legislink.models import Comment, Identity, Role

from ..builders import make_consultation, make_station, make_user
from ..conftest import post_form, sign_in


@pytest.fixture
def url(ctx):
    station = make_station(code="CC01", name="稠城街道联络站")
    consultation = make_consultation()
    make_user(Role.STAFF, username="wang", display_name="信息员小王", station=station)
    db.session.commit()
    return f"/staff/consultations/{consultation.id}/offline"


def _record(client, url, identity):
    return post_form(client, url, {"channel": "symposium", "collected_on": "2024-05-01", "collector": "信息员小王",
                                   "station": "CC01", "text": "座谈会上的一条意见。", "identity": identity})


def test_identity_words_are_kept_and_counted_under_a_category(client, url):
    sign_in(client)
    assert _record(client, url, "外来务工人员").status_code == 302
    stored = db.session.scalar(select(Comment))
    assert (stored.identity, stored.identity_words) == (Identity.RESIDENT, "外来务工人员")


def test_a_category_code_still_works_and_keeps_no_words(client, url):
    sign_in(client)
    assert _record(client, url, "trader").status_code == 302
    stored = db.session.scalar(select(Comment))
    assert (stored.identity, stored.identity_words) == (Identity.TRADER, "")


def test_the_form_offers_the_categories_without_refusing_other_words(client, url):
    sign_in(client)
    html = client.get(url).get_data(as_text=True)
    assert 'list="identity-options"' in html
    assert '<option value="个体工商户">' in html


def test_today_and_the_collector_are_filled_in(client, url):
    sign_in(client)
    html = client.get(url).get_data(as_text=True)
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    assert f'name="collected_on" required type="date" value="{today}"' in html
    assert 'name="collector" required type="text" value="信息员小王"' in html
