"""Staff search knows Chinese (issue 17.8): script (OpenCC) and width are normalised on both sides, in
the query, so it works the same on SQLite and PostgreSQL; the column is filled on every write path
and by the migration's backfill for rows stored before it."""

import importlib
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, select, update

from legislink.extensions import db
from legislink.models import Comment
from legislink.services import moderation
from legislink.services.moderation import CommentFilter
from legislink.services.receipts import new_code

from ..builders import article, make_comment, make_consultation, make_draft, make_user
from ..conftest import sign_in

SHANGHAI = ZoneInfo("Asia/Shanghai")

TRADITIONAL = "建議取消電話卡實名登記的重複核驗。"
SIMPLIFIED = "电话卡实名登记应当简化。"
WIDE = "建议在ＡＰＰ里公示收费标准１２项。"


@pytest.fixture
def consultation(ctx):
    made = make_consultation(make_draft())
    for text in (TRADITIONAL, SIMPLIFIED, WIDE, "摊位费应当公示。"):
        make_comment(made, text=text)
    make_comment(made, text="建议写清楚。", suggestion="電話卡實名登記只需一次")
    db.session.commit()
    return made


def found(consultation, words: str) -> set[str]:
    page = moderation.queue(consultation, CommentFilter(text=words), zone=SHANGHAI)
    return {c.text for c in page.comments}


@pytest.mark.parametrize("words", ["电话卡实名登记", "電話卡實名登記", "电话卡實名登记"])
def test_either_script_finds_both(consultation, words):
    assert found(consultation, words) == {TRADITIONAL, SIMPLIFIED, "建议写清楚。"}


@pytest.mark.parametrize("words", ["app", "ＡＰＰ", "App", "12项", "１２项"])
def test_full_and_half_width_and_case_find_each_other(consultation, words):
    assert found(consultation, words) == {WIDE}


def test_an_article_typed_in_traditional_finds_its_comments(consultation):
    make_comment(consultation, text="关于第二条的意见。", provision=article(consultation.version, 2))
    db.session.commit()
    page = moderation.queue(consultation, CommentFilter(article="第二條"), zone=SHANGHAI)
    assert [c.text for c in page.comments] == ["关于第二条的意见。"]


def test_a_percent_sign_is_searched_for_not_a_wildcard(consultation):
    assert found(consultation, "%") == set()


def test_bulk_inserts_fill_the_search_column_too(consultation):
    db.session.execute(insert(Comment), [{"consultation_id": consultation.id, "receipt_code": new_code(),
                                          "text": "導入的意見：電話卡", "tokens": []}])
    db.session.commit()
    stored = db.session.scalar(select(Comment.search_text).where(Comment.text == "導入的意見：電話卡"))
    assert stored.startswith("导入的意见:电话卡")
    assert found(consultation, "导入的意见") == {"導入的意見：電話卡"}


def test_the_migration_backfills_rows_stored_before_it(consultation):
    db.session.execute(update(Comment).values(search_text=""))
    migration = importlib.import_module(
        "legislink.migrations.versions.7c3e5a1f9b20_comments_get_a_normalised_search_column")
    assert migration.backfill(db.session.connection()) == 5
    assert found(consultation, "电话卡实名登记") == {TRADITIONAL, SIMPLIFIED, "建议写清楚。"}


def test_the_moderation_page_filter_finds_the_traditional_text(app, consultation):
    make_user(username="wang")
    db.session.commit()
    client = sign_in(app.test_client(), "wang")
    html = client.get(f"/staff/consultations/{consultation.id}/comments?text=电话卡实名登记").get_data(as_text=True)
    assert "電話卡實名登記的重複核驗" in html
    assert "摊位费应当公示" not in html
