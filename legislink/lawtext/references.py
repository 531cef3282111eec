"""References to provisions as residents write them: 第十二条第二款, 12条, 十二条（一）, Article 12.

`find_references` reports every reference with the law it names, if any (民法典第一千零四十三条,
《未成年人保护法》第十五条); deciding whether that law is the draft being discussed is the
caller's business, see `names_other_law`.
"""

import re
from dataclasses import dataclass

from legislink.lawtext.numerals import NUMERAL_PATTERN, cn_to_int

_NUM = rf"(?:{NUMERAL_PATTERN})"
_ITEM_NUM = r"[一二三四五六七八九十]+|[0-9０-９]+"
# The tail that may follow an article number: 之X, 第Y款, 第Z项 or (Z).
_TAIL = (
    rf"(?:之(?P<sub>{_NUM}))?"
    rf"(?:\s*第?\s*(?P<para>{_NUM})\s*款)?"
    rf"(?:\s*(?:第\s*[（(]?\s*(?P<item>{_ITEM_NUM})\s*[）)]?\s*项|[（(]\s*(?P<item2>{_ITEM_NUM})\s*[）)]))?"
)
# Words after 条 that make "三条建议" a count of suggestions rather than an article: nouns Chinese
# counts with the measure word 条 (意见, 建议, 措施, 消息, 理由, 原则, 途径, 红线…) and the set phrases
# jieba's own dictionary lists (一条龙, 一条心, 一条线, 一条街, 两条腿, 两条路). Kept by hand;
# tests/lawtext/test_references.py holds them.
_COUNTED = (
    r"意见|建议|措施|路|龙|街|线|心|腿|命|短信|消息|信息|新闻|理由|原则|标准|渠道|途径|经验|做法|"
    r"问题|好处|缺点|红线|底线"
)
# 第十二、十三条 / 第12和13条: each number of the list is an article.
_LIST = re.compile(rf"第\s*(?P<nums>{_NUM}(?:\s*[、，,和及与]\s*{_NUM})+)\s*[条條]")
_LIST_SPLIT = re.compile(r"\s*[、，,和及与]\s*")
# 第五至第七条 / 第5-7条 / 第十二到十五条 (and 第五条至第七条): a range names each article from the first to the last.
_RANGE = re.compile(rf"第\s*(?P<first>{_NUM})\s*(?:[条條]\s*)?(?:至|到|[-—–~～])\s*第?\s*(?P<last>{_NUM})\s*[条條]")
# A range longer than this names its two ends only: 第一至一百条 is the whole text, not a hundred remarks.
MAX_RANGE = 20
_WITH_DI = re.compile(rf"第\s*(?P<num>{_NUM})\s*[条條](?!(?:意见|建议)[:：是])" + _TAIL)
_BARE_ARABIC = re.compile(
    rf"(?<![0-9０-９.第])(?P<num>[0-9０-９]{{1,4}})\s*[条條](?!(?:{_COUNTED})|[0-9])" + _TAIL
)
# Bare Chinese numerals: 十四条 or 二十六条 are articles; 一条/三条 only after a word that points
# at the text (对三条…, 草案五条), since 一条龙 or 提三条意见 are not. The cues are the verbs and
# prepositions that introduce what a reader refers to (对, 关于, 看了, 读了) and the text's own names.
_CUES = ("对", "关于", "草案", "本法", "看了", "读了")
_BARE_CN = re.compile(
    r"(?<![第零〇一二两三四五六七八九十百千万亿几])"
    r"(?P<num>[零〇一二两三四五六七八九]*[十百千][零〇一二两三四五六七八九十百千]*"
    r"|(?:" + "|".join(f"(?<={cue})" for cue in _CUES) + r")[一二两三四五六七八九])"
    rf"[条條](?!(?:{_COUNTED})|[一二三四五六七八九十])" + _TAIL
)
_ENGLISH = re.compile(
    r"\b(?:articles?|art\.?)\s*(?P<num>\d{1,4})(?:\s*\(\s*(?P<para>\d{1,2})\s*\))?"
    r"(?:\s*(?:,|and|&)\s*(?P<more>\d{1,4}))?",
    re.IGNORECASE,
)
_CHAPTER = re.compile(rf"第\s*(?P<num>{_NUM})\s*章")
# A law named just before a reference: 《…》 or a run of characters ending in 法/法典/条例/….
_QUOTED_LAW = re.compile(r"《(?P<name>[^《》]{1,40})》\s*(?:的)?\s*$")
_NAMED_LAW = re.compile(
    r"(?P<name>[\u4e00-\u9fff（）()]{1,24}?(?:法典|法|条例|规定|办法|细则|决定|解释))\s*(?:的)?\s*$"
)
_ENGLISH_LAW = re.compile(r"^\s*of\s+(?:the\s+)?(?P<name>(?:[A-Z][\w'-]*\s+){0,6}(?:Law|Code|Act|Regulations?))")
# Words ending in 法 that name no law (a way of doing, or this very law), and names that point back
# at the text under discussion (这个规定, 该办法): common words of the language, listed by hand.
_NOT_A_LAW = re.compile(
    r"(?:本法|该法|此法|做法|说法|想法|看法|方法|写法|立法|执法|司法|依法|合法|违法|用法|提法|算法|手法"
    # Words of general Chinese ending in 法 that name a way of acting, not a law (守法经营, 非法集资),
    # or a change to a law (修法, 变法), and a phrase ending in 的法 (十年前的法).
    r"|守法|非法|不法|犯法|枉法|普法|知法|懂法|玩法|打法|语法|书法|疗法|技法|加法|减法|修法|变法|的法"
    # 法 and 办法 as "a way (to)" after a verb of having, lacking or seeking one (没法睡, 想办法).
    r"|[没无设]法|[没有想]办法)$"
    r"|^(?:这|那|该|此|本|上述|以上|有关|相关)|^(?:办法|规定|决定|解释|细则|条例)$"
)
# A leading verb or preposition is not part of the law's name: 根据民法典 -> 民法典.
_NAME_PREFIX = re.compile(
    r"^(?:.*(?:根据|依照|按照|参照|依据|看了|读了|看到|读到|听说|知道|觉得|认为|对照|比照|关于|对于|写进|写入|纳入"
    # ... and the verbs of asking, fearing and inquiring that take the text under discussion as their
    # object (他要求条例规定…, 担心条例实施后…, 询问条例出台后…): what follows them is the law's name, if any.
    r"|列入|希望|建议|要求|请求|恳请|呼吁|担心|担忧|害怕|询问|咨询))?[对与和及跟同在是按依]?"
)
@dataclass(frozen=True)
class Reference:
    """One reference found in a text; `law` is the law it names, None for the text under discussion."""

    article: int | None
    sub: int | None = None
    paragraph: int | None = None
    item: int | None = None
    chapter: int | None = None
    law: str | None = None
    span: tuple[int, int] = (0, 0)


def _number(text: str | None) -> int | None:
    return cn_to_int(text) if text else None


def _law_before(text: str, start: int) -> str | None:
    """The law named immediately before position `start`, if any."""
    head = text[max(0, start - 40):start]
    quoted = _QUOTED_LAW.search(head)
    if quoted:
        return quoted.group("name").strip()
    named = _NAMED_LAW.search(head)
    if not named:
        return None
    name = _NAME_PREFIX.sub("", named.group("name")) or named.group("name")
    if _NOT_A_LAW.search(name) or len(name) < 2:
        return None
    return name


def _within(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `position` falls inside one of `spans` (a reference another pattern already read)."""
    return any(start <= position < end for start, end in spans)


def _listed_references(text: str) -> tuple[list[Reference], list[tuple[int, int]]]:
    """The articles of lists (第十二、十三条) and ranges (第五至第七条), first to last, and the spans they take."""
    found, taken = [], []
    for m in _RANGE.finditer(text):
        first, last = cn_to_int(m.group("first")), cn_to_int(m.group("last"))
        if not 0 < first < last:
            continue
        law = _law_before(text, m.start())
        numbers = range(first, last + 1) if last - first <= MAX_RANGE else (first, last)
        found.extend(Reference(article=n, law=law, span=m.span()) for n in numbers)
        taken.append(m.span())
    for m in _LIST.finditer(text):
        if _within(m.start(), taken):
            continue
        law = _law_before(text, m.start())
        found.extend(Reference(article=cn_to_int(n), law=law, span=m.span())
                     for n in _LIST_SPLIT.split(m.group("nums")))
        taken.append(m.span())
    return found, taken


def _chinese_references(text: str) -> list[Reference]:
    if "条" not in text and "條" not in text:  # what every pattern below ends its number with
        return []
    found, taken = _listed_references(text)
    for pattern in (_WITH_DI, _BARE_ARABIC, _BARE_CN):
        for m in pattern.finditer(text):
            if _within(m.start(), taken):
                continue
            taken.append(m.span())
            found.append(Reference(
                article=cn_to_int(m.group("num")),
                sub=_number(m.group("sub")),
                paragraph=_number(m.group("para")),
                item=_number(m.group("item") or m.group("item2")),
                law=_law_before(text, m.start()),
                span=m.span(),
            ))
    return found


def _english_references(text: str) -> list[Reference]:
    found = []
    for m in _ENGLISH.finditer(text):
        law_match = _ENGLISH_LAW.match(text[m.end():m.end() + 80])
        law = law_match.group("name") if law_match else None
        found.append(Reference(article=int(m.group("num")), paragraph=_number(m.group("para")),
                               law=law, span=m.span()))
        if m.group("more"):
            found.append(Reference(article=int(m.group("more")), law=law, span=m.span()))
    return found


def _chapter_references(text: str) -> list[Reference]:
    return [Reference(article=None, chapter=cn_to_int(m.group("num")),
                      law=_law_before(text, m.start()), span=m.span())
            for m in _CHAPTER.finditer(text)]


def find_references(text: str) -> list[Reference]:
    """Every article or chapter reference in `text`, in reading order."""
    refs = _chinese_references(text) + _english_references(text) + _chapter_references(text)
    return sorted(refs, key=lambda r: r.span)


# The demonstratives of Chinese grammar by which a text points at the law under discussion (本法,
# 这部条例, 该条例, 整部法), with their classifiers; not the 该 of the modal 应该 (应该规定 asks for a
# rule). A closed class, shared by every reader of "this law" (here, analysis/offtopic.py and
# analysis/attribution.py).
DEMONSTRATIVE = r"(?:本|(?<!应)该|此|这|整)[个部项]?"
# A run of words that ends by pointing at the text under discussion (or at the one just named, 那部):
# …都说超龄了这个法, 整部法.
_THIS_LAW = re.compile(rf"(?:{DEMONSTRATIVE}|那[个部项]?)(?:法|法典|条例)$")
# A law named anywhere in a text: 《…》, or a name ending in 法 (not 法律, 法规, 法院…), 法典 or 条例.
_ANY_LAW = re.compile(
    r"《(?P<quoted>[^《》]{1,40})》|(?P<name>[\u4e00-\u9fff]{1,24}?(?:法典|法(?![律规院官治人])|条例))"
)


# The codes of the Chinese legal system whose usual names have two characters.
_SHORT_LAW_NAMES = frozenset(("刑法", "宪法", "民法", "商法", "税法"))
# The structural particles, aspect particles, sentence-final particles, the copula, the disposal and
# passive markers and the demonstratives of Chinese grammar never stand inside the name of a law (a
# noun phrase of what it governs): a run of words before 法 or 条例 holds the name only after the last
# of them (总的来说条例, 有了条例: no name), and a demonstrative with a classifier right before a short
# name points at the text under discussion (支持这部文明条例), as _THIS_LAW does. Closed classes.
# The personal pronouns (我, 他, 她, 您…) are another closed class no law's name holds (他要求条例规定…).
_NOT_IN_A_NAME = re.compile(r".*[的了是这那把被说吗呢吧么们我你您他她它咱俺]")
_POINTS_HERE = re.compile(rf"(?:{DEMONSTRATIVE}|那[个部项]?)[\u4e00-\u9fff]{{0,6}}(?:法|法典|条例)$")


def laws_named(text: str) -> list[str]:
    """The names of the laws a text mentions, whether or not it cites an article of them."""
    names = []
    for m in _ANY_LAW.finditer(text):
        if m.group("quoted"):
            names.append(m.group("quoted").strip())
            continue
        if name := law_name(m.group("name")):
            names.append(name)
    return names


def law_name(run: str) -> str | None:
    """The law an unquoted run of characters ending in 法 or 条例 names (根据民法典 -> 民法典), None when it
    names none: a way of acting (想办法), the text under discussion (这部条例), or a bare 条例 after a verb
    of asking (恳请在条例里…: the draft)."""
    cut = _NOT_IN_A_NAME.match(run)
    if cut:
        if _POINTS_HERE.match(run, cut.end() - 1):
            return None
        run = run[cut.end():]
    name = _NAME_PREFIX.sub("", run) or run
    # A law's name says what it governs before 法 or 条例 (物业管理条例); one character there is an
    # adjective (好条例, 新条例), but for the codes (刑法, 民法典).
    stem = re.sub(r"(?:法|条例)$", "", name)
    if (len(stem) >= 2 or name in _SHORT_LAW_NAMES) and not _NOT_A_LAW.search(name) and not _THIS_LAW.search(name):
        return name
    return None


def _law_core(title: str) -> str:
    core = re.sub(r"[《》\s]|中华人民共和国|[（(]?草案[^）)]*[）)]?|[（(][^）)]*[）)]", "", title)
    return core


def names_other_law(reference: Reference, title: str = "") -> bool:
    """Whether the reference cites some law other than the draft titled `title`.

    A name carrying 草案 is the draft under discussion, and so is a name containing the draft's own
    title (家庭教育促进法第十四条 while commenting on the 家庭教育促进法 draft).
    """
    if reference.law is None:
        return False
    name = reference.law
    if "草案" in name or "draft" in name.lower():
        return False
    core = _law_core(title)
    if not core:
        return True
    short = _law_core(name)
    return not (core in name or short in core and len(short) >= 3 or _shortens(short, _PLACE.sub("", core)))


# A local regulation's title opens with its place (某市, 岑州市): residents leave it out.
_PLACE = re.compile(r"^(?:某[省市县区]|[\u4e00-\u9fff]{2,3}[省市])")


def _shortens(short: str, core: str) -> bool:
    """Whether a law's name is a short form of the draft's (文明条例 for 文明行为促进条例): from the
    same first character, each of its characters in order in the draft's name, as residents shorten
    a draft's terms (analysis/vocabulary.py)."""
    if len(short) < 3 or len(short) >= len(core) or short[0] != core[0]:
        return False
    rest = iter(core)
    return all(ch in rest for ch in short)
