"""The adoption method on small revisions written for these tests (no labeled set)."""

import pytest

from legislink.analysis.adoption import (
    Opinion,
    Pair,
    Provision,
    Revision,
    Settings,
    article_of,
    ask_clauses,
    ask_kind,
    ask_points,
    bigram_similarity,
    cited_figures,
    diff_point,
    direction_point,
    figure_against,
    figure_beyond,
    figure_moved,
    figure_value,
    figures,
    pairs_of,
    propose,
    propose_each,
    propose_group,
    range_end,
    same_figures,
)

RENT = "市场开办者调整摊位租金的，应当提前三个月书面告知经营者。一年内调整不得超过一次。"
CAP = "市场管理费用不得超过经营者年度营业收入的百分之十。"
STALLS = "市场开办者应当为经营者提供固定摊位，并公示摊位分配办法。"
FIRE = "市场开办者应当配备消防设施，定期组织消防检查。"
REGISTER = "市场开办者应当在市场内设立登记服务点，为经营者办理登记提供便利。"
WOMEN = "经营者代表大会应当有适当数量的妇女代表。"


def revision(*pairs: tuple[str | None, str | None, str | None, str | None, str]) -> Revision:
    """(old label, old text, new label, new text, change) for each line of the alignment."""
    return Revision([Pair(Provision(ol, ot) if ol else None, Provision(nl, nt) if nl else None, change)
                     for ol, ot, nl, nt, change in pairs])


BASE = (("第一条", CAP, "第一条", CAP, "same"),
        ("第二条", STALLS, "第二条", STALLS, "same"),
        ("第三条", FIRE, "第四条", FIRE, "same"))


def test_the_kind_of_ask_is_read_from_the_drafting_vocabulary():
    assert ask_kind("建议保留百分之十的上限，不要放开。") == "keep"
    assert ask_kind("这一条千万不要删，对小商户很重要。") == "keep"
    assert ask_kind("建议删去本条第二款。") == "delete"
    assert ask_kind("建议告知期限延长为六个月。") == "figure"
    assert ask_kind("建议增加市场内登记服务点的规定。") == "change"


def test_a_keep_ask_told_as_a_story_is_still_a_keep_ask():
    # The story around the ask uses words that elsewhere ask for a change (明确, 规定): only the
    # sentences that request something decide.
    assert ask_kind("有了明确的工期规定，纠纷少多了。建议保留这一款，并加强宣传。") == "keep"
    # Colloquial keeps: 留着, a negation some words before the verb, Traditional script.
    assert ask_kind("押金不超过一个月这句话一定要留着！") == "keep"
    assert ask_kind("這個上限千萬別在修改的時候刪掉。") == "keep"
    # 规定 as a noun (…的规定, 这个规定) names what is kept; it asks for no provision.
    assert ask_kind("开了十二年公交，最怕电动车从车门口穿过去。第23条减速避让的规定请保留。") == "keep"
    # What names the provision kept (纳入考核这一条, 第四十一条的保密规定) asks for no change.
    assert ask_kind("把献血工作纳入考核这一条很管用，请保留。") == "keep"
    assert ask_kind("第四十一条的保密规定很重要，支持保留。") == "keep"
    # A keep that also asks for something new is a change.
    assert ask_kind("建议保留本条，并增加罚则。") == "change"


def test_a_polite_keep_after_a_story_is_read_where_it_asks():
    # 请保留 asks (请 before a verb); the story before it (十二年, 一下车) is no ask of its own.
    story = "开了十二年公交，乘客一下车就被电动车撞上。第一条的规定请保留。"
    assert ask_clauses(story) == "第一条的规定请保留"
    assert ask_kind(story) == "keep"
    assert propose(Opinion(story, article="第一条"), revision(*BASE)).outcome == "adopted"
    # 申请, 请假 are no asks.
    assert ask_clauses("我申请了三次都没批。请假也难。") == "我申请了三次都没批。请假也难"
    # Spoken deletions: 删了吧, 拿掉.
    assert ask_kind("停单太重了，这条建议删了吧") == "delete"


def test_a_fine_asked_not_to_be_lowered_that_was_lowered_is_not_kept():
    fine = "未备案的，处五千元以上二万元以下罚款。"
    lowered = revision(("第一条", fine, "第一条", fine.replace("五千元以上二万元", "一千元以上五千元"), "modified"),
                       *BASE[1:])
    refused = propose(Opinion("坑游客的很多，罚款不能降，建议维持草案的数额。", article="第一条"), lowered)
    assert (refused.outcome, refused.evidence["reason"]["code"]) == ("not_adopted", "changed_against")
    # 能不能降 asks for the move (an A-not-A question), it refuses nothing.
    assert propose(Opinion("罚五千起太重了，罚款能不能降一点？", article="第一条"), lowered).outcome == "adopted"


def test_a_figure_written_as_asked_beside_another_ask_is_partly_when_the_diff_judged_the_figure():
    notice = "景区调整门票价格的，应当在调整前三个月向社会公布。"
    rev = revision(("第一条", notice, "第一条", notice.replace("三个月", "六个月"), "modified"), *BASE[1:])
    both = "第一条三个月太短，建议提前半年公布，还要规定五年之内只能调一次价。"
    assert propose(Opinion(both, article="第一条"), rev).outcome == "partly"
    # 留着 with a modal of need keeps; 写上 asks for words to be put in.
    more = "输血记录纳入病历管理这条一定要留着，还要写上谁泄露了病历要处分谁。"
    assert propose(Opinion(more, article="第一条"), rev).outcome == "partly"
    assert propose(Opinion("第一条三个月太短，建议提前半年公布。", article="第一条"), rev).outcome == "adopted"


def test_a_permission_granted_for_a_way_asked_is_no_weaker_than_asked():
    finding = "火灾事故认定应当自火灾扑灭之日起三十日内作出。"
    review = finding + "当事人对火灾事故认定有异议的，可以自收到认定书之日起十五日内申请复核。"
    rev = revision(("第一条", finding, "第一条", review, "modified"), *BASE[1:])
    way = Opinion("当事人对认定不服没有救济途径，建议增加复核程序。", article="第一条")
    assert propose(way, rev).outcome == "adopted"
    # Where a duty was asked, a permission is weaker: partly.
    asked = Opinion("当事人对认定不服没有救济途径，应当强制复核程序。", article="第一条")
    assert propose(asked, rev).evidence["reason"]["code"] == "partly_softer"


def test_a_move_the_comment_does_not_suggest_is_refused():
    entry = "车库出入口应当高出室外地坪不少于十五厘米。"
    raised = revision(("第一条", entry, "第一条", entry.replace("十五厘米", "三十厘米"), "modified"), *BASE[1:])
    asked = Opinion("十五厘米加挡水板已经可以了，不建议再提高。", article="第一条")
    assert ask_kind(asked.text) == "keep"
    assert propose(asked, raised).evidence["reason"]["code"] == "changed_against"


def test_a_soft_word_complained_of_without_quotes_asks_for_a_duty():
    wash = "鼓励洗车场所设置循环用水设施。"
    rev = revision(("第一条", wash, "第一条", "洗车场所应当设置循环用水设施。", "modified"), *BASE[1:])
    assert propose(Opinion("洗车太费水，循环用水不能只是鼓励，应当强制。", article="第一条"), rev).outcome == "adopted"


def test_a_duty_written_with_a_hedge_is_the_duty_asked():
    before = "已建成的住宅小区，县级人民政府可以组织配建充电设施。"
    after = "已建成的住宅小区，县级人民政府应当组织逐步配建充电设施。"
    assert diff_point("“可以组织”等于不组织，建议改成应当", before, after, hedges=True) == "可以→应当、逐步"


def test_a_range_asked_wider_is_judged_on_its_figure():
    ban = "在林区边缘一百米范围内禁止野外用火。"
    assert direction_point("禁烧的范围太小，建议扩大", ban, ban.replace("一百米", "三百米")) == "一百米→三百米"
    # A range quoted in the ask is read at the end it names, as the article's is.
    fine = "非法采集血液的，可以并处五万元以上十万元以下的罚款。"
    raised = fine.replace("可以并处五万元以上十万元以下", "并处十万元以上三十万元以下")
    ask = "第四十七条“可以并处五万元以上十万元以下”太轻，建议提高上限"
    assert direction_point(ask, fine, raised) == "十万元→三十万元"
    # 并处 is the verb of a penalty, not the conjunction: the quotation stays one ask.
    first, second = ask_points(ask + "，并改为“并处”")
    assert "可以并处五万元" in first
    assert first.endswith("提高上限")
    assert second == "改为“并处”"


def test_a_soft_sentence_merged_into_a_duty_is_the_duty_asked():
    before = "驾驶电动自行车应当佩戴安全头盔。鼓励搭载人员佩戴安全头盔。"
    after = "驾驶电动自行车和搭载人员应当佩戴安全头盔。"
    assert diff_point("第十六条只说“鼓励”搭载人员戴，建议改成必须戴", before, after) == "鼓励→应当"
    assert diff_point("建议改成必须戴", before, before) is False


def test_an_ask_for_discretion_is_judged_as_an_ask_for_a_permission():
    post = "公安机关应当在中小学校周边道路设置护学岗。"
    eased = post.replace("应当", "可以")
    assert diff_point("建议改为根据需要设置", post, eased) == "应当→可以"
    assert diff_point("这条能不能别硬性要求", post, eased) == "应当→可以"
    assert diff_point("这条能不能别硬性要求", post, post) is False
    rev = revision(("第一条", post, "第一条", eased, "modified"), *BASE[1:])
    assert propose(Opinion("警力根本不够。建议改为根据需要设置。", article="第一条"), rev).outcome == "adopted"
    # 一刀切 as often asks to tell cases apart: no ask for a permission.
    assert diff_point("统一时限做不到，建议分开定时限，不要一刀切", post, eased) is None


def test_an_ask_to_lower_the_one_figure_of_an_article_is_about_it():
    height = "历史街区内新建建筑的高度不得超过十二米。"
    lowered = revision(("第一条", height, "第一条", height.replace("十二米", "九米"), "modified"), *BASE[1:])
    asked = Opinion("楼一盖，天井就成了井底。限高太高了，请降低。", article="第一条")
    assert propose(asked, lowered).outcome == "adopted"


def test_a_quoted_word_asked_away_that_went_into_another_article_is_not_deleted():
    duties = "物业服务人应当做好消防、绿化和保洁工作。"
    rev = revision(("第一条", duties, "第一条", "物业服务人应当做好绿化和保洁工作。", "modified"),
                   (None, None, "第二条", "物业服务人应当做好物业管理区域内的消防安全工作。", "added"))
    asked = Opinion("建议把“消防”从物业的义务里拿掉，只写配合。", article="第一条")
    assert propose(asked, rev).outcome == "not_adopted"
    gone = revision(("第一条", duties, "第一条", "物业服务人应当做好绿化和保洁工作。", "modified"))
    assert propose(asked, gone).outcome == "adopted"


def test_an_ask_to_merge_split_or_move_is_judged_on_the_structure_of_the_final_text():
    fee = "市场开办者应当公示收费项目。"
    merged = revision(("第一条", CAP, "第一条", CAP + fee, "modified"), ("第五条", fee, None, None, "deleted"),
                      *BASE[1:])
    ask = "收费公示和收费上限说的是一回事，建议两条合并成一条。"
    for label in ("第一条", "第五条"):  # on the article merged away, or on the one that took it in
        proposal = propose(Opinion(ask, article=label), merged)
        assert (proposal.outcome, proposal.evidence["reason"]["code"]) == ("adopted", "merged_as_asked")
        assert proposal.evidence["final_article"] == "第一条"
    apart = revision(("第一条", CAP, "第一条", CAP, "same"), ("第五条", fee, "第五条", fee, "same"), *BASE[1:])
    kept_apart = propose(Opinion(ask, article="第五条"), apart)
    assert (kept_apart.outcome, kept_apart.evidence["reason"]["code"]) == ("not_adopted", "structure_unchanged")
    # 合并 as a word of substance (合并处罚) is no ask to merge; 并 of 并到 is no conjunction.
    assert propose(Opinion("建议对两项违法行为合并处罚。", article="第五条"), apart).evidence["kind"] != "structure"
    assert len(ask_points("建议并到经营者义务那一条一起写")) == 1
    # Split: part of the article's sentences went into a new article.
    two = "经营者应当公示价格。经营者应当明示计量器具。"
    split = revision(("第一条", two, "第一条", "经营者应当公示价格。", "modified"),
                     (None, None, "第二条", "经营者应当明示计量器具。", "added"))
    asked = Opinion("第一条一句话说了两件事，建议拆成两条分别规定。", article="第一条")
    assert propose(asked, split).outcome == "adopted"
    # Move: the article stands in another chapter of the final text (a renumbered chapter keeps its name).
    day = "每年五月十九日为本省旅游日。"
    moved = Revision([Pair(Provision("第七条", day, "总则"), Provision("第十条", day, "旅游规划和促进"), "moved")])
    stayed = Revision([Pair(Provision("第七条", day, "总则"), Provision("第六条", day, "总则"), "moved")])
    ask = "旅游日放在总则里感觉怪怪的，建议挪到规划和促进那一章去。"
    found = propose(Opinion(ask, article="第七条"), moved)
    assert (found.outcome, found.evidence["reason"]["params"]) == (
        "adopted", {"final_article": "第十条", "chapter": "旅游规划和促进"})
    assert propose(Opinion(ask, article="第七条"), stayed).outcome == "not_adopted"
    # A chapter every statute has is named without 章 (建议移到总则).
    report = "任何单位和个人有权举报违法行为。"
    to_general = Revision([Pair(Provision("第四十四条", report, "安全事故"), Provision("第八条", report, "总则"),
                                "moved")])
    assert propose(Opinion("举报权是一般规定，放在安全事故一章不合适，建议移到总则。", article="第四十四条"),
                   to_general).evidence["reason"]["code"] == "moved_as_asked"
    # On the whole draft: the article that went to the chapter named, by the comment's other words.
    beside = Pair(Provision("第八条", "旅游规划应当征求意见。", "旅游规划和促进"),
                  Provision("第七条", "旅游规划应当征求意见。", "旅游规划和促进"), "moved")
    both_moved = Revision([Pair(Provision("第七条", day, "总则"), Provision("第十条", day, "旅游规划和促进"), "moved"),
                           beside])
    placed = propose(Opinion(ask), both_moved)
    assert (placed.outcome, placed.evidence["final_article"]) == ("adopted", "第十条")
    # 分成两条 told as what is wrong (分成两条有点碎，建议合并) asks to merge, not to split.
    told = propose(Opinion("收费公示和收费上限分成两条有点碎，建议合并。", article="第五条"), merged)
    assert told.evidence["reason"]["code"] == "merged_as_asked"
    # With another ask beside it, the comment is partly adopted when only one of them was made.
    both = propose(Opinion("建议两条合并成一条，并且收费上限降到百分之五。", article="第五条"), merged)
    assert both.outcome == "partly"


def test_a_provision_knows_the_name_of_its_chapter():
    from legislink.lawtext import align, parse_text

    old = parse_text("第一章 总则\n第一条 本条例适用于本省。\n第二章 促进\n第二条 每年五月十九日为旅游日。\n")
    new = parse_text("第一章 总则\n第一条 本条例适用于本省。\n第二条 每年五月十九日为旅游日。\n")
    chapters = {(p.old.label, p.old.chapter, p.new.chapter) for p in pairs_of(align(old.articles, new.articles))}
    assert chapters == {("第一条", "总则", "总则"), ("第二条", "促进", "总则")}


def test_figures_and_points_of_an_ask():
    assert figures("应当在十五日内答复，比例不低于百分之三十，罚款30%") == {"十五日", "百分之三十", "30%"}
    assert figures("依照第十二条第二款") == set()
    # Spoken 两 is the statute's 二: a deadline restated in speech is the same figure.
    assert figures("两年就报废") == figures("二年内报废") == {"二年"}
    assert len(ask_points("建议一是设立登记点；二是公示收费标准。")) == 2
    assert len(ask_points("能不能多宽限几年？再有就是，能不能让代步车也上个牌照")) == 2
    assert len(ask_points("停水通知要写清楚几点来水。还有，停水超过四个钟头就该派车送水。")) == 2
    # 也 with a modal word adds an ask (巡查记录也应该挂在电梯口: also).
    assert ask_points("巡查写每日最好，巡查记录也应该挂在电梯口让大家看到。") == [
        "巡查写每日最好", "巡查记录也应该挂在电梯口让大家看到"]


def test_a_keep_ask_whose_provision_survived_is_adopted():
    rev = revision(*BASE)
    proposal = propose(Opinion("建议保留管理费用不得超过百分之十的上限。", article="第一条"), rev)
    assert proposal.outcome == "adopted"
    assert proposal.evidence["reason"]["code"] == "kept"
    assert proposal.evidence["final_article"] == "第一条"


def test_a_keep_ask_whose_provision_is_gone_is_not_adopted():
    rev = revision(("第一条", CAP, None, None, "deleted"), *BASE[1:])
    proposal = propose(Opinion("建议保留管理费用不得超过百分之十的上限。", article="第一条"), rev)
    assert proposal.outcome == "not_adopted"
    assert proposal.evidence["reason"]["code"] == "removed_against"


def test_a_keep_ask_is_judged_on_what_it_names_not_on_the_story_around_it():
    # The story shares most of its words with the provision (设施, 维修, 费用, 开办者): they survived; what the
    # keep-ask names (共同分担) did not.
    shared = "市场设施的维修费用由市场开办者和经营者共同分担，分担比例由双方协商确定。"
    alone = "市场设施的维修费用由市场开办者承担。"
    rev = revision(("第一条", shared, "第一条", alone, "modified"), *BASE[1:])
    story = ("市场设施坏了，开办者和经营者互相推，维修费用没人出，拖了好几个月。"
             "各出一部分才会爱惜，建议保留共同分担的规定。")
    proposal = propose(Opinion(story, article="第一条"), rev)
    assert proposal.outcome == "not_adopted"
    assert proposal.evidence["reason"] == {"code": "kept_little", "params": {"final_article": "第一条"}}
    # Where the named words survived, the same story is a keep-ask kept.
    kept = revision(("第一条", shared, "第一条", shared.replace("双方", "开办者和经营者"), "modified"), *BASE[1:])
    assert propose(Opinion(story, article="第一条"), kept).evidence["reason"]["code"] == "kept"


def test_a_keep_ask_is_kept_when_what_is_distinctive_of_it_survived_not_the_law_s_common_words():
    # What the ask keeps is 活期; 利息 is written in other articles too. Counted alike, one of the two pairs it
    # shares with the provision survived (利息) and it read as kept; weighed by their rarity among the articles,
    # the one that says what is kept (活期) outweighs it.
    interest = "维修资金存储期间产生的利息按照活期存款利率计算，计入业主分户账。"
    others = [("第二条", "维修资金由业主交存，专项用于住宅共用部位的维修。"),
              ("第三条", "维修资金及其利息的使用应当经业主表决。"),
              ("第四条", "维修资金的管理机构应当每年公布维修资金的收支情况。")]
    story = "按活期算利息是合理的，改成定期会损失利息，建议保持活期。"
    lines = [(label, text, label, text, "same") for label, text in others]
    changed = revision(("第一条", interest, "第一条", interest.replace("活期", "定期"), "modified"), *lines)
    proposal = propose(Opinion(story, article="第一条"), changed)
    assert proposal.outcome == "not_adopted"
    assert proposal.evidence["reason"]["code"] == "kept_little"
    # The same ask where 活期 stayed, the sentence after it rewritten: kept.
    rewritten = interest.replace("计入业主分户账", "按年计入业主的分户账")
    kept = revision(("第一条", interest, "第一条", rewritten, "modified"), *lines)
    assert propose(Opinion(story, article="第一条"), kept).evidence["reason"]["code"] == "kept"


def test_a_duty_made_a_permission_is_found_wherever_the_sentence_writes_it():
    # Two duties in one sentence; the first kept, the second (应当委托) made 可以委托.
    before = "预算在五十万元以上的，应当通过招标选定施工单位，结算应当委托造价咨询机构审核。"
    after = "预算在五十万元以上的，应当通过招标选定施工单位，结算可以委托造价咨询机构审核。"
    rev = revision(("第一条", before, "第一条", after, "modified"), *BASE[1:])
    proposal = propose(Opinion("结算审核这一条请保留，这是防止串通抬价的。", article="第一条"), rev)
    assert proposal.outcome == "not_adopted"
    assert proposal.evidence["reason"]["params"]["changed"] == "应当→可以"


def test_a_keep_ask_for_a_permission_made_a_duty_is_not_adopted():
    may = "乡镇人民政府可以协助做好日常管理工作。"
    must = "乡镇人民政府应当协助做好日常管理工作，可以聘请协管员。"
    rev = revision(("第一条", may, "第一条", must, "modified"), *BASE[1:])
    proposal = propose(Opinion("希望保持“可以”，乡镇没有执法权，写成应当就是把责任推给我们。", article="第一条"), rev)
    assert proposal.outcome == "not_adopted"
    assert proposal.evidence["reason"] == {"code": "changed_against",
                                           "params": {"changed": "可以→应当", "final_article": "第一条"}}
    # A duty added beside the permission, which stays, keeps what was asked.
    beside = "乡镇人民政府可以协助做好日常管理工作，协助情况应当公示。"
    rev = revision(("第一条", may, "第一条", beside, "modified"), *BASE[1:])
    assert propose(Opinion("请保留本条，鼓励乡镇协助就好。", article="第一条"), rev).outcome == "adopted"


def test_a_delete_ask_is_adopted_when_the_article_or_its_words_are_gone():
    gone = revision(("第一条", CAP, None, None, "deleted"), *BASE[1:])
    assert propose(Opinion("建议删去本条。", article="第一条"), gone).outcome == "adopted"
    kept = revision(*BASE)
    assert propose(Opinion("建议删去本条。", article="第一条"), kept).outcome == "not_adopted"
    shorter = "市场开办者调整摊位租金的，应当提前三个月书面告知经营者。"
    cut = revision(("第一条", RENT, "第一条", shorter, "modified"), *BASE)
    proposal = propose(Opinion("建议删去“一年内调整不得超过一次”。", article="第一条"), cut)
    assert proposal.outcome == "adopted"
    assert proposal.evidence["reason"]["code"] == "deleted_as_asked"


def test_content_that_landed_in_a_new_article_is_found_there():
    rev = revision(*BASE, (None, None, "第三条", REGISTER, "added"))
    proposal = propose(Opinion("外地来的商户办登记要跑很远，建议在市场内设立登记服务点，方便经营者办理登记。",
                               article="第二条"), rev)
    assert proposal.outcome == "adopted"
    assert proposal.evidence["final_article"] == "第三条"
    assert proposal.evidence["reason"]["code"] == "added_as_asked"
    assert "登记服务点" in proposal.evidence["reason"]["params"]["added"]


def test_an_opinion_on_the_whole_draft_is_compared_with_the_whole_text():
    rev = revision(*BASE, (None, None, "第三条", REGISTER, "added"))
    proposal = propose(Opinion("希望在市场内设立登记服务点，方便经营者办理登记。"), rev)
    assert proposal.outcome == "adopted"
    assert proposal.evidence["reason"] == {"code": "whole_draft_found", "params": {"final_article": "第三条"}}


def test_a_length_said_as_speech_says_its_tenths_is_that_length():
    # 一米八 is 1.8 metres (the unit between the whole number and the tenths), not one metre.
    assert figures("一般路段建议维持一米八") == {"一点八米"}
    assert figures("和主路一样，两米五") == {"二点五米"}
    assert figures("一米实在局促") == {"一米"}
    fence = "施工现场应当设置封闭围挡，一般路段围挡高度不低于一点八米。"
    rev = revision(("第一条", fence, "第一条", fence.replace("一点八米", "二米"), "modified"), *BASE[1:])
    proposal = propose(Opinion("围挡够挡就行，一般路段建议维持一米八，加高成本不小。", article="第一条"), rev)
    assert proposal.outcome == "not_adopted"
    assert proposal.evidence["reason"]["code"] == "changed_against"


def test_an_asked_figure_that_got_a_general_duty_is_partly_adopted():
    rev = revision(*BASE, (None, None, "第五条", WOMEN, "added"))
    proposal = propose(Opinion("建议规定经营者代表大会中妇女代表不少于百分之三十。"), rev)
    assert proposal.outcome == "partly"
    assert proposal.evidence["reason"]["code"] == "partly_general"
    assert proposal.evidence["reason"]["params"]["asked"] == "百分之三十"
    exact = revision(*BASE, (None, None, "第五条", "经营者代表大会中妇女代表不少于百分之三十。", "added"))
    assert propose(Opinion("建议规定经营者代表大会中妇女代表不少于百分之三十。"), exact).outcome == "adopted"


def test_nothing_new_on_the_point_is_not_adopted():
    rev = revision(*BASE, (None, None, "第三条", REGISTER, "added"))
    proposal = propose(Opinion("建议规定市场开办者为经营者缴纳养老保险和医疗保险。", article="第二条"), rev)
    assert proposal.outcome == "not_adopted"
    assert proposal.evidence["reason"]["code"] in {"unchanged", "not_found"}
    assert proposal.evidence["consulted"] == STALLS


def test_one_of_two_asks_made_is_partly_adopted():
    rev = revision(*BASE, (None, None, "第三条", REGISTER, "added"))
    asks = "建议一是在市场内设立登记服务点，方便经营者办理登记；二是对新入场经营者免收三年管理费用。"
    proposal = propose(Opinion(asks, article="第二条"), rev)
    assert proposal.outcome == "partly"


def test_the_evidence_carries_both_wordings():
    new = RENT.replace("三个月", "六个月")
    rev = revision(("第一条", RENT, "第二条", new, "modified"), *BASE[1:])
    proposal = propose(Opinion("租金调整告知期太短，建议修改为“应当提前六个月书面告知经营者”。", article="第一条"), rev)
    assert proposal.outcome == "adopted"
    assert proposal.evidence["consulted"] == RENT
    assert proposal.evidence["final"] == new
    assert proposal.evidence["final_article"] == "第二条"
    assert set(proposal.evidence["reason"]) == {"code", "params"}


def test_article_of_a_paragraph_label():
    assert article_of("第十二条第二款") == "第十二条"
    assert article_of("第二十条之一") == "第二十条之一"
    assert article_of(None) is None


def test_similarity_ignores_punctuation():
    assert bigram_similarity("提前，三个月", "提前三个月") == 1.0


def test_a_figure_is_read_as_what_it_measures_in_one_unit():
    assert figure_value("十五日") == ("time", 15)
    assert figure_value("三个月") == ("time", 90)
    assert figure_value("十个工作日") == ("time", 10)
    assert figure_value("二万元") == ("money", 20000)
    assert figure_value("百分之三十") == ("share", 30)
    assert figure_value("30%") == ("share", 30)
    # A fraction is a share too, as statutes write the members of a board (三分之一以上).
    assert figures("教职工代表不少于三分之一") == {"三分之一"}
    assert figure_value("三分之一") == ("share", 100 / 3)
    assert figure_moved({"三分之一"}, "应当有教职工代表", "教职工代表不少于五分之一") == "五分之一"
    # Class hours with the measure word of speech (四十个学时), as 个小时 and 个工作日 are read.
    assert figures("每年业务培训不少于四十个学时") == {"四十个学时"}
    assert figure_value("四十个学时") == figure_value("四十学时") == ("lessons", 40)


def test_a_figure_moved_toward_the_ask_is_found_and_one_moved_away_is_not():
    assert figure_moved({"十个工作日"}, "自受理之日起三十日内作出决定", "自受理之日起二十日内作出决定") == "二十日"
    assert figure_moved({"五年"}, "筹设期不得超过三年", "筹设期不得超过二年") is None
    # A figure of another kind is not the same point.
    assert figure_moved({"十五日"}, "及时予以处理", "处二万元以下罚款") is None
    # A figure added beside one of its kind that the final text kept is about another point.
    kept = "处五千元以上三万元以下罚款"
    assert figure_moved({"十万元"}, kept, kept + "；另处一万元以下罚款") is None
    # Where the consulted text had no figure, a figure written in is a move toward one.
    assert figure_moved({"十五日"}, "有关部门应当及时予以处理", "自收到申诉之日起三十日内予以处理") == "三十日"


def test_a_frequency_said_without_every_is_a_frequency():
    assert figure_value("每一年一次") == figure_value("每年一次")
    assert "每三年一次" in figures("体检三年一次就够了")
    # The period and its count may stand a clause apart (每半年对所生产的食品进行一次检验).
    assert "每半年一次" in figures("应当每半年对所生产的食品进行一次检验")
    assert same_figures(figures("能不能一年一次？"), figures("应当每年对所生产的食品进行一次检验"))
    # A year of the calendar is not a period.
    assert figures("二〇二七年一次") == {"二〇二七年", "一次"}
    # A count of months keeps its measure word: 三个月一次 is once a quarter, not 一次 in March.
    assert figure_value("每三月一次") in {figure_value(f) for f in figures("维保三个月一次就行")}
    assert same_figures(figures("新电梯一个月一次就行"), figures("每月至少进行一次维护保养"))


def test_distances_weights_and_noise_are_figures():
    assert figures("学校周边五十米范围内不得设摊，每份留样不少于一百二十五克") == {"五十米", "一百二十五克"}
    assert figure_value("二公里") == figure_value("2000米") == ("length", 2000)
    assert figure_value("五千克") == figure_value("5公斤") == ("weight", 5000)
    assert figure_value("五十五分贝") == ("loudness", 55)
    # Asked 二百米, moved from 五十米 to 一百米: toward the ask, not the asked figure.
    assert figure_moved({"二百米"}, "周边五十米范围内", "周边一百米范围内") == "一百米"
    assert figure_value("一百平方米")[0] == "area"


def test_ages_and_hours_of_the_day_are_figures():
    # 周岁 is an age, not a week (六十五周 was read as sixty-five weeks).
    assert figures("对六十五周岁以上的老年人减半收取门票费用") == {"六十五周岁"}
    assert figure_value("六十五周岁") == ("age", 65)
    assert same_figures({"六十岁"}, {"六十周岁"}) == {"六十岁"}
    # An hour of the day as statutes write it and as it is said; 小时 stays a duration, 同时 no figure.
    assert figures("每日八时至二十二时开放") == {"八时", "二十二时"}
    assert figure_value("二十三时") == figure_value("晚上十一点") == ("clock", 23)
    assert figures("二十四小时内同时报告") == {"二十四小时"}
    assert figures("再便宜一点就好") == frozenset()
    assert figure_moved({"二十四时"}, "经营时间不得超过二十二时", "经营时间不得超过二十三时") == "二十三时"
    # Half (一半, 半数) is a share, as statutes write 过半数 and 二分之一.
    assert same_figures(figures("业主代表要占一半以上"), figures("其中业主代表不少于二分之一")) == {"二分之一"}
    # Hours with their measure word (两个小时, 四个钟头) are hours.
    assert same_figures(figures("建议放宽到两个小时"), figures("应当在二小时内启动响应")) == {"二个小时"}
    assert figure_value("四个钟头") == ("time", 4 / 24)
    # Hours of instruction (学时, 课时) are a count of their own.
    assert figures("每年不少于八学时") == {"八学时"}
    assert figure_moved({"二十学时"}, "每年不少于八学时", "每年不少于十二学时") == "十二学时"


def test_volumes_are_figures_and_a_bare_ask_reads_the_sentence_before():
    assert figure_value("八百毫升") == ("volume", 800)
    assert figure_value("一点五升") == figure_value("1500毫升")
    # 建议降低 alone says what way; what it moves is in the sentence before.
    assert "八百毫升" in ask_clauses("我献了十几次。八百毫升才能终身免费，门槛太高了。建议降低。")
    assert "十几次" not in ask_clauses("我献了十几次。八百毫升才能终身免费，门槛太高了。建议降低。")
    # A clause of 也 before a verb of change is an ask of its own.
    assert len(ask_points("建议累计满六百毫升就终身免费用血，家属的等量减免也提高到两倍")) == 2


def test_two_asks_each_of_its_own_figure_with_one_written_are_partly():
    before = "提倡十八周岁至五十五周岁的健康公民自愿献血。"
    after = "提倡十八周岁至六十周岁的健康公民自愿献血。"
    rev = revision(("第一条", before, "第一条", after, "modified"), *BASE[1:])
    both = "起始年龄建议降到十七周岁；上限也可以放到六十周岁。"
    assert propose(Opinion(both, article="第一条"), rev).outcome == "partly"
    # 留着 with a modal of need keeps; 写上 asks for words to be put in.
    more = "输血记录纳入病历管理这条一定要留着，还要写上谁泄露了病历要处分谁。"
    assert propose(Opinion(more, article="第一条"), rev).outcome == "partly"
    assert propose(Opinion("上限建议放到六十周岁。", article="第一条"), rev).outcome == "adopted"


def test_a_sentence_that_asks_for_more_beside_a_keep_is_another_ask():
    kept_and_more = "被派遣劳动者享有同等权利这条很重要，请保留。高危岗位使用派遣工的比例也应当限制在百分之十以内。"
    assert ask_kind(kept_and_more) == "figure"
    # 多 / 少 with a verb of giving or taking and 一点 asks a figure to move (奖金得多给点).
    assert direction_point("奖金得多给点", "给予举报人一千元的奖励。", "给予举报人三千元的奖励。") == "一千元→三千元"
    assert direction_point("能不能少罚点", "处二百元罚款。", "处一百元罚款。") == "二百元→一百元"
    # A sentence that tells what the provision says is no ask of its own.
    assert ask_kind("草案第十条规定用人单位也应当公示。这一条请保留。") == "keep"


def test_money_said_of_a_fine_without_its_unit_is_money():
    assert figures("一万到五万的罚款挺合适的") == {"一万元", "五万元"}
    assert figures("在楼道充个电就罚二百到一千，太重了") == {"二百元", "一千元"}
    assert figures("罚款五十块太少") == {"五十元"}
    assert figures("四十六条那个罚款对俺们太重咯，改成一百块到一千块吧。") == {"一百元", "一千元"}
    # Only in a clause about a fine, and not approximate (一万多), nor 一块 (a piece of), nor for grouping.
    assert figures("小区一万多户，一块牌子也没有") == frozenset()
    assert figures("一万到五万的罚款挺合适的", spoken=False) == frozenset()
    kept = "违反本条规定的，处一万元以上五万元以下罚款。"
    eased = revision(("第一条", kept, "第一条", kept.replace("一万元", "五千元"), "modified"), *BASE[1:])
    assert propose(Opinion("一万到五万的罚款挺合适的，请保留。", article="第一条"), eased).outcome == "not_adopted"


def test_a_speed_is_one_figure_not_a_distance():
    assert figures("时速不得超过每小时二十公里") == {"二十公里/时"}
    assert figure_value("十五公里/时") == ("speed", 15)
    limit = "时速不得超过每小时二十五公里"
    assert figure_moved({"十五公里/时"}, limit, limit.replace("二十五", "二十")) == "二十公里/时"
    assert figures("往返二十公里") == {"二十公里"}


def test_another_article_sharing_only_a_quota_frame_is_not_where_the_ask_went():
    # The new article shares with the ask only the frame of its quota (每年不少于), not its subject.
    budget = "献血工作所需经费列入本级财政预算。"
    others = ["市场监管部门负责食品安全监督管理。", "教育部门负责学校体育工作。", "交通部门负责道路运输管理。",
              "民政部门负责养老服务体系建设。", "卫生健康部门负责医疗机构管理。", "生态环境部门负责噪声污染防治。",
              "公安机关负责道路交通秩序。", "应急管理部门负责安全生产综合监督。", "水务部门负责城市供水排水。"]
    same = [(f"第{k}条", text, f"第{k}条", text, "same") for k, text in zip("二三四五六七八九十", others, strict=True)]
    mobile = "血站应当到乡镇开展流动采血，每个乡镇每年不少于两次。"
    rev = revision(("第一条", budget, "第一条", budget, "same"), *same, (None, None, "第十一条", mobile, "added"))
    ask = Opinion("建议明确献血经费按照常住人口每人每年不少于一元的标准列入财政预算。", article="第一条")
    assert propose(ask, rev).outcome == "not_adopted"


def test_a_keep_put_forward_by_a_request_beside_an_ask_for_more_is_judged_with_it():
    records = "医疗机构应当将输血记录纳入病历管理。"
    rev = revision(("第一条", records, "第一条", records, "same"), *BASE[1:])
    both = "输血记录纳入病历管理，这个规定是对的，建议保持，同时规定输血记录保存不少于三十年。"
    assert propose(Opinion(both, article="第一条"), rev).outcome == "partly"
    # 留着 with a modal of need keeps; 写上 asks for words to be put in.
    more = "输血记录纳入病历管理这条一定要留着，还要写上谁泄露了病历要处分谁。"
    assert propose(Opinion(more, article="第一条"), rev).outcome == "partly"


def test_all_asked_where_the_article_sets_a_share_is_a_share_of_a_hundred():
    buses = "新增和更新的公交车中低地板车的比例不低于百分之五十。"
    rev = revision(("第一条", buses, "第一条", buses.replace("五十", "七十"), "modified"), *BASE[1:])
    ask = Opinion("新增和更新的公交车应当全部是低地板车，百分之五十太低了。", article="第一条")
    assert propose(ask, rev).outcome == "partly"
    done = revision(("第一条", buses, "第一条", buses.replace("五十", "百"), "modified"), *BASE[1:])
    assert propose(ask, done).outcome == "adopted"


def test_counts_by_their_measure_word_are_figures():
    # Each measure word counts things of its own kind: 三株 is compared with 五株, not with 三台.
    assert figures("每日抽检农产品不少于二十批次") == {"二十批次"}
    assert figure_moved({"五十批次"}, "每日抽检不少于二十批次", "每日抽检不少于三十批次") == "三十批次"
    assert figure_value("五株")[0] != figure_value("五台")[0]
    assert figure_moved({"三台"}, "砍伐一株补植三株", "砍伐一株补植五株") is None
    # Not counts: the indefinite 一 (一棵树), an approximate number (几百台), an ordinal (第三项), households.
    assert figures("门口一棵树都没有，几百台车，第三项，十八户") == frozenset()


def test_the_figures_a_comment_cites_are_not_those_it_asks_for():
    # Attribution reads the figures of the text commented on (罚五十元), not the value wanted (十元):
    # a wanted 七日 says nothing of the article whose deadline is 三十日.
    assert cited_figures("不戴头盔罚五十元太重，建议降为十元。") == {"五十元"}
    assert cited_figures("建议公告期改为七日，并且小区内的车也要管。") == frozenset()
    assert cited_figures("培训学时建议提高到每年二十学时") == frozenset()


def test_a_way_asked_is_about_the_figure_of_its_sentence_when_no_clause_shares_its_words():
    before = "购买商品后要求退货的，可以自购买之日起十五日内提出。"
    after = before.replace("十五日", "三十日")
    assert direction_point("退货期限能不能长一点", before, after) == "十五日→三十日"
    assert direction_point("退货期限能不能短一点", before, after) is False
    assert direction_point("罚款能不能降一点", "处五千元以上二万元以下罚款。", "处一千元以上五千元以下罚款。")
    # The consulted figure named in speech (三十天 for 三十日) is no figure asked of its own.
    refund = "应当自行程结束之日起三十日内退还费用。"
    assert direction_point("三十天太长，希望缩短", refund, refund.replace("三十日", "十五日")) == "三十日→十五日"


def test_a_range_moved_is_judged_bound_against_bound():
    before, after = "处二百元以上二千元以下罚款", "处一百元以上一千元以下罚款"
    # Asked higher, both bounds lowered: the new upper bound is not a move toward the asked lower one.
    assert figure_moved({"五百元", "五千元"}, before, after) is None
    assert figure_moved({"十万元"}, before, after) is None
    assert figure_moved({"五十元", "五百元"}, before, after) in {"一百元", "一千元"}
    # Asked lower, both bounds raised (the other way): nothing moved toward the ask.
    assert figure_moved({"五十元", "五百元"}, before, "处五百元以上五千元以下罚款") is None


def test_a_figure_moved_away_from_the_ask_is_found():
    assert figure_against({"六个月"}, "应当提前三个月告知", "应当提前六十日告知") == "六十日"
    assert figure_against({"六个月"}, "应当提前三个月告知", "应当提前四个月告知") is None
    # Without a figure replaced there is no side to be on.
    assert figure_against({"十五日"}, "有关部门应当及时予以处理", "自收到申诉之日起三十日内予以处理") is None


def test_another_figure_in_the_asked_direction_is_partly_adopted():
    later = RENT.replace("三个月", "六十日")
    rev = revision(*BASE, ("第四条", RENT, "第五条", later, "modified"))
    proposal = propose(Opinion("第四条提前三个月告知太短了，建议改为提前六个月书面告知。", article="第四条"), rev)
    assert proposal.outcome == "not_adopted"  # 六十日 is shorter than 三个月: moved away from the ask
    assert proposal.evidence["reason"] == {"code": "figure_against", "params": {
        "asked": "六个月", "got": "六十日", "final_article": "第五条"}}
    shorter = revision(*BASE, ("第四条", RENT, "第五条", RENT.replace("三个月", "一个月"), "modified"))
    proposal = propose(Opinion("第四条提前三个月太久了，建议改为提前十五日书面告知。", article="第四条"), shorter)
    assert proposal.outcome == "partly"
    assert proposal.evidence["reason"] == {"code": "partly_figure", "params": {
        "asked": "十五日", "got": "一个月", "final_article": "第五条"}}


TRAINING = FIRE + "\n市场开办者应当每年为经营者开展消防安全培训。"


def test_a_quotation_of_the_draft_is_part_of_the_ask_and_a_proposed_wording_is_the_ask():
    rev = revision(*BASE[:2], ("第三条", FIRE, "第三条", TRAINING, "modified"))
    # The comment quotes the draft it finds short; what it asks for is in the rest of its sentence.
    quoting = Opinion("第三条只写了“定期组织消防检查”，光检查不够，建议每年给经营者开展消防安全培训。",
                      article="第三条")
    assert propose(quoting, rev).outcome == "adopted"
    # A wording put forward with 修改为 is what is looked for, and it is not in the final text.
    proposing = Opinion("第三条“定期组织消防检查”太笼统，建议修改为“消防检查记录应当存档备查”。", article="第三条")
    assert propose(proposing, rev).outcome == "not_adopted"


def test_a_short_ask_counts_in_the_article_commented_on_and_not_elsewhere():
    rev = revision(*BASE[:2], ("第三条", FIRE, "第三条", TRAINING, "modified"))
    # Few characters: below the floor of chance anywhere else, enough in the article commented on.
    assert propose(Opinion("第三条能不能加上培训？", article="第三条"), rev).outcome == "adopted"
    assert propose(Opinion("第三条能不能加上培训？", article="第三条"), rev,
                   Settings(home_least_weight=8.0)).outcome == "not_adopted"
    assert propose(Opinion("第二条能不能加上培训？", article="第二条"), rev).outcome == "not_adopted"


def test_an_encouragement_where_a_duty_was_asked_is_partly_adopted():
    asked = Opinion("第三条建议规定市场开办者必须安装自动喷水灭火设施。", article="第三条")
    soft = revision(*BASE[:2], ("第三条", FIRE, "第三条", FIRE + "\n鼓励市场开办者安装自动喷水灭火设施。", "modified"))
    proposal = propose(asked, soft)
    assert proposal.outcome == "partly"
    assert proposal.evidence["reason"] == {"code": "partly_softer",
                                           "params": {"got": "鼓励", "final_article": "第三条"}}
    assert propose(asked, soft, Settings(modality=False)).outcome == "adopted"
    # A duty written is the ask made; an encouragement asked and written is the ask made too.
    duty = revision(*BASE[:2], ("第三条", FIRE, "第三条", FIRE + "\n市场开办者应当安装自动喷水灭火设施。", "modified"))
    assert propose(asked, duty).outcome == "adopted"
    encouraging = Opinion("第三条建议鼓励市场开办者安装自动喷水灭火设施。", article="第三条")
    assert propose(encouraging, soft).outcome == "adopted"


FAIRS = "农贸市场以外的集市，由乡镇人民政府负责日常管理，收取摊位费用应当公示，举办者应当定期组织消防检查。"


def test_an_ask_to_say_the_same_in_another_article_is_found_there_in_its_own_words():
    # But for 集市, every word of the ask is in the article commented on (第三条); the new article says
    # it for the fairs, as a phrase of the ask: those words count there (at a discount), not where they
    # are scattered, and not at all without a new word of the ask beside them.
    ask = Opinion("集市也要定期组织消防检查。", article="第三条")
    rev = revision(*BASE, (None, None, "第五条", FAIRS, "added"))
    proposal = propose(ask, rev)
    assert (proposal.outcome, proposal.evidence["final_article"]) == ("adopted", "第五条")
    assert propose(ask, rev, Settings(elsewhere_discount=0.0)).outcome == "not_adopted"
    scattered = FAIRS.replace("举办者应当定期组织消防检查", "消防和检查工作由举办者定期组织")
    assert propose(ask, revision(*BASE, (None, None, "第五条", scattered, "added"))).outcome == "not_adopted"
    no_new_word = Opinion("建议另加一条：定期组织消防检查。", article="第三条")
    assert propose(no_new_word, rev).outcome == "not_adopted"


def test_a_paragraph_moved_into_a_new_article_brings_only_what_it_did_not_have():
    # 第三条's text becomes the first paragraph of a new article with a paragraph of its own: only the
    # new paragraph is new content.
    rev = revision(*BASE[:2], ("第三条", FIRE, None, None, "deleted"),
                   (None, None, "第五条", FIRE + "\n" + FAIRS + "\n" + REGISTER, "added"))
    fresh = next(f for f in rev.finals if f.label == "第五条")
    assert "配备" not in fresh.novel
    assert "集市" in fresh.novel
    whole = Revision(rev.pairs, Settings(moved=1.1))  # no paragraph is taken as moved
    assert "配备" in next(f for f in whole.finals if f.label == "第五条").novel


def test_a_figure_is_made_however_it_is_written_and_when_the_final_text_goes_further():
    assert same_figures({"一个月", "十五日"}, {"三十日"}) == {"一个月"}
    rev = revision(*BASE, ("第四条", RENT, "第五条", RENT.replace("三个月", "一个月"), "modified"))
    asked = Opinion("第四条提前三个月太久了，建议改为提前三十日书面告知。", article="第四条")
    assert propose(asked, rev).outcome == "adopted"
    # Asked down from 三个月 to 十五日, written 十日: the ask made and more.
    assert figure_beyond({"一周"}, "每三个月公开一次", "每三个月公开一次", "每五日公开一次") == "五日"
    assert figure_beyond({"一周"}, "每三个月公开一次", "每三个月公开一次", "每十日公开一次") is None
    further = revision(*BASE, ("第四条", RENT, "第五条", RENT.replace("三个月", "十日"), "modified"))
    shorter = Opinion("第四条提前三个月太久了，建议改为提前十五日书面告知。", article="第四条")
    proposal = propose(shorter, further)
    assert (proposal.outcome, proposal.evidence["figures"]) == ("adopted", "十日")
    assert propose(shorter, further, Settings(beyond=False)).outcome == "partly"


def test_a_condition_asked_away_and_eased_is_partly_adopted():
    waiting = "经营者在市场内经营满二年的，可以申请续租摊位。"
    rev = revision(*BASE, ("第四条", waiting, "第五条", waiting.replace("二年", "一年"), "modified"))
    asked = Opinion("第四条建议取消经营年限的要求，经营者都可以申请续租。", article="第四条")
    proposal = propose(asked, rev)
    assert proposal.outcome == "partly"
    assert proposal.evidence["reason"] == {"code": "partly_eased", "params": {"got": "一年", "final_article": "第五条"}}
    assert propose(asked, rev, Settings(eased=False)).outcome == "not_adopted"
    # Made longer, the condition is not eased; an ask that does not name the figure's unit is about
    # another part of the clause.
    longer = revision(*BASE, ("第四条", waiting, "第五条", waiting.replace("二年", "三年"), "modified"))
    assert propose(asked, longer).outcome == "not_adopted"
    assert propose(Opinion("第四条建议取消续租摊位的申请，自动续租。", article="第四条"), rev).outcome != "partly"


def test_a_limit_asked_without_a_number_and_none_written_is_partly_adopted():
    ask = Opinion("第二条建议规定摊位费的上限，不能让开办者说了算。", article="第二条")

    def final(extra: str) -> Revision:
        grown = STALLS + "\n" + extra
        return revision(("第一条", CAP, "第一条", CAP, "same"), ("第二条", STALLS, "第二条", grown, "modified"),
                        ("第三条", FIRE, "第四条", FIRE, "same"))

    general = final("摊位费由市场开办者合理确定并公示，不得擅自提高摊位费。")
    proposal = propose(ask, general)
    assert proposal.outcome == "partly"
    assert proposal.evidence["reason"] == {"code": "partly_general", "params": {"asked": "上限", "got": "第二条"}}
    assert propose(ask, general, Settings(quantity=False)).outcome == "adopted"
    assert propose(ask, final("摊位费每月不得超过五百元。")).outcome == "adopted"


def test_a_keep_ask_is_read_where_the_comment_asks():
    # A delete verb in the story (someone else wants it gone) and change verbs under a negation
    # (别删掉或者放宽) do not make a keep-ask a delete- or change-ask.
    story = "听说有经营者主张删除第一条的上限。我们认为这个上限是小商户的保障，必须保留。"
    assert ask_kind(story) == "keep"
    # The story's sentence asks nothing: its delete verb is not read, whatever the switch.
    assert ask_kind(story, negated=False) == "keep"
    negated = "第一条百分之十的上限一定要保留，千万别在修改时删掉或者放宽。"
    assert ask_kind(negated) == "keep"
    assert ask_kind(negated, negated=False) != "keep"
    kept = revision(*BASE)
    assert propose(Opinion(story, article="第一条"), kept).outcome == "adopted"
    # A delete-ask is still one when it asks for the deletion itself.
    assert ask_kind("建议删除第一条的上限，不要保留。") != "keep"
    assert ask_kind("建议删除第一条的上限。") == "delete"


def test_a_delete_verb_in_the_story_or_in_the_wording_put_forward_asks_no_deletion():
    assert ask_kind("建议增加“平台不得取消商户的活动资格”。") == "change"
    assert ask_kind("去年平台取消了我们的活动资格。建议明确平台处罚商户前应当告知理由。") == "change"
    assert ask_kind("去年平台取消了我们的活动资格。建议取消平台单方处罚的权利。") == "delete"
    # The reason given for the ask (the comment form's own field, 理由：…) asks nothing either.
    assert ask_kind("建议增加平台不得强迫商家二选一的规定。理由：平台要求商家站队，否则取消活动资格。") == "change"


def test_half_a_month_and_half_a_year_are_figures():
    assert figures("至少给半个月吧，最好半年") == {"半个月", "半年"}
    assert figure_value("半个月") == figure_value("十五日")
    assert figure_value("半年") == figure_value("六个月")
    assert same_figures({"半个月"}, {"十五日"}) == {"半个月"}
    asked = Opinion("第一条说提前三个月告知太长了，提前半个月就够。", article="第一条")
    shorter = revision(("第一条", RENT, "第一条", RENT.replace("三个月", "十五日"), "modified"), *BASE[1:])
    assert propose(asked, shorter).outcome == "adopted"


def test_a_soft_sentence_written_anew_makes_a_firm_ask_partly():
    asked = Opinion("第三条建议规定市场开办者必须安装自动喷水灭火设施。", article="第三条")
    soft = revision(*BASE[:2], ("第三条", FIRE, "第三条", FIRE + "\n鼓励市场开办者安装自动喷水灭火设施。", "modified"))
    assert propose(asked, soft).outcome == "partly"
    assert propose(asked, soft).evidence["reason"]["code"] == "partly_softer"
    assert propose(asked, soft, Settings(modality=False)).outcome == "adopted"


def test_a_group_is_proposed_what_most_of_its_members_asks_point_to():
    rev = revision(("第一条", CAP, None, None, "deleted"), *BASE[1:])
    keep = Opinion("建议保留管理费用不得超过百分之十的上限。", article="第一条")
    remove = Opinion("建议删去管理费用上限的规定，由市场自行定价。", article="第一条")
    # The representative (the first) asks to keep what the final text deleted; two of three asked it away.
    proposal = propose_group(propose_each([keep, remove, remove], rev), representative=0)
    assert propose(keep, rev).outcome == "not_adopted"
    assert proposal.outcome == "adopted"
    assert proposal.evidence["members"] == {"adopted": 2, "partly": 0, "not_adopted": 1}


def test_a_tie_goes_to_the_representatives_proposal():
    rev = revision(("第一条", CAP, None, None, "deleted"), *BASE[1:])
    keep = Opinion("建议保留管理费用不得超过百分之十的上限。", article="第一条")
    remove = Opinion("建议删去管理费用上限的规定，由市场自行定价。", article="第一条")
    assert propose_group(propose_each([keep, remove], rev), representative=0).outcome == "not_adopted"
    assert propose_group(propose_each([keep, remove], rev), representative=1).outcome == "adopted"


PERMIT = "县级以上人民政府可以组织经营者参加消防培训。"


def test_a_modal_word_put_forward_is_judged_on_the_diff_of_the_article():
    firm = PERMIT.replace("可以", "应当")
    assert diff_point("建议改为“应当”", PERMIT, firm) == "可以→应当"
    # The other way, or no modal change, is an ask judged and not made; no modal word asked, no judgement.
    assert diff_point("建议改为“应当”", firm, PERMIT) is False
    assert diff_point("建议改为“应当”", PERMIT, PERMIT + "经营者应当参加。") is False
    assert diff_point("建议改为鼓励性规定", firm, "鼓励县级以上人民政府组织经营者参加消防培训。") == "应当→鼓励"
    assert diff_point("建议政府重视消防培训", PERMIT, firm) is None
    asked = Opinion("第三条用的是“可以”，等于可以不办。建议改为“应当”。", article="第三条")
    firmer = revision(*BASE[:2], ("第三条", PERMIT, "第三条", firm, "modified"))
    proposal = propose(asked, firmer)
    assert proposal.outcome == "adopted"
    assert proposal.evidence["changed"] == "可以→应当"
    assert propose(asked, firmer, Settings(diff_points=False)).outcome == "not_adopted"
    # One of two asks made in the diff, the other nowhere in the final text: partly.
    two = Opinion("第三条，一是把“可以”改成“应当”；二是培训费用由财政全额负担，不得向经营者收取。", article="第三条")
    assert propose(two, firmer).outcome == "partly"


def test_a_figure_of_a_kind_asked_without_its_number_is_judged_on_the_diff():
    before = "市场开办者应当及时答复经营者的投诉。"
    after = "市场开办者应当在收到投诉后七个工作日内答复经营者。"
    assert diff_point("建议写明多少天之内必须答复", before, after) == "七个工作日"
    assert diff_point("建议写明多少天之内必须答复", before, before) is False
    # 几 also means "a few": not an interrogative the diff can judge.
    assert diff_point("不能过几年又来", before, after) is None
    asked = Opinion("什么叫及时？建议写明多少天之内必须答复。", article="第三条")
    rev = revision(*BASE[:2], ("第三条", before, "第三条", after, "modified"))
    assert propose(asked, rev).outcome == "adopted"


def test_a_frequency_is_a_figure_compared_by_how_often():
    assert figures("至少每月组织一次培训") == {"每月一次"}
    assert figures("至少每五日公开一次") == {"每五日一次", "五日"}
    assert figure_value("每星期一次")[1] > figure_value("每月一次")[1] > figure_value("每学期一次")[1]
    assert figure_value("每几天一次") == ("frequency", 1 / 9)
    # An hour is a period too (每两小时至少巡查一次: how often a night watch goes round).
    assert "每二小时一次" in figures("夜间每两小时至少巡查一次")
    assert figures("要规定每小时巡查一次房间") == {"每小时一次"}
    assert figure_value("每小时一次")[1] > figure_value("每二小时一次")[1] > figure_value("每日一次")[1]
    before = "市场开办者应当定期组织消防检查。"
    asked = Opinion("定期就是走形式，建议规定每周至少组织一次消防检查。", article="第三条")
    monthly = revision(*BASE[:2], ("第三条", before, "第三条", before.replace("定期", "每月至少"
                                                                           ).replace("检查", "一次检查"), "modified"))
    assert propose(asked, monthly).outcome == "partly"
    daily = revision(*BASE[:2], ("第三条", before, "第三条", "市场开办者应当每日至少组织一次消防检查。", "modified"))
    assert propose(asked, daily).outcome == "adopted"


def test_a_keep_ask_whose_quoted_wording_was_dropped_is_not_adopted():
    firm = PERMIT.replace("可以", "应当")
    rev = revision(*BASE[:2], ("第三条", PERMIT, "第三条", firm, "modified"))
    asked = Opinion("第三条组织经营者参加消防培训用“可以”是合适的，请保留“可以”。", article="第三条")
    proposal = propose(asked, rev)
    assert proposal.outcome == "not_adopted"
    assert proposal.evidence["changed"] == "可以"
    # Without the quotation read, the permission made a duty is what changed against the ask.
    assert propose(asked, rev, Settings(keep_quoted=False)).evidence["changed"] == "可以→应当"
    assert propose(asked, revision(*BASE[:2], ("第三条", PERMIT, "第三条", PERMIT, "same"))).outcome == "adopted"


def test_support_aimed_at_a_provision_by_its_number_is_a_keep_ask():
    assert ask_kind("熄火保护很有用，支持第31条的写法。") == "keep"
    # 支持 as the draft's own verb (the state supports something) asks for a change.
    assert ask_kind("建议增加政府支持社区托育的规定。") != "keep"


def test_need_negated_is_a_keep_ask():
    assert ask_kind("宣传周放在那一周挺好的，我觉得不用动。") == "keep"
    assert ask_kind("这一款不必删。") == "keep"


def test_a_move_refused_is_a_keep_ask_judged_on_the_diff():
    before = "接到泄漏报告后，抢修人员应当在一小时内到达现场。"
    asked = Opinion("早晚高峰堵车，一小时到场都要拼命，缩短到场时间我们做不到，请不要缩短。", article="第一条")
    assert ask_kind(asked.text) == "keep"
    shortened = revision(("第一条", before, "第一条", before.replace("一小时", "三十分钟"), "modified"), *BASE[1:])
    proposal = propose(asked, shortened)
    assert proposal.outcome == "not_adopted"
    assert proposal.evidence["reason"]["code"] == "changed_against"
    assert proposal.evidence["changed"] == "一小时→三十分钟"  # the figure it names, and what replaced it
    assert propose(asked, revision(("第一条", before, "第一条", before, "same"), *BASE[1:])).outcome == "adopted"
    # Without the named figure read (keep_figure), the move refused is what the final text made.
    proposal = propose(asked, shortened, Settings(keep_figure=False))
    assert proposal.evidence["changed"] == "一小时→三十分钟"
    longer = revision(("第一条", before, "第一条", before.replace("一小时", "二小时"), "modified"), *BASE[1:])
    assert propose(asked, longer, Settings(keep_figure=False)).outcome == "adopted"


def test_a_figure_written_as_asked_beside_another_ask_not_made_is_partly():
    before = "燃气管理部门应当自受理燃气经营许可申请之日起二十个工作日内作出是否准予许可的决定。"
    after = before.replace("二十个工作日", "十五个工作日")
    rev = revision(("第一条", before, "第一条", after, "modified"), *BASE[1:])
    both = Opinion("审批时限能不能缩短到十五个工作日？另外许可申请能不能全程网上办理，不用来回跑？", article="第一条")
    proposal = propose(both, rev)
    assert proposal.outcome == "partly"
    assert proposal.evidence["reason"] == {"code": "partly_some", "params": {"made": "1", "asked": "2"}}
    assert propose(both, rev, Settings(figure_points=False)).outcome == "adopted"
    assert propose(Opinion("审批时限能不能缩短到十五个工作日？", article="第一条"), rev).outcome == "adopted"


def test_what_a_request_refuses_is_not_what_it_asks_to_be_written():
    before = "餐饮经营者使用燃气的，应当在用气场所安装可燃气体报警装置。"
    after = before.replace("报警装置。", "报警装置，并与燃气紧急自动切断装置联动。")
    rev = revision(("第一条", before, "第一条", after, "modified"), *BASE[1:])
    refusing = Opinion("一套下来好几千。建议条例只要求装报警器，不要要求联动。", article="第一条")
    assert propose(refusing, rev).outcome == "not_adopted"
    assert propose(refusing, rev, Settings(refused_out=False)).outcome == "adopted"
    assert propose(Opinion("建议要求报警器与切断装置联动。", article="第一条"), rev).outcome == "adopted"


def test_an_a_not_a_question_negates_nothing():
    # 能不能删掉 asks whether it can be deleted; its 不 is not 不能删.
    assert ask_kind("平台审查这条太严了，能不能删掉？") == "delete"
    assert ask_kind("这一款要不要取消？我看没必要。") == "delete"
    assert ask_kind("这一款不能删。") == "keep"


def test_a_soft_word_the_consulted_article_already_had_does_not_make_an_ask_partly():
    before = "县级人民政府组织建立消防队伍，鼓励志愿者参与消防工作。"
    after = "县级人民政府组织建立由保安、电工等组成的消防队伍，鼓励志愿者参与消防工作。"
    asked = Opinion("第三条的消防队伍由哪些人组成没有说，建议写明由保安、电工等组成。", article="第三条")
    rev = revision(*BASE[:2], ("第三条", before, "第三条", after, "modified"))
    assert propose(asked, rev).outcome == "adopted"
    assert propose(asked, rev, Settings(soft_new=False)).outcome == "partly"


def test_cues_out_leaves_the_asking_verbs_out_of_what_an_ask_is_matched_on():
    # 增加 asks for something; met in another article's 逐步增加 it is chance, not the ask made there.
    # The setting is off by default (the tuning folds and the held-out sets chose it off), so this is
    # a known chance match of the default: with the verbs in, so is the ask's weight.
    funds = "县级以上人民政府应当将市场建设经费列入预算。"
    grown = "县级以上人民政府应当将市场建设经费列入预算，并逐步增加。"
    rev = revision(*BASE[:2], ("第三条", FIRE, "第三条", FIRE, "same"), ("第四条", funds, "第四条", grown, "modified"))
    asked = Opinion("第三条建议增加罚款。", article="第三条")
    assert propose(asked, rev, Settings(cues_out=True, least_weight=1.0)).evidence["final_article"] != "第四条"
    assert propose(asked, rev, Settings(cues_out=False, least_weight=1.0)).evidence["final_article"] == "第四条"


def test_every_point_made_in_the_article_commented_on_is_adopted_whatever_the_share():
    before = "市场开办者应当为经营者提供固定摊位，并公示摊位分配办法和收费标准。"
    after = before.replace("固定摊位", "固定摊位和冷藏设施")
    rev = revision(*BASE[:2], ("第三条", before, "第三条", after, "modified"), ("第四条", FIRE, "第四条", FIRE, "same"))
    # Most of the ask repeats the article; its one new point, 冷藏设施, is written there.
    asked = Opinion("第三条建议市场开办者还要为经营者提供冷藏设施和消防检查。", article="第三条")
    low = Settings(adopted=0.9, least_weight=2.0, points_home=False)
    assert propose(asked, rev, low).outcome == "partly"
    assert propose(asked, rev, Settings(adopted=0.9, least_weight=2.0, points_home=True)).outcome == "adopted"


def test_an_opinion_on_the_whole_draft_can_be_judged_on_the_article_it_is_about():
    before = "平台经营者应当保存交易信息，保存时间不少于三年。"
    after = before.replace("三年", "五年")
    rev = revision(*BASE[:2], ("第三条", before, "第三条", after, "modified"))
    asked = Opinion("质量争议多年后才出现，建议将平台经营者保存交易信息的时间由三年延长至十年。")
    assert propose(asked, rev, Settings(whole_home=True)).evidence["reason"]["code"] == "partly_figure"
    off = Settings(whole_home=False, figure_elsewhere=False)
    assert propose(asked, rev, off).evidence["reason"]["code"] != "partly_figure"


def test_an_asked_figure_moved_in_another_article_that_shares_more_of_the_ask_is_partly():
    closing = "民办学校终止办学的，应当妥善安置在校学生。"
    notice = "民办学校终止办学的，应当在终止前六个月告知学生家长，并妥善安置在校学生。"
    rev = revision(*BASE[:2], ("第三条", FIRE, "第三条", FIRE, "same"),
                   ("第四条", closing, "第四条", notice, "modified"))
    # Attributed to 第三条 by the analysis; the notice it asks for was given in 第四条, shorter than asked.
    asked = Opinion("学校终止办学至少要提前一年告诉学生家长，孩子转学需要时间。", article="第三条")
    proposal = propose(asked, rev, Settings(figure_elsewhere=True))
    assert (proposal.outcome, proposal.evidence["final_article"]) == ("partly", "第四条")
    assert proposal.evidence["reason"]["params"]["got"] == "六个月"
    assert propose(asked, rev, Settings(figure_elsewhere=False)).outcome == "not_adopted"
    exact = revision(*BASE[:2], ("第三条", FIRE, "第三条", FIRE, "same"),
                     ("第四条", closing, "第四条", notice.replace("六个月", "一年"), "modified"))
    assert propose(asked, exact, Settings(figure_elsewhere=True)).outcome == "adopted"


def test_an_asked_figure_found_in_an_article_on_another_subject_is_not_where_it_went():
    subsidy = "修缮历史建筑的，可以向区人民政府申请修缮补助。"
    plaque = "历史建筑公布之日起六个月内，区人民政府应当设置保护标志。"
    rev = revision(*BASE[:2], ("第三条", subsidy, "第三条", subsidy, "same"),
                   ("第四条", plaque, "第四条", plaque.replace("六个月", "三个月"), "modified"))
    # Only the figure's own characters (三个月) and the common 区政府 are shared with the plaque article.
    asked = Opinion("补助申请了半年都没拨下来，建议规定区政府在三个月内拨付。", article="第三条")
    assert propose(asked, rev, Settings(figure_elsewhere=True)).outcome == "not_adopted"


def test_a_keep_ask_beside_an_ask_for_a_change_is_partly_adopted_when_only_the_keep_was_made():
    rev = revision(*BASE)
    both = Opinion("第一条规定不得超过百分之十，我们坚决支持。恳请保留这一规定，并明确违反规定的法律责任。",
                   article="第一条")
    assert propose(both, rev).outcome == "partly"
    assert propose(both, rev).evidence["reason"] == {"code": "partly_some", "params": {"made": "1", "asked": "2"}}
    # Judged on the change alone, as before the rule: nothing new on the point, not adopted.
    assert propose(both, Revision(rev.pairs, Settings(keep_and_change=False))).outcome == "not_adopted"


def test_a_keep_ask_beside_a_change_that_was_made_is_adopted():
    penalty = CAP + "违反前款规定的，由市场监督管理部门责令改正，处一万元以上五万元以下罚款。"
    rev = revision(("第一条", CAP, "第一条", penalty, "modified"), *BASE[1:])
    both = Opinion("恳请保留百分之十的上限，并增加违反规定的罚款。", article="第一条")
    assert propose(both, rev).outcome == "adopted"


def test_a_duty_asked_by_complaining_of_a_quoted_soft_word_is_judged_on_the_diff():
    soft = "鼓励市场开办者为经营者提供母婴室。"
    firm = "市场开办者应当为经营者提供母婴室。"
    asked = Opinion("第三条只是“鼓励”提供母婴室，等于没有要求，光鼓励没用。", article="第三条")
    firmer = revision(*BASE[:2], ("第三条", soft, "第三条", firm, "modified"))
    proposal = propose(asked, firmer)
    assert proposal.outcome == "adopted"
    assert proposal.evidence["changed"] == "鼓励→应当"
    assert propose(asked, firmer, Settings(modal_complaint=False)).outcome == "not_adopted"
    # Asking to keep the soft word is no ask for a duty.
    keep = Opinion("第三条用“鼓励”比较合适，不要变成硬性义务。", article="第三条")
    assert propose(keep, firmer).outcome == "not_adopted"
    # A negation that changes nothing (不能是“鼓励”; a story's 等不得) leaves the ask for a duty standing.
    for text in ("第三条我们的意见是必须提供，不能是“鼓励”。", "第三条只写了“鼓励”，哺乳的妈妈等不得，必须提供。"):
        assert propose(Opinion(text, article="第三条"), firmer).outcome == "adopted", text


def test_a_hedge_dropped_from_a_duty_is_the_duty_made_firmer():
    hedged = "市场开办者应当创造条件逐步配备无障碍设施。"
    asked = "配备设施还要“创造条件”，建议直接规定必须配备。"
    assert diff_point(asked, hedged, "市场开办者应当配备无障碍设施。", "firm", hedges=True) == "逐步、创造条件→"
    assert diff_point(asked, hedged, hedged, "firm", hedges=True) is False


def test_an_article_merged_into_another_is_followed_there():
    soft = "鼓励市场开办者设立登记服务点。"
    merged = REGISTER.replace("。", "；") + "市场开办者应当设立登记服务点。"
    asked = Opinion("第三条只写“鼓励”设立登记服务点不够，建议改为“应当”。", article="第三条")
    merging = revision(*BASE[:2], ("第三条", soft, None, None, "deleted"), ("第四条", REGISTER, "第三条", merged,
                                                                              "modified"))
    proposal = propose(asked, merging)
    assert proposal.evidence["final_article"] == "第三条"
    assert proposal.outcome == "adopted"
    assert propose(asked, merging, Settings(merged_home=False)).outcome != "adopted"


def test_a_range_asked_is_compared_bound_against_bound():
    asked = {"一万元", "五万元"}
    old, new = "处一千元以上五千元以下罚款", "处二千元以上二万元以下罚款"
    assert figure_beyond(asked, "一千元、五千元", old, new) is None
    assert figure_moved(asked, old, new) is not None
    assert figure_beyond(asked, "一千元、五千元", old, "处一万元以上十万元以下罚款") == "十万元"
    # A written range is judged whole, an end kept from the consulted range included: asked 二十万 to
    # 五十万 of 五万 to 十万, written 十万 to 三十万 — raised, short of both asked bounds.
    asked, old = {"二十万元", "五十万元"}, "并处五万元以上十万元以下的罚款"
    assert figure_beyond(asked, "五万元", old, "并处十万元以上三十万元以下的罚款") is None
    assert figure_beyond(asked, "五万元", old, "并处二十万元以上六十万元以下的罚款") == "六十万元"


def test_a_date_is_one_figure_and_a_month_named_is_no_duration():
    assert figures("本条例自2027年7月1日起施行") == {"2027年7月1日"}
    assert figures("不要等到明年三月") == frozenset()
    assert figure_value("2027年下半年") == figure_value("2027年7月1日")
    assert figure_value("二〇二八年一月一日")[1] > figure_value("2027年7月1日")[1]
    # Asked to put off to 2028, put off to the middle of 2027: moved toward the ask, not reached.
    assert figure_moved({"2028年1月1日"}, "自2027年3月1日起施行", "自2027年7月1日起施行") == "2027年7月1日"


def test_an_ask_in_words_neither_text_writes_is_an_ask_not_made():
    before = "市场开办者应当为经营者提供固定摊位。"
    after = "市场开办者应当为经营者提供固定摊位，定期组织经营者参加食品安全培训。"
    rev = revision(*BASE[:2], ("第三条", before, "第三条", after, "modified"))
    # Training was written in; the allowance for hot days, asked beside it, is in neither text.
    both = Opinion("第三条建议定期组织经营者参加食品安全培训，并且给摊主发放夏季高温补贴。", article="第三条")
    assert propose(both, rev).outcome == "partly"
    assert propose(both, rev).evidence["points"] == "1/2"
    assert propose(both, rev, Settings(unknown_points=False)).outcome == "adopted"
    # The training alone is adopted.
    alone = Opinion("第三条建议定期组织经营者参加食品安全培训。", article="第三条")
    assert propose(alone, rev).outcome == "adopted"


def test_a_provision_judged_good_with_a_change_refused_is_a_keep_ask():
    approving = "第一条百分之十的上限是合理的，请不要再调整。"
    assert ask_kind(approving) == "keep"
    assert ask_kind(approving, approval=False) != "keep"
    # A move refused (请不要再提高) keeps, judged good or not.
    assert ask_kind("第一条百分之十的上限，请不要再提高。", approval=False) == "keep"
    # Judged good, but a change asked all the same: a change.
    assert ask_kind("第一条的上限是合理的，建议增加违反规定的罚款，不要只写上限。") != "keep"
    kept = revision(*BASE)
    assert propose(Opinion(approving, article="第一条"), kept).outcome == "adopted"


def test_a_keep_ask_whose_named_figure_the_final_text_changed_is_not_adopted():
    lowered = CAP.replace("百分之十", "百分之八")
    rev = revision(("第一条", CAP, "第一条", lowered, "modified"), *BASE[1:])
    asked = Opinion("第一条百分之十的上限是合理的，请不要下调。", article="第一条")
    assert propose(asked, rev).outcome == "not_adopted"
    # Without the named figure read, the move it refused (请不要下调) is what the final text made.
    assert propose(asked, rev, Settings(keep_figure=False)).evidence["changed"] == "百分之十→百分之八"
    assert propose(asked, rev, Settings(keep_figure=False, refused_move=False)).outcome == "adopted"
    # A keep-ask that names no figure of the provision is judged on what survived.
    plain = Opinion("第一条保留，不要动。", article="第一条")
    assert propose(plain, rev).outcome == "adopted"


def test_a_period_with_no_count_is_once_a_period_and_minutes_are_a_deadline():
    assert "每季度一次" in figures("使用单位应当每季度公布维护保养情况。")
    assert figure_value("每月一次")[1] > figure_value("每季度一次")[1]  # monthly is more often
    # With another count in its clause, a period is the rate of that count, not a frequency.
    assert not any(f.startswith("每") for f in figures("用人单位每学期应当给职工至少一天带薪假。"))
    assert figure_value("三十分钟") == ("time", pytest.approx(30 / 1440))
    asked = Opinion("第三条建议每月公布一次摊位分配情况。", article="第三条")
    before = "市场开办者应当每半年公布摊位分配情况。"
    rev = revision(*BASE[:2], ("第三条", before, "第三条", before.replace("每半年", "每季度"), "modified"))
    # Asked monthly, got quarterly instead of half-yearly: moved toward the ask, partly.
    assert propose(asked, rev).outcome == "partly"


def test_a_keep_ask_beside_another_request_is_judged_as_both():
    text = "第一条百分之十的上限请一定保留。另外希望市场内设立登记服务点。"
    assert ask_kind(text) != "keep"
    assert ask_kind(text, other_asks=False) == "keep"
    # The cap survived, the registration point was not written: partly.
    assert propose(Opinion(text, article="第一条"), revision(*BASE)).outcome != "adopted"


def test_an_asked_figure_written_does_not_make_the_other_ask_made():
    training = "市场开办者应当每年组织经营者参加食品安全培训，培训不得收取费用。"
    rev = revision(*BASE, (None, None, "第四条", training, "added"))
    # Asked on the stalls article: yearly training (written, in a new article) and an allowance for
    # hot days (in neither text).
    both = Opinion("第二条建议开办者每年组织经营者参加食品安全培训，并且给摊主发放夏季高温补贴。", article="第二条")
    assert propose(both, rev).outcome == "partly"
    assert propose(both, rev, Settings(figure_not_all=False)).outcome == "adopted"


def test_thousandths_and_weeks_are_figures():
    assert figure_value(next(iter(figures("按日加收千分之三的违约金")))) == ("share", pytest.approx(0.3))
    assert figures("三分之二以上") == {"三分之二"}
    assert figures("百分之十") == {"百分之十"}
    assert figure_value("一个星期") == figure_value("七日")


def test_an_ask_to_raise_or_lower_a_figure_is_judged_on_its_diff():
    fine = "违反本条规定的，处一千元以上五千元以下罚款。"
    asked = "第一条的罚款太重了，建议降下来。"
    lowered = revision(("第一条", fine, "第一条", fine.replace("一千元以上五千元", "五百元以上二千元"), "modified"),
                       *BASE[1:])
    raised = revision(("第一条", fine, "第一条", fine.replace("一千元以上五千元", "二千元以上二万元"), "modified"),
                      *BASE[1:])
    # Bounds against bounds: 五千元 → 二千元 is lower, but the range 一千–五千 → 二千–二万 is raised.
    assert diff_point(asked, fine, lowered.finals[0].text) is None
    assert propose(Opinion(asked, article="第一条"), lowered).outcome == "adopted"
    assert propose(Opinion(asked, article="第一条"), raised).outcome == "not_adopted"
    assert propose(Opinion(asked, article="第一条"), lowered, Settings(direction=False)).outcome == "not_adopted"
    # A date put off as asked; a figure asked with its number is the figure rules' to judge.
    start = "本条例自2027年3月1日起施行。"
    later = revision(("第一条", start, "第一条", start.replace("3月", "7月"), "modified"), *BASE[1:])
    assert propose(Opinion("时间太紧，建议推迟施行。", article="第一条"), later).outcome == "adopted"
    # A way refused (不要降低) or a figure kept (维持) asks nothing to move.
    assert propose(Opinion("第一条的罚款不要降低。", article="第一条"), lowered).outcome == "not_adopted"


def test_a_request_that_only_refuses_a_change_is_a_keep_ask():
    assert ask_kind("第一条十五个工作日的时限我们觉得合理，施工需要时间，建议不要再压缩。") == "keep"


def test_a_delete_ask_on_an_article_merged_into_another_is_judged_there():
    surcharge = "超计划用水的，对超计划部分实行累进加价。"
    merged = CAP + surcharge
    rev = revision(("第一条", CAP, "第一条", merged, "modified"), *BASE[1:],
                   ("第五条", surcharge, None, None, "deleted"))
    asked = Opinion("建议取消超计划累进加价。", article="第五条")
    assert propose(asked, rev).outcome != "adopted"
    assert propose(asked, rev, Settings(merged_delete=False)).outcome == "adopted"


def test_a_time_limit_asked_without_its_number_is_made_by_a_duration_or_a_date():
    gradual = "公共服务网站应当逐步符合无障碍设计标准。"
    dated = "公共服务网站应当于2027年12月31日前符合无障碍设计标准。"
    assert diff_point("建议写明多长时间内完成改造", gradual, dated) == "2027年12月31日"
    assert diff_point("建议写明多少小时内必须到场", "应当及时到场抢修。", "应当在两小时内到场抢修。") == "二小时"
    assert diff_point("建议写明多长时间内完成改造", gradual, gradual) is False
    blank = "本条例自　年　月　日起施行。"
    assert diff_point("施行日期空着，建议写明", blank, "本条例自二〇二七年五月一日起施行。") == "二〇二七年五月一日"
    # 几 is also "a few": 过几年再说 asks for no figure.
    assert diff_point("过几年再说", gradual, dated) is None


def test_an_asked_figure_is_answered_where_the_figure_of_its_kind_was_rewritten():
    fine = "改装电动自行车的，处五十元罚款。"
    final = "改装电动自行车的，处二百元以上五百元以下罚款。\n维修经营者提供改装服务的，处一千元以上五千元以下罚款。"
    rev = revision(("第一条", fine, "第一条", final, "modified"), *BASE[1:])
    asked = Opinion("第一条改装罚五十元等于没罚，建议提高到一千元。", article="第一条")
    # Raised toward the ask without reaching it; the 一千元 of the new paragraph is another subject's.
    assert propose(asked, rev).outcome == "partly"
    assert propose(asked, rev, Settings(figure_sentence=False)).outcome == "adopted"


def test_a_range_moved_as_asked_is_shown_bound_by_bound():
    from legislink.analysis.adoption import direction_point

    fine, asked = "处五百元以上二千元以下罚款。", "罚款普遍偏低，建议上调。"
    assert direction_point(asked, fine, "处一千元以上五千元以下罚款。") == "五百元、二千元→一千元、五千元"
    # One bound lowered: not the way asked.
    assert direction_point(asked, fine, "处二百元以上五千元以下罚款。") is False


def test_an_ask_on_one_end_of_a_range_is_judged_on_that_end():
    before = "占用城市绿地的，处每平方米二百元以上五百元以下罚款。"
    after = "占用城市绿地的，处每平方米五百元以上一千元以下罚款。"
    rev = revision(*BASE[:2], ("第三条", before, "第三条", after, "modified"))
    # The lower end was asked at 一千元: it rose to 五百元, and 一千元 is now the upper end.
    lower = Opinion("第三条罚得太轻，建议罚款下限提高到每平方米一千元。", article="第三条")
    assert propose(lower, rev).outcome == "partly"
    assert propose(lower, rev, Settings(range_ends=False)).outcome == "adopted"
    upper = Opinion("第三条罚得太轻，建议罚款上限提高到每平方米一千元。", article="第三条")
    assert propose(upper, rev).outcome == "adopted"
    assert range_end("最高人民法院有司法解释，建议下限提高") == "lower"
    # 最多 and 最少 (at most, at least) name an end as 上限 and 下限 do: 最多罚一百元 of 二百元 to 一千元,
    # written 五十元 to 五百元, is partly — the lower end passed 一百元, the upper did not reach it.
    assert (range_end("建议最多罚一百元"), range_end("最少也要罚一千元")) == ("upper", "lower")
    most = Opinion("第三条罚得太重，建议最多罚一百元。", article="第三条")
    fines = revision(*BASE[:2], ("第三条", "处二百元以上一千元以下罚款。", "第三条", "处五十元以上五百元以下罚款。",
                                 "modified"))
    assert propose(most, fines).outcome == "partly"


def test_an_a_not_a_question_asks_a_figure_moved_and_negates_nothing():
    before = "市场每日营业时间不少于十二小时。"
    rev = revision(*BASE[:2], ("第三条", before, "第三条", before.replace("十二", "十四"), "modified"))
    asked = Opinion("下班到菜场已经关门了。第三条的营业时间能不能再延长点？", article="第三条")
    assert propose(asked, rev).outcome == "adopted"
    refused = Opinion("下班到菜场已经关门了。第三条的营业时间不能再延长了。", article="第三条")
    assert propose(refused, rev).outcome != "adopted"


def test_an_upper_end_asked_lower_that_rose_is_not_adopted():
    before = "拒不改正的，处五千元以上三万元以下罚款。"
    after = "拒不改正的，处一万元以上五万元以下罚款。"
    rev = revision(*BASE[:2], ("第三条", before, "第三条", after, "modified"))
    asked = Opinion("第三条罚三万太重了，建议上限降到一万元。", article="第三条")
    assert propose(asked, rev).outcome == "not_adopted"


def test_a_keep_ask_for_the_very_wording_is_judged_on_every_character():
    ban = "场内经营者不得转租、转借摊位。"
    asked = Opinion("二房东把摊位费抬高好几倍。请保留第三条原文，一个字也不要改。", article="第三条")
    same = revision(*BASE[:2], ("第三条", ban, "第三条", ban, "same"))
    assert propose(asked, same).outcome == "adopted"
    # An exception written into it narrows what was kept: against the ask.
    proviso = revision(*BASE[:2], ("第三条", ban, "第三条", "场内经营者未经市场开办者同意，不得转租、转借摊位。",
                                    "modified"))
    proposal = propose(asked, proviso)
    assert (proposal.outcome, proposal.evidence["reason"]["code"]) == ("not_adopted", "changed_against")
    assert propose(asked, proviso, Settings(keep_verbatim=False)).outcome == "adopted"
    # Words only added to it keep it and add to it: partly, saying what was added.
    added = revision(*BASE[:2], ("第三条", ban, "第三条", ban.rstrip("。") + "，并不得擅自改变摊位用途。", "modified"))
    proposal = propose(asked, added)
    assert (proposal.outcome, proposal.evidence["reason"]["code"]) == ("partly", "kept_with_addition")
    assert proposal.evidence["reason"]["params"]["added"].startswith("并不得擅自改变")


def test_a_point_stating_the_duty_of_a_soft_provision_is_judged_on_its_diff():
    soft = "街道办事处可以协助做好辖区内绿化的日常巡查和宣传工作。"
    firm = soft.replace("可以", "应当")
    rev = revision(*BASE[:2], ("第三条", soft, "第三条", firm, "modified"))
    # Two asks: the duty (made: 可以→应当) and a monitor in every community (not made): partly.
    both = Opinion("街道应当负责日常巡查，另外建议每个社区配一名绿化监督员。", article="第三条")
    proposal = propose(both, rev)
    assert proposal.outcome == "partly"
    assert proposal.evidence["changed"] == "可以→应当"
    assert propose(Opinion("街道应当负责日常巡查。", article="第三条"), rev).outcome == "adopted"
    kept = revision(*BASE[:2], ("第三条", soft, "第三条", soft, "same"))
    assert propose(Opinion("街道应当负责日常巡查。", article="第三条"), kept).outcome == "not_adopted"


def test_each_ask_of_a_comment_is_judged_on_what_it_adds_to_the_others():
    before = "配套绿化工程应当与主体工程同步设计、同步施工、同步验收。"
    after = before + "配套绿化工程未经验收或者验收不合格的，建设单位不得将主体工程交付使用。"
    rev = revision(*BASE[:2], ("第三条", before, "第三条", after, "modified"))
    # The second ask shares 验收不合格的建设单位 with the first, which was made; its own word, the
    # fine, is nowhere in the final text.
    asked = Opinion("第三条绿化验收不合格的建设单位不能交付；另外建议对验收不合格的建设单位处以罚款。",
                    article="第三条")
    assert propose(asked, rev).outcome == "partly"
    assert propose(asked, rev, Settings(distinct_points=False)).outcome == "adopted"


def test_a_keep_ask_whose_duty_became_a_permission_is_not_adopted():
    duty = "养护责任人应当将枯枝落叶运至指定地点集中处理。"
    eased = "养护责任人可以就地粉碎覆盖，也可以将枯枝落叶运至指定地点集中处理。"
    rev = revision(*BASE[:2], ("第三条", duty, "第三条", eased, "modified"))
    asked = Opinion("第三条的规定很好，落叶还是要统一运走，请别改。", article="第三条")
    proposal = propose(asked, rev)
    assert (proposal.outcome, proposal.evidence["changed"]) == ("not_adopted", "应当→可以")
    assert propose(asked, rev, Settings(keep_duty=False)).outcome == "adopted"
    same = revision(*BASE[:2], ("第三条", duty, "第三条", duty, "same"))
    assert propose(asked, same).outcome == "adopted"


def test_an_adjective_of_amount_with_a_little_asks_a_figure_moved():
    from legislink.analysis.adoption import direction_point
    before = "古树名木的保护范围为树冠垂直投影外三米。"
    after = before.replace("三米", "五米")
    assert direction_point("保护范围能不能再大一点？", before, after) == "三米→五米"
    assert direction_point("保护范围能不能小一点？", before, after) is False


def test_a_keep_ask_with_another_ask_in_the_same_sentence_is_judged_on_both():
    archive = "园林绿化主管部门应当对古树名木逐株建立档案，设立保护标志。"
    rev = revision(*BASE[:2], ("第三条", archive, "第三条", archive, "same"))
    both = Opinion("第三条逐株建档、挂牌这一条要保留；另外建议每块保护牌加上二维码。", article="第三条")
    assert ask_kind(both.text) != "keep"
    assert propose(both, rev).outcome == "partly"
    assert propose(Opinion("第三条逐株建档、挂牌这一条要保留。", article="第三条"), rev).outcome == "adopted"


def test_a_chinese_decimal_is_one_figure():
    assert figures("门前外摆不得超出外墙一点五米") == {"一点五米"}
    assert figure_value("一点五米") == ("length", 1.5)
    assert figure_value("百分之十点五") == ("share", 10.5)
    # 一点 after an adjective is "a little", no figure.
    assert figures("外摆能不能再宽一点") == frozenset()


def test_two_figures_asked_one_written_and_the_other_moved_short_is_partly():
    before = "建设单位应当按照不低于房屋总建筑面积千分之二的比例配置物业管理用房，最低不少于五十平方米。"
    asked = Opinion("千分之二太少了，业委会开会都没地方。建议提高到千分之三，最低一百平方米。", article="第三条")

    def proposed(final: str) -> str:
        return propose(asked, revision(*BASE[:2], ("第三条", before, "第三条", final, "modified"))).outcome

    assert proposed(before.replace("千分之二", "千分之三").replace("五十", "八十")) == "partly"
    assert proposed(before.replace("千分之二", "千分之三").replace("五十", "一百")) == "adopted"
    # The other figure left as it was is no move short of the ask: the one written is the answer.
    assert proposed(before.replace("千分之二", "千分之三")) == "adopted"


def test_an_asked_figure_written_as_one_end_of_a_range_back_to_the_old_one_is_partly():
    before = "业主委员会每届任期五年，委员可以连选连任。"
    asked = Opinion("业委会一干就是五年，太长了。建议每届任期三年。", article="第三条")

    def proposed(final: str) -> str:
        return propose(asked, revision(*BASE[:2], ("第三条", before, "第三条", final, "modified"))).outcome

    assert proposed("业主委员会每届任期三年至五年，委员可以连选连任。") == "partly"
    assert proposed("业主委员会每届任期三年，委员可以连选连任。") == "adopted"
    # The other end of a range the consulted text already had is no way back: the asked end is written.
    ages = "提倡十八周岁至五十五周岁的健康公民自愿献血。"
    older = Opinion("年龄上限能不能放宽到六十周岁？", article="第三条")
    written = revision(*BASE[:2], ("第三条", ages, "第三条", ages.replace("五十五", "六十"), "modified"))
    assert propose(older, written).outcome == "adopted"


def test_a_time_limit_asked_without_a_number_is_adopted_when_the_article_writes_one():
    # Judged when the ask's few words are not found above chance (in a law of many articles): the
    # article commented on now writing a time limit it did not have is the answer.
    from legislink.analysis.adoption import _quantity_written

    before = "供水企业接到漏水报修后，应当及时组织抢修。"
    after = "供水企业接到漏水报修后，城区应当在两小时内到达现场组织抢修。"
    asked = Opinion("报修了一上午没人来。及时是多久？总得有个时限。", article="第三条")
    rev = revision(*BASE[:2], ("第三条", before, "第三条", after, "modified"))
    home = next(f for f in rev.finals if f.label == "第三条")
    found = _quantity_written(rev, asked, asked.text, home)
    assert found.outcome == "adopted"
    assert found.evidence["figures"] == "二小时"
    unchanged = revision(*BASE[:2], ("第三条", before, "第三条", before, "same"))
    same = next(f for f in unchanged.finals if f.label == "第三条")
    assert _quantity_written(unchanged, asked, asked.text, same) is None
    # No time limit asked (a share, a duty), no answer by a figure.
    other = Opinion("抢修要有人监督。", article="第三条")
    assert _quantity_written(rev, other, other.text, home) is None


def test_another_article_stating_the_asked_frequency_in_its_frame_words_is_not_where_the_ask_went():
    before = "市场开办者应当每季度至少组织一次全面检查。"
    scales = "市场开办者应当在市场显著位置设置公平秤，并每月至少校准一次。"
    rev = revision(*BASE[:2], ("第三条", before, "第三条", "市场开办者可以根据风险等级确定检查频次。", "modified"),
                   ("第五条", "市场开办者应当在市场显著位置设置公平秤。", "第五条", scales, "modified"))
    asked = Opinion("每季度检查一次太少了，应当每月至少检查一次。", article="第三条")
    assert propose(asked, rev).outcome == "not_adopted"
    # Even with no chance floor to speak of, the frame of a quota and the modal word are no subject shared.
    from dataclasses import replace

    from legislink.analysis.adoption import DEFAULT, _figure_elsewhere

    home = next(f for f in rev.finals if f.label == "第三条")
    assert _figure_elsewhere(rev, asked, replace(DEFAULT, least_weight=0.1), {"每月一次"}, home) is None



# A market law of our own: the final text adds an article on the upkeep of the fire equipment the consulted
# article has checked, in the law's words (维护保养) where residents say 维保.
CHECKS = "市场开办者应当定期检查消防设施。"
UPKEEP = "市场开办者应当委托专业机构对消防设施进行维护保养，并建立维护保养档案。"


def test_an_ask_in_a_residents_short_form_is_found_in_the_terms_the_final_text_writes():
    unchanged = [(f"第{n}条", t, f"第{n}条", t, "same")
                 for n, t in zip("一二三四五六七", (CAP, STALLS, FIRE, REGISTER, WOMEN, RENT, CHECKS), strict=True)]
    rev = revision(*unchanged, (None, None, "第八条", UPKEEP, "added"))
    assert rev.with_terms("定期维保") == "定期维保，保养，维护"
    for on in ("第七条", None):
        opinion = Opinion("灭火器过期了都没人管，光检查不够。建议请专业公司定期维保。", article=on)
        found = propose(opinion, rev)
        assert (found.outcome, found.evidence["final_article"]) == ("adopted", "第八条")
        assert propose(opinion, rev, Settings(short_forms=False)).outcome == "not_adopted"
    # A figure (二十元) and a negated verb (不交) are no short forms of the texts' terms.
    assert rev.with_terms("罚二十元，不交的") == "罚二十元，不交的"


def test_an_ask_found_in_another_article_lists_what_became_of_the_one_commented_on_first():
    # Found in a new article: a match elsewhere may be another provision in the same words, so the reviewer is
    # shown the article the comment was about beside it, first, with the wording it came from.
    stalls = STALLS + "摊位分配结果应当公示。"
    rev = revision(("第一条", CAP, "第一条", CAP, "same"),
                   ("第二条", STALLS, "第二条", stalls, "modified"),
                   (None, None, "第三条", REGISTER, "added"),
                   ("第三条", FIRE, "第四条", FIRE, "same"))
    found = propose(Opinion("建议在市场内设立登记服务点，方便经营者办理登记。", article="第二条"), rev)
    assert (found.outcome, found.evidence["final_article"]) == ("adopted", "第三条")
    assert found.evidence["elsewhere"][0] == {"label": "第二条", "text": stalls, "consulted": STALLS, "commented": True}
    assert "第三条" not in [e["label"] for e in found.evidence["elsewhere"]]
    # Found in the article commented on: nothing to list.
    home = revision(("第一条", CAP, "第一条", CAP, "same"), ("第二条", STALLS, "第二条", STALLS + REGISTER, "modified"),
                    ("第三条", FIRE, "第三条", FIRE, "same"))
    there = propose(Opinion("建议在市场内设立登记服务点，方便经营者办理登记。", article="第二条"), home)
    assert there.outcome == "adopted"
    assert "elsewhere" not in there.evidence


def test_an_ask_not_found_lists_the_changed_provisions_where_it_may_have_gone_in_other_words():
    # The final text took the ask up in a new article, in its own words (登记服务点 for 帮忙办证的地方), which
    # share too little with the ask to propose it adopted: the reviewer is pointed there, and not to the
    # articles the revision left as they were.
    rev = revision(("第一条", CAP, "第一条", CAP, "same"),
                   ("第二条", STALLS, "第二条", STALLS + "摊位分配结果应当公示。", "modified"),
                   (None, None, "第三条", REGISTER, "added"),
                   ("第三条", FIRE, "第四条", FIRE, "same"))
    asked = "我们在市场里摆摊，办个执照要跑到城里去，一来一回一天就没了。希望市场里能有个帮忙办证的地方。"
    found = propose(Opinion(asked, article="第二条"), rev)
    assert found.outcome == "not_adopted"
    assert found.evidence["final_article"] == "第二条"
    assert found.evidence["elsewhere"] == [{"label": "第三条", "text": REGISTER, "consulted": ""}]
    # A modified article comes with the wording it came from, for the reviewer to see what it added.
    rent = revision(*BASE, ("第四条", RENT, "第五条", RENT + "市场开办者应当在市场内设立登记服务点。", "modified"))
    listed = propose(Opinion(asked, article="第二条"), rent).evidence["elsewhere"]
    assert listed[0] == {"label": "第五条", "text": RENT + "市场开办者应当在市场内设立登记服务点。", "consulted": RENT}
    # An ask found needs no list, nor one the final text went against where it was asked.
    said = propose(Opinion("建议增加市场内设立登记服务点的规定，方便经营者办理登记。"), rev)
    assert said.outcome == "adopted"
    assert "elsewhere" not in said.evidence
    fine = "未备案的，处五千元以上二万元以下罚款。"
    lowered = revision(("第一条", fine, "第一条", fine.replace("五千元以上二万元", "一千元以上五千元"), "modified"),
                       *BASE[1:], (None, None, "第五条", REGISTER, "added"))
    refused = propose(Opinion("坑游客的很多，罚款不能降，建议维持草案的数额。", article="第一条"), lowered)
    assert refused.evidence["reason"]["code"] == "changed_against"
    assert "elsewhere" not in refused.evidence


def test_keeping_in_step_with_another_text_is_no_keep_ask():
    # 保持一致 (be consistent with) asks for a change; 保持 with nothing after it, or the wording itself, keeps.
    assert ask_kind("建议把“具体”两个字去掉，跟诉讼法保持一致。") == "delete"
    assert ask_kind("建议本条的提法与上位法保持一致。") == "change"
    assert ask_kind("这一条写得好，建议保持。") == "keep"
    assert ask_kind("管理费上限建议维持百分之十。") == "keep"


def test_a_figure_asked_of_an_article_merged_into_another_is_read_against_its_own_wording():
    # The alignment leaves the article commented on unpaired and the final article holding its sentences
    # counts as new: the 五日 it kept is no figure written as asked, 三日 was asked.
    old = "复议机关收到申请后，应当在五日内进行审查，对不符合规定的申请决定不予受理。"
    new = ("复议机关收到申请后，应当在五日内进行审查。对符合下列规定的，应当予以受理：（一）有明确的申请人；"
           "（二）有具体的请求和理由。对不符合前款规定的申请，应当决定不予受理并说明理由。")
    rev = revision(("第十七条", old, None, None, "deleted"), (None, None, "第三十条", new, "added"), *BASE)
    ask = Opinion("第十七条规定收到申请后五日内审查，建议缩短为三日，提高效率。", article="第十七条")
    proposal = propose(ask, rev)
    assert proposal.outcome == "not_adopted"
    assert proposal.evidence["final_article"] == "第三十条"
    shortened = revision(("第十七条", old, None, None, "deleted"),
                         (None, None, "第三十条", new.replace("五日", "三日"), "added"), *BASE)
    assert propose(ask, shortened).outcome == "adopted"


def test_an_ask_its_asking_sentences_do_not_find_is_looked_for_in_the_story_around_it():
    # The ask (就近办理) is in the resident's words; the story says what the final text took up, in its words.
    old = "当事人对处罚决定不服的，可以向上一级机关申请复议。"
    new = old + "\n对依据电子技术监控设备记录的违法事实作出的处罚决定不服的，可以通过作出处罚决定的机关提交复议申请。"
    rev = revision(("第九条", old, "第十二条", new, "modified"), *BASE)
    ask = Opinion("我开车被路口的电子技术监控设备记录了违法事实，被罚了款，想复议还得跑去上一级机关。"
                  "希望能就近办理，别让老百姓来回跑。", article="第九条")
    assert propose(ask, rev).outcome == "adopted"
    assert propose(ask, Revision(rev.pairs, Settings(whole_comment=False))).outcome == "not_adopted"
    # A story the final text did not take up leaves the ask not found.
    unchanged = revision(("第九条", old, "第十二条", old + "\n复议机关应当加强信息化建设。", "modified"), *BASE)
    assert propose(ask, unchanged).outcome == "not_adopted"
