"""No typed comment is ever lost: a form whose token has gone, or one sent past the per-address
limit, comes back holding everything typed with a fresh token and a plain word on why; only
accepted comments count toward the limit; and the errors are listed where they are announced."""

import re
from html import unescape

import pytest

from legislink.extensions import db

from ..builders import make_consultation, make_draft
from ..conftest import csrf_token
from .test_public import comment_count, comment_url, send

TEXT = "摊位费的调整应当提前三个月公示，并听取经营户的意见。"


def typed(html: str, name: str) -> str:
    """The value the page's form holds for a field (textarea or input)."""
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', html, re.S) or re.search(
        rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    return unescape(match.group(1)).strip() if match else ""


@pytest.fixture
def consultation(ctx):
    made = make_consultation(make_draft(title="示例市场服务条例（草案）"))
    db.session.commit()
    return made


def _post(client, consultation, token, **fields):
    data = {"article": "第一条", "text": TEXT, "identity": "trader", "station": "", "name": "王阿姨",
            "phone": "13800138000", "csrf_token": token, **fields}
    return client.post(comment_url(consultation), data=data)


def test_a_form_whose_session_has_gone_comes_back_with_everything_typed(app, consultation):
    before_restart = app.test_client()
    old_token = csrf_token(before_restart.get(comment_url(consultation)).get_data(as_text=True))
    after_restart = app.test_client()  # the browser was closed: no session cookie any more

    response = _post(after_restart, consultation, old_token)

    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "已经过期" in html
    assert "您写的内容都还在" in html
    assert (typed(html, "text"), typed(html, "name"), typed(html, "phone")) == (TEXT, "王阿姨", "13800138000")
    assert typed(html, "article") == "第一条"
    assert comment_count() == 0
    fresh = csrf_token(html)
    assert fresh != old_token
    resent = _post(after_restart, consultation, fresh)
    assert resent.status_code == 302
    assert comment_count() == 1


def test_an_expired_token_is_answered_the_same_way(make_app):
    app = make_app(WTF_CSRF_TIME_LIMIT=-1)  # every token is already past its time
    with app.app_context():
        consultation = make_consultation()
        db.session.commit()
        client = app.test_client()
        token = csrf_token(client.get(comment_url(consultation)).get_data(as_text=True))
        html = _post(client, consultation, token).get_data(as_text=True)
        assert typed(html, "text") == TEXT
        assert "已经过期" in html
        assert comment_count() == 0


def test_a_form_sent_from_another_site_is_not_filled_in_with_what_it_sent(client, consultation):
    response = client.post(comment_url(consultation), data={"text": TEXT, "identity": "resident"},
                           headers={"Origin": "https://elsewhere.example"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert TEXT not in html
    assert "请返回" in html
    assert comment_count() == 0


def test_past_the_limit_the_form_comes_back_with_the_text_and_nothing_is_claimed(make_app):
    app = make_app(RATELIMIT_ENABLED=True, COMMENT_RATE_LIMIT="2 per minute")
    with app.app_context():
        consultation = make_consultation()
        db.session.commit()
        client = app.test_client()
        assert send(client, consultation).status_code == 302
        assert send(client, consultation).status_code == 302
        third = send(client, consultation, text=TEXT)
        assert third.status_code == 429
        html = third.get_data(as_text=True)
        assert typed(html, "text") == TEXT
        assert "还没有收到" in html
        assert "已经收到" not in html
        assert csrf_token(html)
        assert comment_count() == 2
        assert client.get("/").status_code == 200  # reading is not limited


def test_only_accepted_comments_count_toward_the_limit(make_app):
    app = make_app(RATELIMIT_ENABLED=True, COMMENT_RATE_LIMIT="2 per minute")
    with app.app_context():
        consultation = make_consultation()
        db.session.commit()
        client = app.test_client()
        # Failed validations (too short, a phone number that is none, an article the draft lacks):
        # a station's shared Wi-Fi must not run out of comments on them.
        for mistake in ({"text": "太短"}, {"phone": "12345"}, {"article": "第九十九条"}, {"text": "太短"}):
            assert send(client, consultation, **mistake).status_code == 200
        assert send(client, consultation).status_code == 302
        assert send(client, consultation).status_code == 302
        assert send(client, consultation).status_code == 429
        assert comment_count() == 2


def test_the_error_summary_links_every_error_to_its_field_and_the_title_says_error(client, consultation):
    response = send(client, consultation, text="太短", phone="12345")
    html = response.get_data(as_text=True)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert title.startswith("错误：")
    summary = html[html.index('class="error-summary"'):]
    summary = summary[:summary.index("</div>")]
    assert re.findall(r'href="#(\w+)"', summary) == ["text", "phone"]
    assert "您的意见" in summary
    assert "电话号码" in summary
    assert 'role="alert"' not in summary  # site.js moves the focus to it: read once, not twice


def test_a_page_without_errors_has_no_error_in_its_title(client, consultation):
    html = client.get(comment_url(consultation)).get_data(as_text=True)
    assert "错误" not in re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "error-summary" not in html


def test_an_address_past_its_limit_is_refused_before_any_work(make_app, monkeypatch):
    from legislink.web import public

    app = make_app(RATELIMIT_ENABLED=True, COMMENT_RATE_LIMIT="1 per minute")
    with app.app_context():
        consultation = make_consultation()
        db.session.commit()
        client = app.test_client()
        assert send(client, consultation).status_code == 302
        submitted = []
        monkeypatch.setattr(public.comments, "submit", lambda *a, **k: submitted.append(a))
        response = send(client, consultation, text=TEXT)
        assert response.status_code == 429
        assert typed(response.get_data(as_text=True), "text") == TEXT
        assert submitted == []  # no segmenting, no insert to roll back
