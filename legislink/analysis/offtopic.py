"""Off-topic comments: those that relate to no provision and no subject of the draft. Marked, never deleted.

A comment relates to the draft when it names one of its articles, when it matches one by content
with enough evidence, when its words are about what the draft is about (their specificity to the
draft, short forms of its terms included, each word's share capped: a word the draft uses once and
general Chinese hardly knows, 证明文件, is not alone what the draft is about), or when it speaks of
the draft itself (这部法律, 草案, 条文, 罚则) without naming another law.

How much relation is enough, and how much content evidence a match to an article needs, depend on
what the comment does with its words (`speech_act`), read in the general vocabulary of legal
drafting and of Chinese grammar, not in any labeled set:
- a rule: a normative ask (应当, 禁止, 写明, 罚款, 建议…: a rule wanted, kept or changed), an
  evaluation of a measure (合理, 太高, 反对, 支持这条, or a point made as a question: 凭什么), or words
  for the draft itself. A normative ask needs little relation: a resident asking for a rule in
  everyday words (户口本 for 户籍, 捐款 for 捐赠) shares few words with the draft. A rule asked in a
  comment that names another law is asked of that law, not of this one, and one asked of another law
  by name (修改道路交通安全法, 消防法里…应该) makes the comment that law's whatever its words;
- a question asking for information (请问…, 怎么办理, 在哪里, 多少…？) needs much relation and strong
  content evidence: a service question (a tax refund, a housing-fund withdrawal) borrows the
  draft's vocabulary without asking anything of its text;
- a request to fix one place in particular (我们小区那个充电桩坏了，请修一下) is never on topic by
  content or relation (MIN_PLACE_*): it asks to mend that place;
- a local request (requests.py: more toilets near parks) and a comment that asks, judges and
  says nothing of the draft (a story, a complaint, a trouble told with nothing asked, a test
  message) need strong content evidence,
  and the latter much relation: on a draft in everyday words (housing, e-bikes) they share its
  words without proposing any rule. A local request about what the draft regulates (stalls in a
  market's road, on a market draft) is also an opinion on it: its relation counts as usual;
- any other ask (希望…, 请…, 能不能…) needs the ordinary amount: a story that ends in an ask about the
  subject stays on topic, and so does a question beside an ask (我们怎么办？请给点时间: a plea).
A comment that does none of these is off-topic, and the reason shown to staff says what it is instead:
- "empty": a few words of assent, the rest common in general Chinese (支持！, 同意);
- "other_law": it names another law, and its words are about that law rather than the draft;
- "ad": it gives a phone number, a link or an account id, or names a messaging service with little
  relation to the draft;
- "abuse": it insults;
- "unrelated": anything else (a neighbour, a street light, a tax refund, a life story).
Apart from a phone number, a link or an account id (unmistakable in a comment that names no article), contact
details and insults only name the reason: whatever words a comment uses, it is on topic when it
relates to the draft.
"""

import math
import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Literal

import phonenumbers

from legislink.analysis.adoption import APPROVING, PROHIBITIVE_BIE
from legislink.analysis.corpus import Draft
from legislink.analysis.model import Attribution, OfftopicReason
from legislink.analysis.requests import default_cues, find_request
from legislink.analysis.segmentation import own_and_translated
from legislink.analysis.text import IN_SENTENCE, SENTENCE, letters_and_digits
from legislink.lawtext.references import DEMONSTRATIVE, Reference, law_name, laws_named, names_other_law

SpeechAct = Literal["rule", "question", "place", "local", "ask", "plain"]
# Ways of reaching a seller: a phone number (its middle digits may be masked, 138****6621 or
# 138xxxx6621, as residents and sites write them), a link or a messaging account's id is unmistakable; a
# messaging service named in words (微信, QQ) is also how residents describe trade, so it counts
# only with little relation.
_PHONE_OR_LINK = re.compile(
    r"(?:\+?86[-\s]?)?1[3-9]\d[\d*x]{4}\d{4}|\b\d{3,4}-\d{7,8}\b|\+\d{2,3}[\d\s-]{8,}"
    r"|https?://|www\.|\.(?:com|cn|net|top|xyz)\b"
    r"|(?:微信|vx|wx|qq|whatsapp|wechat|telegram)(?:号|id)?[:：\s]*[a-z][a-z0-9_-]{4,}\d"
)
_MESSAGING = re.compile(r"微信|vx|wx|加v|qq|whatsapp|wechat|telegram|私信|私聊|私讯")
_DIGITS = re.compile(r"\d")


def _reaches_a_seller(norm: str) -> bool:
    """A phone number, link or messaging id in the text: the regex above, and any number written
    with spaces or dashes (158 0000 3721) that libphonenumber reads as a valid Chinese one."""
    if _PHONE_OR_LINK.search(norm):
        return True
    return len(_DIGITS.findall(norm)) >= 7 and any(phonenumbers.PhoneNumberMatcher(norm, "CN"))
# Common insults of Chinese and English, written for the project.
_ABUSE = re.compile(
    r"傻[逼bB比]|煞笔|\bsb\b|脑残|白痴|智障|蠢货|混蛋|王八蛋|畜生|狗官|去死|他妈的|操你|草泥马|贱人|废物|狗屁"
    r"|fuck|shit|idiot|stupid|bastard"
)
# Words by which a comment speaks of the draft itself rather than of some subject; the parts of a
# law (总则, 附则, 罚则, 法律责任) are those of 立法法 and the 立法技术规范 of the NPC Standing Committee.
_THE_DRAFT = re.compile(
    rf"(?:{DEMONSTRATIVE}|这条)(?:法|法律|条例|规定|草案|修正案)|草案|修正案|条文|条款|立法|法律"
    r"|总则|分则|附则|罚则|法律责任"
    r"|这一?条(?![路街河线鱼狗船])"
    r"|\b(?:law|draft|regulation|article)s?\b"
)
# The ways a draft is consulted on (立法法 第三十九条: 征求意见, 座谈会, 论证会, 听证会): an ask about
# them (longer consultation, meetings in the community) is about the draft; a question about them (when
# does it close?) asks the site for information. Where a comment was made (座谈会上一位司机提出…: the
# locative 上, 里, 中 of the frame staff write around a remark they took down) is not what it is about.
_CONSULTATION = re.compile(r"征求意见|(?:座谈会|论证会|听证会?)(?![上里中])")
# 管 (to regulate: the 管 of every statute's 管理) with a modal verb of Chinese grammar before it (该管,
# 要管: it ought to be regulated), the subject-question 谁来 (谁来管: who is to regulate it), the
# inchoative complement 起来 (管起来: bring it under rules), or the adverb of severity 严 on a verb of
# enforcement (严管, 严查, 严打: regulate, inspect, crack down strictly). Modal verbs, interrogative pronouns and
# directional complements are closed classes; none of these forms is taken from a comment.
_MODAL_VERBS = ("该", "要", "应", "得")
_TO_REGULATE = rf"(?:{'|'.join(_MODAL_VERBS)})管|谁来管|管起来|严(?:管|查|打)"
# A normative ask: the modal words and verbs of legal drafting (应当, 必须, 不得, 禁止, 只准 — the
# modal 准 of permission, restricted —, 规定, 明确 —
# the 立法技术规范 of the NPC Standing Committee), of asking for a text to change (增加, 删除, 修改,
# 放宽, 加重, as in stance.py), of sanctions and of what a rule sets (罚 — the morpheme of every
# sanction word: 处罚, 罚款, 罚金 —, 责任, 标准, 资格, 审批, 监管, and the words of drafting for a
# quantity a provision fixes, 上限, 下限, 限额, 期限, 时限, as adoption.py reads them), and of asking
# for a rule (建议, 要求, 该管/要管 as above); in English, the same words (should, must, ban, rule, fine,
# penalty, retain, remove, limit, deadline, standard, enforce, suggest...), one for each Chinese one, since
# English comments are read by these patterns too (2026-12-05). Written for the project from that
# general vocabulary. 没人管, 管管, 门槛 and 重罚, found in labeled sets and in no law text, were
# dropped in the fifth pass: put back, they changed no figure on any of the seven sets of then; 罚
# instead of 处罚/罚款 carries one 就业 comment (precision 0.96 → 1.00). A quantity bound (不少于, 不超过;
# 最少要, 至少要), read off one nongmao_rev comment in the seventh session, moved that comment only and
# was taken out at the review. 不该, the modal 该 negated as 不应 is 应 (should not), since 2026-12-06.
_NORMATIVE = re.compile(
    r"应当|应该|不该|必须|不得|(?<!能)不能|不准|不许|只准|只许|不应|禁止|严禁|明令|规定|明确|写明|写清|写进|写入|纳入|列入|条款|罚则"
    r"|罚|追究|责任|增加|增设|删除|删去|修改|取消|保留|放宽|加重|从严|标准|资格|审批|监管|规范"
    r"|限制|上限|下限|限额|期限|时限|建议|要求"
    rf"|{_TO_REGULATE}"
    r"|\b(?:should(?:n['’]t)?|must(?:n['’]t)?|shall|ought|ban(?:s|ned)?|require[sd]?|forbid|prohibit(?:s|ed)?"
    r"|not allowed"
    r"|rules?|fine[sd]?|penalt(?:y|ies)|punish(?:es|ed|ment)?|liab(?:le|ility)|responsib(?:le|ility)|accountable"
    r"|add|delete[sd]?|remove[sd]?|amend|cancel|abolish|retain(?:ed)?|relax|loosen|tighten|stricter"
    r"|standards?|qualifications?|approvals?|supervis(?:e|ion)|oversight|regulate[sd]?|enforce[sd]?"
    r"|limits?|caps?|ceiling|deadlines?|suggest|propose|recommend|demand)\b"
)
# A question asking for information: a sentence ending in a question mark, or opened by a verb of
# asking said of oneself (请问, 请教, 问一下, 想问: the performative 问 of Chinese grammar), with
# an interrogative of Chinese grammar — the interrogative pronouns and adverbs (怎么, 哪里/在哪, 什么
# — so 什么时候 —, 多久, 谁, 几 with a measure word, 多少, 多 with an adjective of extent: 多长, 多远),
# the affirmative-negative forms of a modal (要不要, 需不需要, 用不用), 还是 of an alternative
# question and 是否 — and no rhetorical one (below). 几 and 哪 take a measure word (几天, 哪天, 哪位:
# how many days, which day, who). 能不能, 可不可以 are left out: they ask as often for a change
# (能不能放宽一些) as for information. Written for the project from general grammar; the English
# interrogatives likewise (who for 谁, whether for 是否), and a clause opened by an auxiliary verb
# (is there…? will it…?), English grammar's yes-no question, the 吗 of Chinese — not the modals can,
# could, would, may, which ask politely for something as 能不能 does (could it be published in English?).
# An English sentence ends at a full stop as a Chinese one at 。 (not one inside a figure, 3.5): the
# statement before a question is no part of it (2026-12-06, seventh session; text.IN_SENTENCE, which
# requests.py cuts sentences by too).
_QUESTION_SENTENCE = re.compile(rf"{IN_SENTENCE}*[？?]|(?:请问|请教|问一下|想问){IN_SENTENCE}*")
# What every question sentence holds. Looked for first: the pattern above tries each character of a comment as
# the start of a question and reads on to the sentence's end, which on long comments with no question at all took
# a tenth of the analysis of 100,000 comments (2026-12-07).
_MAY_ASK = re.compile(r"[？?]|请问|请教|问一下|想问")


def _question_sentences(norm: str) -> list[str]:
    return _QUESTION_SENTENCE.findall(norm) if _MAY_ASK.search(norm) else []


def _without_questions(norm: str, keep=lambda question: "") -> str:
    """The comment with each question sentence replaced by what `keep` makes of its match."""
    return _QUESTION_SENTENCE.sub(keep, norm) if _MAY_ASK.search(norm) else norm


_ASKS_FOR = re.compile(
    r"怎么|怎样|如何|哪里|哪儿|在哪|哪个|何时|几时|多久|多[长远大]|什么|哪些|找谁|吗"
    r"|是否|[几哪][次个天年月号日点岁位家种条]|多少|要不要|需不需要|用不用|还是"
    r"|\b(?:how|where|when|what|which|who|whom|whether)\b"
    r"|^\s*(?:is|are|do|does|did|will|has|have)\b"
)
# A point made as a question (反问): the interrogative pronoun 什么/啥 after the prepositions of cause
# and ground 为, 凭 (为什么, 凭什么), the rhetorical adverbs 难道, 何必, 岂, an interrogative adverb
# of manner on a modal verb (怎么能, 怎么可以: how could it), 有什么用 (what use is it) and the
# degree demonstratives 这么/那么 (so much: an exclamation). All closed classes of Chinese grammar;
# 难道, 岂 and 怎么 are the words of the rhetorical question (反问, 反诘) that general references list
# (Chinese Wikipedia, 反問: "反問句內常有「難道」、「豈」或「怎麼」等詞語"; 吕叔湘《中国文法要略》 on 反诘).
# Two more forms of the same grammar: 谁 with a modal (谁还会去登记？ who would still: nobody) and a
# condition challenged with 就 + a modal … 吗 (没钱就可以不管吗？), the 反问 patterns of the grammars
# above (2026-12-05). And 不就…吗, 不是…吗 (not 是不是, an A-not-A question): the 反问 example of every
# grammar (拿身份证登个记不就行了吗: it would do).
_RHETORICAL = re.compile(r"[为凭](?:什么|啥)|难道|何必|岂|怎么(?:能|可以)|有(?:什么|啥|何)用|这么|那么"
                         r"|谁(?:还|会|愿意|肯)|就(?:可以|能)[^，,。？?]{1,12}吗|不就[^，,。？?]{0,12}吗"
                         r"|(?<!是)不是[^，,。？?]{1,12}吗"
                         r"|\bwhy\b")
# An evaluation of what a rule sets, in the general vocabulary of Chinese judgement: fair or not
# (合理, 公平, 妥当), too much or too little of a rule's measures (太高, 偏轻, 过严 — degree words of
# Chinese grammar on the adjectives of amounts, severity and width), for or against (赞成, 反对,
# 担心), and assent aimed at a part of the text (支持这条, 同意这个). Written for the project from
# general Chinese, no phrase of a labeled set: it counts as speaking of a rule. The English words
# are those Chinese ones said in English (too/so/overly on the same adjectives; support this).
_EVALUATES = re.compile(
    rf"{APPROVING}|不妥|欠妥|没必要|不必要"
    r"|(?:太|过|偏|过于|有点|有些)(?:高|低|重|轻|严|松|宽|窄|短|长|贵|苛刻|宽松|严格|严厉)"
    r"|赞成|反对|担心|担忧|(?:支持|同意|拥护|赞同)(?:这|此|该|本)"
    r"|\b(?:fair|unfair|reasonable|oppose|worr(?:y|ies|ied)|(?:support|agree with|back) (?:this|the|it)"
    r"|(?:too|so|overly) (?:high|low|heavy|light|strict|harsh|severe|lenient|loose|weak|wide|narrow|short|long"
    r"|expensive|cheap|vague|broad))\b"
)
# An ask of any kind, in the optative and imperative words of Chinese grammar (希望, 请, 恳请, 呼吁,
# 能不能, 可否, 务必, 别/不要 as a prohibition, 最好; the modal 要 after an adverb of insistence,
# 一定要, 千万要; 起码, 好歹: the least one asks for): what the
# comment wants done. A rule when it is not a
# local request (requests.py tells those) nor made in a comment on another law. 请问 asks a
# question, 请假 and 申请 are no ask; 别 is a prohibition only standing alone (not 特别, 区别, 别人).
# In English the same asks (please, hope, would like, had better for 最好, make sure for 务必, don't).
# The polite asks made as an A-not-A question of a modal (正反问句: the verb or modal said affirmative then
# negated, 能不能, 可不可以, and the literary 能否, 可否 — the forms general grammars give, e.g. 黄伯荣、
# 廖序东《现代汉语》 on 正反问, Chinese Wikipedia 疑问句); _POLITE_ASK below reads them. The same closed class
# gives _DELIBERATIVE (要不要, 该不该, 需不需要) and _ASKS_FOR's 要不要, 用不用; no form is a labeled comment's.
_POLITE_FORMS = r"能不能|可不可以|能否|可否"
_ASKS = re.compile(
    rf"希望|(?<![申邀聘])请(?!问|假|客|教)|恳请|恳求|呼吁|盼望|期盼|期待|{_POLITE_FORMS}|务必|最好|(?:一定|千万)要"
    r"|起码|好歹"
    rf"|{PROHIBITIVE_BIE}|(?<!要)不要"
    r"|\b(?:please|hope|wish|ask|would like|i'd like|would rather|had better|make sure|don't|do not)\b"
)
# A rule asked of another law: a revision verb with a law's name as its object (修改道路交通安全法),
# or a law's name with a locative particle (消防法里, 劳动法中: what is in that law) or after a
# preposition of topic (关于个人所得税法, 对于…) in a sentence that asks for a rule or anything.
# Revision verbs as in stance.py; locative particles and prepositions of Chinese grammar.
_LAW_NAME = r"《?([\u4e00-\u9fff]{2,16}?(?:法(?![律规])|条例|办法|规定))》?"
_REVISES_LAW = re.compile(rf"(?:修改|修订|修正|废止|废除){_LAW_NAME}")
_IN_LAW = re.compile(rf"{_LAW_NAME}(?:里|中|里面|当中)|(?:关于|对于){_LAW_NAME}")
# Words by which a comment points at the draft under discussion itself (本法, 这部条例, 草案): a
# demonstrative of Chinese grammar on a word for a law, or the draft's own name (not the 该 of the
# modal 应该: 应该规定 asks for a rule, it does not point at this one).
_THIS_DRAFT = re.compile(rf"(?:{DEMONSTRATIVE}|这次|本次)(?:法|法律|条例|规定|草案|立法|修改)|草案|修正案")
# The draft named as only the draft can be: 草案, 修正案, this revision, and 本法/本条例 (the way a law
# names itself: 立法技术规范).
_DRAFT_ITSELF = re.compile(r"草案|修正案|(?:本次|这次)(?:修改|修订|立法)|本(?:法|条例)")
# A local request about one place in particular rather than a kind of place: in the sentence that
# makes the request, a first-person pronoun on a place (我们小区, 我家楼下, 我们这片), a
# demonstrative with a classifier or an existential (那盏路灯, 这段路, 有个坑). Pronouns,
# demonstratives, classifiers and the existential 有(一)个 are closed classes of Chinese grammar;
# the places are those of data/request_cues.txt (and 楼, 村, 小区, 片 the words they are made of).
_FIRST_PERSON = r"(?:我们家|我们|咱们|我家|俺们|咱)"
_ONE_OF_A_KIND = re.compile(r"(?:这|那)(?:个|盏|座|段|处|根|块|条|家|栋|片)|有一?个")


@cache
def _own_place() -> re.Pattern[str]:
    places = {p for p in default_cues().place if not p.isascii()} | {"楼", "村", "小区", "片"}
    places = sorted(places, key=len, reverse=True)
    return re.compile(rf"{_FIRST_PERSON}(?:这|那)?[个片]?(?:{'|'.join(map(re.escape, places))})")


# Redress asked for one case in particular (要求出租车公司处理这位司机, 查处这辆出租车, 车牌尾号386): a
# demonstrative with the classifier of a person, a vehicle or a business (这位, 那辆, 这家, 这名; 该车, 该司机), or
# the number that singles out one case (车牌, 尾号, 工号, 单号), in a sentence with a verb of redress (处理, 查处,
# 退还, 赔偿, 道歉, 处罚, 追回, 申诉). It asks for that case to be dealt with, as a request to mend one place does.
# Demonstratives and classifiers are closed classes of Chinese grammar; the identifiers and the verbs of redress
# are the general vocabulary of complaints (12345 hotline categories: 投诉, 举报, 求助), not a labeled comment's.
_ONE_CASE = re.compile(r"(?:这|那)(?:辆|位|名|家)|这个司机|该(?:车|司机)|车牌|尾号|工号|单号")
_REDRESS = re.compile(r"处理|查处|查一查|退还|退钱|赔偿|道歉|处罚|追回|找谁要|申诉")


def _redress_for_one_case(norm: str) -> bool:
    """Whether a sentence of the comment asks redress for one case in particular (_ONE_CASE, _REDRESS)."""
    return any(_ONE_CASE.search(s) and _REDRESS.search(s) for s in SENTENCE.findall(norm))


# What no local request is addressed to: the state as a whole, the whole country (general words).
_NATIONAL = re.compile(r"国家|全国|中央|各地")
# Words of assent and thanks, Chinese and English, written for the project: what a bare agreement
# is made of. They say how a resident stands, not what about: they never count as relation.
_ASSENT = frozenset((
    "支持", "同意", "赞成", "赞同", "拥护", "点赞", "赞", "顶", "好", "不错", "感谢", "谢谢", "辛苦", "加油",
    "agree", "support", "good", "great", "yes", "ok", "thanks",
))
# Longer than this (letters and digits), a comment says something even with common words only.
MAX_EMPTY_LENGTH = 30
# A word this common in general Chinese (share of jieba's dictionary counts) says nothing of its own.
COMMON_SHARE = 1e-5
# Every threshold here was chosen by benchmarks/tune_analysis.py (leave one labeled set out).
# The relation to the draft's subjects (draft_relation) from which a comment is on topic;
# with a messaging account, an ad unless its relation reaches AD_RELATION; naming another law, about
# that law unless it reaches OTHER_LAW_RELATION.
# MIN_RELATION 1.0, MIN_NORMATIVE_RELATION 0.25 (0.5 since the seventh session, below) and
# MIN_QUESTION_RELATION 6.0: chosen by every fold of `tune_analysis.py --stage offtopic-asks` over eleven
# sets (10 of 11 for the question's 6.0), 2026-12-05, after English comments were read through the
# dictionary (they were 1.25 / 0.5 / 5.0, kept for the demo's English registration opinion, which now
# stays on topic with them).
MIN_RELATION = 1.0
# The fewest characters of a resident's word read as the draft's longer word it begins (拆 for 拆除, 罚
# for 罚款, as 电商 for 电子商务): one for the relation to the draft, two for attribution (sixth
# session of 2026-12-05: one character for both cost content-only attribution on yanhua and tingche).
SHORTEST = 1
# The relation enough for a normative ask, and that needed by a question asking for information.
# MIN_NORMATIVE_RELATION 0.5 (was 0.25): every fold of `tune_analysis.py --stage offtopic-normative` over
# the eighteen sets of 2026-12-05's seventh session chose it (held-out off-topic F1 0.893 -> 0.895;
# zaosheng recall 0.59 -> 0.63, zhaopai 0.91 -> 0.95, one false alarm more on 民办).
MIN_NORMATIVE_RELATION = 0.5
MIN_QUESTION_RELATION = 6.0
# What one word can give the relation at most (its specificity to the draft is a log ratio).
MAX_WORD_RELATION = 6.0
AD_RELATION = 1.0
OTHER_LAW_RELATION = 2.0
# Content evidence (attribution score) from which a comment matched to an article is on topic.
MIN_PROVISION_SCORE = 0.75
# A comment that asks for no rule, evaluates nothing and does not speak of the draft — a question for
# information, a local request, a story or a complaint with no ask — needs this much content evidence
# and this much relation: a draft in everyday words (housing, e-bikes) shares them with any such comment.
MIN_UNENGAGED_PROVISION_SCORE = 1.0
MIN_UNENGAGED_RELATION = 3.0
# A local request needs this much relation: one about what the draft regulates (stalls spilling
# into a market's road, on a market draft) asks for enforcement there, for staff to refer, unless its
# words are much about the draft. 2.5 with MIN_UNENGAGED_RELATION 3.0, chosen by 8 of 9 folds of
# `tune_analysis.py --stage offtopic-local` (2026-12-05; it was 1.25 for one demo comment, which the
# demo itself refers to a department).
MIN_LOCAL_RELATION = 2.5
# A request to fix one place in particular (our estate's charging post, that street light) needs
# this much content evidence and relation: it asks to mend that place, not the draft's rules.
MIN_PLACE_PROVISION_SCORE = math.inf
MIN_PLACE_RELATION = math.inf
# A question for information (with no rule asked, nothing judged) needs this much content evidence:
# none is enough (it relates by MIN_QUESTION_RELATION alone), chosen by 10 of 11 folds of
# `tune_analysis.py --stage offtopic-engaged`, 2026-12-05 (was 2.0): a question in the draft's words
# about one's own case (where to apply for the subsidy) matches an article as well as an opinion does.
MIN_QUESTION_PROVISION_SCORE = math.inf


def _subject_words(tokens: Sequence[str]) -> list[tuple[str, ...]]:
    """The words that can relate a comment to the draft, each with the Chinese words it may be read
    as: its own Chinese words but not its assent, and each English word by the Chinese words it was
    translated into (a comment with neither keeps its other words)."""
    own, translated = own_and_translated(tokens)
    words = [t for t in own if t not in _ASSENT]
    units = [(t,) for t in words if not t.isascii()]
    units += [group for group in translated if not _ASSENT.intersection(group)]
    return units or [(t,) for t in words]


def draft_relation(units: Sequence[tuple[str, ...]], draft: Draft) -> float:
    """How much a comment's words are about what the draft is about: the specificity to the draft of
    each (or of the draft's words it shortens; of an English word, of its best Chinese reading less
    the log of the number of readings), at
    most MAX_WORD_RELATION, over the square root of their number."""
    vocabulary = draft.vocabulary
    unique = set(units)
    if not unique:
        return 0.0
    parts = []
    for unit in unique:
        best = max((vocabulary.specificity[w] for t in unit for w in vocabulary.draft_words(t, SHORTEST)),
                   default=0.0)
        # The best of n readings of an English word is the best of n chances to meet a word of the
        # draft: it is discounted by log n, as the specificity itself is a log ratio.
        best -= math.log(len(unit))
        parts.append(min(MAX_WORD_RELATION, max(0.0, best)))
    # fsum: the words come in the order of a set of strings, which changes with each process's hash seed.
    return math.fsum(parts) / math.sqrt(len(unique))


# A sanction or duty told as something that happened to someone (被罚了款, 被要求搬走, 罚了二百): the
# passive 被 of Chinese grammar before the verb, or the perfective 了 / experiential 过 after 罚. It
# narrates an event; it asks for no rule (closed classes of grammar, no phrase of a labeled set).
_NARRATED = re.compile(r"被[^，,。；;！!？?]{0,4}?(?:处罚|罚款|罚|禁止|取消|要求|追究)|罚[了过]")


# The verbs of asking among the normative words (建议, 要求): they ask for a rule only beside a rule
# word; a local request made with them (来电人要求物业处理) asks for something to be done here.
_REQUEST_VERBS = re.compile(r"建议|要求")


def asks_for_a_rule(norm: str) -> bool:
    """Whether a normalised comment asks for a rule: wanted, kept, changed or enforced (a sanction it
    only narrates, 被罚了款, asks for none)."""
    return bool(_NORMATIVE.search(_NARRATED.sub("，", norm)))


# A polite ask made as an A-not-A question of a modal (能不能, 可不可以, 能否, 可否). In Chinese
# grammar an interrogative inside a yes-no question is read as an indefinite (多设几个点: a few
# more points, not how many), so a clause asking this way asks for something, not for information;
# another clause of the sentence may still ask (请问在哪里办理，能不能网上办).
# In English the same polite ask is a yes-no question of could or would put to someone other than the
# speaker (could the city publish…: a request in English grammar; could I… asks leave, or how).
_ENGLISH_POLITE = r"\b(?:could|would)\s+(?!i\b|we\b)[a-z]+"
_POLITE_ASK = re.compile(rf"{_POLITE_FORMS}|是否可以|{_ENGLISH_POLITE}")
_CLAUSE = re.compile(r"[^,，、:：]+")


def _asks_for_information(clause: str) -> bool:
    return bool(_ASKS_FOR.search(clause)) and not _POLITE_ASK.search(clause)


def _asks_for(sentence: str) -> bool:
    return any(_asks_for_information(c) for c in _unasked_clauses(sentence))


def _unasked_clauses(sentence: str) -> list[str]:
    """The clauses of a sentence before any polite ask (能不能, 可否…): the clauses after one are in
    its scope (能不能划一块地方，规定几点到几点让摆: a few hours, asked for, not which hours)."""
    clauses = _CLAUSE.findall(sentence)
    return clauses[:_polite_at(clauses) + 1]


def _polite_at(clauses: Sequence[str]) -> int:
    """The index of the first clause that asks politely (能不能, 可否…), or the number of clauses."""
    return next((k for k, c in enumerate(clauses) if _POLITE_ASK.search(c)), len(clauses))


# Whether something ought to be, asked as an A-not-A question of a modal (该不该罚, 要不要管, 是否应当):
# a question about a rule, not for information (closed class of Chinese grammar, as _POLITE_FORMS).
_DELIBERATIVE = re.compile(r"要不要|该不该|应不应该?|需不需要|是否(?:应当|应该|要|需要)")


# A comment is read by several of the functions below (speech_act, _relates, classify): each reading
# is kept for the comments of the last few thousand calls instead of being done again.
@lru_cache(maxsize=4096)
def _information_questions_out(norm: str) -> str:
    """The comment without the clauses of its questions that ask for information (补贴标准是多少;
    罚款在哪里缴) — a clause beside them that asks something else (能不能免费) stays."""
    def clauses(question: re.Match) -> str:
        sentence = question.group()
        if _RHETORICAL.search(sentence):
            return sentence
        parts = re.split(r"(?<=[,，、:：])", sentence)
        asked = _polite_at(parts)
        return "".join(c for k, c in enumerate(parts)
                       if k > asked or not (_asks_for_information(c) and not _DELIBERATIVE.search(c)))
    return _without_questions(norm, clauses)


def asks_for_information(norm: str) -> bool:
    """Whether a normalised comment asks a question for information (how, where, when, whom)."""
    return any(_asks_for(s) and not _RHETORICAL.search(s) for s in _question_sentences(norm))


def evaluates_a_rule(norm: str) -> bool:
    """Whether a normalised comment judges a measure (合理, 太高, 反对, 支持这条), or makes a point
    as a question (凭什么, 难道, 有什么用)."""
    return bool(_EVALUATES.search(norm) or _RHETORICAL.search(norm))


def asks_for_something(norm: str) -> bool:
    """Whether a normalised comment asks for anything at all (希望, 请, 能不能, 别)."""
    return bool(_ASKS.search(norm))


@lru_cache(maxsize=4096)
def speech_act(norm: str, other_law: bool) -> SpeechAct:
    """What a normalised comment does with its words, read in the general vocabulary above:
    - "rule": asks for a rule, judges a measure or speaks of the draft (a rule asked in a comment that
      names another law is asked of that law: it counts for nothing here);
    - "question": asks a question for information;
    - "place": asks for one place in particular to be fixed (我们小区那个充电桩坏了, 请修一下);
    - "local": asks for something else to be done here (requests.py: more toilets near parks);
    - "ask": asks for anything else (希望…, 请…, 能不能…);
    - "plain": none of these (a story, a complaint with no ask, a test message)."""
    # A rule word inside a question for information asks where or how to do something under a
    # rule (罚款在哪里缴, who should I call?): the question is what the comment does.
    told = _information_questions_out(norm)
    if evaluates_a_rule(told):
        return "rule"
    if not other_law and _THE_DRAFT.search(told):
        return "rule"
    request = None
    if not other_law and asks_for_a_rule(told):
        # A normative word beyond the verbs of asking asks for a rule; those verbs alone (建议, 要求) do
        # in a comment that is no local request.
        if asks_for_a_rule(_REQUEST_VERBS.sub("，", told)) or not (request := find_request(norm)).is_request:
            return "rule"
    # Past a rule asked: redress for one case in particular is asked of that case, as mending one place is.
    if _redress_for_one_case(norm):
        return "place"
    if asks_for_information(norm):
        # A question beside an ask made elsewhere (…我们怎么办？请给点时间) is a plea, not a request
        # for information.
        return "ask" if asks_for_something(_without_questions(norm)) else "question"
    if request is None:
        request = find_request(norm)
    # A trouble described with nothing asked (a neighbour's noise) is a complaint: "plain" below.
    if request.is_request and not _NATIONAL.search(norm) and asks_for_something(norm):
        specific = _own_place().search(request.sentence) or _ONE_OF_A_KIND.search(request.sentence)
        # …unless the comment asks something beside it: a story of a place that ends in an ask.
        if specific and not asks_for_something(norm.replace(request.sentence, "")):
            return "place"
        return "local"
    return "ask" if asks_for_something(norm) else "plain"


def asks_of_another_law(norm: str, draft: Draft) -> bool:
    """Whether a normalised comment asks for a rule of another law by name (修改道路交通安全法,
    消防法里…应该加大处罚) and does not point at the draft itself: the rule it asks is that law's."""
    if _THIS_DRAFT.search(norm):
        return False
    for sentence in SENTENCE.findall(norm):
        names = [m.group(1) for m in _REVISES_LAW.finditer(sentence)]
        if asks_for_a_rule(sentence) or asks_for_something(sentence) or evaluates_a_rule(sentence):
            names += [m.group(1) or m.group(2) for m in _IN_LAW.finditer(sentence)]
        # An unquoted name is read as laws_named reads one: 恳请在条例里 and 最怕条例里 name the draft.
        names = [found for name in names if (found := name if f"《{name}》" in sentence else law_name(name))]
        if any(names_other_law(Reference(article=None, law=name), draft.title) for name in names):
            return True
    return False


def needed(norm: str, other_law: bool) -> tuple[float, float]:
    """(content evidence, relation) from which a comment is on topic, by what it does: a rule asked
    needs little relation; a question for information much; a local request or a comment that asks
    nothing needs strong content evidence and relation (MIN_UNENGAGED_*), for a draft in everyday
    words shares them with comments that ask nothing of it."""
    act = speech_act(norm, other_law)
    if act == "rule":
        normative = not other_law and asks_for_a_rule(norm)
        return MIN_PROVISION_SCORE, MIN_NORMATIVE_RELATION if normative else MIN_RELATION
    if act == "question":
        return max(MIN_PROVISION_SCORE, MIN_QUESTION_PROVISION_SCORE), MIN_QUESTION_RELATION
    if act == "place":
        return MIN_PLACE_PROVISION_SCORE, MIN_PLACE_RELATION
    if act == "local":
        return max(MIN_PROVISION_SCORE, MIN_UNENGAGED_PROVISION_SCORE), max(MIN_RELATION, MIN_LOCAL_RELATION)
    if act == "plain":
        return max(MIN_PROVISION_SCORE, MIN_UNENGAGED_PROVISION_SCORE), max(MIN_RELATION, MIN_UNENGAGED_RELATION)
    return MIN_PROVISION_SCORE, MIN_RELATION


def needed_relation(norm: str, other_law: bool) -> float:
    """The relation from which a comment is on topic (the second of `needed`)."""
    return needed(norm, other_law)[1]


def is_empty(norm: str, words: Sequence[str], relation: float, draft: Draft) -> bool:
    """A few words of assent or thanks, the others (`words`) common in general Chinese and unrelated
    to the draft: agreement with nothing said (支持！, 完全同意, 坚决拥护)."""
    if len(letters_and_digits(norm)) > MAX_EMPTY_LENGTH:
        return False
    common = draft.vocabulary.is_common
    return relation < MIN_RELATION and all(common(t, COMMON_SHARE) or _casual(t, draft) for t in words)


def _casual(word: str, draft: Draft) -> bool:
    """A word the general dictionary does not list, made of characters each common on its own (早该: the
    adverb 早 and the modal 该, joined by the segmenter): a casual combination, as common as its parts."""
    vocabulary = draft.vocabulary
    return vocabulary.is_unlisted(word) and all(vocabulary.is_common(ch, COMMON_SHARE) for ch in word)


def _other_laws(norm: str, draft: Draft) -> list[str]:
    """The names of the laws other than the draft that a normalised comment mentions: none when it names the
    draft itself (草案, 本次修改, 本条例, or its title: 慈善法 on the 慈善法 draft), whatever other laws it names
    beside it; 这个法 after another law's name may be that law (anaphora), so it does not count."""
    if _DRAFT_ITSELF.search(norm):
        return []
    named = laws_named(norm)
    others = [name for name in named if names_other_law(Reference(article=None, law=name), draft.title)]
    return others if len(others) == len(named) else []


def _outside(units: Sequence[tuple[str, ...]], names: Sequence[str]) -> list[tuple[str, ...]]:
    """The units that are not words of the laws' names: 管理条例 and 电动自行车 in 电动自行车管理条例
    say which law a comment speaks of, not that it speaks of the draft's subject."""
    return [u for u in units if not any(word in name for word in u for name in names)]


# A quotation (“逐步建设”): what a comment quotes, in the quotation marks of Chinese and English text.
_QUOTATION = re.compile(r"[“\"「『]([^”\"」』]{2,40})[”\"」』]")
# Letters and digits a quotation needs to count as quoting the draft (四字: one of its phrases).
MIN_QUOTED = 4


def quotes_the_draft(norm: str, draft: Draft) -> bool:
    """Whether a normalised comment quotes the draft's own wording (“逐步建设”逐步到哪年?): it speaks of
    the text, whatever else it does."""
    return any(len(q) >= MIN_QUOTED and q in draft.alnum_text
               for q in (letters_and_digits(m.group(1)) for m in _QUOTATION.finditer(norm)))


def _relates(norm: str, relation: float, attribution: Attribution, other_law: bool) -> bool:
    provision_score, needed_rel = needed(norm, other_law)
    if attribution.kind == "content" and attribution.score >= provision_score:
        return True
    if relation >= needed_rel:
        return True
    if other_law:
        return False
    # Speaking of the draft in a question for information (when will the draft be passed?) is asking
    # the site, not speaking of the draft's content.
    told = _information_questions_out(norm)
    return bool(_THE_DRAFT.search(told) or (_CONSULTATION.search(norm) and not asks_for_information(norm)))


def classify(norm: str, tokens: Sequence[str], attribution: Attribution, draft: Draft) -> OfftopicReason | None:
    """Why a normalised comment is off-topic, None when it is on topic (a comment that names one of
    the draft's articles always is)."""
    if attribution.kind in ("explicit", "locked"):
        return None
    units = _subject_words(tokens)
    others = _other_laws(norm, draft)
    other_law = bool(others)
    relation = draft_relation(_outside(units, others) if other_law else units, draft)
    if is_empty(norm, [word for unit in units for word in unit], relation, draft):
        return "empty"
    if _reaches_a_seller(norm) or (_MESSAGING.search(norm) and relation < AD_RELATION):
        return "ad"
    # Naming another law outweighs a likeness to one of the draft's articles, and so does asking a
    # rule of it, whatever the words it shares with the draft.
    if other_law and (relation < OTHER_LAW_RELATION or asks_of_another_law(norm, draft)):
        return "other_law"
    if not other_law and quotes_the_draft(norm, draft):
        return None
    abusive = bool(_ABUSE.search(norm))
    # An insult that asks nothing and judges nothing is abuse whatever words of the draft it uses.
    if abusive and speech_act(norm, other_law) == "plain":
        return "abuse"
    if _relates(norm, relation, attribution, other_law):
        return None
    return "abuse" if abusive else "unrelated"
