"""What a line of a Chinese legal text looks like: labels, captions, 题注, references.

Pure functions on one line of text; the parser combines them with the layout and the
expected numbering.

Where the words below come from: the numbering (编、章、节、条 in Chinese numerals, 项 as
（一）, 目 as 1.) is the one 立法法 prescribes (2015 第六十一条, 2023 第六十五条); the 题注 words
(通过, 修正, 修订, 公布, 施行, 批准) are those that article says a 题注 records; the endings of a
title are the names 立法法 and 行政法规制定程序条例 (第五条) give legislative instruments, plus
草案/稿 for drafts; the words that follow an article number in a citation (规定, 的, 之, 至, 中的,
所称…) are how statutes cite one another, as in the laws under ../shared/laws. None comes from a
comment set. They are kept by hand; tests/lawtext and ../shared/tools/check_laws.py check them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from legislink.lawtext.numerals import CHINESE_NUMERAL_PATTERN, cn_to_int, int_to_cn

# A sentence (so a 款 or a 项) ends with one of these, possibly followed by closing marks.
TERMINAL = frozenset("。；：！？;:!?…")
CLOSERS = "”’」』）)】"

_NUM = rf"(?:{CHINESE_NUMERAL_PATTERN}|[0-9０-９]+)"
_CN = CHINESE_NUMERAL_PATTERN

# 笫 (a bamboo mat) for 第 is the misprint of typed and scanned Chinese statutes: the two differ by one stroke and
# 笫 begins no word of legal text, so at a line's start before a numeral and 条 or 章 it is read as 第 (and said:
# MISPRINTED_ORDINAL). References in running text are not read so (lawtext.references).
MISPRINTED_ORDINAL = "笫"
_ORDINAL = f"[第{MISPRINTED_ORDINAL}]"
ARTICLE_RE = re.compile(rf"{_ORDINAL}\s?({_NUM})\s?条(?:\s?之\s?({_NUM}))?")
HEADING_RE = re.compile(rf"{_ORDINAL}\s?({_NUM})\s?(分编|编|章|节)")
_AMENDMENT_ITEM_RE = re.compile(rf"({_CN})、")
_ITEM_RE = re.compile(rf"[（(]\s*({_CN})\s*[）)]")
_SUBITEM_RE = re.compile(r"(?:([0-9０-９]{1,3})\s?[.．、](?![0-9０-９])|[（(]([0-9０-９]{1,3})[）)])")

# What follows `第十二条` when it is cited rather than starting the article. Never an article:
_HARD_REFERENCE = re.compile(
    rf"""(?:规定|的|之(?!{_NUM})|至|到|中的|中规定|所称|所列|所规定|所指|所述
        |[、，,。；;：:）)》”]
        |第\s?{_NUM}\s?(?:条|款|项|目|章|节|编)
        |[（(]\s*{_CN}\s*[）)])""",
    re.VERBOSE,
)
# Unlikely at the start of an article (`第一百零六条与境外…` exists): believed only in sequence.
_SOFT_REFERENCE = re.compile(r"(?:和|及|与|或|以外|前|后|等)")
# What a heading title never begins with: `第三节和本法第五百零六条` is a wrapped citation.
_NOT_TITLE = re.compile(rf"{_HARD_REFERENCE.pattern}|和|及|与|或|以外|以及", re.VERBOSE)
# After `（二）`: `（二）项` is a citation of an item, not an item.
_ITEM_REFERENCE = re.compile(r"(?:项|目|规定|的|、|和|至|中的|所)")

# A colon after a label, unless it introduces a quotation (`作为第四条之一：“…`).
_LABEL_COLON = re.compile(r"\s*[：:](?!\s*[“「\"])")
_CAPTION = re.compile(r"(?:【([^【】]{1,40})】|[（(]([^（）()]{1,30})[）)])")
_NOT_CAPTION = re.compile(rf"^(?:{_NUM}|删去|删除|已删除|已删去|略)$|[，。；,;]")
DELETED_RE = re.compile(r"^[（(【\[]?\s*(?:删去|删除|已删除|已删去)\s*[）)】\]]?[。.]?$")

_NOTE_START = re.compile(r"^[（(]?\s*(?:[0-9０-９]{4}\s*年|[〇○零一二三四五六七八九]{4}\s*年|根据)")
_NOTE_WORDS = re.compile(r"通过|修正|修订|公布|施行|批准|颁布")
_TITLE_END = re.compile(r"(?:法|法典|条例|规定|办法|决定|决议|修正案|细则|规则|章程|解释|准则|草案|稿|[）)》])$")
_PAREN_LINE = re.compile(r"^[（(][^（）()]{1,20}[）)]$")
AMENDMENT_TITLE = re.compile(r"修正案|修改.{0,60}决定")

_NOTE_TITLE = re.compile(r"^(?:附件?[一二三四五六七八九十0-9]*[:：]?)?(?P<title>[^。；，]{2,90}?说明)[）)]?$")
_ATTACHMENT = re.compile(r"^附(?:件[一二三四五六七八九十0-9０-９]*|录[一二三四五六七八九十0-9０-９]*)?[:：]?$")
_TOC_MARK = re.compile(r"^(?:目录|目次)$")
_TOC_FILLER = re.compile(r"[\s.．…·•\-—_]+|[0-9０-９]+$")
_SPACE_NEAR_WIDE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ArticleShape:
    """A line that starts with an article label and does not read like a citation."""

    number: int
    sub: int
    caption: str | None
    rest: str  # the text after label and caption
    strong: bool  # separated by a space, a caption, or the label alone: surely a label
    citation_like: bool  # the text begins like a citation (`第十二条和…`): only in sequence


def ends_sentence(text: str) -> bool:
    """True when the line ends a sentence (closing quotes and brackets looked through); a line
    of closing marks alone ends the quotation it closes."""
    stripped = text.rstrip(CLOSERS + " \u3000")
    return not stripped or stripped[-1] in TERMINAL


def compact(text: str) -> str:
    return _SPACES.sub("", text)


def tidy_spacing(text: str) -> str:
    """`总　　则` -> `总则`: no spaces next to Chinese characters, single spaces elsewhere."""
    return _SPACES.sub(" ", _SPACE_NEAR_WIDE.sub("", text)).strip()


def article_label(number: int, sub: int = 0) -> str:
    return f"第{int_to_cn(number)}条" + (f"之{int_to_cn(sub)}" if sub else "")


def amendment_label(number: int) -> str:
    return f"{int_to_cn(number)}、"


def heading_label(level: str, number: int) -> str:
    return f"第{int_to_cn(number)}{level}"


def split_caption(rest: str) -> tuple[str | None, str]:
    """`【立法目的】为了…` -> (`立法目的`, `为了…`); a bracket that is not a caption stays."""
    match = _CAPTION.match(rest)
    if not match:
        return None, rest
    caption = (match[1] or match[2]).strip()
    if not caption or _NOT_CAPTION.search(caption):
        return None, rest
    return caption, rest[match.end():].strip()


def article_shape(text: str) -> ArticleShape | None:
    """The label of a line that may begin an article, or None when it is not one or reads as a
    reference (`第十二条规定的`, `第十二条第二款`, `第十二条、第十三条`)."""
    match = ARTICLE_RE.match(text)
    if not match:
        return None
    after = text[match.end():]
    colon = _LABEL_COLON.match(after)
    if colon:  # `第一条：为了…`, as informal drafts write it
        after = " " + after[colon.end():]
    rest = after.strip()
    separated = after[:1].isspace()
    cited = bool(_HARD_REFERENCE.match(rest))
    if cited and not separated:
        return None
    caption, rest_text = split_caption(rest)
    strong = separated or caption is not None or not rest
    # `第七十六条　规定本行政区域…`: a separator, then a word citations start with. An article
    # that begins so is real (立法法 2015), but only where the numbering expects it.
    citation_like = cited or (not strong and bool(_SOFT_REFERENCE.match(rest)))
    sub = cn_to_int(match[2]) if match[2] else 0
    return ArticleShape(cn_to_int(match[1]), sub, caption, rest_text, strong, citation_like)


def heading_shape(text: str) -> tuple[str, int, str] | None:
    """(level, number, title) of a body heading such as `第一章　总　　则`, else None."""
    match = HEADING_RE.match(text)
    if not match:
        return None
    title = tidy_spacing(text[match.end():].lstrip(" \u3000\u2002\t:：")).strip()
    if len(title) > 40 or _NOT_TITLE.match(title) or any(ch in "。；，,;：:" for ch in title):
        return None
    return match[2], cn_to_int(match[1]), title


def is_unnumbered_part(text: str) -> bool:
    """`附则` on its own line, closing a code whose parts are 编 (民法典, 刑法)."""
    return compact(text) == "附则"


def item_shape(text: str) -> tuple[str, int, str] | None:
    """(label, number, text) of a 项 `（一）…`, unless it cites one (`（一）项`)."""
    match = _ITEM_RE.match(text)
    if not match:
        return None
    rest = text[match.end():].strip()
    if _ITEM_REFERENCE.match(rest):
        return None
    return compact(match[0]), cn_to_int(match[1]), rest


def subitem_shape(text: str) -> tuple[str, str] | None:
    """(label, text) of a 目 `1.…` / `1．…` / `（1）…`."""
    match = _SUBITEM_RE.match(text)
    if not match:
        return None
    rest = text[match.end():].strip()
    if not rest or _ITEM_REFERENCE.match(rest):
        return None
    return compact(match[0]), rest


def amendment_item_shape(text: str) -> tuple[int, str] | None:
    match = _AMENDMENT_ITEM_RE.match(text)
    if not match:
        return None
    return cn_to_int(match[1]), text[match.end():].strip()


def structural_key(text: str) -> tuple[str, int, int] | None:
    """What a table-of-contents entry points at: a heading or an article, page numbers ignored."""
    heading = HEADING_RE.match(text)
    if heading:
        return heading[2], cn_to_int(heading[1]), 0
    shape = article_shape(text)
    return ("条", shape.number, shape.sub) if shape else None


def is_toc_mark(text: str) -> bool:
    return bool(_TOC_MARK.match(compact(text)))


def toc_entry_text(text: str) -> str:
    """A TOC line without dot leaders, spacing and page number, to recognise it in the body."""
    return _TOC_FILLER.sub("", text)


def is_note(text: str) -> bool:
    """A 题注 line: adoption, amendment or entry-into-force history."""
    if _NOTE_START.match(text):
        return True
    return text[:1] in "（(" and bool(_NOTE_WORDS.search(text))


def starts_unit(text: str) -> bool:
    """A heading, or an article label set off by a separator: where a unit of law text begins."""
    shape = article_shape(text)
    return heading_shape(text) is not None or (shape is not None and shape.strong)


def introduces_text(text: str) -> bool:
    """A line that ends with a colon announces the text that follows (`…内容如下：`)."""
    return text.rstrip(" \u3000").endswith(("：", ":"))


def paren_balance(text: str) -> int:
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


def could_be_title(text: str) -> bool:
    """A first line that reads as a title: short, not a sentence."""
    return len(text) <= 60 and not ends_sentence(text)


def continues_title(title: str, text: str) -> bool:
    """A second title line: `（草案）`, or the rest of a title wrapped before its last word."""
    if _PAREN_LINE.match(text):
        return True
    return len(text) <= 30 and not ends_sentence(text) and not _TITLE_END.search(title) and len(title) < 60


def is_explanatory_note_title(text: str) -> bool:
    """`关于《…（草案）》的说明`, `《…条例（草案）》起草说明`: where an appended note begins."""
    match = _NOTE_TITLE.match(compact(text))
    if not match:
        return False
    title = match["title"]
    return title.startswith("关于") or "《" in title or "草案" in title


def is_attachment_mark(text: str) -> bool:
    return bool(_ATTACHMENT.match(compact(text)))


def quote_open_after(in_quote: bool, text: str) -> bool:
    """Whether a quotation is still open after this line.

    A quotation of several paragraphs opens each with `“` and closes only the last with `”`,
    so only the last quotation mark of the line counts.
    """
    last_open = max(text.rfind("“"), text.rfind("「"))
    last_close = max(text.rfind("”"), text.rfind("」"))
    if last_open == last_close:  # both -1: no quotation mark on this line
        return in_quote
    return last_open > last_close
