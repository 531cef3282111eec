"""Issue 17 point 10: the poster with its QR code, the consulted text as .docx and .txt, and the
station a poster's QR code chose, already selected on the comment form."""

import io
import re

import docx
import pytest
import segno

from legislink.extensions import db

from ..builders import make_consultation, make_station


@pytest.fixture
def draft_id(ctx):
    make_station(code="CC01", name="稠城街道联络站")
    consultation = make_consultation()
    db.session.commit()
    return consultation.version.draft_id


def test_the_poster_carries_a_qr_code_of_the_draft_page(client, draft_id):
    html = client.get(f"/drafts/{draft_id}/poster").get_data(as_text=True)
    assert '<svg viewBox="0 0 ' in html
    assert 'class="qr"' in html
    assert f"http://localhost/drafts/{draft_id}</p>" in html
    expected = segno.make(f"http://localhost/drafts/{draft_id}", error="m", micro=False)
    assert expected.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr") in html


def test_a_stations_poster_leads_to_the_form_with_the_station_chosen(client, draft_id):
    html = client.get(f"/drafts/{draft_id}/poster?station=CC01").get_data(as_text=True)
    assert "稠城街道联络站" in html
    assert f"http://localhost/drafts/{draft_id}?station=CC01</p>" in html
    page = client.get(f"/drafts/{draft_id}?station=CC01").get_data(as_text=True)
    comment_url = re.search(r'href="(/drafts/\d+/comment\?[^"]*station=CC01[^"]*)"', page).group(1)
    form = client.get(comment_url.replace("&amp;", "&")).get_data(as_text=True)
    assert '<option selected value="CC01">' in form


def test_an_unknown_station_is_left_out_of_the_qr_code(client, draft_id):
    html = client.get(f"/drafts/{draft_id}/poster?station=NOPE").get_data(as_text=True)
    assert f"http://localhost/drafts/{draft_id}</p>" in html


def test_no_poster_for_a_closed_consultation(client, ctx):
    consultation = make_consultation(days_ago=40, days_open=30)
    db.session.commit()
    response = client.get(f"/drafts/{consultation.version.draft_id}/poster")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/drafts/{consultation.version.draft_id}"


def test_the_text_downloads_as_plain_text(client, draft_id):
    response = client.get(f"/drafts/{draft_id}/text.txt")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data().decode("utf-8-sig")
    assert text.startswith("示例市场服务条例（草案）\r\n")
    assert "第一章 总则" in text
    assert "第一条　第一条第一款的内容，关于总则。\r\n第一条第二款的内容。" in text


def test_the_text_downloads_as_a_word_file(client, draft_id):
    response = client.get(f"/drafts/{draft_id}/text.docx")
    assert response.mimetype.endswith("wordprocessingml.document")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(response.get_data())).paragraphs]
    assert paragraphs[0] == "示例市场服务条例（草案）"
    assert "第二章 市场经营" in paragraphs
    assert "第四条　第四条第一款的内容，关于市场经营。" in paragraphs


def test_the_draft_page_links_the_downloads(client, draft_id):
    html = client.get(f"/drafts/{draft_id}").get_data(as_text=True)
    assert f'href="/drafts/{draft_id}/text.docx"' in html
    assert f'href="/drafts/{draft_id}/text.txt"' in html
