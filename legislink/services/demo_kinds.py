"""The demo's consultations before and after a draft: an open call for legislative proposals
(立项建议征集) and the evaluation of a law in force (立法后评估) — 示例市文明养犬管理规定, written
for this project (legislink/data/demo_law_in_force.txt) — each with contributions written for
it in many voices. Several residents ask for the same regulation in their own words, as they
do. Nothing is taken from a real law or a comment set. Loading twice changes nothing."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import resources

from sqlalchemy import select

from ..extensions import db
from ..models import Channel, Consultation, ConsultationKind, Draft, DraftKind, Identity, Station
from . import comments, draft_import, drafts
from .comments import CommentInput

CALL_TITLE = "示例市2027年度地方性法规立法项目建议征集（演示）"
CALL_INTRO = (
    "为做好明年立法计划的编制工作，现向社会公开征集地方性法规立法项目建议。\n"
    "您可以建议制定新的法规，也可以建议修改或者废止现行法规。请写明建议项目的名称、立法的必要性，"
    "有条件的请写出主要内容。\n"
    "演示数据：本征集由 LegisLink 项目自行撰写，用于体验平台功能。"
)
LAW_TITLE = "示例市文明养犬管理规定"
LAW_ISSUER = "示例市人民代表大会常务委员会（演示）"


@dataclass(frozen=True)
class Proposal:
    who: Identity
    title: str  # 建议项目名称, as the person named it
    text: str  # 立法必要性
    content: str = ""  # 主要内容
    channel: Channel = Channel.ONLINE


# Written for this demo. Several people ask for the same regulation under different names
# (电动自行车管理条例 / 电瓶车停放充电的规定 …): the analysis is to bring them together.
PROPOSALS: tuple[Proposal, ...] = (
    Proposal(Identity.RESIDENT, "电动自行车管理条例",
             "我们小区晚上楼道里全是充电的电动车，插线板一个接一个，去年隔壁单元还冒过烟。"
             "物业说管不了，只能贴告示，希望有一部法规把停放和充电的责任说清楚。",
             "规定电动自行车不得进楼道、进电梯；小区按比例建设集中充电设施；明确物业和业主的责任。"),
    Proposal(Identity.CADRE, "关于电瓶车停放充电的规定",
             "社区里电瓶车越来越多，入户充电、飞线充电屡禁不止，我们劝了也没用，因为没有处罚依据。"
             "建议出台专门规定，让社区劝导有法可依。",
             channel=Channel.SYMPOSIUM),
    Proposal(Identity.RESIDENT, "电动车进楼充电管理办法",
             "老小区没有充电桩，大家只能拉线到楼下充电，很危险。要立法，但也要给我们解决充电的地方，不能光罚。",
             "先建充电桩再禁止进楼；收费要合理。", channel=Channel.PHONE),
    Proposal(Identity.TRADER, "电动自行车停放和充电安全管理条例",
             "我在市场里开电动车配件店，看到很多顾客为了省钱买改装电池，充电时最容易出事。"
             "建议把电池改装、销售也一起管起来。",
             "禁止销售和改装不合格电池；规定停放充电场所的消防要求。"),
    Proposal(Identity.TEACHER, "电瓶车充电安全的地方性法规",
             "学校周边的家长接送几乎都用电瓶车，楼道充电起火的新闻看得人心惊。"
             "这件事关系到每一户人家，值得专门立法。"),
    Proposal(Identity.DEPUTY, "住宅小区电动自行车停放充电管理规定",
             "代表联络站接待群众时，反映电动自行车停放充电问题的占了近三成。"
             "现有消防规定比较原则，基层执法依据不足，建议列入明年立法计划。",
             "明确新建小区配建充电设施的标准、既有小区改造的资金来源，以及违规充电的处罚。"),
    Proposal(Identity.RESIDENT, "既有住宅加装电梯条例",
             "我住六楼，七十多岁了，腿脚不好，上下楼很难。加装电梯的事谈了三年，"
             "一楼住户不同意就卡住了。希望立法明确表决规则和补偿办法。",
             "规定业主表决的比例；对低楼层住户的补偿；审批流程简化。", channel=Channel.VISIT),
    Proposal(Identity.CADRE, "老旧小区加装电梯的规定",
             "社区协调加装电梯，最难的是意见不统一时没有规则可依，只能一户户做工作。"
             "建议用法规把协商程序、费用分摊和后续维护定下来。"),
    Proposal(Identity.RESIDENT, "关于老楼装电梯的立法建议",
             "楼里老人多，装电梯是刚需。希望政府出台办法，补贴一部分钱，程序也别太复杂。",
             channel=Channel.LETTER),
    Proposal(Identity.ECOMMERCE, "网络直播营销管理条例",
             "本地做直播带货的商家越来越多，有的主播夸大宣传、刷单，消费者投诉后找不到人。"
             "规范经营的商家也被连累。建议针对直播电商立一部地方性法规。",
             "明确直播间运营者和主播的责任；规定虚假宣传、刷单的处罚；建立直播基地的服务和监管制度。"),
    Proposal(Identity.ENTERPRISE, "直播电商促进和规范条例",
             "直播电商是我市外贸转型的重要方向，既要规范也要促进。建议立法时兼顾人才培养、"
             "场地支持和数据合规，不要只写处罚。"),
    Proposal(Identity.ECOMMERCE, "关于直播带货的管理规定",
             "我们小团队做直播两年了，不清楚哪些话能说哪些不能说，也不知道去哪里备案。"
             "希望有明确的规定，告诉我们怎样合规经营。"),
    Proposal(Identity.FOREIGN_MERCHANT, "Regulation on services for foreign merchants",
             "Foreign traders need one office for visas, business licences, bank accounts and disputes. "
             "Today we go to five places and the rules differ. A local regulation could set up one service point.",
             "A single service centre; documents in English and Arabic; a time limit for answers."),
    Proposal(Identity.FOREIGN_MERCHANT, "境外客商服务保障条例",
             "我在本市做外贸十年了，办理居留、开户、纠纷调解要跑好几个部门，语言不通很困难。"
             "建议立法建立统一的涉外商事服务机制。"),
    Proposal(Identity.RESIDENT, "修改《生活垃圾分类管理条例》",
             "垃圾分类条例实施几年了，定时定点投放对上夜班的人很不方便，督导员也不够。"
             "建议修改，增加灵活投放的规定。",
             "允许设置延时投放点；明确督导员经费来源。"),
    Proposal(Identity.STUDENT, "垃圾分类条例的修改",
             "我们在社区做志愿者时发现，厨余垃圾分出来后又被混在一起运走，居民就不愿意分了。"
             "条例应该把收运环节的责任写清楚。"),
    Proposal(Identity.TEACHER, "学校周边交通安全管理规定",
             "上下学时间校门口车辆乱停，孩子们在车缝里穿行。交警只能临时疏导，"
             "建议立法规定接送区域、临时停车和护学岗的制度。",
             "设置接送车位；规定上下学时段的限行措施；明确学校和交警的职责。"),
    Proposal(Identity.RESIDENT, "校园周边道路交通秩序条例",
             "孩子学校门口的路每天早上堵半小时，家长车、外卖车、电瓶车挤在一起，出过几次剐蹭。"
             "希望有专门的法规来管。", channel=Channel.PHONE),
    Proposal(Identity.RESIDENT, "公共场所噪声管理规定",
             "小区旁边的广场每晚有音响跳舞到十点多，家里老人孩子都睡不好。"
             "报警后来一下就走，第二天照旧。希望有具体的音量和时间限制。",
             "规定公共场所健身娱乐活动的时间和音量；明确处罚部门。"),
    Proposal(Identity.OTHER, "社会生活噪声污染防治办法",
             "我是夜班出租车司机，白天要补觉，楼下店铺的喇叭促销声一直不停。"
             "希望能把商业促销的噪声也管起来。", channel=Channel.SYMPOSIUM),
    Proposal(Identity.RESIDENT, "请修一下我们巷子口的路灯",
             "稠城街道某巷子口的路灯坏了一个多月，晚上很黑，老人走路容易摔跤，能不能尽快修好。"),
)


@dataclass(frozen=True)
class Said:
    """One comment on the law in force: a problem met in practice and, often, an improvement."""

    who: Identity
    article: str | None  # None: the law as a whole
    text: str  # 实施中的问题
    suggestion: str = ""  # 修改完善建议
    channel: Channel = Channel.ONLINE


# Written for this demo against the articles of demo_law_in_force.txt.
EVALUATION_COMMENTS: tuple[Said, ...] = (
    Said(Identity.RESIDENT, "第五条", "办犬证要去派出所跑两趟，先交材料再领犬牌，上班族根本请不出假。",
         "开通网上办理，犬牌可以邮寄。"),
    Said(Identity.RESIDENT, "第五条", "犬只登记每年都要延续，很多人第二年就忘了，等于没登记。",
         "延续改为三年一次，或者到期前短信提醒。"),
    Said(Identity.CADRE, "第五条", "我们社区摸底，登记的狗不到实际饲养的一半，很多人根本不知道要登记。",
         "社区和宠物医院代办登记，接种疫苗时一并登记。", channel=Channel.SYMPOSIUM),
    Said(Identity.RESIDENT, "第六条", "一户一犬的规定执行不了，楼上邻居养了三条，举报了也没人来查。",
         "要么写清楚谁来查、怎么罚，要么根据实际情况调整限养数量。"),
    Said(Identity.LAWYER, "第六条", "第六条第二款把烈性犬目录交给公安机关确定，但本市至今没有公布，条文处于悬空状态。",
         "规定目录的公布期限，并在条文中明确未公布前的过渡办法。"),
    Said(Identity.RESIDENT, "第六条", "小区里有人养大型犬，孩子看到都害怕。重点管理区域到底包括哪些地方，我们查不到。",
         "把重点管理区域的范围公布到每个社区。"),
    Said(Identity.RESIDENT, "第九条", "遛狗不牵绳的太多了，早上在公园里经常有狗冲过来，老人被吓得摔倒过。",
         "加大处罚力度，公园里设置专门的遛狗区域。"),
    Said(Identity.RESIDENT, "第九条", "狗粪没人清理，小区绿化带里到处都是，夏天臭得很。",
         "对不清理粪便的加重处罚，并在小区放置拾便袋。"),
    Said(Identity.TEACHER, "第九条", "学校门口放学时有家长牵着狗来接孩子，绳子放得很长，学生很害怕。",
         "学校周边上下学时段禁止遛狗。"),
    Said(Identity.RESIDENT, "第九条", "犬链不超过一点五米的规定挺好，但没人量，也没人管，写了等于没写。",
         channel=Channel.PHONE),
    Said(Identity.RESIDENT, "第十一条", "电梯里遇到不戴嘴套的大狗，我带着孩子只能等下一趟。"
         "条文说“其他乘客有异议的，应当避让”，可实际上都是我们避让狗主人。",
         "明确携犬乘梯时养犬人必须主动避让其他乘客。"),
    Said(Identity.CADRE, "第十一条", "物业反映，电梯里的狗尿狗毛清理难，引起业主矛盾，但物业没有处罚权，只能劝。",
         "授权业主大会在管理规约中约定携犬乘梯规则。"),
    Said(Identity.RESIDENT, "第十二条", "楼下的狗每天半夜叫，跟主人说了好几次都没用，打110说这是邻里纠纷。",
         "犬吠扰民写明由哪个部门处理，多次扰民的可以处罚。"),
    Said(Identity.RESIDENT, "第十二条", "狗叫扰民的问题，条文只说“采取有效措施”，什么算有效措施，谁来认定，都不清楚。"),
    Said(Identity.RESIDENT, "第十四条", "小区周边流浪狗越来越多，很多是被人遗弃的，晚上成群结队，很吓人。",
         "遗弃犬只要有处罚，登记信息可以用来追查原主人。"),
    Said(Identity.CADRE, "第十五条", "全市只有一个收容所，早就满了，社区抓到流浪狗没地方送。",
         "按区县设置收容场所，鼓励社会组织参与领养。", channel=Channel.SYMPOSIUM),
    Said(Identity.RESIDENT, "第十五条", "收容所离城区太远，也不对外开放领养，很多人想领养都不知道去哪里。"),
    Said(Identity.LAWYER, "第十九条", "第十九条罚款五十元到二百元，违法成本太低，起不到作用。而且公安和城管都能罚，"
         "结果谁都不管。", "提高罚款上限，并明确由一个部门牵头执法。"),
    Said(Identity.DEPUTY, "第十九条", "执法检查中发现，几年来依据本条作出的处罚寥寥无几，"
         "主要原因是取证难、执法力量不足。",
         "引入社区监督和视频取证，规定执法部门的年度报告制度。"),
    Said(Identity.RESIDENT, None, "这部规定的内容大家都不太了解，很多养狗的人没看过，宣传太少了。",
         "在办理登记、疫苗接种时发放规定文本，社区多做宣传。"),
    Said(Identity.DEPUTY, None, "规定施行已经五年，条文比较原则，部门职责交叉，建议结合评估结果启动修改，"
         "把登记便利化和执法责任一并完善。", "将本规定上升为条例，细化部门职责和法律责任。"),
    Said(Identity.FOREIGN_MERCHANT, None, "I keep a small dog. The registration office had no English form and "
         "nobody could tell me which vaccine certificate they accept.",
         "Publish the registration steps in English and accept international vaccine certificates."),
    Said(Identity.OTHER, "第四条", "农业、公安、城管都管一点，出了事老百姓不知道找谁。",
         "设一个统一的养犬管理热线。", channel=Channel.LETTER),
)


def _phone(rng: random.Random) -> str:
    return "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))


def _who(rng: random.Random, stations: list[Station], channel: Channel, submitted: datetime) -> dict:
    """Who sent it, through which station, and the contact details a few leave."""
    with_contact = rng.random() < 0.4
    offline = channel != Channel.ONLINE
    return {
        "station_code": rng.choice(stations).code, "channel": channel,
        "name": rng.choice("王李张刘陈杨黄吴周徐") + rng.choice(["先生", "女士", "师傅"]) if with_contact else "",
        "phone": _phone(rng) if with_contact else "", "consent": with_contact,
        "collector": "信息员" + rng.choice("甲乙丙丁") if offline else "",
        "collected_on": submitted.date() if offline else None, "submitted_at": submitted,
    }


def load_proposal_call(now: datetime) -> tuple[Consultation | None, list[str]]:
    """The open call for proposals and its proposals; (None, []) when loaded already."""
    if db.session.scalar(select(Consultation).where(Consultation.title == CALL_TITLE)) is not None:
        return None, []
    opens_at, closes_at = now - timedelta(days=9), now + timedelta(days=36)
    call = Consultation(kind=ConsultationKind.PROPOSAL, title=CALL_TITLE, intro=CALL_INTRO, opens_at=opens_at,
                        closes_at=closes_at, contact_name="王晓明", contact_phone="0579-85550000",
                        stations=list(db.session.scalars(select(Station))))
    db.session.add(call)
    db.session.flush()
    rng = random.Random(20270101)  # noqa: S311 - the same demo every time, nothing secret
    stations = list(db.session.scalars(select(Station).order_by(Station.code)))
    for proposal in PROPOSALS:
        submitted = now - timedelta(days=rng.uniform(0, 8.5))
        comments.submit(call, CommentInput(
            title=proposal.title, text=proposal.text, content=proposal.content, identity=proposal.who,
            **_who(rng, stations, proposal.channel, submitted)), now=submitted)
    return call, [f"open call for proposals “{CALL_TITLE}”, {len(PROPOSALS)} proposals"]


def load_evaluation(now: datetime) -> tuple[Consultation | None, list[str]]:
    """The law in force, its evaluation window and the comments on it; (None, []) when loaded already."""
    if db.session.scalar(select(Draft).where(Draft.title == LAW_TITLE)) is not None:
        return None, []
    text = resources.files("legislink").joinpath("data/demo_law_in_force.txt").read_text("utf-8")
    version = drafts.import_text(text, title=LAW_TITLE, version_label=draft_import.EVALUATION_VERSION_LABEL,
                                 issuing_body=LAW_ISSUER, kind=DraftKind.LOCAL_REGULATION,
                                 source_name="demo_law_in_force.txt",
                                 description="演示数据：本规定由 LegisLink 项目自行撰写，用于体验立法后评估。")
    evaluation = Consultation(kind=ConsultationKind.EVALUATION, version=version, opens_at=now - timedelta(days=6),
                              closes_at=now + timedelta(days=24), contact_name="王晓明",
                              contact_phone="0579-85550000", stations=list(db.session.scalars(select(Station))))
    db.session.add(evaluation)
    db.session.flush()
    rng = random.Random(20190701)  # noqa: S311 - the same demo every time, nothing secret
    stations = list(db.session.scalars(select(Station).order_by(Station.code)))
    for said in EVALUATION_COMMENTS:
        submitted = now - timedelta(days=rng.uniform(0, 5.5))
        comments.submit(evaluation, CommentInput(
            text=said.text, suggestion=said.suggestion, article=said.article, identity=said.who,
            **_who(rng, stations, said.channel, submitted)), now=submitted)
    return evaluation, [f"law in force “{LAW_TITLE}” ({version.article_count} articles) under evaluation, "
                        f"{len(EVALUATION_COMMENTS)} comments"]

