"""The opinions page of one article stays one page's size however many comments it drew (page sizes
patched down so the test stays small)."""

import pytest

from legislink.extensions import db
from legislink.models import CommentStatus, OpinionGroup
from legislink.services import opinions

from ..builders import article, make_comment, make_consultation, make_user
from ..conftest import sign_in

LETTER_COPIES = 25
LONE = 30


@pytest.fixture
def crowded(client, monkeypatch):
    monkeypatch.setattr(opinions, "VOICES_PER_PAGE", 10)
    monkeypatch.setattr(opinions, "COPIES_SHOWN", 5)
    with client.application.app_context():
        consultation = make_consultation()
        target = article(consultation.version, 2)
        group = OpinionGroup(consultation_id=consultation.id, key="letter", provision_id=target.id, keywords=["租金"])
        db.session.add(group)
        db.session.flush()
        copies = [make_comment(consultation, provision_id=target.id, group_id=group.id, duplicate_key="d-1",
                               text="同一封信：租金上限应当保留。", status=CommentStatus.ACCEPTED)
                  for _ in range(LETTER_COPIES)]
        group.representative_id, group.size = copies[0].id, LETTER_COPIES
        for n in range(LONE):
            make_comment(consultation, provision_id=target.id, text=f"第{n}条独立意见。", status=CommentStatus.ACCEPTED)
        make_user(username="wang", station=None)
        db.session.commit()
        url = f"/staff/consultations/{consultation.id}/opinions/?article=第二条&lang=en"
    sign_in(client, "wang")
    return client, url


def test_an_article_with_many_comments_is_paged_and_its_form_letter_stays_folded(crowded):
    client, url = crowded
    first = client.get(url).get_data(as_text=True)
    assert first.count('<li class="voice">') == 10
    assert "Page 1 of 4" in first  # 1 letter + 30 comments = 31 voices
    assert "Form letter ×25" in first
    assert first.count("同一封信") == 1 + 5  # the letter, then its first five copies
    assert "…and 19 more copies of the same letter." in first
    last = client.get(url + "&page=4").get_data(as_text=True)
    assert last.count('<li class="voice">') == 1
    assert "30 comments not grouped yet" in last
