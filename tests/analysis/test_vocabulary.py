"""The draft's own vocabulary: its subjects against general Chinese, its terms' short forms."""

from legislink.analysis import Article
from legislink.analysis.corpus import build_draft

from .conftest import DRAFT_TITLE


def _vocabulary(articles, segmenter):
    return build_draft(articles, DRAFT_TITLE, segmenter).vocabulary


def test_the_drafts_subject_words_are_specific_to_it(articles, segmenter):
    vocabulary = _vocabulary(articles, segmenter)
    assert vocabulary.specificity["诈骗"] > 0
    assert vocabulary.specificity["诈骗"] > vocabulary.specificity.get("进行", 0)


def test_a_short_form_stands_for_the_drafts_term(articles, segmenter):
    vocabulary = _vocabulary(articles, segmenter)
    # 网络 and 诈骗 stand side by side in the draft; residents say 网诈.
    assert vocabulary.draft_words("网诈") == ("网络", "诈骗")
    assert vocabulary.draft_words("诈骗") == ("诈骗",)
    assert vocabulary.draft_words("路灯") == ()


def test_a_one_character_word_stands_for_the_drafts_word_it_begins_only_when_asked(articles, segmenter):
    vocabulary = _vocabulary(articles, segmenter)
    # 罚 (said) for the draft's 罚款: read so for the relation to the draft, not for attribution.
    assert vocabulary.draft_words("罚") == ()
    assert "罚款" in vocabulary.draft_words("罚", shortest=1)
    # A character common in general Chinese is a word of its own: 人 is not 人民.
    assert vocabulary.draft_words("人", shortest=1) == ()


def test_comments_on_the_drafts_subject_relate_more_than_complaints_about_daily_life(articles, segmenter):
    from legislink.analysis.offtopic import draft_relation

    draft = build_draft(articles, DRAFT_TITLE, segmenter)
    on_topic = [(t,) for t in segmenter.tokens("银行账户被骗子拿去转账，开户的时候就该核验身份")]
    complaint = [(t,) for t in segmenter.tokens("楼上天天半夜装修，吵得睡不着")]
    assert draft_relation(on_topic, draft) > 2 * draft_relation(complaint, draft)


def test_a_word_general_chinese_does_not_list_is_unlisted(articles, segmenter):
    vocabulary = _vocabulary(articles, segmenter)
    assert vocabulary.is_unlisted("早该")
    assert not vocabulary.is_unlisted("早")
    assert not vocabulary.is_unlisted("电话卡")


def _everyday_draft(segmenter):
    texts = ["电动自行车应当在指定区域停放，不得在楼道内充电。", "出租人应当保证出租房屋符合安全要求。",
             "互联网租赁自行车运营企业应当及时清理乱停车辆。"]
    arts = [Article(label=f"第{n}条", number=k, path=(), paragraphs=(t,))
            for k, (n, t) in enumerate(zip("一二三", texts, strict=True), start=1)]
    return build_draft(arts, "某市非机动车管理条例", segmenter).vocabulary


def test_an_everyday_word_stands_for_the_statute_term_the_draft_writes_only_when_asked(segmenter):
    vocabulary = _everyday_draft(segmenter)
    # data/everyday.tsv: 房东 -> 出租人, 电瓶车 -> 电动自行车 (written in the draft as 电动 + 自行车).
    assert vocabulary.draft_words("房东", everyday=True) == ("出租人",)
    assert vocabulary.draft_words("电瓶车", everyday=True) == ("电动", "自行车")
    assert vocabulary.draft_words("房东") == ()
    # 小孩 -> 未成年人, a term this draft does not write: nothing.
    assert vocabulary.draft_words("小孩", everyday=True) == ()
