"""The public results never publish a resident's own words (issue 17.3): a staff summary, or the article
and how many people raised it; and the results are found from the front page, the draft page and the
receipt lookup."""

import pytest

from legislink.extensions import db
from legislink.models import Adoption, OpinionGroup, utcnow

from ..builders import article, make_comment, make_consultation, make_draft

RAW = "我家楼下的摊位每天早上五点就开始卸货，吵得老人睡不着，电话13800138000。"


@pytest.fixture
def closed(ctx):
    consultation = make_consultation(make_draft(title="已结束的条例（草案）"), days_ago=40, days_open=30)
    version = consultation.version
    now = utcnow()
    summarised = OpinionGroup(consultation=consultation, key="s", provision_id=article(version, 2).id,
                              summary="建议限定卸货时间。", reported_at=now, adoption=Adoption.ADOPTED)
    bare = OpinionGroup(consultation=consultation, key="b", provision_id=article(version, 3).id,
                        reported_at=now, adoption=Adoption.NOT_ADOPTED)
    db.session.add_all([summarised, bare])
    db.session.flush()
    for phone in ("+8613800138000", "+8613800138000", "+8613900139000"):  # two people, three comments
        raw = make_comment(consultation, provision=article(version, 3), group_id=bare.id, phone=phone, text=RAW)
    bare.representative_id = raw.id
    bare.size = 3
    make_comment(consultation, provision=article(version, 2), group_id=summarised.id, text=RAW)
    db.session.commit()
    return consultation


def test_a_group_without_a_summary_shows_its_article_and_people_never_the_text(client, closed):
    page = client.get(f"/drafts/{closed.version.draft_id}/results").get_data(as_text=True)
    assert "建议限定卸货时间。" in page
    assert "吵得老人睡不着" not in page
    assert "13800138000" not in page
    assert "共有 2 人提出这条意见，摘要尚未公布。" in page


def test_results_are_linked_from_the_front_page_the_draft_and_the_receipt_lookup(client, closed):
    results = f'href="/drafts/{closed.version.draft_id}/results"'
    assert results in client.get("/").get_data(as_text=True)
    assert results in client.get(f"/drafts/{closed.version.draft_id}").get_data(as_text=True)
    assert results in client.get("/receipts").get_data(as_text=True)


def test_an_open_consultation_is_not_listed_for_results_yet(client, ctx):
    opened = make_consultation(make_draft(title="正在征求意见的条例（草案）"), days_ago=2, days_open=12)
    db.session.commit()
    assert f"/drafts/{opened.version.draft_id}/results" not in client.get("/receipts").get_data(as_text=True)
