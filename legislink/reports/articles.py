"""Article targets as staff type them in a spreadsheet: 第十二条, 12, 第12条第二款, 第二十条之一."""

from __future__ import annotations

import re
from dataclasses import dataclass

from legislink.lawtext.numerals import NUMERAL_PATTERN, cn_to_int, int_to_cn
from legislink.lawtext.patterns import article_label

_TARGET_RE = re.compile(
    rf"^(?:第(?P<number>{NUMERAL_PATTERN})条|(?P<bare>{NUMERAL_PATTERN})条?)"
    rf"(?:之(?P<sub>{NUMERAL_PATTERN}))?"
    rf"(?:第(?P<paragraph>{NUMERAL_PATTERN})款)?$"
)
_SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True, order=True)
class ArticleRef:
    """An article (条, with the 之一 sub-number of inserted articles) and optionally one paragraph (款)."""

    number: int
    sub: int | None = None
    paragraph: int | None = None

    @property
    def article(self) -> ArticleRef:
        """The whole article this target lies in."""
        return ArticleRef(self.number, self.sub)

    @property
    def label(self) -> str:
        """The label as the parser writes it: 第二十条之一第二款."""
        return article_label(self.number, self.sub or 0) + paragraph_suffix(self.paragraph)


def paragraph_suffix(paragraph: int | None) -> str:
    """第二款 for 2, nothing for a whole article."""
    return f"第{int_to_cn(paragraph)}款" if paragraph else ""


def parse_article(text: str) -> ArticleRef:
    """Read a typed target; raises ValueError when it is not one (including 0 and empty text)."""
    match = _TARGET_RE.match(_SPACES_RE.sub("", text))
    if match is None:
        raise ValueError(f"not an article target: {text!r}")
    number = cn_to_int(match["number"] or match["bare"])
    sub = cn_to_int(match["sub"]) if match["sub"] else None
    paragraph = cn_to_int(match["paragraph"]) if match["paragraph"] else None
    if number == 0 or sub == 0 or paragraph == 0:
        raise ValueError(f"articles and paragraphs count from one: {text!r}")
    return ArticleRef(number, sub, paragraph)
