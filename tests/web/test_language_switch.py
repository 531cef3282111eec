"""Switching language keeps the page (issue 17.5): after a form comes back with errors, the 中文/English
switch leads to the same form, on the same article, not to the front page. (What was typed rides along
in the browser: tests/e2e/test_nothing_typed_is_lost.py.)"""

import re
from html import unescape

import pytest

from legislink.extensions import db

from ..builders import make_consultation, make_draft
from .test_public import send


@pytest.fixture
def consultation(ctx):
    made = make_consultation(make_draft(title="示例市场服务条例（草案）"))
    db.session.commit()
    return made


def switch_href(html: str, lang: str) -> str:
    return unescape(re.search(rf'<nav class="lang-switch"[^>]*>.*?<a href="([^"]+)" lang="{lang}', html, re.S).group(1))


def test_after_a_form_error_the_switch_leads_to_the_same_form_and_article(client, consultation):
    response = send(client, consultation, article="第二条", text="太短")
    assert response.status_code == 200
    href = switch_href(response.get_data(as_text=True), "en")
    assert href.startswith(f"/drafts/{consultation.version.draft_id}/comment?")
    assert "lang=en" in href
    assert "article=%E7%AC%AC%E4%BA%8C%E6%9D%A1" in href  # 第二条

    english = client.get(href).get_data(as_text=True)
    assert "Your comment on" in english
    assert "第二条" in english


def test_a_page_with_no_address_of_its_own_still_switches_to_the_front_page(client, consultation):
    html = client.get("/no-such-page").get_data(as_text=True)
    assert switch_href(html, "en") == "/?lang=en"
