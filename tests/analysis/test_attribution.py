"""Attribution by explicit reference, by content, to the whole draft, or kept as staff locked it."""

import re

import numpy as np
import pytest

from legislink.analysis import AnalysisOptions, Article, Comment, attribute, attribution
from legislink.analysis.attribution import ContentModel, _from_scores
from legislink.analysis.corpus import build_draft, prepare
from legislink.analysis.text import normalize

from .conftest import DRAFT_TITLE

OPTIONS = AnalysisOptions(title=DRAFT_TITLE)


def _attribute(articles, segmenter, *texts, **overrides):
    comments = [Comment(id=str(k), text=t, **overrides) for k, t in enumerate(texts)]
    found = attribute(articles, comments, options=OPTIONS, segmenter=segmenter)
    return [found[str(k)] for k in range(len(texts))]


# Where a remark on the whole draft stays.
WHOLE = ("unattributed", None)


def _beside(articles, segmenter, named, remark):
    """Where a remark goes, (kind, article), in a consultation where residents also wrote `named`."""
    *_, found = _attribute(articles, segmenter, *named, remark)
    return found.kind, found.article


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
    # (Not 一个人能办…: jieba cuts 人能, whose 人 is in 第三条's 个人 alone — enough, with
    # the neighbours on 第三条, to tip a margin of 1.1.)
    *_, found = _attribute(articles, segmenter, *NEIGHBOURS,
                           "办多少张电话卡应该有数量限制，异常办卡要拒绝。")
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
    remark = "总体上看，草案里好多地方只说有关部门，到底哪个部门管？建议写明具体部门，不要推来推去。"
    assert _beside(articles, segmenter, named, remark) == WHOLE


def test_a_remark_on_making_the_law_stays_on_the_whole_draft(articles, segmenter):
    # Residents who named the article on apps also asked for rules under it; a remark on the law's
    # implementing rules and its hearing shares their words and is about the law's making, not the article.
    named = ["第七条的应用程序分发平台要核验真实身份，建议尽快出台实施细则。",
             "第7条网络直播平台核验真实身份，要有实施细则，不然平台不当回事。"]
    remark = "建议尽快出台实施细则，并召开立法听证会听听平台和用户的意见。"
    assert _beside(articles, segmenter, named, remark) == WHOLE
    # In English as in Chinese.
    remark = "Please publish the implementing rules soon and extend the consultation period."
    assert _beside(articles, segmenter, named, remark) == WHOLE


@pytest.mark.parametrize(("text", "law_making"), [
    ("希望条例尽快通过。", True),
    ("我们支持早日通过，越快越好。", True),
    ("希望这部法早日通过实施。", True),
    # 通过 as getting through: what a provision asks of people, not the law being passed.
    ("建议规定办卡的人核验完身份尽快通过，别堵在营业厅门口。", False),
    ("行人也要尽快通过人行横道。", False),
])
def test_passing_the_law_is_told_from_getting_through(text, law_making):
    assert attribution._speaks_of_the_whole(normalize(text)) is law_making


def test_a_request_for_another_edition_of_the_text_stays_on_the_whole_draft(articles, segmenter):
    named = ["第三条电话卡实名制的规定老年人看不懂，营业厅要当面讲清楚核验身份是怎么回事。",
             "第3条写得太专业，老年人办电话卡看不懂实名制，要讲清楚。"]
    remark = "条文太专业，老年人看不懂，建议出一个大白话的版本，再出个英文版。"
    assert _beside(articles, segmenter, named, remark) == WHOLE
    remark = "Please publish an English version so that foreign residents can read the rules on SIM cards too."
    assert _beside(articles, segmenter, named, remark) == WHOLE


def test_an_ask_for_a_new_part_of_the_law_stays_on_the_whole_draft(articles, segmenter):
    named = ["第七条的网络直播平台要核验主播真实身份，直播间骗老人买保健品的太多了。",
             "第7条，网络直播骗老人买保健品，平台要管。"]
    remark = "网络直播骗老人买保健品的太多了，平台要管，建议专门写一部分。"
    assert _beside(articles, segmenter, named, remark) == WHOLE


def test_a_remark_on_the_whole_text_read_through_stays_on_the_whole_draft(articles, segmenter):
    named = ["第七条网络直播平台骗老人买保健品，平台要管，处罚要重。",
             "第7条，网络直播骗老人买保健品，平台要管。"]
    remark = "从头看到尾，平台要管的写了不少，骗老人买保健品的处罚还是太轻。"
    assert _beside(articles, segmenter, named, remark) == WHOLE


def test_a_remark_that_names_the_draft_itself_stays_on_the_whole_draft(articles, segmenter):
    # 这部法 speaks of the law, not of the article on live streams whose words it shares with the
    # residents who named 第七条: only the draft's own text singling out an article would put it there.
    named = ["第七条网络直播平台骗老人买保健品，平台要管，处罚要重。",
             "第7条，网络直播骗老人买保健品，平台要管。"]
    remark = "这部法对骗老人买保健品的直播平台，处罚还是太轻。"
    assert _beside(articles, segmenter, named, remark) == WHOLE
    remark = "This law is still too soft on live-streaming platforms that sell health products to the elderly."
    assert _beside(articles, segmenter, named, remark) == WHOLE


def test_a_remark_on_making_the_law_that_the_draft_text_singles_out_keeps_its_article(articles, segmenter):
    (found,) = _attribute(articles, segmenter, "电信业务经营者应当依法全面落实电话卡、物联网卡实名制度，"
                          "对用户身份信息进行核验，这一条要有实施细则。")
    assert (found.kind, found.article) == ("content", "第三条")


def test_a_remark_as_close_to_two_articles_comments_stays_on_the_whole_draft(articles, segmenter):
    named = ["第三条，运营商要把防骗责任落实到位，宣传也要跟上，别让老人上当。",
             "第六条，银行要把防骗责任落实到位，宣传也要跟上，别让老人上当。"]
    remark = "各家单位都要把防骗责任落实到位，宣传跟上，别让老人上当。"
    assert _beside(articles, segmenter, named, remark) == WHOLE


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
    # Every article resembles the comment about as much, in the draft's words as in other residents'.
    found = _from_scores(spread, spread, draft)
    assert found.article is None
    assert found.kind == "unattributed"


def test_neighbours_that_match_every_article_alike_leave_the_choice_to_the_draft_text(articles, segmenter):
    # Other residents' words match the comment on every article about as much (everyday words: 车, 罚), and the
    # draft's own text points to 第三条 alone (a word only it writes): the text decides.
    draft = build_draft(articles, DRAFT_TITLE, segmenter)
    text = np.zeros(len(articles), dtype=np.float32)
    text[2] = 0.6
    spread = np.full(len(articles), 1.5, dtype=np.float32)
    spread[1] = 2.0
    found = _from_scores(spread, text, draft)
    assert (found.article, found.kind) == ("第三条", "content")
    # …not when it speaks of the draft as a whole, nor when the text too matches many articles.
    assert _from_scores(spread, text, draft, general=True).article is None
    assert _from_scores(spread, np.full(len(articles), 0.6, dtype=np.float32), draft).article is None


def test_a_word_the_draft_does_not_use_counts_by_the_characters_few_articles_hold(articles, segmenter):
    # 重罚 is neither a word of the draft nor a short form of one; its 罚 is in 第八条's 罚款 alone,
    # its 重 in none. 卡 is in three of the eight articles: too common in this draft to point anywhere.
    draft = build_draft(articles, DRAFT_TITLE, segmenter)
    docs = prepare([Comment(id="a", text="这种人就该重罚。"), Comment(id="b", text="卡太多了。")], segmenter)
    full, text, chars, _ = ContentModel(draft, docs, {}).scores(docs, range(len(docs)))
    assert [draft.articles[i].label for i in np.flatnonzero(chars[0])] == ["第八条"]
    assert np.allclose(text[0], chars[0])
    assert not chars[1].any()


def test_a_figure_the_draft_states_points_to_the_article_that_states_it(segmenter):
    # 罚二百元太轻: a resident names the amount of the article they mean, in any written form (200元).
    texts = ["擅自移动保护标志的，处二百元以上二千元以下罚款。", "门前外摆不得超出外墙一米。",
             "修缮审批应当在二十个工作日内作出决定。"]
    arts = [Article(label=f"第{n}条", number=k, path=("第一章 总则",), paragraphs=(t,))
            for k, (n, t) in enumerate(zip("一二三", texts, strict=True), start=1)]
    draft = build_draft(arts, "某市保护条例", segmenter)
    docs = prepare([Comment(id="a", text="保护牌子被拆下来卖废铁，罚200元太轻了。"),
                    Comment(id="b", text="外摆一米实在局促，能不能放宽？"), Comment(id="c", text="罚款太轻了。")],
                   segmenter)
    _, _, chars, _ = ContentModel(draft, docs, {}).scores(docs, range(len(docs)))
    assert [int(np.argmax(row)) for row in chars[:2]] == [0, 1]
    assert chars[0][0] > 0
    assert chars[1][1] > 0
    assert not chars[2].any()


def _row(**scores) -> np.ndarray:
    row = np.zeros(8, dtype=np.float32)
    for label, value in scores.items():
        row[int(label[1:]) - 1] = value
    return row


def test_shared_characters_choose_the_article_but_are_no_evidence_of_one(articles, segmenter):
    draft = build_draft(articles, DRAFT_TITLE, segmenter)
    own = _row(a3=0.55, a8=0.5)
    chars = _row(a8=0.22)
    found = _from_scores(own + chars, own + chars, draft, chars=chars)
    assert (found.article, found.score) == ("第八条", pytest.approx(0.5))
    assert _from_scores(own, own, draft, chars=np.zeros(8, dtype=np.float32)).article == "第三条"
    # Characters alone say which article it would be, never that the comment is on one.
    alone = _row(a8=0.4)
    assert _from_scores(alone, alone, draft, chars=alone).kind == "unattributed"


# One resident says it in the draft's words, another only in words they share with the first.
IN_THE_DRAFTS_WORDS = "银行发现可疑交易和异常开户，应当马上延迟支付、限制业务，柜员看到老人给陌生人汇大钱要多问几句。"
IN_OWN_WORDS = "柜员看到老人给陌生人汇大钱，要多问几句，别让养老钱没了。"


def test_what_the_first_pass_is_sure_of_teaches_the_second(articles, segmenter, monkeypatch):
    sure, learnt = _attribute(articles, segmenter, IN_THE_DRAFTS_WORDS, IN_OWN_WORDS)
    assert (sure.kind, sure.article) == ("content", "第六条")
    assert sure.score >= attribution.SURE_SCORE
    assert (learnt.kind, learnt.article) == ("content", "第六条")
    monkeypatch.setattr(attribution, "SURE_SCORE", float("inf"))
    _, alone = _attribute(articles, segmenter, IN_THE_DRAFTS_WORDS, IN_OWN_WORDS)
    assert (alone.kind, alone.article) == ("unattributed", None)


def test_a_remark_left_on_the_whole_draft_needs_a_sure_score_in_the_second_pass(articles, segmenter, monkeypatch):
    monkeypatch.setattr(attribution, "SURE_NEW_SCORE", float("inf"))
    _, kept = _attribute(articles, segmenter, IN_THE_DRAFTS_WORDS, IN_OWN_WORDS)
    assert (kept.kind, kept.article) == ("unattributed", None)


def test_a_first_pass_guess_below_the_sure_score_is_made_again(articles, segmenter, monkeypatch):
    # Scored once more with the sure comments as neighbours: a weak guess may change, a sure one never.
    monkeypatch.setattr(attribution, "SURE_SCORE", 1e9)
    found = _attribute(articles, segmenter, IN_THE_DRAFTS_WORDS, IN_OWN_WORDS)
    assert found[0].article == "第六条"
    assert found[0].score < attribution.SURE_SCORE


def test_a_small_lead_of_other_residents_words_does_not_override_what_the_draft_text_singles_out(articles, segmenter):
    # The draft's words point to 第三条 (0.7 against 0.2); the neighbours put 第二条 a little ahead.
    draft = build_draft(articles, DRAFT_TITLE, segmenter)
    text = _row(a2=0.2, a3=0.7)
    assert _from_scores(_row(a2=0.82, a3=0.7), text, draft).article == "第三条"
    assert _from_scores(_row(a2=1.5, a3=0.7), text, draft).article == "第二条"


def test_a_remark_on_the_law_itself_is_not_moved_by_the_second_pass(articles, segmenter, monkeypatch):
    remark = "这部法律里也要写上：柜员看到老人给陌生人汇大钱，要多问几句，别让养老钱没了。"
    _, kept = _attribute(articles, segmenter, IN_THE_DRAFTS_WORDS, remark)
    assert (kept.kind, kept.article) == ("unattributed", None)
    monkeypatch.setattr(attribution, "_ITSELF", re.compile(r"(?!)"))
    _, moved = _attribute(articles, segmenter, IN_THE_DRAFTS_WORDS, remark)
    assert (moved.kind, moved.article) == ("content", "第六条")


LIFT_ARTICLES = ["物业服务企业应当每月公布电梯维修保养记录。", "业主大会可以决定使用专项维修资金更换电梯。",
                 "小区停车位应当首先满足业主的需要。", "电动自行车不得在楼道内停放充电。"]


def _lift_draft(segmenter):
    arts = [Article(label=f"第{n}条", number=k, path=("第一章 总则",), paragraphs=(t,))
            for k, (n, t) in enumerate(zip("一二三四", LIFT_ARTICLES, strict=True), start=1)]
    return build_draft(arts, "某市住宅小区管理条例", segmenter)


def _model(draft, segmenter, named, pending):
    """The content model of a consultation: `named` are (article index, text) of comments that named it."""
    comments = [Comment(id=f"n{k}", text=t) for k, (_, t) in enumerate(named)]
    comments += [Comment(id=f"p{k}", text=t) for k, t in enumerate(pending)]
    docs = prepare(comments, segmenter)
    return ContentModel(draft, docs, {k: a for k, (a, _) in enumerate(named)}), docs[len(named):]


def test_the_neighbours_weigh_less_where_the_comments_that_named_their_article_mislead_them(segmenter,
                                                                                             monkeypatch):
    # Each resident who named an article tells the same story of their building as residents who named
    # another: their neighbours point to that other article, the draft text to their own. The weight the
    # neighbours get is the one that finds the named articles best, each comment left out of its own.
    monkeypatch.setattr(attribution, "NEIGHBOUR_WEIGHTS", (0.5, 10.0))
    monkeypatch.setattr(attribution, "NEIGHBOUR_CALIBRATION", 4)
    stories = ["我们单元老李家装修吵了半年，楼下王阿姨天天敲门吵架，居委会调解了三回。",
               "隔壁栋赵大爷的孙子放暑假回来，整天在院子里踢球砸玻璃，家长还不赔。",
               "去年冬天水管冻裂，一楼淹了水，开发商和施工队互相推诿到现在。",
               "对面商铺烧烤油烟直冲窗户，晚上十二点还在喝酒划拳，孩子睡不着觉。"]
    own = {0: ["维修保养记录要每月公布。", "电梯保养记录不公布，谁知道修没修。"],
           1: ["专项维修资金换电梯要业主大会决定。", "更换电梯用维修资金，业主大会说了算。"],
           2: ["停车位要首先满足业主。", "小区停车位先给业主用。"],
           3: ["电动自行车不能在楼道充电。", "楼道内停放电动自行车充电太危险。"]}
    # The k-th comment on an article tells the same story as the k-th comment on its paired article (0 with
    # 1, 2 with 3), and no other comment on its own article does.
    named = [(a, f"第{'一二三四'[a]}条：{text}{stories[2 * (a // 2) + k]}")
             for a, texts in own.items() for k, text in enumerate(texts)]
    model, _ = _model(_lift_draft(segmenter), segmenter, named, ["电梯保养记录应当公开。"])
    assert model.weight == 0.5
    monkeypatch.setattr(attribution, "NEIGHBOUR_CALIBRATION", 100)
    model, _ = _model(_lift_draft(segmenter), segmenter, named, ["电梯保养记录应当公开。"])
    assert model.weight == attribution.W_NEIGHBOURS


def test_the_neighbours_keep_their_weight_where_they_find_the_named_articles(segmenter, monkeypatch):
    # Residents who named an article speak of it in words of their own that the draft does not use: their
    # neighbours find it where the draft text cannot tell the two lift articles apart.
    monkeypatch.setattr(attribution, "NEIGHBOUR_WEIGHTS", (0.5, 10.0))
    monkeypatch.setattr(attribution, "NEIGHBOUR_CALIBRATION", 4)
    named = [(0, "第一条：电梯三天两头坏，师傅来了签个字就走。"), (0, "第一条：电梯三天两头坏，师傅签字就走人。"),
             (0, "第一条：电梯坏了三天两头没人修，师傅签个字。"), (1, "第二条：旧电梯换新的，钱从哪里出，大家吵翻天。"),
             (1, "第二条：换新电梯的钱大家吵翻天。"), (1, "第二条：旧电梯换新，钱的事吵翻天。"),
             (2, "第三条：外来车辆占车位。"), (3, "第四条：电瓶车上楼。")]
    model, _ = _model(_lift_draft(segmenter), segmenter, named, ["电梯三天两头坏。"])
    assert model.weight == attribution.W_NEIGHBOURS



def test_a_comment_placed_by_content_carries_the_next_best_articles_for_staff(articles, segmenter):
    # The 数量 of cards singles out 第四条; 第三条 is about 电话卡 too, and is offered to staff.
    *_, found = _attribute(articles, segmenter, *NEIGHBOURS, "办多少张电话卡应该有数量限制，异常办卡要拒绝。")
    assert (found.kind, found.article) == ("content", "第四条")
    assert found.candidates[0] == "第三条"
    assert "第四条" not in found.candidates
    assert len(found.candidates) <= attribution.CANDIDATES


def test_a_comment_between_two_articles_offers_the_other(articles, segmenter):
    (found,) = _attribute(articles, segmenter, "电话卡和银行账户的事都要管，骗子太多了。")
    assert {found.article, *found.candidates} >= {"第三条", "第五条"}  # 电话卡; 银行账户


def test_no_candidates_for_a_named_article_or_a_remark_on_the_draft_itself(articles, segmenter):
    named, remark = _attribute(articles, segmenter, "第三条应当严格执行",
                               "希望这部法律早日出台，多做宣传，让老年人也知道怎么防骗。")
    assert (named.kind, named.candidates) == ("explicit", ())
    assert (remark.kind, remark.candidates) == ("unattributed", ())


def test_a_comment_in_everyday_words_is_read_again_as_the_statute_terms(segmenter, monkeypatch):
    # 电瓶车 is no word of the draft; data/everyday.tsv reads it as 电动自行车, which the draft writes.
    texts = ["电动自行车应当在指定区域停放，不得在楼道内充电。", "出租人应当保证出租房屋符合安全要求。",
             "用人单位应当按时足额支付劳动者工资。"]
    arts = [Article(label=f"第{n}条", number=k, path=(), paragraphs=(t,))
            for k, (n, t) in enumerate(zip("一二三", texts, strict=True), start=1)]
    comments = [Comment(id="a", text="电瓶车放哪里都不让，太难了。")]

    def placed():
        return attribute(arts, comments, options=AnalysisOptions(title="某市条例"), segmenter=segmenter)["a"].article

    assert placed() == "第一条"
    monkeypatch.setattr(attribution, "EVERYDAY", False)
    assert placed() is None
