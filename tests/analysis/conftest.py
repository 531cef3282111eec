"""Builders for a small hand-written draft and its comments."""

import pytest

from legislink.analysis import Article, Comment, Segmenter

DRAFT_TITLE = "反电信网络诈骗法（草案）"
_ARTICLES = [
    ("第一条", "第一章 总则", ["为了预防、遏制和惩治电信网络诈骗活动，加强反电信网络诈骗工作，"
                              "保护公民和组织的合法权益，制定本法。"]),
    ("第二条", "第一章 总则", ["本法所称电信网络诈骗，是指以非法占有为目的，利用电信网络技术手段，"
                              "通过远程、非接触等方式，诈骗公私财物的行为。"]),
    ("第三条", "第二章 电信治理", [
        "电信业务经营者应当依法全面落实电话卡、物联网卡实名制度，"
        "在与用户签订协议或者确认提供服务时，应当对用户身份信息进行核验。",
        "任何单位和个人不得非法办理、出租、出借、出售电话卡。",
    ]),
    ("第四条", "第二章 电信治理", ["办理电话卡不得超出国家有关规定限制的数量。对经识别存在异常办卡情形的，"
                                  "电信业务经营者有权加强核查或者拒绝办卡。"]),
    ("第五条", "第三章 金融治理", ["银行业金融机构、非银行支付机构为客户开立银行账户、支付账户及提供支付结算服务，"
                                  "应当建立客户尽职调查制度。"]),
    ("第六条", "第三章 金融治理", ["银行业金融机构应当对异常开户和可疑交易进行监测，发现涉诈异常的，"
                                  "应当采取延迟支付、限制、中止有关业务等必要的防范措施。"]),
    ("第七条", "第四章 互联网治理", ["互联网服务提供者为用户提供网络直播、应用程序分发等服务时，"
                                    "应当依法要求用户提供真实身份信息。"]),
    ("第八条", "第五章 法律责任", ["违反本法规定，非法买卖、出租、出借电话卡的，由公安机关没收违法所得，"
                                  "处违法所得一倍以上十倍以下罚款。"]),
]


def make_articles() -> list[Article]:
    return [Article(label=label, number=n, path=(path,), paragraphs=tuple(paragraphs))
            for n, (label, path, paragraphs) in enumerate(_ARTICLES, start=1)]


@pytest.fixture(scope="session")
def segmenter(tmp_path_factory) -> Segmenter:
    return Segmenter(tmp_path_factory.mktemp("jieba"))


@pytest.fixture
def articles() -> list[Article]:
    return make_articles()


def make_comment(cid: str, text: str, **overrides) -> Comment:
    return Comment(id=cid, text=text, **overrides)
