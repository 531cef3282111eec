"""Off-topic reasons: ads, abuse, unrelated complaints, empty agreement; on-topic text left alone."""

import pytest

from legislink.analysis import AnalysisOptions, Comment, classify_offtopic

from .conftest import DRAFT_TITLE


def _reasons(articles, segmenter, *texts):
    comments = [Comment(id=str(k), text=t) for k, t in enumerate(texts)]
    found = classify_offtopic(articles, comments, options=AnalysisOptions(title=DRAFT_TITLE), segmenter=segmenter)
    return [found[str(k)] for k in range(len(texts))]


@pytest.mark.parametrize(("text", "reason"), [
    ("代开各类发票，正规渠道，微信同号13812345678", "ad"),
    ("刷单兼职日结300，宝妈学生都能做，加QQ 123456789", "ad"),
    ("Cheap shipping from Yiwu to Dubai, best price, WhatsApp +86 139 0000 1111", "ad"),
    ("專業跨境電商培訓，零基礎三個月月入過萬，名額有限，私訊諮詢！", "ad"),
    ("同意", "empty"),
    ("完全支持，没有意见！", "empty"),
    ("支持👍", "empty"),
    ("一群吃干饭的，电话永远打不通", "abuse"),
    ("我们小区物业乱收停车费，一个月涨到三百，有没有人管？", "unrelated"),
    ("樓上每天半夜裝修，吵得睡不著，物業也不管。", "unrelated"),
])
def test_off_topic_comments_get_their_reason(articles, segmenter, text, reason):
    assert _reasons(articles, segmenter, text) == [reason]


@pytest.mark.parametrize("text", [
    "支持！就是希望多宣传，让老年人都知道电话卡不能随便借给别人。",
    "有人在群里招刷单兼职、收购电话卡，说日结多少钱，其实是帮诈骗团伙洗钱，法律要管起来。",
    "第三条写得好，垃圾短信和骚扰电话太多了，实名制要落实。",
    "Good law. Please also publish an English version for foreign traders in Yiwu.",
    "我做电话卡批发，客户都是加微信下单的，价格一天一变。第三条要求每张卡当面核验，建议允许视频核验。",
    "第八条应当写明：在微信群里出售电话卡的，按出售处罚，联系电话公开的也一样。",
])
def test_comments_on_the_draft_are_not_off_topic(articles, segmenter, text):
    assert _reasons(articles, segmenter, text) == [None]
