"""A long comment is never cut: no `maxlength` for the browser to cut a paste at, a live count, and
past the limit the server says by how much with every character still in the box (issue 17.1)."""

import re
from html import unescape

import pytest

from legislink.extensions import db

from ..builders import make_consultation, make_draft, make_station, make_user
from ..conftest import sign_in
from .test_public import comment_count, comment_url, send

PASTED = "经营户的电话卡被暂停前应当先收到通知。" * 1000  # 19,000 characters


@pytest.fixture
def consultation(ctx):
    made = make_consultation(make_draft(title="示例市场服务条例（草案）"))
    make_station(code="CC01", name="稠城街道联络站")
    db.session.commit()
    return made


def boxes(html: str) -> dict[str, str]:
    """Each textarea's opening tag, by name."""
    return {m.group(2): m.group(1) for m in re.finditer(r'(<textarea[^>]*name="(\w+)"[^>]*>)', html)}


def test_no_comment_box_carries_a_maxlength_and_each_has_a_counter(client, consultation):
    html = client.get(comment_url(consultation)).get_data(as_text=True)
    for name in ("text", "suggestion", "reason"):
        assert "maxlength" not in boxes(html)[name], boxes(html)[name]
        assert 'data-count-max="5000"' in boxes(html)[name]
        assert f'id="{name}-count" data-for="{name}"' in html
    assert 'data-under="已写 {count} 字，上限 5,000 字"' in html


def test_a_comment_over_the_limit_comes_back_whole_with_its_length(client, consultation):
    response = send(client, consultation, text=PASTED, suggestion="建议增加通知期限。")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    error = re.search(r'id="text-error">([^<]*)<', html).group(1)
    assert "19,000" in error
    assert "5,000" in error
    assert "没有删减" in error
    kept = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert unescape(kept).strip() == PASTED
    assert comment_count() == 0


def test_a_comment_at_the_limit_is_accepted(client, consultation):
    response = send(client, consultation, text="很" * 5000)
    assert response.status_code == 302
    assert comment_count() == 1


def test_the_offline_entry_form_does_not_cut_either(client, consultation):
    make_user(username="wang")
    db.session.commit()
    sign_in(client)
    html = client.get(f"/staff/consultations/{consultation.id}/offline").get_data(as_text=True)
    assert "maxlength" not in boxes(html)["text"]
    assert 'id="text-count"' in html
