import pytest

from legislink.reports import ArticleRef, parse_article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第十二条", ArticleRef(12)),
        ("12", ArticleRef(12)),
        ("１２", ArticleRef(12)),
        ("12条", ArticleRef(12)),
        ("第12条第二款", ArticleRef(12, None, 2)),
        ("第十二条第2款", ArticleRef(12, None, 2)),
        ("第二十条之一", ArticleRef(20, 1)),
        ("第二十条之一第三款", ArticleRef(20, 1, 3)),
        (" 第 一千二百六十 条 ", ArticleRef(1260)),
    ],
)
def test_targets_are_read_in_every_accepted_form(text, expected):
    assert parse_article(text) == expected


@pytest.mark.parametrize(
    "text", ["", "第条", "十二款", "第十二条第三项", "第0条", "第十二条第零款", "Article 12", "第12.5条"]
)
def test_anything_else_is_refused(text):
    with pytest.raises(ValueError, match="article"):
        parse_article(text)


def test_labels_are_written_as_the_law_writes_them():
    assert ArticleRef(20, 1, 2).label == "第二十条之一第二款"
    assert ArticleRef(110).label == "第一百一十条"


def test_a_paragraph_target_lies_in_its_article():
    assert ArticleRef(12, None, 2).article == ArticleRef(12)
