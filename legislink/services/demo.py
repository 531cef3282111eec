"""`legislink init --demo`: a draft of our own writing, stations, one user per role, an open
consultation and a few hundred comments generated here — a form-letter campaign, comments in
Traditional characters and in English among them. Loading twice changes nothing."""

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources

from opencc import OpenCC
from sqlalchemy import select

from ..extensions import db
from ..models import Channel, Consultation, Draft, DraftKind, Identity, Role, Station, User
from . import accounts, comments, drafts
from .comments import CommentInput


def utcnow() -> datetime:
    return datetime.now(UTC)


DEMO_TITLE = "示例市国际商贸城市场服务条例（草案征求意见稿）"
ISSUING_BODY = "示例市人大常委会法制工作委员会（演示）"
STATIONS = [
    ("CC01", "稠城街道联络站", "示例市稠城街道便民服务中心二楼"),
    ("FT02", "福田街道联络站", "示例市福田街道社区服务中心"),
    ("JD03", "江东街道联络站", "示例市江东街道党群服务中心"),
    ("BY04", "北苑街道联络站", "示例市北苑街道市民之家"),
    ("GM05", "国际商贸城联络站", "国际商贸城一区东门服务中心"),
]
USERS = [
    ("admin", Role.ADMIN, None, "系统管理员"),
    ("staff", Role.STAFF, "CC01", "稠城联络站工作人员"),
    ("reviewer", Role.REVIEWER, None, "法工委审核人员"),
]

# Opinion points per article: each a few phrasings residents might use, a suggested wording
# and a reason (either may be empty). Written for this demo.
POINTS: dict[str, list[dict]] = {
    "第八条": [
        {"texts": ["租金一年只能调一次、涨幅不超过百分之十，这个规定对我们小商户很重要，建议保留，"
                   "而且要写明违约怎么处理。",
                   "摊位租金年年涨，生意越来越难做。条例规定涨幅上限百分之十，我们很支持，希望执行到位。",
                   "涨租要提前三个月通知很好，但最好再明确一下开办者不提前通知的，经营者可以拒绝涨价。"],
         "suggestion": "市场开办者未按规定提前告知的，调整不发生效力。", "reason": "没有后果的规定约束不了开办者。"},
        {"texts": ["百分之十的上限对开办者太死板了，市场装修升级投入很大，建议改成参照物价指数浮动。",
                   "租金上限定死百分之十不合理，热门区位和冷门区位差别很大，应该允许协商。"],
         "suggestion": "调整幅度参照本市居民消费价格指数确定。", "reason": ""},
    ],
    "第十条": [
        {"texts": ["营业时间调整提前十五日公告太短了，我们要提前安排外贸订单和发货，建议改成三十日。",
                   "延长或缩短营业时间要提前通知，十五天来不及调整用工，建议至少一个月。"],
         "suggestion": "应当提前三十日公告。", "reason": "外贸订单周期一般在一个月以上。"},
        {"texts": ["听取经营者代表意见这句话太虚了，代表怎么产生的没写，建议由经营者选举产生。"],
         "suggestion": "经营者代表由市场经营者推选产生。", "reason": ""},
    ],
    "第十三条": [
        {"texts": ["直播带货刷单、编评价的太多了，建议写明平台也要承担审核责任，不能只罚主播。",
                   "现在直播间虚假宣传很常见，建议增加对直播营销平台的管理责任。"],
         "suggestion": "直播营销平台应当对直播营销活动进行管理，发现违法行为及时处置。", "reason": ""},
        {"texts": ["要求直播营销人员具备商品知识，标准是什么？建议由行业协会组织培训，不要一刀切。"],
         "suggestion": "", "reason": "小商户自己直播，没条件参加收费培训。"},
    ],
    "第十四条": [
        {"texts": ["做外贸经常要用好几张电话卡联系客户，经常被运营商误判为异常停机，建议规定停机前先通知并给申诉时间。",
                   "电话卡被无故暂停服务影响接单，条例说可以暂停服务，建议加上先提醒后暂停。",
                   "我的经营用电话卡去年被停了三次，每次都要跑营业厅。建议明确运营商暂停服务前要提前告知、说明理由。"],
         "suggestion": "电信业务经营者暂停服务前应当告知经营者，并给予不少于二十四小时的说明期限。",
         "reason": "异常停机给正常经营造成损失。"},
        {"texts": ["实名登记是应该的，但外籍商人办电话卡手续很复杂，建议简化外国人护照办卡流程。"],
         "suggestion": "", "reason": ""},
    ],
    "第十六条": [
        {"texts": ["网店被平台无故下架、冻结货款的事经常有，建议规定平台采取措施前必须说明理由，申诉要限时答复。",
                   "平台冻结资金动不动就是几个月，建议条例规定答复申诉的期限，比如七个工作日。"],
         "suggestion": "网络平台经营者应当自收到申诉之日起七个工作日内答复。",
         "reason": "资金冻结对小微商户是致命的。"},
    ],
    "第十七条": [
        {"texts": ["涉外服务站建议在每个市场区都设，而且周末也要开放，外商周末采购的多。",
                   "建议涉外服务站提供阿拉伯语、俄语、西班牙语服务，不只是英语。"],
         "suggestion": "涉外服务站提供常用外语服务，节假日正常开放。", "reason": ""},
    ],
    "第十八条": [
        {"texts": ["办事指南只用中文和英文不够，很多采购商说阿拉伯语和俄语，建议多语种公布。",
                   "同等权利同等义务写得好，但外籍商人办营业执照还是比本地人难，建议写明提供便利措施。"],
         "suggestion": "以中文和英语、阿拉伯语、俄语等常用外文公布办事指南。", "reason": ""},
    ],
    "第二十三条": [
        {"texts": ["检查太多了，一个月好几拨人来查，建议写明同一事项一年内检查不超过两次。",
                   "合并检查这条我们举双手赞成，但要有具体办法，建议规定联合检查计划提前公布。"],
         "suggestion": "有关部门应当制定年度联合检查计划并向社会公布。", "reason": "重复检查影响经营。"},
    ],
    "第二十四条": [
        {"texts": ["消费纠纷七个工作日处理完，对复杂的质量纠纷不现实，建议区分简单和复杂纠纷。",
                   "投诉点要有人值班，现在很多投诉电话打不通，建议写明投诉受理点的工作时间。"],
         "suggestion": "", "reason": ""},
    ],
    "第二十七条": [
        {"texts": ["不明码标价罚款五千元以下，对大商户没有威慑力，建议按违法所得倍数处罚。",
                   "处罚要分情节，初次违法又及时改正的可以不罚，建议写上首违不罚。"],
         "suggestion": "初次违法且及时改正的，可以不予处罚。", "reason": "包容审慎监管。"},
    ],
    None: [
        {"texts": ["整部条例对小商户的保护写得不够，建议增加一章专门规定小微经营者的扶持措施。",
                   "建议条例增加经营者参与市场管理的机制，比如设立经营者委员会。"],
         "suggestion": "", "reason": ""},
        {"texts": ["条例很多地方写的是鼓励、可以，约束力不够，建议多用应当。"],
         "suggestion": "", "reason": "立法要管用。"},
    ],
}

# Comments that name their article in the text, typed into the whole-draft box.
EXPLICIT_PREFIXES = ["关于{label}，", "看了草案{label}，", "对{label}有个建议：", "{label}：", "我想说说{label}。"]
PERSONAL = ["我在市场做饰品生意十二年了，", "我们家在二区有两个摊位，", "作为一名网店店主，",
            "我是社区的老党员，", "我在商贸城做外贸采购对接，", "", "", "", ""]
CAMPAIGN_SALUTATIONS = ["尊敬的立法机关：", "各位领导：", "您好！", "尊敬的人大常委会：", ""]
CAMPAIGN_BODY = [
    "我们是国际商贸城的经营户。",
    "草案第八条规定租金调整幅度不超过百分之十，我们坚决支持。",
    "近几年摊位租金涨得太快，很多小商户已经经营不下去了。",
    "恳请在正式条例中保留这一规定，并明确违反规定的法律责任。",
]
CAMPAIGN_SIGNATURES = ["一区经营户", "此致敬礼", "商户代表", "一名老商户", "谢谢！", ""]
ENGLISH = [
    ("第十七条", "As a buyer from Egypt I come to the market every season. Please open the foreign service "
                "station on weekends too, and offer Arabic, not only English."),
    ("第十四条", "My SIM card for business was suspended twice without any notice. The telecom operator should "
                "warn us first and give us time to explain before suspending the phone card."),
    ("第十八条", "Equal rights for foreign merchants is good, but registering a business as a foreigner still "
                "takes weeks. Please publish the guides in Russian and Arabic as well."),
    ("第二十条之一", "Mediation in English would help a lot. Please also allow an interpreter chosen by the "
                   "merchant, at the mediation centre's cost."),
    (None, "Thank you for asking foreign merchants. The regulation should have one contact point that answers "
           "our questions in several languages."),
]
OFFTOPIC = [
    "加微信 yiwu8888 代开各类发票，价格优惠。",
    "同意。",
    "没意见",
    "我家楼下的路灯坏了好几天了，请尽快修一下。",
]
IDENTITIES = [Identity.TRADER] * 5 + [Identity.RESIDENT] * 3 + [Identity.ECOMMERCE] * 2 + [
    Identity.ENTERPRISE, Identity.LAWYER, Identity.DEPUTY, Identity.CADRE]
CHANNELS = [Channel.ONLINE] * 6 + [Channel.SYMPOSIUM, Channel.LETTER, Channel.PHONE, Channel.VISIT]


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    passwords: list[tuple[str, str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"demo: {item}" for item in self.created] or ["demo: already loaded, nothing changed"]
        if self.passwords:
            out.append("one-time passwords (each must be changed at first sign-in):")
            out.extend(f"  {name:<10} {role:<9} {password}" for name, role, password in self.passwords)
        return out


def load_demo(now: datetime) -> DemoReport:
    report = DemoReport()
    _stations(report)
    _users(report)
    consultation = _draft_and_consultation(now, report)
    if consultation is not None:
        count = _comments(consultation, now)
        report.created.append(f"{count} comments")
    return report


def _stations(report: DemoReport) -> None:
    for code, name, address in STATIONS:
        if db.session.scalar(select(Station).where(Station.code == code)) is None:
            db.session.add(Station(code=code, name=name, address=address))
            report.created.append(f"station {code} {name}")
    db.session.flush()


def _users(report: DemoReport) -> None:
    for username, role, station, display in USERS:
        if db.session.scalar(select(User).where(User.username == username)) is not None:
            continue
        password = accounts.generate_password()
        accounts.create_user(username, role, password, station_code=station, display_name=display,
                             must_change_password=True)
        report.passwords.append((username, role.value, password))
        report.created.append(f"user {username} ({role.value})")


def _draft_and_consultation(now: datetime, report: DemoReport) -> Consultation | None:
    if db.session.scalar(select(Draft).where(Draft.title == DEMO_TITLE)) is not None:
        return None
    text = resources.files("legislink").joinpath("data/demo_draft.txt").read_text("utf-8")
    version = drafts.import_text(text, title=DEMO_TITLE, version_label="征求意见稿", issuing_body=ISSUING_BODY,
                                 kind=DraftKind.LOCAL_REGULATION, source_name="demo_draft.txt",
                                 description="演示数据：本草案由 LegisLink 项目自行撰写，用于体验平台功能。")
    consultation = Consultation(
        version=version, opens_at=now - timedelta(days=12), closes_at=now + timedelta(days=18),
        contact_name="王晓明", contact_phone="0579-85550000",
        after_close_contact="征求意见期结束后，可将意见寄至示例市人大常委会法制工作委员会，或交给所在联络站。",
        stations=list(db.session.scalars(select(Station))),
    )
    db.session.add(consultation)
    db.session.flush()
    report.created.append(f"draft “{DEMO_TITLE}” ({version.article_count} articles), open consultation")
    return consultation


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))


def _base(rng: random.Random, stations: list[Station], now: datetime) -> dict:
    channel = rng.choice(CHANNELS)
    submitted = now - timedelta(days=rng.uniform(0, 11.5))
    with_contact = rng.random() < 0.4
    return {
        "identity": rng.choice(IDENTITIES),
        "station_code": rng.choice(stations).code,
        "channel": channel,
        "name": rng.choice("王李张刘陈杨黄吴周徐") + rng.choice(["先生", "女士", "师傅"]) if with_contact else "",
        "phone": _phone(rng) if with_contact else "",
        "consent": with_contact,
        "collector": "" if channel == Channel.ONLINE else "信息员" + rng.choice("甲乙丙丁"),
        "collected_on": None if channel == Channel.ONLINE else submitted.date(),
        "submitted_at": submitted,
    }


def _opinion_comments(rng: random.Random, to_traditional: OpenCC) -> list[tuple[dict, dict]]:
    """(fields, extra) pairs: varied phrasings of each point, some explicit, some Traditional."""
    out = []
    for label, points in POINTS.items():
        for point in points:
            for _ in range(rng.randint(6, 16)):
                text = rng.choice(PERSONAL) + rng.choice(point["texts"])
                article = label
                if label and rng.random() < 0.35:
                    # Typed into the whole-draft box, naming the article in the text.
                    text = rng.choice(EXPLICIT_PREFIXES).format(label=label) + text
                    article = None
                if rng.random() < 0.08:
                    text = to_traditional.convert(text)
                fields = {"text": text, "article": article,
                          "suggestion": point["suggestion"] if rng.random() < 0.6 else "",
                          "reason": point["reason"] if rng.random() < 0.5 else ""}
                out.append((fields, {}))
    return out


def _campaign(rng: random.Random, copies: int) -> list[tuple[dict, dict]]:
    out = []
    for _ in range(copies):
        body = CAMPAIGN_BODY[:]
        if rng.random() < 0.3:
            body[1], body[2] = body[2], body[1]
        letter = rng.choice(CAMPAIGN_SALUTATIONS) + "".join(body) + rng.choice(CAMPAIGN_SIGNATURES)
        out.append(({"text": letter, "article": "第八条" if rng.random() < 0.5 else None,
                     "suggestion": "", "reason": ""}, {"identity": Identity.TRADER, "station_code": "GM05"}))
    return out


def _comments(consultation: Consultation, now: datetime) -> int:
    rng = random.Random(20240501)  # noqa: S311 - the same demo every time, nothing secret
    stations = list(db.session.scalars(select(Station).order_by(Station.code)))
    planned = _opinion_comments(rng, OpenCC("s2t"))
    planned += _campaign(rng, 48)
    planned += [({"text": text, "article": label, "suggestion": "", "reason": ""},
                 {"identity": Identity.FOREIGN_MERCHANT, "station_code": "GM05", "channel": Channel.ONLINE})
                for label, text in ENGLISH]
    planned += [({"text": text, "article": None, "suggestion": "", "reason": ""}, {}) for text in OFFTOPIC]
    rng.shuffle(planned)
    for fields, extra in planned:
        values = {**_base(rng, stations, now), **extra}
        if values["channel"] == Channel.ONLINE:
            values["collector"], values["collected_on"] = "", None
        comments.submit(consultation, CommentInput(
            text=fields["text"], suggestion=fields["suggestion"], reason=fields["reason"],
            article=fields["article"], **values,
        ), now=values["submitted_at"])
    return len(planned)
