"""Synthetic resident comments over a law's articles, for benchmarks.

usage: python benchmarks/gen_comments.py LAW.txt N [--articles 50] [--seed 1] > comments.jsonl

The mix follows what contact points receive: explicit references in every written form,
comments that only quote or paraphrase an article, form-letter campaigns in three shapes
(near-copies with changed salutations, words, sentence order, typos and punctuation; mail-merge
letters built from alternative phrasings; talking points copied two or three at a time with a
sentence of the sender's own), reposts, off-topic ads, complaints and empty agreement, some Traditional characters
and some English. Each line carries a `truth` object (article number, campaign) for sanity checks.
"""

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import opencc

from legislink.analysis.__main__ import load_articles
from legislink.analysis.model import Article
from legislink.lawtext.numerals import int_to_cn

OPENINGS = ["我觉得", "作为一名居民，", "看了草案，", "说实话，", "我们社区很多人反映，", "从实际情况看，", ""]
STORIES = [
    "我在市场做了十年生意，", "我家孩子在读小学，", "我是外来务工人员，", "我们厂里有两百多个工人，",
    "去年我就遇到过这种事，", "我做电商三年了，", "我退休以后在社区当志愿者，", "",
]
ADS = [
    "代开各类发票，正规渠道，微信同号{phone}", "刷单兼职日结300元，宝妈学生都可以做，加QQ {qq}",
    "义乌小商品一手货源，厂家直销价格实惠，联系电话{phone}",
    "Cheap shipping Yiwu to Dubai, best price, WhatsApp +86 {phone}",
    "专业代办营业执照、公司注册，一条龙服务 http://example.com/{qq}",
]
EMPTY = ["同意", "支持！", "没意见", "好", "完全同意。", "赞👍"]
COMPLAINTS = [
    "我们小区物业乱收停车费，一个月涨到三百，有没有人管？", "楼上天天半夜装修，吵得睡不着，物业也不管。",
    "小区门口的路坑坑洼洼修了半年还没修好。", "市场门口天天堵车，电动车乱停乱放，城管管一管吧。",
]
ABUSE = ["一群吃干饭的，电话永远打不通", "搞这些有什么用，垃圾，废物"]
SALUTATIONS = ["尊敬的立法联系点工作人员：您好！", "各位领导：\n", "您好！", "尊敬的领导，你们好！", ""]
SIGNATURES = ["\n一名市民", "\n一位家长", "——个体户", "\n小王", "", "\n稠城街道居民"]
ENGLISH = [
    "About Article {n}: the rule is too vague, I waited {d} days for an answer. Please make duties clear.",
    "Article {n} should protect small businesses and foreign traders; I lost {d} hundred dollars last year.",
    "I run a shop in Yiwu for {d} years. The fines in this law are too low to stop fake products and fraud.",
]


def reference(rng: random.Random, number: int) -> str:
    forms = [f"第{int_to_cn(number)}条", f"第{number}条", f"{number}条", f"{int_to_cn(number)}条",
             f"第{int_to_cn(number)}条第二款", f"草案第{int_to_cn(number)}条"]
    return rng.choice(forms)


def phrase(rng: random.Random, article: Article) -> str:
    """A few words of the article, as residents quote or paraphrase them."""
    pieces = [p for p in re.split(r"[，。；：、\n]", article.text) if 4 <= len(p) <= 30]
    return rng.choice(pieces) if pieces else article.text[:12]


PLACES = ["稠城", "北苑", "江东", "后宅", "廿三里", "佛堂", "苏溪", "福田市场", "国际商贸城", "篁园"]
DETAILS = ["等了{n}天才有回音", "损失了{n}百多块", "跑了{n}趟都没办成", "问了{n}个部门", "已经{n}年了",
           "身边{n}个朋友都遇到过", "投诉了{n}次"]


WHEN = ["去年", "前年", "上个月", "这几年", "刚开始那会儿", "今年春节前", "疫情那几年", "前些天", ""]
ERRANDS = ["办事", "开店", "找工作", "维权", "申请补贴", "网上买东西", "退货", "办营业执照", "交社保", "租房",
           "进货", "发快递"]
# An independent resident's ask, put together from parts: residents who agree in substance still word it their own
# way, so no two independent comments share a whole sentence (as they did when twelve asks were drawn whole, and
# the form-letter detection rightly took most of the generated comments for copies of one template).
LEADS = ["建议", "希望", "恳请", "能不能", "最好", "应当", "我认为应该", "强烈建议", "请考虑", "盼望", "是否可以"]
ACTIONS = ["明确", "细化", "加强", "增加", "删去", "放宽", "收紧", "简化", "规范", "公开", "统一", "量化", "延长",
           "缩短", "提高", "降低"]
TARGETS = ["监管部门的职责", "处罚的标准", "办理的时限", "投诉的渠道", "对小商户的扶持", "申请的材料", "信息公开的范围",
           "过渡期的安排", "经营者的义务", "平台的责任", "消费者的权利", "检查的频次", "收费的标准", "退款的期限",
           "个人信息的保护", "对老年人的照顾", "基层的执行力量", "举报的奖励", "赔偿的数额", "登记的手续"]
PURPOSES = ["避免多头管理", "方便群众办事", "不然执行起来各地不一样", "违法成本太低了", "基层很难落实",
            "给经营者留出调整时间", "老百姓很难维权", "不能让老实人吃亏", "减轻群众负担", "防止一刀切",
            "让大家心里有数", "免得互相推诿", "这样才公平", "现在的写法太笼统", "群众意见很大"]


def ask(rng: random.Random) -> str:
    """One ask in a resident's own words (11 × 16 × 20 × 15 ways)."""
    return f"{rng.choice(LEADS)}{rng.choice(ACTIONS)}{rng.choice(TARGETS)}，{rng.choice(PURPOSES)}。"


def story(rng: random.Random) -> str:
    """A resident's own circumstances: what makes independent comments differ."""
    detail = rng.choice(DETAILS).format(n=rng.randint(2, 30))
    return f"{rng.choice(STORIES)}{rng.choice(WHEN)}在{rng.choice(PLACES)}{rng.choice(ERRANDS)}，{detail}，"


def explicit_comment(rng: random.Random, article: Article) -> str:
    quote = f"“{phrase(rng, article)}”" if rng.random() < 0.5 else phrase(rng, article)
    return (f"{rng.choice(OPENINGS)}{reference(rng, article.number)}{rng.choice(['里', '说', '规定', ''])}"
            f"{quote}，{story(rng)}{ask(rng)}")


def content_comment(rng: random.Random, article: Article) -> str:
    return f"{story(rng)}{rng.choice(OPENINGS)}关于{phrase(rng, article)}，{ask(rng)}"


def offtopic_comment(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return rng.choice(ADS).format(phone=f"13{rng.randrange(10**9):09d}", qq=rng.randrange(10**8, 10**9))
    if kind < 0.7:
        return rng.choice(EMPTY)
    return rng.choice(COMPLAINTS if kind < 0.9 else ABUSE)


IDENTITIES = ["个体工商户", "网店店主", "外来务工人员", "小学生家长", "退休职工", "快递员", "外贸企业员工",
              "社区志愿者"]
CONCERNS = ["群众反映强烈", "执行中容易走样", "对小商户影响很大", "监管存在空白", "老百姓很难维权",
            "成本全落到我们身上"]


class Campaign:
    """A form letter on one article, in one of the shapes of real campaigns: near-copies (reordered,
    with typos, punctuation changes and a personal line), mail-merge from alternative phrasings
    ("spun"), or talking points (each sender copies two or three of a shared list and adds a
    sentence of their own).

    Each campaign is written by its own organiser: its sentences are its own, not shared with
    other campaigns.
    """

    def __init__(self, rng: random.Random, article: Article, shape: str, number: int) -> None:
        self.rng = rng
        self.article = article
        self.shape = shape
        self.mail_merge = shape == "spun"
        ref = reference(rng, article.number)
        # Named with its number: two campaigns drawn with one place and one identity were one organiser's letters.
        who = f"{rng.choice(PLACES)}{number + 1}区的{rng.choice(IDENTITIES)}"
        if self.mail_merge:
            self.slots = [[f"{o}是{who}，想对{ref}提出第{number}号联名意见。" for o in ("我", "本人", "我们")]] + [
                [f"{phrase(rng, article)}这一规定{rng.choice(CONCERNS)}，{self._detail()}。" for _ in range(3)]
                for _ in range(3)] + [
                [f"{ask(rng)[:-1]}，这是我们{who}{k + number}个人的共同心声。" for k in range(3)]]
        elif shape == "points":
            self.points = [f"{ask(rng)[:-1]}，{who}第{number}号倡议的第{k + 1}点。" for k in range(6)]
        else:
            self.body = [f"我们是{who}，对草案{ref}联名提出第{number}号建议。",
                         f"草案规定“{phrase(rng, article)}”，{ask(rng)}",
                         f"理由：{phrase(rng, article)}{rng.choice(CONCERNS)}，{self._detail()}。",
                         f"{ask(rng)[:-1]}，{who}{number}户商户都赞同。",
                         f"请认真考虑{who}的呼声。"]

    def _detail(self) -> str:
        return self.rng.choice(DETAILS).format(n=self.rng.randint(2, 30))

    def copy(self) -> str:
        rng = self.rng
        if self.mail_merge:
            return "".join(rng.choice(slot) for slot in self.slots)
        if self.shape == "points":
            picked = [*rng.sample(self.points, rng.choice([2, 3])), f"{story(rng)}我深有体会。"]
            rng.shuffle(picked)
            return "".join(picked)
        body = list(self.body)
        if rng.random() < 0.3:
            rng.shuffle(body)
        if rng.random() < 0.3:
            body.insert(rng.randrange(len(body)), f"{story(rng)}我深有体会。")
        text = "".join(body)
        if rng.random() < 0.3:
            text = text.replace("建议", "希望", 1)
        if rng.random() < 0.3:
            text = typo(rng, text)
        if rng.random() < 0.3:
            text = text.replace("，", ",").replace("。", ". ")
        return f"{rng.choice(SALUTATIONS)}{text}恳请采纳。{rng.choice(SIGNATURES)}"


def typo(rng: random.Random, text: str) -> str:
    """Two neighbouring characters swapped, as a hurried typist does."""
    k = rng.randrange(len(text) - 1)
    return text[:k] + text[k + 1] + text[k] + text[k + 2:]


def generate(articles: list[Article], n: int, seed: int) -> Iterator[dict]:
    rng = random.Random(seed)
    to_traditional = opencc.OpenCC("s2t")
    shapes = ("spun", "copy", "points")
    campaigns = [Campaign(rng, rng.choice(articles), shape=shapes[k % 3], number=k)
                 for k in range(max(2, n // 2000))]
    earlier: list[tuple[str, str, str | None]] = []  # (id, text, the letter it copies)
    for i in range(n):
        roll = rng.random()
        article, campaign, kind, letter = rng.choice(articles), None, "explicit", None
        if roll < 0.40:
            text = explicit_comment(rng, article)
        elif roll < 0.70:
            text, kind = content_comment(rng, article), "content"
        elif roll < 0.85:
            k = rng.randrange(len(campaigns))
            campaign, article, kind = f"c{k}", campaigns[k].article, "campaign"
            text, letter = campaigns[k].copy(), campaign
        elif roll < 0.90:
            article, text, kind = None, offtopic_comment(rng), "offtopic"
        elif roll < 0.95 and earlier:
            source, text, copied = rng.choice(earlier)
            article, kind, letter = None, "repost", copied or f"r-{source}"
        elif roll < 0.97:
            text, kind = rng.choice(ENGLISH).format(n=article.number, d=rng.randint(2, 40)), "english"
        else:
            text = explicit_comment(rng, article)
        if rng.random() < 0.03:
            text = to_traditional.convert(text)
        if len(earlier) < 1000:
            earlier.append((f"s{i:07d}", text, letter))
        # `letter`: the form letter a comment is a copy of (a campaign, or r-ID for a repost of comment ID, which
        # makes that comment a letter too); `kind` says how it was made.
        yield {"id": f"s{i:07d}", "text": text,
               "truth": {"article": article.number if article else None, "campaign": campaign, "kind": kind,
                         "letter": letter}}


def letter_pairs(truth: dict[str, dict], groups: list[tuple[str, ...]]) -> tuple[float, float]:
    """Form-letter pair precision and recall of `groups` (each a tuple of comment ids) against the generator's
    truth, over the comments whose letter is known: campaign copies, on-topic comments written on their own, and
    reposts of either. Ads, empty agreement, complaints and the English templates are the same few texts by design
    and are left out."""
    letters = {}
    for cid, t in truth.items():
        if t["kind"] in ("explicit", "content", "campaign"):
            letters[cid] = t["letter"] or cid
    for cid, t in truth.items():
        if t["kind"] != "repost":
            continue
        if not t["letter"].startswith("r-"):
            letters[cid] = t["letter"]  # a copy of a campaign's letter
        elif (source := t["letter"][2:]) in letters:
            letters[cid] = letters[source] = t["letter"]  # a comment written on its own and its repost
    true_pairs = sum(n * (n - 1) // 2 for n in Counter(letters.values()).values())
    found = right = 0
    for members in groups:
        known = Counter(letters[m] for m in members if m in letters)
        total = sum(known.values())
        found += total * (total - 1) // 2
        right += sum(n * (n - 1) // 2 for n in known.values())
    return (right / found if found else 1.0), (right / true_pairs if true_pairs else 1.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("law", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    _, articles = load_articles(args.law.read_text(encoding="utf-8"))
    for row in generate(articles[:args.articles], args.n, args.seed):
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
