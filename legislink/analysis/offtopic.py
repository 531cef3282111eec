"""Off-topic comments: ads, abuse, unrelated complaints and empty agreement. Marked, never deleted.

Cue words that the draft itself uses do not count: on an e-commerce draft, 刷单 or 发票 in a
comment is the subject, not an advertisement; on a property-management draft, 物业 is on topic.
"""

import re
from collections.abc import Sequence

from legislink.analysis.corpus import Draft
from legislink.analysis.model import Attribution, OfftopicReason
from legislink.analysis.text import letters_and_digits

_CONTACT = re.compile(
    r"(?:\+?86[-\s]?)?1[3-9]\d[\d*]{4}\d{4}|\b\d{3,4}-\d{7,8}\b"
    r"|https?://|www\.|\.(?:com|cn|net|top|xyz)\b"
    r"|微信|vx|v信|wx|薇信|威信|加v|qq|whatsapp|wechat|telegram|line\s*id|私信|私讯|私聊|咨询电话|联系电话|热线"
)
_OFFER = (
    "代办", "代开", "发票", "刷单", "兼职", "日结", "月入", "过万", "招聘", "代理", "加盟", "优惠", "特价",
    "折扣", "实惠", "包邮", "一条龙", "免费", "零基础", "名额有限", "贷款", "低息", "秒批", "办证", "代写",
    "返利", "佣金", "赚钱", "引流", "涨粉", "批发", "货源", "厂家直销", "直销", "培训班", "报名", "课程",
    "价格", "出售", "回收", "高价", "低价", "限时", "咨询", "注册公司", "营业执照", "详情", "扫码", "二维码",
    "进群", "代购", "招商", "理财", "收益", "稳赚", "回报率", "包过", "秒到", "下载app",
    "factory", "price", "discount", "cheap", "free", "wholesale", "sourcing", "shipping", "agent",
    "contact us", "dm me", "promotion", "sale", "loan", "casino", "bonus",
)
_ABUSE = re.compile(
    r"傻[逼bB比]|煞笔|sb\b|脑残|垃圾|废物|狗官|去死|滚出去|滚蛋|滚开|他妈的|你妈的|tmd|尼玛|操你|草泥马|畜生|混蛋"
    r"|王八蛋|吃干饭|饭桶|白痴|智障|贱人|恶心|放屁|狗屁|蠢货|fuck|shit|idiot|stupid|bastard"
)
# Signs of a complaint about daily life rather than about a law.
_COMPLAINT = (
    "物业", "停车", "堵车", "噪音", "噪声", "扰民", "城管", "路灯", "井盖", "坑", "漏水", "装修", "楼上",
    "邻居", "乱停", "乱放", "占道", "外卖", "快递", "打不通", "没人接", "拆迁", "垃圾桶", "小区", "房东",
    "房租", "退款", "投诉", "修路", "马路", "公交", "红绿灯", "宽带", "信号", "吵", "睡不着", "没人管", "没人修",
)
# What a comment on a law talks about, whatever the law.
_LEGISLATIVE = re.compile(
    r"法|草案|条文|条款|规定|立法|修改|增加|删除|明确|细化|完善|监管|政府|部门|权利|义务|责任|制度|措施"
    r"|执行|落实|标准|处罚|保障|保护|鼓励|禁止|要求|政策|写|应该|应当|希望|要管|管管|规范|整治|打击"
    r"|draft|law|article|regulat|rule|should"
)
_AGREEMENT = sorted((
    "完全同意", "同意", "赞同", "赞成", "支持", "拥护", "没意见", "没有意见", "无意见", "无异议", "没有异议",
    "非常好", "很好", "挺好", "真好", "好的", "好", "不错", "点赞", "赞", "顶", "加油", "可以", "行", "对",
    "ok", "agree", "good", "support", "yes", "nice", "great", "fine", "我", "完全", "非常", "坚决", "十分",
    "特别", "表示", "本", "这个", "这部", "该", "草案", "法律", "法", "规定", "条例", "意见", "的", "了",
    "啊", "呀", "哈", "呢", "吧", "就", "也", "都", "很", "太", "大", "个", "人", "一", "i", "it", "this",
    "the", "law", "draft", "very", "all", "totally", "fully", "1", "出台", "通过", "制定", "实施", "早日",
    "尽快", "期待", "谢谢", "辛苦了", "给力", "很有必要", "有必要", "必要", "及时", "好事", "已阅", "收到",
    "举双手", "双手", "国家", "政府", "部",
), key=len, reverse=True)
_AGREEMENT_RE = re.compile("|".join(re.escape(w) for w in _AGREEMENT))
# This many offers make an ad even without contact details, or with words about a law.
AD_OFFERS = 3
# Longer than this (letters and digits), a comment says something even if it agrees.
MAX_EMPTY_LENGTH = 30
# Below this content score and with no reference, a comment shows no link to the draft.
MIN_RELATED_SCORE = 0.5
# Below this share of its words found in the draft, a comment without legal vocabulary is unrelated.
MIN_DRAFT_WORDS = 0.25


def _cues(text: str, words: Sequence[str], draft_text: str) -> set[str]:
    return {w for w in words if w in text and w not in draft_text}


def is_ad(norm: str, draft_text: str) -> bool:
    """Contact details with an offer, or a string of offers, with nothing said about a law.

    A trader who writes that customers order 批发 by 微信 is still commenting; an ad that borrows
    a legal word still stacks its offers.
    """
    offers = _cues(norm, _OFFER, draft_text)
    if not offers:
        return False
    if not _LEGISLATIVE.search(norm):
        return bool(_CONTACT.search(norm)) or len(offers) >= AD_OFFERS
    return bool(_CONTACT.search(norm)) and len(offers) >= AD_OFFERS


def is_empty(norm: str) -> bool:
    bare = letters_and_digits(norm)
    return len(bare) <= MAX_EMPTY_LENGTH and len(_AGREEMENT_RE.sub("", bare)) <= 1


def _unrelated(norm: str, tokens: Sequence[str], attribution: Attribution, draft: Draft) -> bool:
    """A complaint about daily life, or words with nothing normative and no link to the draft."""
    if attribution.kind != "unattributed":
        return False
    complaints = len(_cues(norm, _COMPLAINT, draft.alnum_text))
    if complaints >= 2 or (complaints and not _LEGISLATIVE.search(norm)):
        return True
    shared = sum(t in draft.words for t in tokens) / max(1, len(tokens))
    return attribution.score < MIN_RELATED_SCORE and shared < MIN_DRAFT_WORDS and not _LEGISLATIVE.search(norm)


def classify(norm: str, tokens: Sequence[str], attribution: Attribution, draft: Draft) -> OfftopicReason | None:
    """Why a normalised comment is off-topic, None when it is on topic.

    Ads and empty agreement are off-topic wherever they point; abuse and unrelated complaints only
    when the comment neither names an article nor matches one by content.
    """
    if is_ad(norm, draft.alnum_text):
        return "ad"
    if is_empty(norm):
        return "empty"
    if attribution.kind in ("explicit", "locked"):
        return None
    if attribution.kind == "unattributed" and _ABUSE.search(norm):
        return "abuse"
    if _unrelated(norm, tokens, attribution, draft):
        return "unrelated"
    return None
