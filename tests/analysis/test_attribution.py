"""Attribution by explicit reference, by content, to the whole draft, or kept as staff locked it."""

import numpy as np

from legislink.analysis import AnalysisOptions, Comment, attribute, attribution
from legislink.analysis.attribution import _from_scores
from legislink.analysis.corpus import build_draft

from .conftest import DRAFT_TITLE

OPTIONS = AnalysisOptions(title=DRAFT_TITLE)


def _attribute(articles, segmenter, *texts, **overrides):
    comments = [Comment(id=str(k), text=t, **overrides) for k, t in enumerate(texts)]
    found = attribute(articles, comments, options=OPTIONS, segmenter=segmenter)
    return [found[str(k)] for k in range(len(texts))]


def test_every_written_form_of_a_reference_names_the_article(articles, segmenter):
    texts = ["第三条应当严格执行", "建议第3条增加罚则", "对3条有意见", "关于三条第二款，出租电话卡要处罚",
             "草案第三条第二款写得好", "Article 3 is too weak", "第三條應當嚴格執行"]
    found = _attribute(articles, segmenter, *texts)
    assert [a.article for a in found] == ["第三条"] * len(texts)
    assert all(a.kind == "explicit" for a in found)
    assert found[3].paragraph == 2


def test_references_to_other_laws_are_ignored(articles, segmenter):
    found = _attribute(articles, segmenter, "民法典第一千零四十三条说的是家风，跟这里无关，但我支持打击诈骗。",
                       "《个人信息保护法》第十五条已经有规定了。")
    assert all(a.kind != "explicit" for a in found)


def test_a_chapter_reference_points_at_the_chapter(articles, segmenter):
    (found,) = _attribute(articles, segmenter, "草案第三章对银行的要求太笼统了。")
    assert found.article is None
    assert found.chapter == "第三章 金融治理"


# Other residents' comments in the same consultation: content matching learns their words.
NEIGHBOURS = [
    "第三条的电话卡实名制必须落实，运营商营业厅要当面核验身份证。",
    "对第3条：运营商办理电话卡时核验身份太马虎，实名制形同虚设。",
    "第六条要求银行发现可疑交易采取延迟支付，这个好。",
    "建议第五条的客户尽职调查也适用于支付机构。",
]


def test_an_english_comment_on_sim_cards_is_attributed_by_content(articles, segmenter):
    *_, found = _attribute(articles, segmenter, *NEIGHBOURS,
                           "Real-name registration of SIM cards must be verified by the operator, not only on paper.")
    assert found.kind == "content"
    assert found.article == "第三条"


def test_a_chinese_comment_without_reference_is_attributed_by_content(articles, segmenter):
    (found,) = _attribute(articles, segmenter, "银行发现可疑交易应该马上延迟支付，等钱转走了再冻结就晚了。")
    assert (found.kind, found.article) == ("content", "第六条")


def test_a_comment_on_nothing_in_particular_is_on_the_whole_draft(articles, segmenter):
    (found,) = _attribute(articles, segmenter, "希望这部法律早日出台，多做宣传，让老年人也知道怎么防骗。")
    assert (found.kind, found.article) == ("unattributed", None)


def test_a_staff_locked_attribution_is_kept(articles, segmenter):
    (found,) = _attribute(articles, segmenter, "第三条应当严格执行", locked=True, article="第八条")
    assert (found.kind, found.article) == ("locked", "第八条")


def test_the_article_named_most_often_wins_over_the_first_named(articles, segmenter):
    (found,) = _attribute(articles, segmenter, "第三条和第四条有重复。建议修改第四条，第四条的数量限制应当写明。")
    assert found.article == "第四条"


def test_a_cross_reference_does_not_take_the_attribution(articles, segmenter):
    (found,) = _attribute(articles, segmenter, "建议与第三条相衔接，第六条的延迟支付应当写明时限。")
    assert found.article == "第六条"


def test_an_article_nobody_named_is_found_by_its_own_words(articles, segmenter):
    *_, found = _attribute(articles, segmenter, *NEIGHBOURS,
                           "一个人能办多少张电话卡应该有数量限制，异常办卡要拒绝。")
    assert (found.kind, found.article) == ("content", "第四条")


def test_comments_on_the_article_the_resident_chose_teach_content_matching(articles, segmenter):
    chosen = ["银行看到老人往陌生账户大额转账，应该先打电话核实再放行。",
              "老年人转账给陌生人的时候，银行柜台要多问几句、拦一拦。",
              "陌生账户突然收到大额转账，银行要先核实，别急着放款。"]
    comments = [Comment(id=f"f{k}", text=t, locked=True, article="第六条") for k, t in enumerate(chosen)]
    comments.append(Comment(id="new", text="我妈差点把养老钱转给骗子，幸亏柜员多问了一句。银行就该核实大额转账。"))
    found = attribute(articles, comments, options=OPTIONS, segmenter=segmenter)
    assert (found["new"].kind, found["new"].article) == ("content", "第六条")


def test_a_remark_on_the_whole_draft_is_not_pinned_to_an_article_by_other_comments(articles, segmenter):
    named = ["第七条的互联网服务到底归哪个部门管？建议写明具体的主管部门。",
             "第7条要写清楚由哪个部门负责，不要推来推去。"]
    *_, found = _attribute(articles, segmenter, *named,
                           "总体上看，草案里好多地方只说有关部门，到底哪个部门管？建议写明具体部门，不要推来推去。")
    assert (found.kind, found.article) == ("unattributed", None)


def test_a_remark_as_close_to_two_articles_comments_stays_on_the_whole_draft(articles, segmenter):
    named = ["第三条，运营商要把防骗责任落实到位，宣传也要跟上，别让老人上当。",
             "第六条，银行要把防骗责任落实到位，宣传也要跟上，别让老人上当。"]
    *_, found = _attribute(articles, segmenter, *named, "各家单位都要把防骗责任落实到位，宣传跟上，别让老人上当。")
    assert (found.kind, found.article) == ("unattributed", None)


def test_a_comment_that_many_articles_match_alike_stays_on_the_whole_draft(articles, segmenter):
    draft = build_draft(articles, DRAFT_TITLE, segmenter)
    text = np.zeros(len(articles), dtype=np.float32)
    text[2] = 2.0
    few = np.zeros(len(articles), dtype=np.float32)
    few[[2, 3]] = (2.0, 1.5)
    spread = np.full(len(articles), 1.5, dtype=np.float32)
    spread[2] = 2.0
    assert len(articles) > attribution.MAX_SPREAD
    assert _from_scores(few, text, draft).article == "第三条"
    # The draft's text points to 第三条 alone, but every article resembles the comment about as much.
    found = _from_scores(spread, text, draft)
    assert found.article is None
    assert found.kind == "unattributed"
