"""What a screen reader and a phone are told about the public pages: the table of contents lists
the articles of a chapter, fifty alike links each name their article, parts in another language
say so, the contact fields say what they hold, and large text is switched and remembered."""

import re

import pytest

from legislink.extensions import db

from ..builders import article, make_comment, make_consultation, make_draft
from .test_public import comment_url


@pytest.fixture
def consultation(ctx):
    made = make_consultation(make_draft())
    db.session.commit()
    return made


def _toc(html: str) -> str:
    return html[html.index('class="toc-list"'):html.index('class="draft-text"')]


def test_the_contents_list_the_articles_under_each_chapter(client, consultation):
    toc = _toc(client.get(f"/drafts/{consultation.version.draft_id}").get_data(as_text=True))
    chapters = toc.split('<details class="toc-articles">')[1:]
    assert [re.findall(r'href="#(a\d+)"', chapter) for chapter in chapters] == [["a1", "a2", "a3"], ["a4", "a5", "a6"]]
    assert "3 条" in chapters[0]


def test_a_long_draft_lists_only_the_articles_of_the_chapter_shown(client, ctx):
    consultation = make_consultation(make_draft(chapters=(("总则", 120), ("经营", 90), ("附则", 5))))
    db.session.commit()
    toc = _toc(client.get(f"/drafts/{consultation.version.draft_id}?part=1").get_data(as_text=True))
    listed = re.findall(r'href="#a(\d+)"', toc)
    assert listed == [str(n) for n in range(121, 211)]
    assert 'href="/drafts/' in toc  # the other chapters are still a link away


def test_each_comment_link_names_its_article_and_paragraph(client, consultation):
    html = client.get(f"/drafts/{consultation.version.draft_id}").get_data(as_text=True)
    names = [re.sub(r"<[^>]+>", "", name).strip() for name in
             re.findall(r'<a class="comment-link"[^>]*>(.*?)</a>', html, re.S)]
    assert "对本条提意见 第二条" in names
    assert "对本款提意见 第二条第二款" in names
    assert len(names) == len(set(names))  # no two links named alike


def test_the_law_text_is_marked_chinese_in_the_english_interface(client, consultation):
    english = client.get(f"/drafts/{consultation.version.draft_id}?lang=en").get_data(as_text=True)
    assert '<div class="draft-text" lang="zh-Hans">' in english
    assert re.search(r'<h1 lang="zh-Hans">示例市场服务条例', english)
    form = client.get(comment_url(consultation, "第二条")).get_data(as_text=True)
    assert 'class="card quoted-provision" lang="zh-Hans"' in form
    chinese = client.get(f"/drafts/{consultation.version.draft_id}?lang=zh").get_data(as_text=True)
    assert '<div class="draft-text">' in chinese  # the page's own language needs no mark


def test_an_english_comment_is_marked_english_on_a_chinese_page(client, consultation):
    english = make_comment(consultation, text="Please publish the market guide in Arabic too.",
                           provision=article(consultation.version, 2))
    traditional = make_comment(consultation, text="建議攤位費的調整應當提前公告。")
    db.session.commit()
    assert 'class="prewrap" lang="en">Please publish' in client.get(
        f"/receipts/{english.receipt_code}").get_data(as_text=True)
    assert 'class="prewrap" lang="zh-Hant">建議' in client.get(
        f"/receipts/{traditional.receipt_code}").get_data(as_text=True)


def test_the_contact_fields_say_what_they_hold(client, consultation):
    html = client.get(comment_url(consultation)).get_data(as_text=True)
    name = re.search(r'<input[^>]*id="name"[^>]*>', html).group()
    phone = re.search(r'<input[^>]*id="phone"[^>]*>', html).group()
    assert 'autocomplete="name"' in name
    assert all(attribute in phone for attribute in ('autocomplete="tel"', 'inputmode="tel"', 'type="tel"'))


def test_large_text_is_switched_by_a_link_and_remembered(client, consultation):
    plain = client.get("/").get_data(as_text=True)
    assert 'class="large-text"' not in plain
    assert "textsize=large" in plain  # the switch
    switched = client.get("/?textsize=large")
    assert 'class="large-text"' in switched.get_data(as_text=True)
    assert "textsize=large" in switched.headers["Set-Cookie"]
    later = client.get(f"/drafts/{consultation.version.draft_id}").get_data(as_text=True)
    assert '<html lang="zh-Hans" class="large-text">' in later
    assert "textsize=standard" in later  # and the way back
    client.get("/?textsize=standard")
    assert 'class="large-text"' not in client.get("/").get_data(as_text=True)


def test_an_unknown_text_size_changes_nothing(client):
    response = client.get("/?textsize=huge")
    assert "Set-Cookie" not in response.headers
    assert 'class="large-text"' not in response.get_data(as_text=True)
