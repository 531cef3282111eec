"""`legislink init --demo`: a draft of our own writing, stations, one user per role, an open
consultation and a few hundred comments written for it — each in its own words, as residents
write, plus one form-letter campaign, comments in Traditional characters and in English, and a
few off-topic ones. Loading twice changes nothing."""

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources

from opencc import OpenCC
from sqlalchemy import select

from ..extensions import db
from ..models import Channel, Comment, Consultation, Draft, DraftKind, Identity, Role, Station, User
from . import accounts, analysis, comments, demo_kinds, drafts, referrals, standing
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
    # The contact point's own staff (no station): they act on every station's comments and run the analysis.
    ("office", Role.STAFF, None, "联系点办公室工作人员"),
    ("reviewer", Role.REVIEWER, None, "法工委审核人员"),
]


@dataclass(frozen=True)
class Said:
    """One person's comment on a point, in their own words; used once."""

    who: Identity
    text: str
    suggestion: str = ""
    reason: str = ""
    # Typed into the whole-draft box: the text names its article (or chapter) itself.
    whole_draft: bool = False


@dataclass(frozen=True)
class Point:
    """An opinion several people hold about one article (None: the whole draft)."""

    article: str | None
    topic: str
    comments: tuple[Said, ...]


# Written for this demo. No two comments share a sentence: only the campaign below is a form letter.
POINTS: tuple[Point, ...] = (
    Point("第七条", "price tags and purchase records are too heavy for small stalls", (
        Said(Identity.TRADER, "我在五区卖袜子，一天几百笔都是几块钱的小买卖。"
                              "第七条要求每笔都做进货查验和销售记录，真的做不过来。"
                              "能不能对小摊位简化一下，比如保存好进货单据就算数？", whole_draft=True),
        Said(Identity.TRADER, "我们夫妻俩守一个摊，白天招呼客人，晚上回家还要补台账，常常弄到半夜，货都没时间理。"
                              "小本买卖，记录制度别搞得这么复杂。"),
        Said(Identity.LAWYER, "草案第七条第三项要求如实记录商品“去向”。批发环节的买方多是散客或境外采购商，"
                              "经营者客观上无法逐一登记。建议将去向记录限定于单笔金额较大的批发交易，"
                              "并授权市场监督管理部门制定简易记录办法。",
             suggestion="建立商品进货查验制度；批发交易单笔金额达到规定标准的，如实记录购货方信息。"
                        "具体标准由市市场监督管理部门规定。",
             reason="记录义务应当与经营规模相适应，规定得过严反而无法执行，损害法规权威。", whole_draft=True),
        Said(Identity.ECOMMERCE, "线上店铺的订单系统本来就有完整的出入库数据，再做一份纸质销售记录纯属重复劳动。"
                                 "希望明确电子台账、平台订单导出可以替代手写记录。",
             suggestion="进货查验和销售记录可以采用电子形式。"),
        Said(Identity.DEPUTY, "我在调研中走访了三十多户经营户，大家普遍表示明码标价没问题，难在进货查验。"
                              "不少老年摊主不会用电脑，建议由市场开办者统一提供记录工具，必要时代为录入。",
             reason="减轻小微经营者的合规负担。"),
        Said(Identity.TRADER, "标价签的要求别太死。我这里有三千多个款式的发卡，一件一件挂标签根本不现实，按货架、"
                              "按品类标个价就够了，顾客一看就明白。"),
        Said(Identity.CADRE, "作为市场管理方的工作人员，我们检查时发现饰品摊一个摊位上千个品种，逐件标价确实困难。"
                             "建议在第七条增加“可以采用分类标价、电子屏标价等方式”。",
             suggestion="明码标价可以采用分类标价、电子显示屏标价等方式。", whole_draft=True),
        Said(Identity.ENTERPRISE, "我们是给市场商户供货的小工厂。现在商户为了建进货查验台账，"
                                  "要我们每批货都附检测报告，一份报告就要好几百元。建议条例明确查验的是供货方资质和"
                                  "票据，不要求每批都送检。"),
    )),
    Point("第八条", "keep the 10% cap on rent rises and give it teeth", (
        Said(Identity.TRADER, "涨幅不超过百分之十这句话一定要留着！我二区的摊位五年前一年八万，现在要十四万，"
                              "再这样涨下去真要关门了。"),
        Said(Identity.TRADER, "看了草案第八条第二款，提前三个月告知、一年只调一次、最多涨百分之十，三条都很实在。"
                              "就怕开办者换个名目收钱，把租金拆成“管理费”“推广费”，所以这些费用也应该一起算进涨幅。",
             suggestion="摊位租金、物业服务费用及其他由经营者固定承担的费用，合并计算调整幅度。", whole_draft=True),
        Said(Identity.LAWYER, "本条设定了调整租金的程序和幅度限制，却没有规定违反的后果。实践中开办者单方涨价，"
                              "经营者只能接受或者退租。建议明确违反本条调整租金的，超出部分无效，"
                              "经营者有权按原标准继续交纳。",
             suggestion="市场开办者违反前款规定调整租金的，超出部分不发生效力。",
             reason="没有法律后果的义务性规范难以落实。"),
        Said(Identity.DEPUTY, "在代表联络站接待时，商户谈得最多的就是租金。上限规定回应了大家的关切，建议保留，"
                              "同时在法律责任一章增加对应的罚则，由市场监督管理部门责令退还多收的部分。"),
        Said(Identity.RESIDENT, "我妈在市场卖了二十年毛线，每年续租都提心吊胆。有了这个封顶，老人家总算有个盼头，"
                                "千万别在审议的时候删掉。"),
        Said(Identity.ECOMMERCE, "我们档口主要做线上，实体摊位用来接待客户看样，租金占了成本的三成多。"
                                 "希望上限规定保留。另外“上一年度租金”最好写清楚，是合同约定的数额还是实际交纳的数"
                                 "额。"),
        Said(Identity.TRADER, "十个点封顶，好！开办者总说市场旺了要分享红利，可生意亏了从来都是我们自己扛。"),
        Said(Identity.TEACHER, "我是退休教师，老伴在市场有个小摊。限制涨租是保护弱势一方的好办法，"
                               "不过三个月的提前期还可以再长一些，最好和续签合同的时间对上。"),
        Said(Identity.ENTERPRISE, "我们公司在五区租了四个连排摊位做展厅，去年一次涨了百分之二十五，谈都没得谈。"
                                  "条例把涨幅框住，企业才敢做长期投入，这一条我们坚决拥护。"),
        Said(Identity.CADRE, "街道调解室去年接手的商铺纠纷，一多半跟涨租有关。有了明确的涨幅上限，"
                             "调解时就有了依据。建议保留这一款，条例通过后加强宣传，让每个经营户都知道。"),
        Said(Identity.TRADER, "关于第8条，我补充一点：开办者提前告知要书面的，"
                              "群里发条消息不算数。去年我们楼层就是在群里通知涨租，好多人没看到，"
                              "过了期限才知道。", whole_draft=True),
    )),
    Point("第八条", "a fixed 10% cap is too rigid", (
        Said(Identity.ENTERPRISE, "我们是市场开办企业。百分之十的硬性上限没有考虑市场升级改造的投入，"
                                  "去年加装空调和消防喷淋花了两千多万，按这个上限二十年也收不回来。"
                                  "希望允许在经营者代表同意后适当超过。",
             suggestion="因市场改造升级确需超过前款幅度的，经半数以上经营者同意，可以适当调整。"),
        Said(Identity.LAWYER, "租金属于平等民事主体之间的合同约定，地方性法规直接规定涨幅，与民法典确立的合同自由原"
                              "则如何协调，值得研究。建议把硬性上限改为指导性标准，给个案协商留出空间。"),
        Said(Identity.TRADER, "说句不同的话。上限一刀切以后，开办者既不敢降租，也不愿意再投钱，"
                              "冷门区域反而没人管了。不同楼层、不同区位的摊位，应该区别对待。"),
        Said(Identity.DEPUTY, "百分之十这个数字缺少测算依据。物价和人工成本年年在变，固定比例过几年可能就不合适了。"
                              "建议与居民消费价格指数或者市场平均租金挂钩，由市政府定期公布。",
             suggestion="调整幅度的上限由市人民政府根据居民消费价格指数等因素确定并定期公布。",
             reason="固定比例难以适应经济形势的变化。"),
        Said(Identity.ENTERPRISE, "我们负责市场的物业，物业服务费和租金不是一回事。第八条把两者写在一起，"
                                  "容易理解成物业费也受百分之十的限制，可人工和能耗的上涨远远超过这个比例，"
                                  "建议分开规定。"),
        Said(Identity.STUDENT, "我是法学院学生，做过租金管制的课题。价格上限短期保护了在租商户，"
                               "长期却容易催生私下转租、收取“顶手费”等地下交易，上限被架空。与其管死涨幅，"
                               "不如放宽限制，同时提高租金信息的透明度。"),
        Said(Identity.TRADER, "我进场才两年。老商户的租金是十年前定的，比我们便宜一半，新商户却按新价交。"
                              "一律按上一年度涨百分之十，等于把这种不公平固定下来了，应当允许按片区行情重新评估。"),
    )),
    Point("第九条", "list the tied services that market operators impose", (
        Said(Identity.TRADER, "开办者指定的装修队，报价比外面贵一倍，不用他们家的就不给验收。"
                              "第九条第二项写得好，但要把指定装修、指定物流这些具体情形写出来。", whole_draft=True),
        Said(Identity.ECOMMERCE, "我们园区要求商户必须用开办者合作的快递公司发货，每单比市面上贵两毛。"
                                 "这算不算限定购买指定的服务？建议条文写明物流、广告、收款设备都包括在内。"),
        Said(Identity.LAWYER, "草案第九条第（二）项的表述与消费者权益保护法相近，但缺乏判断标准。建议补充："
                              "开办者基于消防、安全需要统一采购的除外，但应当公开采购价格，接受经营者监督。",
             suggestion="市场开办者因消防、安全需要统一采购的，应当公开采购项目、价格和供应商，"
                        "并听取经营者意见。", whole_draft=True),
        Said(Identity.TRADER, "嘴上说自愿，可不用他们那家的收款设备，三天两头就有人来查。这种软性强迫怎么管？"),
        Said(Identity.DEPUTY, "第九条列了三项禁止行为，建议再加一项：不得强制经营者参加开办者组织的收费推广活动。"
                              "现在各种展会、直播节都向摊位摊派费用，商户意见很大。",
             suggestion="（四）强制经营者参加收费的促销、展会等活动。"),
        Said(Identity.CADRE, "市场监管所接到的举报里，不少是开办者的关联公司包揽摊位装修、广告位和仓储。"
                             "建议明确开办者通过关联企业实施同类行为的，视为开办者本身的行为。",
             suggestion="市场开办者通过其关联企业实施前款行为的，视为市场开办者的行为。",
             reason="防止通过关联企业规避。"),
        Said(Identity.ENTERPRISE, "我们是一家小型物流公司，想为市场商户服务，可开办者跟某家公司签了独家协议，"
                                  "我们的车连大门都进不去。希望条例保障经营者自主选择服务商的权利。"),
    )),
    Point("第十条", "fifteen days' notice of new opening hours is too short", (
        Said(Identity.TRADER, "去年春节前市场突然通知提前半个月收市，我囤的几十箱年货一下子卖不掉了。十五天太短，"
                              "起码得一个月。"),
        Said(Identity.ECOMMERCE, "我们接的是跨境订单，从下单到出柜一般四到六周，营业时间一变，"
                                 "工人排班、仓库交接全得重来。建议第十条第二款的十五日改为三十日"
                                 "。", whole_draft=True),
        Said(Identity.LAWYER, "营业时间的调整直接影响经营者的履约能力，十五日公告期与外贸合同的交付周期明显不匹配。"
                              "建议延长至三十日；遇突发事件需要临时调整的，另作规定。",
             suggestion="延长或者缩短营业时间的，市场开办者应当提前三十日公告；因突发事件临时调整的除外。"),
        Said(Identity.RESIDENT, "我在市场帮人看摊打零工，营业时间一改，接孩子的时间就得重新找人。多给点缓冲时间，"
                                "对我们打工的也好。"),
        Said(Identity.TRADER, "缩短营业时间等于变相减少经营天数，可租金一分不少。建议规定缩短时间超过一定幅度的，"
                              "相应减免租金，而且公告期要更长。"),
        Said(Identity.DEPUTY, "公告期偏短，尤其是节假日前后调整营业时间，经营者来不及通知客户和供货商。"
                              "建议公告期不少于三十日，同时通过短信、市场公众号逐户告知。"),
        Said(Identity.OTHER, "我是送外卖的，商贸城里好多档口中午点餐。市场改了营业时间，我们总是最后一个知道，"
                             "白跑好几趟。公告能不能早点发，也贴到各个大门口？"),
        Said(Identity.TRADER, "营业时间的调整最好避开采购旺季。春秋两季是外商集中下单的时候，"
                              "这个节骨眼改时间影响最大，至少提前一个月打招呼。"),
        Said(Identity.CADRE, "市场周边的公交班次、停车场开放都跟营业时间挂钩。开办者调整时间，应当同时告知交通、"
                             "街道等单位，十五天根本来不及协调。"),
    )),
    Point("第十条", "say how the traders' representatives are chosen", (
        Said(Identity.TRADER, "“听取经营者代表的意见”，代表是谁？我在市场干了十年，从没见过选代表。"
                              "建议写明代表由经营者选出来，任期多长。"),
        Said(Identity.LAWYER, "第十条第二款仅规定“听取意见”，程序保障不足。建议明确经营者代表的产生方式和人数比例，"
                              "并规定开办者对代表意见的书面反馈义务。",
             suggestion="经营者代表由经营者推选产生；市场开办者应当对代表提出的意见作出书面答复。", whole_draft=True),
        Said(Identity.DEPUTY, "听取意见很容易走过场。建议规定半数以上经营者代表反对的，开办者应当暂缓调整，"
                              "并说明理由。"),
        Said(Identity.CADRE, "我们街道指导过一个专业市场成立商户议事会，每个楼层推两名代表，运转得不错。"
                             "建议条例把这种做法吸收进来。"),
        Said(Identity.ECOMMERCE, "代表里最好有年轻人、有做电商的。现在开会去的都是老商户，他们在意白天的客流，"
                                 "我们更在意晚上能不能发货。"),
        Said(Identity.TRADER, "以前也开过所谓的座谈会，请去的都是跟开办者关系好的那几户，普通摊主根本不知道。"
                              "代表名单得公开，谁代表了我们，我们要知道。"),
    )),
    Point("第十三条", "live-streaming platforms must share the responsibility", (
        Said(Identity.ECOMMERCE, "我自己做直播，同行里刷单、买好评的很多，老老实实卖货的反而吃亏。光罚主播不够，"
                                 "平台手里有全部流量数据，心里最清楚，应当承担审核责任。"),
        Said(Identity.LAWYER, "第十三条只规定了经营者和直播营销人员的义务，没有涉及直播营销平台。"
                              "电子商务法和网络直播营销管理办法对平台已有要求，条例可以作衔接性规定，"
                              "明确平台发现违法线索后的处置和报告义务。",
             suggestion="直播营销平台应当加强对本市市场经营者直播营销活动的管理，发现违法行为的，"
                        "及时处置并向有关部门报告。"),
        Said(Identity.RESIDENT, "我在直播间买过号称纯羊毛的围巾，收到货一烧就是化纤。找主播，主播说是厂家的问题；"
                                "找平台，平台让我找商家，来回踢皮球。希望条例规定平台先行赔付。"),
        Said(Identity.DEPUTY, "直播虚假宣传最大的难点是取证。建议规定直播营销平台保存直播回放不少于三年，"
                              "供消费者和监管部门调取。",
             reason="虚假宣传往往事后才发现，没有回放无从查证。"),
        Said(Identity.TEACHER, "我这个年纪的人爱在手机上看直播买东西，被骗了都不知道找谁。能不能要求直播间在显眼位"
                               "置写清楚卖家是谁、在哪儿、出了问题怎么维权？"),
        Said(Identity.ECOMMERCE, "我们是一家直播机构，签了二十几个主播。编造用户评价的多半是第三"
                                 "方刷单团伙，建议第十三条把组织、帮助虚构交易的行为也纳入，"
                                 "平台有义务配合追查。", whole_draft=True),
        Said(Identity.CADRE, "市场监管所在线上巡查时发现，有些直播间打着商贸城某某档口的名义，"
                             "货源其实根本不在本市。建议平台核验直播商户的摊位信息，防止冒用商贸城的名头。"),
        Said(Identity.TRADER, "我们家的爆款被别人的直播间打着“同款”的旗号卖仿品，投诉到平台半个月没动静。"
                              "平台不作为，小商户根本没法维权。"),
        Said(Identity.STUDENT, "草案第三章对直播的规定只有一条，分量明显不够。"
                               "现在商贸城一半以上的成交在线上，建议单列几条，把平台、主播、"
                               "商户三方的责任分别写清楚。", whole_draft=True),
    )),
    Point("第十三条", "the product-knowledge duty for streamers is vague", (
        Said(Identity.TRADER, "“具备相应的商品知识”怎么认定？我卖了二十年五金，自己上镜讲货，难道还要去考个证？"
                              "这个门槛不要设。"),
        Said(Identity.ECOMMERCE, "第十三条第二款要求主播对推荐的商品信息负责，这个能理解。"
                                 "但商品知识没有统一标准，将来要是搞收费培训、持证上岗，"
                                 "小商户的直播就做不起来了。", whole_draft=True),
        Said(Identity.LAWYER, "“具备相应的商品知识”属于不确定法律概念，作为法定义务难以执行，执法时也无从判断。"
                              "建议改为倡导性表述，由行业协会组织免费培训。",
             suggestion="鼓励行业协会为直播营销人员提供商品知识培训。"),
        Said(Identity.STUDENT, "我是大学生，暑假帮舅舅的档口做直播。材质、工艺我确实不如舅舅懂，"
                               "但每次开播前都会问清楚再讲。要求主播懂商品没有错，只是别让我们出示什么资格证明。"),
        Said(Identity.DEPUTY, "建议第二款区分职业主播和经营者本人直播：对职业主播可以提出更高要求，店主自己播的，"
                              "以如实介绍为限。"),
        Said(Identity.TEACHER, "懂商品固然应该，更要紧的是说真话。与其考核主播懂多少，不如规定讲错了要及时更正，"
                               "说了假话要担责任。"),
    )),
    Point("第十四条", "telecom operators must warn before suspending a business line", (
        Said(Identity.TRADER, "去年双十一前我的经营号码突然被停，客户电话打不进来，丢了好几单。"
                              "营业厅说是系统判定异常，问哪里异常又说不出来。停机之前必须先通知！"),
        Said(Identity.ECOMMERCE, "关于第14条：我们客服团队用六张卡轮流给客户回访，"
                                 "经常被当成骚扰电话封号。建议规定运营商暂停服务前先发短信提醒，"
                                 "并给出复核渠道。", whole_draft=True),
        Said(Identity.LAWYER, "草案第十四条第二款授权电信业务经营者“可以依法暂停服务”，但对暂停的条件和程序未作规定。"
                              "按照比例原则，建议增加事先告知、说明理由和限时恢复的程序要求。",
             suggestion="电信业务经营者暂停服务前，应当告知经营者暂停的理由；经营者提出申诉的，"
                        "应当在二十四小时内作出处理。",
             reason="暂停服务涉及经营者的重大利益，应当有程序保障。", whole_draft=True),
        Said(Identity.TRADER, "电话就是我们的饭碗。卡一停，外地客户还以为我们跑路了。停之前能不能先给个短信？"),
        Said(Identity.CADRE, "社区开展反诈宣传时，不少商户跟我们抱怨号码被误封。反诈要做，但误封以后的恢复渠道要畅"
                             "通，建议规定自申诉之日起一个工作日内答复。"),
        Said(Identity.DEPUTY, "十四条第二款把“告知申诉途径”放在暂停服务之后，顺序反了，"
                              "应当先告知、后暂停。确属紧急情况先暂停的，也要同步告知并尽快复核。", whole_draft=True),
        Said(Identity.ECOMMERCE, "我的店铺绑定的号码被停了三天，平台登录收不到验证码，店铺差点被判违规。"
                                 "恢复以后运营商连句道歉都没有，损失谁来赔？建议写明错误暂停造成损失的赔偿责任。"),
        Said(Identity.RESIDENT, "我是在家做代发的宝妈，一个号码用了八年，去年因为一天打了四十多个电话被关停，"
                                "解释了半天才恢复。系统判异常可以，但一定要有人工复核。"),
        Said(Identity.TRADER, "营业厅非要我们本人到现场办解停，可摊位上一天都走不开。希望允许线上申诉、"
                              "视频核验身份。"),
        Said(Identity.ENTERPRISE, "外贸企业的号码是对外的名片，印在样册和名片上，发出去几万份。一旦停机，"
                                  "重新通知客户的成本很高。建议对登记为经营用途的号码设置更审慎的暂停程序。"),
    )),
    Point("第十四条", "lending a phone card should not cover family and staff", (
        Said(Identity.ENTERPRISE, "我们外贸公司业务员多，公司统一办了二十多张卡，登记在公司名下，使用的是员工。"
                                  "这算不算“出借”？建议明确单位为员工办理的工作用卡不属于出租、出借。",
             suggestion="单位为其工作人员办理并用于本单位经营活动的电话卡，不属于前款规定的出借。"),
        Said(Identity.TRADER, "我老婆用的号码登记在我名下，平时她拿来接客户电话，这也算出借吗？"
                              "一家人合用一张卡太常见了，条文要留点余地。"),
        Said(Identity.LAWYER, "第十四条第一款禁止出租、出借、转让，第二十九条又据此设定处罚，"
                              "却没有区分近亲属之间、单位与员工之间的正常使用。建议增加但书，"
                              "避免打击面过大。", whole_draft=True),
        Said(Identity.ECOMMERCE, "我们盘下别人的店铺时，老客户只认原来的号码。如果号码不能随店铺转让，"
                                 "等于把客户也丢了。能否允许号码随店铺一并依法过户？"),
        Said(Identity.CADRE, "从反诈角度看，出租出借电话卡是电信诈骗的重要源头，这一款不能放松。但宣传时要讲清楚，"
                             "家人、同事正常使用不受影响，免得商户恐慌。"),
        Said(Identity.DEPUTY, "建议对“出借”作出界定：以获取报酬为目的，或者明知他人用于违法活动而提供电话卡的，"
                              "才属于出借。这样既能打击“卡农”，又不误伤正常经营。",
             suggestion="本条所称出借，是指以获取报酬为目的或者明知他人用于违法犯罪活动，将电话卡提供给他人使用。"),
    )),
    Point("第十四条", "real-name registration is hard for foreign merchants", (
        Said(Identity.TRADER, "我合作的也门客户常驻这边，办电话卡要护照、签证、住宿登记一大堆材料，来回跑了三趟。"
                              "实名登记没问题，但能不能给外籍商人开个便捷通道？"),
        Said(Identity.CADRE, "涉外服务站每天都有外商来问办卡的事。运营商要的临时住宿登记，住在朋友家的外商很难开出"
                             "来。建议统一办卡材料清单，并在服务站设代办点。"),
        Said(Identity.FOREIGN_MERCHANT, "I have lived here for six years and I still have to register my phone "
                                        "card again every time my visa changes. Please let foreign merchants "
                                        "update the registration online with the new visa instead of queueing at "
                                        "the shop again."),
        Said(Identity.FOREIGN_MERCHANT, "Article 14 works for Chinese citizens, but my business "
                                        "line was cut while my residence permit was being "
                                        "renewed. Foreigners should get a grace period while the "
                                        "permit is being processed.", whole_draft=True),
        Said(Identity.DEPUTY, "实名登记对外籍人员同样适用，这是对的。问题是护照姓名的拼写在不同系统里经常对不上，"
                              "核验一再失败。建议明确以护照机读区信息为准，避免反复核验。"),
        Said(Identity.LAWYER, "外籍商人在居留许可换证期间号码被暂停的情况不少。建议本条增加一款："
                              "外籍经营者证件更新期间，凭受理回执可以继续使用电话卡。",
             suggestion="外籍经营者居留证件更新期间，凭受理回执继续使用电话卡。"),
    )),
    Point("第十六条", "platforms must explain freezes and answer appeals in time", (
        Said(Identity.ECOMMERCE, "店铺被判“疑似售假”，八万多元货款冻结了九十天，申诉五次都是机器人回复。"
                                 "建议规定平台必须人工审核，七个工作日内给答复。"),
        Said(Identity.TRADER, "我家做小商品出口，在跨境平台上一次被下架了两百多个链接，理由就一句“违反政策”。"
                              "条例能不能要求平台说清楚到底违反了哪一条？"),
        Said(Identity.LAWYER, "第十六条“不得无正当理由”采取限制措施，但正当理由由谁证明并不明确。"
                              "建议规定平台采取下架、冻结等措施时应当书面说明理由和依据，经营者申诉后由平台承担证明责"
                              "任。",
             suggestion="网络平台经营者采取前款措施的，应当同时向经营者说明理由和依据。", whole_draft=True),
        Said(Identity.DEPUTY, "平台规则一年改好几次，商户根本跟不上。建议市场公共服务网站汇总主要平台的申诉渠道和处"
                              "理时限，帮助商户维权。"),
        Said(Identity.ECOMMERCE, "资金冻结对我们这种小店是要命的：账上的钱取不出来，供应商的货款却得按时付。"
                                 "冻结最长不能超过三十天，到期就应该解冻。"),
        Said(Identity.CADRE, "本地电商协会统计，去年会员因平台冻结资金求助的有一百多起，多数最后查明是误判。"
                             "建议建立平台与商户纠纷的调解渠道，由商务部门牵头。"),
        Said(Identity.RESIDENT, "第十六条只管得到“网络平台经营者”，可很多境外平台在国内没有主体，"
                                "条例管不着。希望政府出面，跟境外平台建立沟通机制。", whole_draft=True),
        Said(Identity.TRADER, "平台一封店，我们连老客户的联系方式都拿不到，十几年攒下的客户全断了。"
                              "建议规定冻结期间允许商户导出自己的订单记录。"),
        Said(Identity.ENTERPRISE, "我们公司的店铺被竞争对手恶意投诉，平台不核实就下架，等查清楚已经错过了销售旺季。"
                                  "平台对恶意投诉也应当有甄别义务，误下架的要及时恢复。"),
    )),
    Point("第十七条", "more foreign service stations, open at weekends, more languages", (
        Said(Identity.CADRE, "我在涉外服务站值班，周六周日来咨询的外商比平时还多，可我们按机关作息双休。"
                             "建议条例写明服务站节假日照常开放，人手相应增加。"),
        Said(Identity.FOREIGN_MERCHANT, "As a buyer from Egypt I come to the market every season. Please open the "
                                        "foreign service station on weekends too, and offer Arabic, not only "
                                        "English."),
        Said(Identity.TRADER, "商贸城从一区走到五区要半个小时，外商找服务站还得打车。建议每个区都设一个服务点，"
                              "哪怕只有一张桌子、一个会外语的人。"),
        Said(Identity.LAWYER, "“法律援助转介”的范围偏窄。外商遇到的多是合同纠纷、货款拖欠，往往不符合法律援助的条件。"
                              "建议改为“法律咨询和法律服务转介”。",
             suggestion="提供外语咨询、签证指引、法律咨询和法律服务转介等服务。"),
        Said(Identity.ENTERPRISE, "我们公司每年接待中东、非洲的采购团，外商最头疼的是签证延期和住宿登记。"
                                  "服务站如果能跟出入境部门联网，当场受理，会方便很多。"),
        Said(Identity.DEPUTY, "草案第十七条的涉外服务站，建议明确由哪个部门牵头建设、"
                              "经费从哪里来，否则容易挂个牌子了事。", whole_draft=True),
        Said(Identity.STUDENT, "我是外语学院的学生，很愿意去服务站做志愿者。建议条例鼓励高校组织小语种志愿服务，"
                               "既能缓解人手不足，也能锻炼学生。"),
    )),
    Point("第十八条", "publish guides in more languages and make equal treatment real", (
        Said(Identity.FOREIGN_MERCHANT, "Equal rights for foreign merchants is good, but registering a business as "
                                        "a foreigner still takes weeks. Please publish the guides in Russian and "
                                        "Arabic as well."),
        Said(Identity.CADRE, "第十八条第二款只说“常用外文”，没说是哪几种，执行中各部门很可能只出英文版。"
                             "建议按本市外商的来源国确定语种，至少包括英语、阿拉伯语、俄语和西班牙语。",
             suggestion="办事指南的外文语种，由市外事部门根据外籍商人的主要来源国确定并公布。", whole_draft=True),
        Said(Identity.TRADER, "隔壁摊位是个叙利亚小伙，规矩守得比谁都好，可办个体户执照跑了四个窗口。"
                              "同等权利要落到实处，窗口得有懂外语的人。"),
        Said(Identity.LAWYER, "“享有同等的权利”的表述过于原则。外籍人员申请个体工商户登记在国家层面另有规定，"
                              "条例可以在权限范围内明确登记指引、材料翻译认可等便利措施。"),
        Said(Identity.DEPUTY, "办事指南不光要翻译，还要及时更新。我看过某部门的英文指南，政策已经改了两年，"
                              "译文还是老版本。建议规定中外文版本同步更新。"),
        Said(Identity.FOREIGN_MERCHANT, "I am a trader from Kazakhstan. Many of us read Russian much better than "
                                        "English. A guide in Russian for tax and customs procedures would save us "
                                        "many mistakes and fines."),
        Said(Identity.RESIDENT, "我是一名自由译者，帮外商翻译过不少政府材料。机器翻出来的办事指南经常词不达意，"
                                "建议由专业机构审校，并公布一个纠错邮箱。"),
    )),
    Point("第十九条", "bilingual signs: quality, languages and where to put them", (
        Said(Identity.TEACHER, "我是中学英语老师，周末带学生到商贸城找英文标识的错误，一次就找到二十多处，"
                               "比如把“出口”译成了Export。建议条例要求外文标识由专业人员审定。"),
        Said(Identity.FOREIGN_MERCHANT, "Signs at the gates are in Chinese and English only. Most buyers in "
                                        "district 5 speak Arabic or French. Even simple pictograms for toilets, "
                                        "exits and the service centre would help."),
        Said(Identity.ENTERPRISE, "第十九条要求配备能使用常用外语的服务人员，我们赞成，"
                                  "但小语种人才难招、成本高。建议允许通过远程翻译、"
                                  "翻译机等方式灵活满足要求。", whole_draft=True),
        Said(Identity.TRADER, "标识光在主要出入口有不够，外商进了市场照样迷路。楼层分区、卫生间、"
                              "电梯口都应该有外文指引。"),
        Said(Identity.DEPUTY, "建议参照国家公共服务领域外文译写规范，统一市场内的中外文标识，避免各区各搞一套。"),
        Said(Identity.OTHER, "我天天在商贸城送货，经常有外国人拿着手机问路，我也只能比划。门口那几块外文牌子太小，"
                             "还被广告挡住，建议做大一点、挂高一点。"),
    )),
    Point("第二十条之一", "foreign-language mediation needs interpreters and a rule on versions", (
        Said(Identity.FOREIGN_MERCHANT, "Mediation in English would help a lot. Please also allow an interpreter "
                                        "chosen by the merchant, at the mediation centre's cost."),
        Said(Identity.LAWYER, "第二十条之一规定调解协议“同时制作中文文本”，但没有规定两种文本不一致时以哪个为准。"
                              "建议明确以中文文本为准，当事人另有约定的除外。",
             suggestion="调解协议的中文文本与外文文本不一致的，以中文文本为准，"
                        "当事人另有约定的除外。", whole_draft=True),
        Said(Identity.CADRE, "我是商会的调解员，去年调了十几起涉外货款纠纷，全靠手机翻译软件沟通，效率很低。"
                             "允许用外语调解很好，关键是要有懂外语的调解员，建议建立外语调解员名册。"),
        Said(Identity.DEPUTY, "第20条之一是新增条文，方向是对的。建议补充一句："
                              "调解协议经司法确认后具有强制执行力，让外商对调解更有信心。", whole_draft=True),
        Said(Identity.FOREIGN_MERCHANT, "I lost thirty thousand dollars when a supplier shipped the wrong goods. "
                                        "Nobody explained mediation to me in a language I understand, so I went to "
                                        "court and it took a year. Written guidance in English and French before "
                                        "mediation starts would help."),
        Said(Identity.TRADER, "外商跟我们起纠纷，常说看不懂中文协议，签了也反悔。两种文字一起做，大家都认账，"
                              "我们也放心。"),
        Said(Identity.STUDENT, "调解使用的语言应当由双方当事人协商确定，不必限于某一种外语；协商不成的，"
                               "由调解组织指定翻译，费用由谁承担也要写明。"),
        Said(Identity.TRADER, "本人為台灣商人，在商貿城經營文具十餘年。涉外商事糾紛調解可以使用外語固然很好，"
                              "建議也明確台港澳經營者的糾紛可以參照適用，調解文書可用繁體中文製作。"),
    )),
    Point("第二十一条", "make small-lot export declarations, tax refunds and settlement easier", (
        Said(Identity.FOREIGN_MERCHANT, "Article 21 matters most to us buyers. Consolidating one "
                                        "container from twenty shops still needs far too many "
                                        "papers. Please let one forwarder declare the whole "
                                        "container under market procurement trade.", whole_draft=True),
        Said(Identity.TRADER, "出口退税到账要两三个月，我们小本经营压不起这个钱。建议条例写明退税办理的时限。"),
        Said(Identity.ENTERPRISE, "市场采购贸易方式试点好多年了，可组货人备案、交易登记的系统经常卡顿，"
                                  "一个柜子要录几百条商品信息。建议优化系统，允许按品类汇总申报。"),
        Said(Identity.ECOMMERCE, "跨境电商的小包裹出口和传统市场采购不是一回事。"
                                 "第二十一条只说“小额商品出口”，建议把跨境电商零售出口也写进来，"
                                 "享受同样的便利。", whole_draft=True),
        Said(Identity.CADRE, "结汇难是外贸商户反映最多的问题之一，尤其是收到非洲、中东客户的小额货款时，"
                             "银行要的材料特别多。建议条例要求金融机构提供便利，不能只写海关、税务。"),
        Said(Identity.LAWYER, "本条的义务主体是海关、税务等部门，但海关实行垂直管理，地方性法规直接为其设定义务需要斟"
                              "酌。建议改为市人民政府应当协调海关等部门。",
             suggestion="市人民政府应当协调海关、税务等部门，简化小额商品出口的申报手续。",
             reason="注意地方立法权限。"),
    )),
    Point("第二十二条", "credit records need correction and repair", (
        Said(Identity.TRADER, "三年前我因为标价不规范被罚过两百块，到现在网上还能查到，客户看到以为我们卖假货。"
                              "处罚信息公示期满应当撤下来，改正了的可以申请信用修复。"),
        Said(Identity.LAWYER, "第二十二条只规定了信用信息的公示，没有规定异议和修复程序。建议增加："
                              "经营者认为信用信息有误的，可以提出异议，市场监督管理部门应当在规定期限内核查更正。",
             suggestion="经营者认为信用信息存在错误的，可以提出异议；市场监督管理部门应当自收到异"
                        "议之日起十个工作日内核查处理。", whole_draft=True),
        Said(Identity.DEPUTY, "信用档案不应该只记负面信息。建议把诚信经营受到的表彰、消费者的好评也记进去，"
                              "并与减少检查频次挂钩，形成正向激励。"),
        Said(Identity.ECOMMERCE, "平台的店铺评分、市场的信用档案、税务的纳税信用，各管一套，"
                                 "商户要同时维护好几个信用。建议推动这些信用信息互认共享。"),
        Said(Identity.CADRE, "建立信用档案要考虑数据从哪里来。基层现在靠人工录入，出错不少，建议明确开办者、"
                             "行业协会报送信息的责任。"),
        Said(Identity.FOREIGN_MERCHANT, "Can foreign buyers see these credit records? Before I pay a deposit to a "
                                        "new supplier I want to know if the shop was ever fined for fake goods. "
                                        "Please put the records online in English too."),
    )),
    Point("第二十三条", "fewer, joint inspections", (
        Said(Identity.TRADER, "上个月市场监管、消防、税务、环保轮着来，光配合检查就关了四个半天的门。"
                              "合并检查这一条太需要了。"),
        Said(Identity.TRADER, "查来查去都是那几样东西，能不能一次查完？每回来人，我们都得撂下客人去翻材料。"),
        Said(Identity.LAWYER, "第二十三条第一款“统一安排，合并进行”缺少牵头部门和具体机制。建议明确由市人民政府建立跨"
                              "部门联合检查制度，年度检查计划事先公布。",
             suggestion="市人民政府应当建立联合检查制度，有关部门的年度检查计划于每年一月底前向社会公布。"),
        Said(Identity.DEPUTY, "第二十三条第二款“可以减少检查频次”建议改为“应当减少”，并明确信用良好的标准，"
                              "让守法商户真正得到实惠。",
             suggestion="对守法经营、信用良好的经营者，应当减少检查频次。", whole_draft=True),
        Said(Identity.CADRE, "基层执法的难处是各部门系统不互通，合并检查得有信息共享平台支撑。"
                             "建议规定检查结果互认，一个部门查过的事项，其他部门不再重复查。"),
        Said(Identity.ENTERPRISE, "我们企业在市场里有十二个门店，同一个事项被同一个部门分门店查了好几遍。"
                                  "建议以经营主体为单位统筹检查，而不是以摊位为单位。"),
        Said(Identity.ECOMMERCE, "线下检查还算好的，线上还有各种平台巡查、部门抽检，要的材料五花八门。"
                                 "建议把网络经营的检查也纳入统一安排。"),
        Said(Identity.RESIDENT, "我在市场做志愿者，看到检查人员一来，不少小摊主紧张得不得了，生怕被罚。"
                                "检查是必要的，关键是少折腾、讲清楚，查完给个书面结论。"),
        Said(Identity.TRADER, "对第23条有个建议：检查人员进场要先亮证件、说明查什么，"
                              "别一进门就拍照。这样我们心里有底。", whole_draft=True),
        Said(Identity.DEPUTY, "我是市人大代表，去年视察时统计过，一家中等规模的档口全年接待各类检查十九次。"
                              "建议条例规定同一部门对同一经营者的常规检查每年不超过两次。"),
    )),
    Point("第二十四条", "complaint handling: realistic deadlines and a desk that is staffed", (
        Said(Identity.LAWYER, "消费纠纷涉及质量鉴定的，七个工作日往往不够，送检本身就要十天以上。建议区分情形："
                              "简单纠纷七日内处理完毕，需要检验鉴定的可以延长，并告知当事人。",
             suggestion="需要检验、鉴定的，检验、鉴定期间不计入前款规定的期限。"),
        Said(Identity.RESIDENT, "上次在市场买的电饭锅用了一个星期就坏了，去投诉点一看，门锁着，电话也没人接。"
                                "投诉点得有固定的人、固定的时间。"),
        Said(Identity.TRADER, "消费者投诉有人居中处理，我们也欢迎。但有的顾客买回去半年才来说是假货，"
                              "开办者为了息事宁人就让我们全额退款。处理的时候也要听听商户的说法。"),
        Said(Identity.DEPUTY, "建议第二十四条规定投诉受理点在营业时间内全程有人值守，处理结果书面告知投诉人，"
                              "处理情况定期向社会公开。"),
        Said(Identity.FOREIGN_MERCHANT, "When a shop sends me goods that do not match the sample, the complaint "
                                        "desk says it only handles retail customers. Please make clear that "
                                        "complaints from foreign wholesale buyers are handled too."),
        Said(Identity.CADRE, "消保委以前在市场设过联络点，经验是把处理流程贴在墙上，让消费者和商户都知道几天内出结"
                             "果、不服去哪里。建议条例要求公示处理流程。"),
        Said(Identity.ECOMMERCE, "很多消费纠纷是在线上成交的，投诉受理点只设在市场里，外地买家没法到场。"
                                 "建议开通线上投诉入口，处理时限同样适用。"),
    )),
    Point("第二十五条", "keep escape routes clear: ban stalls spilling into aisles", (
        Said(Identity.RESIDENT, "我是三区的常客，通道两边的货摆得只剩一人宽，推着购物车都过不去。真着了火往哪儿跑？"
                                "外摆占道必须严管。"),
        Said(Identity.CADRE, "我在消防救援站工作，检查中发现最多的隐患就是摊位外摆占用疏散通道。"
                             "第二十五条只规定开办者“保持畅通”，建议增加开办者发现占道应当制止并报告的义务。",
             suggestion="市场开办者发现经营者占用疏散通道、安全出口的，应当予以制止；拒不改正的，"
                        "及时报告消防救援机构。", whole_draft=True),
        Said(Identity.TRADER, "我自己不往外摆，可旁边几家摆到了我门口，客人都进不来我的店。开办者只收管理费不管事，"
                              "条例要把它的责任写清楚。"),
        Said(Identity.TEACHER, "前几年外地有个市场着过大火，看了新闻心有余悸。宁可少摆点货，也要把通道让出来。"
                               "定期演练的时候，最好通知周边居民一起参加。"),
        Said(Identity.DEPUTY, "建议增加一款：疏散通道应当施划标线，标线以内禁止堆放物品，并纳入开办者的日常巡查。"),
        Said(Identity.LAWYER, "本条的义务主体只有开办者，对经营者本人占用通道缺少直接约束。建议在经营者义务中增加“"
                              "不得占用疏散通道、安全出口”，并在法律责任一章作相应规定。"),
        Said(Identity.OTHER, "送货的电动车、推车也经常堵在通道口，不能光说摊主。建议市场划出专门的装卸区，"
                             "通道里一律不许停车。"),
    )),
    Point("第二十五条", "allow orderly outdoor display where the aisle is wide enough", (
        Said(Identity.TRADER, "我们这一排卖小商品，摊位就两三个平方，货放不下只能往外摆一点。一律不许外摆，"
                              "等于让我们少卖一半的货。建议在不影响通行的前提下划定外摆区。"),
        Said(Identity.ENTERPRISE, "我们管理的市场主通道宽六米，消防规范要求的是四米。建议条例允许开办者在满足疏散宽"
                                  "度的前提下，设置统一规格的临时展示位。"),
        Said(Identity.DEPUTY, "消防安全当然放在第一位，但管理可以更精细。建议区分主通道和次通道，主通道保持畅通，"
                              "次通道在非高峰时段允许有序外摆。"),
        Said(Identity.TRADER, "每年春节前是旺季，货堆成山，摊位里根本塞不下。能不能旺季允许在指定区域临时摆放，"
                              "过了季再收回来？"),
        Said(Identity.CADRE, "我们街道在夜市试过限时外摆，晚上七点到十点允许摆到黄线以内，效果不错，纠纷也少了。"
                             "商贸城可以借鉴，条例里留个口子。"),
        Said(Identity.RESIDENT, "我就喜欢逛门口摆着货的摊子，一眼就能看到，比进店里翻方便多了。只要留够走路的地方，"
                                "别全禁掉。"),
    )),
    Point("第二十七条", "the fine for missing price tags is too light", (
        Said(Identity.RESIDENT, "五千块对大商户也就是一天的流水，罚了照样不标价。建议按违法所得的倍数罚，"
                                "屡教不改的公开曝光。"),
        Said(Identity.LAWYER, "第二十七条对不明码标价设定了五千元以下的罚款，与价格法及其配套规章的处罚幅度不一致，"
                              "存在与上位法冲突的风险。建议直接援引上位法的罚则。",
             suggestion="违反本条例第七条第一项规定，不明码标价的，依照有关价格法律、"
                        "行政法规的规定处罚。", whole_draft=True),
        Said(Identity.DEPUTY, "罚款额度太轻，起不到震慑作用。建议对一年内被处罚两次以上的提高罚款，并记入信用档案。"),
        Said(Identity.TRADER, "我们守规矩标价的，反倒被不标价、乱喊价的抢了生意。罚得这么轻，等于鼓励别人不守规矩。"),
        Said(Identity.FOREIGN_MERCHANT, "Some shops quote me double because I am a foreigner and there is no tag "
                                        "to check. A 5,000 yuan fine means nothing to them. The penalty should be "
                                        "much higher when foreign buyers are overcharged."),
        Said(Identity.CADRE, "执法中发现，有的商户被罚后照旧，因为五千元以下的罚款比标价后少赚的钱少得多。"
                             "建议增加没收违法所得的规定。"),
    )),
    Point("第二十七条", "first minor offences should get a warning, not a fine", (
        Said(Identity.TRADER, "有时候是新到的货还没来得及贴价签，一被查到就罚，太冤了。建议第一次先警告，限期改正，"
                              "改了就不罚。"),
        Said(Identity.LAWYER, "行政处罚法已规定初次违法且危害后果轻微并及时改正的，可以不予行政处罚。"
                              "建议本条与之衔接，明确首违不罚的适用情形。",
             suggestion="初次违法且危害后果轻微并及时改正的，可以不予处罚。"),
        Said(Identity.CADRE, "包容审慎监管是大方向，基层执法需要明确的裁量依据。建议条例或者配套办法列出首次轻微违"
                             "法的免罚清单。"),
        Said(Identity.ECOMMERCE, "线上店铺的标价是平台系统显示的，偶尔会出现同步延迟。这种技术原因造成的标价不一致"
                                 "，希望不要按不明码标价处罚。"),
        Said(Identity.RESIDENT, "我快七十了，还在市场卖针线，眼神不好，价签掉了都不知道。罚五千我半年都挣不回来，"
                                "能不能先提醒一下？"),
        Said(Identity.DEPUTY, "罚则应当区分情节：对小摊位、初次违法的以教育为主，对故意不标价、价格欺诈的依法从重，"
                              "做到过罚相当。"),
    )),
    Point("第三十一条", "the definition of market operator is too narrow", (
        Said(Identity.LAWYER, "第三十一条把市场开办者限定为“企业”，但本市不少专业市场是村集体经济组织或者事业单位开办"
                              "的，按这个定义就不受条例约束了。建议改为法人或者非法人组织。",
             suggestion="本条例所称市场开办者，是指依法设立，为经营者提供场地、设施和服务，并负责市场日常管理的法人"
                        "或者非法人组织。",
             reason="定义过窄，会使部分市场游离于条例调整范围之外。", whole_draft=True),
        Said(Identity.CADRE, "我们村的小商品市场是村股份经济合作社办的，不是企业。条例出台以后我们到底算不算开办者"
                             "？希望定义写宽一点，把我们也纳进来，免得管理没有依据。"),
        Said(Identity.DEPUTY, "草案第七章附则对市场开办者的定义过窄，没有涵盖以转租方式实际管理摊"
                              "位的“二房东”。不少楼层被整层承包后再分租出去，涨租、"
                              "乱收费恰恰出在这一环。", whole_draft=True),
        Said(Identity.TRADER, "我们的摊位是从承包商手里租的，合同上盖的也是承包商的章。"
                              "按第三十一条，承包商算不算开办者？不算的话，"
                              "租金和收费那几条对他就没用了。", whole_draft=True),
        Said(Identity.ECOMMERCE, "现在有网上的“云市场”，平台给商户开虚拟摊位、收服务费，这也算开办者吗？"
                                 "建议定义里考虑线上市场。"),
        Said(Identity.STUDENT, "“负责市场日常管理的企业”这个要件，会把只出租场地、委托物业公司管理的业主排除在外。"
                               "建议以实际提供场地并收取费用作为认定标准。"),
        Said(Identity.ENTERPRISE, "我们是受开办者委托管理市场的物业公司，按现在的定义，我们好像也符合“负责日常管理”"
                                  "的条件。到底谁是开办者、谁担责任，要写清楚，别让委托方和受托方互相推诿。"),
    )),
    Point(None, "the draft should support small and micro traders", (
        Said(Identity.TRADER, "通篇看下来，对开办者和经营者的义务写了不少，对小微经营者的扶持写得少。"
                              "建议专门加一章，把租金补贴、创业贷款贴息、困难商户帮扶写进去。"),
        Said(Identity.DEPUTY, "条例名叫“市场服务条例”，可服务的内容偏少、管理的内容偏多。建议增加支持小微经营者转型"
                              "的条款，比如政府提供公共直播间和电商培训。"),
        Said(Identity.TEACHER, "市场里很多摊主上了年纪，不会网上开店，也不会直播。发展网络经营是好事，"
                               "也要想着这些人，建议政府组织上门帮扶，别让他们被落下。"),
        Said(Identity.ECOMMERCE, "小微商户最缺的是便宜的仓储和物流，光靠鼓励开办者提供没用。建议政府建设公共仓储，"
                                 "按成本价向小微商户开放。"),
        Said(Identity.CADRE, "建议增加租金减免机制：遇到疫情、火灾等不可抗力，市场停业期间的租金应当减免，"
                             "由政府给开办者适当补贴。"),
        Said(Identity.RESIDENT, "我今年刚毕业，在商贸城租了个小摊创业，最难的是启动资金和进货渠道。"
                                "希望条例里有支持年轻人创业的内容，比如第一年租金减半。"),
        Said(Identity.LAWYER, "建议在总则中增加一条：市、镇人民政府应当制定扶持小微经营者的具体措施，"
                              "并定期评估实施效果。这样扶持政策才有法定依据。"),
    )),
    Point(None, "make the draft binding and say which department acts", (
        Said(Identity.LAWYER, "粗略数了一下，草案里“鼓励”“可以”出现了十多处，而有对应法律责任的义务只有四条。"
                              "建议对实质性义务配套罚则，倡导性条款能删则删，避免立法宣言化。"),
        Said(Identity.DEPUTY, "地方立法要小切口、真管用。这部草案有些条文照搬上位法，建议删去重复的内容，"
                              "集中笔墨写本地的特色问题。"),
        Said(Identity.TRADER, "条例里好多“有关部门”，到底哪个部门管？我们遇到事情还是不知道找谁。"
                              "建议每一条都写明具体负责的部门。"),
        Said(Identity.CADRE, "“有关部门”在草案中反复出现，基层执行时容易互相推诿。建议在总则里把各部门的职责分工写"
                             "清楚，后面的条文对应到具体部门。"),
        Said(Identity.TEACHER, "我读了几遍，感觉条文写得比较原则，老百姓看了不知道具体怎么办。"
                               "建议通过以后尽快出台实施细则，把期限、标准都写明白。"),
        Said(Identity.RESIDENT, "法规的生命在于执行。建议条例建立实施情况评估和报告制度，每年向人大常委会报告一次执"
                                "行情况。"),
    )),
    Point(None, "give traders a voice in running the market", (
        Said(Identity.TRADER, "我们经营户是市场的主体，可在条例里大多只是被管理的对象。建议设立经营户委员会，"
                              "涉及租金、收费、营业时间的事情都要经委员会讨论。"),
        Said(Identity.DEPUTY, "建议增加一条：市场开办者应当建立经营者议事协商制度，重大事项事先听取经营者意见，"
                              "议事结果向全体经营者公开。",
             suggestion="市场开办者应当建立经营者议事协商制度，涉及经营者切身利益的重大事项，"
                        "应当事先听取经营者意见。"),
        Said(Identity.ENTERPRISE, "作为开办方，我们也希望跟商户有个正式的沟通平台。现在有事只能一户一户去谈，"
                                  "效率低，还容易起冲突。条例如果规定了商户组织，我们支持。"),
        Said(Identity.LAWYER, "经营者组织的法律地位需要明确：是行业协会的分支，还是市场内部的自治组织？"
                              "建议规定其产生程序和职责，避免被少数人把持。"),
        Said(Identity.CADRE, "街道这几年推动“商户之家”建设，商户参与管理的积极性很高。建议条例把基层党组织引领、"
                             "商户自治的做法固定下来。"),
        Said(Identity.ECOMMERCE, "现在市场的通知都发在几十个群里，信息又乱又杂，商户的意见也没地方集中反映。"
                                 "建议规定开办者建立公开的意见收集和反馈渠道。"),
    )),
)

CAMPAIGN_SALUTATIONS = ["尊敬的立法机关：", "各位领导：", "您好！", "尊敬的人大常委会：", ""]
CAMPAIGN_BODY = [
    "我们是国际商贸城的经营户。",
    "草案第八条规定租金调整幅度不超过百分之十，我们坚决支持。",
    "近几年摊位租金涨得太快，很多小商户已经经营不下去了。",
    "恳请在正式条例中保留这一规定，并明确违反规定的法律责任。",
]
CAMPAIGN_SIGNATURES = ["一区经营户", "此致敬礼", "商户代表", "一名老商户", "谢谢！", ""]
# Foreign merchants' comments that make no point shared with others.
ENGLISH = [
    (None, "Thank you for asking foreign merchants. The regulation should have one contact point that answers "
           "our questions in several languages."),
    ("第六条", "My licence must hang at the stall, but the Chinese transliteration of my name means nothing to my "
              "customers. Please let us show the passport name in Latin letters beside it."),
    (None, "Article 12: when I sell online to buyers in my home country, which consumer rules apply, the Chinese "
           "ones or ours? A short explanation in the guide would prevent many disputes."),
]
OFFTOPIC = [
    "加微信 yiwu8888 代开各类发票，价格优惠。",
    "专业代办营业执照、注册公司、代理记账，一条龙服务，联系电话13805791234。",
    "Cheap shipping agent to Dubai and Lagos, best price, WhatsApp +971 50 123 4567",
    "同意。",
    "没意见",
    "支持！早日出台！",
    "Agree.",
    "我家楼下的路灯坏了好几天了，请尽快修一下。",
    "小区门口晚上乱停车，喇叭按到半夜，吵得睡不着，也没人管。",
    "天天搞这些形式主义，一帮吃干饭的，有本事先把自己管好。",
]
# Share of the written comments stored in Traditional characters, as some residents type them.
TRADITIONAL_SHARE = 0.08
IDENTITIES = [Identity.TRADER] * 5 + [Identity.RESIDENT] * 3 + [Identity.ECOMMERCE] * 2 + [
    Identity.ENTERPRISE, Identity.LAWYER, Identity.DEPUTY, Identity.CADRE]
CHANNELS = [Channel.ONLINE] * 6 + [Channel.SYMPOSIUM, Channel.LETTER, Channel.PHONE, Channel.VISIT]
FOREIGN_MERCHANT = {"identity": Identity.FOREIGN_MERCHANT, "station_code": "GM05", "channel": Channel.ONLINE}


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
        _requests(consultation, now, report)
        # Staff open the demo to a sorted consultation: opinion groups and form letters found.
        summary = analysis.run(consultation, now=now)
        report.created.append(f"analysis: {summary.groups} opinion groups, {summary.form_letters} form-letter copies")
    _before_and_after_the_draft(now, report)
    return report


def _before_and_after_the_draft(now: datetime, report: DemoReport) -> None:
    """An open call for proposals (立法前) and the evaluation of a law in force (立法后), each analysed."""
    for load in (demo_kinds.load_proposal_call, demo_kinds.load_evaluation):
        consultation, created = load(now)
        report.created.extend(created)
        if consultation is not None:
            summary = analysis.run(consultation, now=now)
            report.created.append(f"analysis of the {consultation.kind.value}: {summary.groups} groups")


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
    """(fields, extra) pairs: each written comment once, on its article or typed on the whole draft."""
    out = []
    for point in POINTS:
        for said in point.comments:
            fields = {"text": said.text, "article": None if said.whole_draft else point.article,
                      "suggestion": said.suggestion, "reason": said.reason}
            if rng.random() < TRADITIONAL_SHARE:
                fields |= {key: to_traditional.convert(fields[key]) for key in ("text", "suggestion", "reason")}
            extra = FOREIGN_MERCHANT if said.who == Identity.FOREIGN_MERCHANT else {"identity": said.who}
            out.append((fields, extra))
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
    planned += [({"text": text, "article": label, "suggestion": "", "reason": ""}, FOREIGN_MERCHANT)
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


# -- requests beyond legislation (民情转办) ----------------------------------------------------------
# Our own writing, like the draft: departments a county-level city has, and local requests as
# residents put them. Each referral state is there once: waiting, in progress, done on time, done
# late, and overdue (past its due day, still open).
DEPARTMENTS = [
    ("市城市管理局", "城管热线 0579-85551234"),
    ("市公安局交通警察大队", "0579-85552345"),
    ("市市场监督管理局", "12315"),
    ("稠城街道办事处", "0579-85553456"),
]
MARKET_STALL = "菜市场东门几家摊位天天占道摆到路中间，早上买菜的人和电动车挤在一起，吵过好几次架，希望有人来管一管。"
STANDING_REQUESTS = [
    # (text, days ago it came in, station)
    ("我们小区的垃圾清运车最近三天才来一次，楼道口的垃圾桶都满出来了，天热味道很大。", 25, "CC01"),
    ("公交站台的遮雨棚被风刮坏了，下雨天等车的老人没地方躲，请有关部门修一下。", 18, "CC01"),
]


def _requests(consultation: Consultation, now: datetime, report: DemoReport) -> None:
    """Departments, a few residents' requests on the standing 民情直通 form and on the draft's
    consultation (the comments that ask for something done locally), referred in every state."""
    if referrals.departments():
        return
    office = db.session.scalar(select(User).where(User.username == "office"))
    by_name = {name: referrals.create_department(name, contact, actor=office) for name, contact in DEPARTMENTS}
    today = referrals.local_today(now=now)

    def day(days_ago: int):
        return today - timedelta(days=days_ago)

    def in_draft(text: str) -> int:
        return db.session.scalar(select(Comment.id).where(Comment.consultation_id == consultation.id,
                                                          Comment.text == text).limit(1))

    stall = comments.submit(consultation, CommentInput(
        text=MARKET_STALL, identity=Identity.RESIDENT, station_code="CC01", channel=Channel.SYMPOSIUM,
        collector="信息员甲", collected_on=day(10), submitted_at=now - timedelta(days=10)), now=now).id
    box = standing.get_or_create(now - timedelta(days=30), actor=office)
    waiting_late, overdue = (comments.submit(box, CommentInput(
        text=text, identity=Identity.RESIDENT, station_code=station, channel=Channel.ONLINE,
        submitted_at=now - timedelta(days=ago)), now=now).id for text, ago, station in STANDING_REQUESTS)
    light, parking = in_draft(OFFTOPIC[7]), in_draft(OFFTOPIC[8])

    # Waiting to be taken up, due in two weeks.
    referrals.refer(parking, by_name["市公安局交通警察大队"].id, day(-14), today=day(0), actor=office)
    # Taken up, due in a week.
    referrals.refer(light, by_name["市城市管理局"].id, day(-7), today=day(0), actor=office)
    referrals.start(light, actor=office)
    # Done on time.
    referrals.refer(stall, by_name["市市场监督管理局"].id, day(2), today=day(9), actor=office)
    referrals.start(stall, actor=office)
    referrals.record_reply(stall, "已约谈相关摊主，划定摆摊范围线，市场管理方每天早上安排专人巡查，占道情况已整改。",
                           day(4), today=day(4), actor=office)
    # Done late: the reply came after its due day.
    referrals.refer(waiting_late, by_name["市城市管理局"].id, day(14), today=day(24), actor=office)
    referrals.start(waiting_late, actor=office)
    referrals.record_reply(waiting_late, "已协调环卫公司恢复每日清运，并在小区增设两个垃圾桶。", day(6), today=day(6),
                           actor=office)
    # Overdue: taken up, past its due day, no reply yet.
    referrals.refer(overdue, by_name["稠城街道办事处"].id, day(3), today=day(17), actor=office)
    referrals.start(overdue, actor=office)
    report.created.append(f"{len(DEPARTMENTS)} departments, 5 requests referred (民情转办)")
