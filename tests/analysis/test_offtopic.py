"""Off-topic by relation to the draft: reasons for what relates to nothing in it; on-topic text left alone."""

import pytest

from legislink.analysis import AnalysisOptions, Article, Comment, classify_offtopic, offtopic
from legislink.analysis.corpus import build_draft
from legislink.analysis.text import normalize

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
    # 早该 is no word of the general dictionary: the adverb 早 and the modal 该, each common on its own.
    ("赞成赞成，早该这样了", "empty"),
    ("一群白痴，只会收钱不办事", "abuse"),
    ("我们小区物业乱收停车费，一个月涨到三百，有没有人管？", "unrelated"),
    ("樓上每天半夜裝修，吵得睡不著，物業也不管。", "unrelated"),
    ("隔壁邻居天天在楼道里堆纸箱，说了几次都不听，怎么办？", "unrelated"),
    ("我们村口的路灯坏了两个月，晚上黑漆漆的，希望尽快来修。", "unrelated"),
    ("关于个人所得税法的专项附加扣除，建议把赡养老人的扣除标准再提高一些。", "other_law"),
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
    "我妈被冒充客服的骗子骗走两万块，事后才知道对方用的是别人的电话卡。电话卡实名一定要落实到本人。",
    "这部法律很有必要，就是希望多宣传，别出台了老百姓都不知道。",
])
def test_comments_on_the_draft_are_not_off_topic(articles, segmenter, text):
    assert _reasons(articles, segmenter, text) == [None]


@pytest.mark.parametrize(("text", "rule", "information"), [
    ("应该规定银行对老人大额转账多问一句。", True, False),
    ("收购手机卡的必须严惩，罚款再提高。", True, False),
    ("Banks should check large transfers twice.", True, False),
    ("请问营业厅几点开门？", False, True),
    ("身份证丢了，补办要带什么材料？在哪里办？", False, True),
    ("How do I unfreeze my bank card?", False, True),
    # Rhetorical questions make a point; 能不能 asks politely for something, it is no rule word.
    ("凭什么我正常转账也被冻结？", False, False),
    ("能不能先办卡后补证件？", False, False),
    ("我爸被骗了以后天天睡不着。", False, False),
])
def test_what_a_comment_asks_for(text, rule, information):
    norm = normalize(text)
    assert (offtopic.asks_for_a_rule(norm), offtopic.asks_for_information(norm)) == (rule, information)


def test_a_rule_asked_needs_least_relation_and_a_question_for_information_most():
    rule, plain, question = "应该规定银行多问一句。", "银行要是多问一句就好了。", "请问银行几点开门？"
    assert (offtopic.needed_relation(rule, other_law=False) < offtopic.needed_relation(plain, other_law=False)
            < offtopic.needed_relation(question, other_law=False))
    # A rule asked of another named law is no ask of this draft.
    assert offtopic.needed_relation(rule, other_law=True) == offtopic.needed_relation(plain, other_law=False)


def test_a_rule_asked_in_everyday_words_is_on_topic_where_the_same_story_without_it_is_not(articles, segmenter):
    story = "我们小区好几个老人接到冒充警察的电话，转了钱才知道被骗，"
    assert _reasons(articles, segmenter, story + "应该规定银行对老人大额转账多问一句。",
                    story + "银行要是能多问一句就好了。") == [None, "unrelated"]


@pytest.mark.parametrize("text", [
    "请问办理居住证需要什么材料？",
    "请问银行开户要带什么材料？",
])
def test_a_service_question_in_the_drafts_words_is_off_topic(articles, segmenter, text):
    assert _reasons(articles, segmenter, text) == ["unrelated"]


def test_the_parts_of_a_law_speak_of_the_draft(articles, segmenter):
    assert _reasons(articles, segmenter, "罚则太轻了，没人怕。", "太轻了，没人怕。") == [None, "unrelated"]


def test_no_one_word_makes_a_comment_about_the_draft(articles, segmenter):
    """A word the draft uses once and general Chinese hardly knows gives its capped share only."""
    draft = build_draft(articles, DRAFT_TITLE, segmenter)
    assert draft.vocabulary.specificity["办卡"] > offtopic.MAX_WORD_RELATION
    assert offtopic.draft_relation([("办卡",)], draft) == offtopic.MAX_WORD_RELATION


# What a comment does gates how much its words must relate to the draft. The texts below were
# written for these tests, on the small anti-fraud draft of conftest.py, in the everyday words a
# resident would use for its subjects (电话卡, 银行卡, 营业厅): a draft whose vocabulary is
# everyday shares it with comments that ask nothing of it.
@pytest.mark.parametrize(("text", "act"), [
    ("办电话卡应当当面核验身份。", "rule"),
    ("电话卡限制的数量太低了，一家人都不够用。", "rule"),
    ("我反对这条，冻结账户前应该先通知本人。", "rule"),
    ("银行卡被冻结了，要去哪个网点解冻？", "question"),
    ("楼下营业厅的叫号机坏了一个星期，请尽快修好。", "local"),
    ("希望营业厅办卡的时候多提醒一句。", "ask"),
    ("上个月去营业厅办了张电话卡，排了一个小时的队。", "plain"),
    # A rule asked in a comment on another law is asked of that law.
    ("建议民法典把离婚冷静期取消。", "plain"),
    # A limit a rule fixes, asked with the modal 要, is a rule asked.
    ("隔壁小区有人一口气办了二十张卡，每人办卡的数量要有上限。", "rule"),
    # An interrogative inside a polite A-not-A ask is an indefinite: an ask, not a question…
    ("排队排了一上午，能不能在营业厅旁边多设几个自助机？", "local"),
    # …while another clause of the sentence may still ask for information.
    ("我的电话卡丢了，请问去哪个营业厅补办，能不能网上办？", "question"),
])
def test_what_a_comment_does(text, act):
    norm = normalize(text)
    other_law = "民法典" in norm
    assert offtopic.speech_act(norm, other_law) == act


def test_a_request_to_the_state_is_no_local_request():
    norm = normalize("我们老人分不清真假客服，国家能不能设个电话，一打就能查真假？")
    assert offtopic.speech_act(norm, other_law=False) == "ask"


def test_a_comment_that_asks_nothing_needs_more_than_one_that_asks_something():
    rule, ask, plain = "应该规定银行多问一句。", "希望银行多问一句。", "银行那天多问了一句。"
    needs = [offtopic.needed(normalize(t), other_law=False) for t in (rule, ask, plain)]
    assert needs[0][1] < needs[1][1] < needs[2][1]
    assert needs[0][0] == needs[1][0] < needs[2][0]
    # A question for information needs the most content evidence and relation.
    question = offtopic.needed(normalize("请问银行几点开门？"), other_law=False)
    assert question[0] > needs[2][0]
    assert question[1] > needs[2][1]


@pytest.mark.parametrize("text", [
    "我的银行卡被冻结了，要去哪个网点解冻？需要带身份证吗？",
    "楼下营业厅的叫号机坏了一个星期，请尽快修好。",
    "我家楼下新开了一家手机营业厅，开业那天送鸡蛋，排队的人排到马路上。",
    "建议民法典把离婚冷静期取消，太耽误事了。",
    # A local request about what the draft regulates asks for enforcement here, for staff to refer
    # (民情): it needs the relation of a comment that asks nothing of the draft's rules.
    "楼下营业厅门口天天有人收购电话卡，请有关部门来管一管。",
])
def test_comments_in_the_drafts_everyday_words_that_ask_nothing_of_it_are_off_topic(articles, segmenter, text):
    assert _reasons(articles, segmenter, text) != [None]


@pytest.mark.parametrize("text", [
    # The same story as above, ending in an ask about the subject.
    "我家楼下新开了一家手机营业厅，开业那天送鸡蛋，排队的人排到马路上。希望办电话卡都当面核验身份。",
    # An evaluation of a measure speaks of a rule.
    "办电话卡限制的数量太低了，一家人都不够用。",
    "可疑交易就延迟支付，不合理，耽误正常转账。",
])
def test_a_story_or_a_judgement_on_the_subject_stays_on_topic(articles, segmenter, text):
    assert _reasons(articles, segmenter, text) == [None]


# The mechanisms of the sixth pass, on texts written for these tests in the anti-fraud draft's
# everyday words: what a comment asks of another law, of one place, or of nobody.
@pytest.mark.parametrize("text", [
    "建议修改道路交通安全法，营业厅门口乱停的电动车要扣分。",
    "消费者权益保护法里对电话卡退费应该规定得更细，营业厅总是拖着不退。",
])
def test_a_rule_asked_of_another_law_by_name_is_that_laws(articles, segmenter, text):
    assert _reasons(articles, segmenter, text) == ["other_law"]


def test_another_law_named_beside_an_ask_of_this_draft_is_no_ask_of_that_law(articles, segmenter):
    draft = build_draft(articles, DRAFT_TITLE, segmenter)
    of_this = normalize("本法可以参照消费者权益保护法里的七日无理由退货，办错的电话卡应当允许退。")
    of_that = normalize("消费者权益保护法里应当规定七日无理由退货。")
    assert not offtopic.asks_of_another_law(of_this, draft)
    assert offtopic.asks_of_another_law(of_that, draft)
    # 修改 with the generic word (法律), not a law's name, asks nothing of another law.
    assert not offtopic.asks_of_another_law(normalize("建议借这次机会修改相关法律。"), draft)
    # A bare 条例 after a verb of asking is the draft itself, as laws_named reads it: no other law.
    assert not offtopic.asks_of_another_law(normalize("建议在条例里规定营业厅必须当场退卡。"), draft)
    assert offtopic.asks_of_another_law(normalize("建议在电信条例里规定营业厅必须当场退卡。"), draft)


# A small charity draft written for the test below.
_CHARITY = [("第一条", ("为了发展慈善事业，弘扬慈善文化，规范慈善活动，保护慈善组织、捐赠人、志愿者、受益人等"
                       "慈善活动参与者的合法权益，制定本法。",)),
            ("第二条", ("慈善组织开展公开募捐，应当取得公开募捐资格。",)),
            ("第三条", ("捐赠人可以通过慈善组织捐赠，也可以直接向受益人捐赠。",))]


def test_a_comment_naming_the_draft_by_its_title_beside_another_law_speaks_of_the_draft(segmenter):
    # The draft named by its title counts as 本法 does: the other law named beside it does not take the
    # comment away (an ask to make the two laws one, in few of the draft's words).
    articles = [Article(label=label, number=n, path=("第一章 总则",), paragraphs=text)
                for n, (label, text) in enumerate(_CHARITY, start=1)]
    text = "慈善法和公益事业捐赠法两部法有不少重复的地方，建议以后合成一部。"
    comments = [Comment(id="1", text=text), Comment(id="2", text=text.replace("慈善法和", ""))]
    found = classify_offtopic(articles, comments, options=AnalysisOptions(title="中华人民共和国慈善法"),
                              segmenter=segmenter)
    assert found == {"1": None, "2": "other_law"}


@pytest.mark.parametrize(("text", "act"), [
    ("我们小区那个营业厅的叫号机坏了，请尽快修好。", "place"),
    ("营业厅门口有个台阶塌了，请派人来修一下。", "place"),
    # A kind of place, not one in particular: a local request that may be about the draft's subject.
    ("希望多在社区旁边设营业厅，办电话卡不用跑远。", "local"),
    # A trouble told with nothing asked is a complaint.
    ("对门邻居每天早上六点打电话，吵得全家睡不着。", "plain"),
    # A verb of asking alone (要求, 建议) asks for no rule: the hotline's 来电人要求…处理 is a complaint
    # handed on; beside a rule word it asks for one.
    ("市民来电反映：来电人说对门邻居每天在楼道里吵闹，多次沟通无果，要求社区协调处理。", "plain"),
    ("来电人要求社区协调处理，并建议对扰民行为规定罚款。", "rule"),
])
def test_a_request_to_fix_one_place_is_told_from_a_request_about_a_kind_of_place(text, act):
    assert offtopic.speech_act(normalize(text), other_law=False) == act


@pytest.mark.parametrize(("text", "act"), [
    # Redress asked for one case in particular: that case dealt with, as one place mended.
    ("市民来电反映：来电人在营业厅办电话卡被多收了五十元，要求这家营业厅退还，并向她道歉。", "place"),
    ("营业员态度很差，工号3021，希望查一查。", "place"),
    # The same case told beside a rule asked: an opinion on the draft.
    ("这家营业厅多收了我的钱，建议规定多收的费用应当三日内退还。", "rule"),
    # Redress asked for a kind of case, not one in particular: a local request.
    ("希望营业厅多收的钱都能退还。", "local"),
])
def test_redress_asked_for_one_case_is_told_from_an_ask_about_a_kind_of_case(text, act):
    assert offtopic.speech_act(normalize(text), other_law=False) == act


def test_redress_for_one_case_in_the_drafts_words_is_off_topic(articles, segmenter):
    # The draft's words (电话卡, 实名, 电信业务经营者) for one clerk to be dealt with: no opinion on the draft.
    text = "营业员工号3021办理电话卡实名登记时态度恶劣，希望电信业务经营者处理。"
    assert _reasons(articles, segmenter, text) == ["unrelated"]


def test_a_question_beside_an_ask_is_a_plea_not_a_request_for_information():
    plea = normalize("电话卡只准办一张，那我们做生意的怎么办？请考虑实际需要。")
    question = normalize("我想问一下，电话卡在哪里补办")
    assert offtopic.speech_act(plea, other_law=False) == "rule"
    assert offtopic.speech_act(normalize("我们老人怎么办？请考虑实际需要。"), other_law=False) == "ask"
    assert offtopic.speech_act(question, other_law=False) == "question"


def test_a_sanction_told_as_an_event_asks_for_no_rule():
    # 被罚了款 narrates what happened; the comment asks where to appeal: a question for information.
    told = normalize("上个月在外地被交警罚了款，我不服。请问在哪里申请复议？")
    assert not offtopic.asks_for_a_rule(told)
    assert offtopic.speech_act(told, other_law=False) == "question"
    # A sanction asked for is still a rule, beside a story of one.
    assert offtopic.asks_for_a_rule(normalize("我被罚过一次，觉得应当先警告再罚款。"))
    assert offtopic.asks_for_a_rule(normalize("乱停的车要罚。"))


def test_a_masked_phone_number_is_an_advertisement(articles, segmenter):
    assert _reasons(articles, segmenter, "代办电话卡过户，一天办好，电话138XXXX6621。") == ["ad"]


@pytest.mark.parametrize("text", [
    "代办电话卡过户，一天办好，电话139 1234 6621，微信同号。",
    "电话卡批发，量大从优，联系0571-8877 6655。",
])
def test_a_phone_number_written_in_groups_is_an_advertisement(articles, segmenter, text):
    assert _reasons(articles, segmenter, text) == ["ad"]


def test_an_english_comment_relates_through_words_the_projects_glossary_lacks(articles, segmenter):
    # livestream (直播) and confiscate (没收) come from the dictionary read backwards.
    assert _reasons(articles, segmenter, "Confiscate everything they earn from livestreams.") == [None]


@pytest.mark.parametrize(("text", "act"), [
    ("The fine for selling phone cards is too light.", "rule"),
    ("Please put a limit on how many cards one person can hold.", "rule"),
    ("I would like the banks to call me first.", "ask"),
    ("Who do I report a scam call to?", "question"),
])
def test_english_comments_are_read_with_the_same_words_as_chinese_ones(text, act):
    assert offtopic.speech_act(normalize(text), other_law=False) == act


def test_an_ask_about_the_consultation_is_about_the_draft_a_question_about_it_is_not(articles, segmenter):
    ask = "征求意见只在网上挂一个月，老人不会上网。建议到社区开座谈会。"
    question = "这次征求意见什么时候截止？在哪里看结果？"
    assert _reasons(articles, segmenter, ask, question) == [None, "unrelated"]
    # Where a remark was taken down (座谈会上一位老人说) is not what it is about.
    told = "座谈会上一位老人讲了他年轻时进城要走三十里山路，现在孙子开车带他出去玩，日子好了，他很满足。"
    assert _reasons(articles, segmenter, told) == ["unrelated"]


@pytest.mark.parametrize(("text", "act"), [
    # A rule word inside a question for information: where to pay a fine, whom one should call.
    ("电话卡被冻结的罚款应该交到哪里？", "question"),
    ("Who should we contact about a frozen card?", "question"),
    # Whether a rule ought to be is a question about the rule; a clause beside the question stays.
    ("买卖电话卡要不要罚？", "rule"),
    ("只准办一张，那我们做生意的怎么办？", "rule"),
])
def test_a_question_for_information_is_read_without_its_rule_words(text, act):
    assert offtopic.speech_act(normalize(text), other_law=False) == act


@pytest.mark.parametrize("text", [
    "分了也白分，谁还愿意办实名？",
    "骗子就可以随便买卖电话卡吗？",
    "请严查收购电话卡的。",
    "I worry about old people being cheated.",
    # 不就…吗, (not 是不是) 不是…吗: the 反问 of the grammars, a point made as a question.
    "拿身份证办个卡不就行了吗？",
    "实名制不是已经有了吗？",
])
def test_rhetorical_questions_strict_enforcement_and_worry_speak_of_a_rule(text):
    assert offtopic.speech_act(normalize(text), other_law=False) == "rule"


# 不该, the modal 该 negated (should not), asks for a rule as 不应 does.
def test_should_not_asks_for_a_rule():
    assert offtopic.speech_act(normalize("营业厅就不该一个人办十几张卡。"), other_law=False) == "rule"


# The negated modals of English (shouldn't, mustn't) ask for a rule as should and must do.
@pytest.mark.parametrize("text", ["Shops shouldn't sell ten phone cards to one person.",
                                  "A bank mustn’t freeze a card without a word to its owner."])
def test_negated_english_modals_ask_for_a_rule(text):
    assert offtopic.asks_for_a_rule(normalize(text))


# An English comment's sentences end at a full stop as a Chinese one's at 。: a statement before a
# question is not part of the question; and a yes-no question of could or would, put to someone
# other than the speaker, asks politely for something, as 能不能 does, whatever interrogative its
# clause holds.
@pytest.mark.parametrize(("text", "act"), [
    ("The draft is hard to read. Could the city publish a short guide that says what is allowed?", "rule"),
    ("My card was frozen last week. Where do I go to unfreeze it?", "question"),
    ("Could I ask where to unfreeze a frozen card?", "question"),
])
def test_english_sentences_end_at_a_full_stop(text, act):
    assert offtopic.speech_act(normalize(text), other_law=False) == act


def test_an_insult_that_asks_nothing_is_abuse_even_in_the_drafts_words(articles, segmenter):
    assert _reasons(articles, segmenter, "办电话卡的那帮人全是废物，银行账户也管不好。") == ["abuse"]
    # An insult beside an ask is still an opinion.
    assert _reasons(articles, segmenter, "一群废物，电话卡实名制应当落实到本人。") == [None]


def test_figures_and_dates_are_no_phone_number(articles, segmenter):
    assert _reasons(articles, segmenter, "电话卡2019年3月起限办5张，罚款10000元到50000元，我觉得太重了。") == [None]


@pytest.mark.parametrize(("text", "information"), [
    # The interrogative particle 吗 and 多 on an adjective of extent ask; 为/凭 + 什么 and 怎么 on a
    # modal verb make a point (closed classes of grammar, not phrases of a comment).
    ("电话卡办错了还能退吗？", True),
    ("补办银行卡要等多长时间？", True),
    ("为啥我正常转账也被冻结？", False),
    ("怎么可以不通知本人就冻结账户？", False),
    # After a polite ask (能不能) the sentence's later clauses are in its scope: 几点 is a few hours.
    ("能不能给老人留一个窗口，规定几点到几点专门办理？", False),
    ("请问在哪里办理，能不能网上办？", True),
    ("办卡要带身份证吗？", True),
])
def test_questions_are_read_in_closed_grammatical_classes(text, information):
    assert offtopic.asks_for_information(normalize(text)) is information


def test_a_modal_verb_on_the_verb_to_regulate_asks_for_a_rule():
    for text in ("收购电话卡的早该管了。", "这种事谁来管？", "电话卡黑市要管起来。"):
        assert offtopic.asks_for_a_rule(normalize(text))


def test_speaking_of_the_draft_in_a_question_for_information_is_asking_the_site(articles, segmenter):
    asked = "When will the draft be passed? Is there an email address for sending comments?"
    polite = "Could the draft be published in English too? Foreign residents cannot read it."
    assert _reasons(articles, segmenter, asked, polite) == ["unrelated", None]


def test_another_laws_name_lends_no_words_to_the_relation(articles, segmenter):
    # The fraud draft's own words (电信, 诈骗) inside another law's name say which law is meant.
    text = "电信诈骗条例什么时候出台？现在办宽带太麻烦了，希望简化。"
    assert _reasons(articles, segmenter, text) == ["other_law"]


def test_a_comment_quoting_the_drafts_wording_speaks_of_it(articles, segmenter):
    # A question in everyday words would need much relation; quoting the text, it speaks of the draft.
    quoting = "我们小区老人多，“有关业务”到底指什么？"
    unquoted = "我们小区老人多，有关业务到底指什么？"
    assert _reasons(articles, segmenter, quoting, unquoted) == [None, "unrelated"]
