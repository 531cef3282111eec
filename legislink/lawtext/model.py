"""The parsed structure of a Chinese legal text: plain dataclasses, no behaviour beyond views."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

HeadingLevel = Literal["编", "分编", "章", "节"]
DocumentKind = Literal["law", "amendment"]


@dataclass(slots=True)
class Heading:
    """A 编, 分编, 章 or 节 of the body (never an entry of a table of contents).

    An unnumbered `附则` closing a code (民法典, 刑法) is a Heading with an empty label that
    appears in the articles' paths but not in ParsedDocument.headings.
    """

    level: HeadingLevel
    label: str  # 第一章
    number: int
    title: str  # 总则, spacing removed
    line: int

    @property
    def path_entry(self) -> str:
        """How the heading appears in an article's path: `第一章 总则`."""
        return " ".join(part for part in (self.label, self.title) if part)


@dataclass(slots=True)
class Item:
    """A 项 `（一）…` of a paragraph, or a 目 `1.…` of an item."""

    label: str  # （一） or 1.
    text: str  # what follows the label
    line: int
    subitems: list[Item] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        """The item and its subitems, one line each, as written."""
        return [self.label + self.text] + [line for sub in self.subitems for line in sub.lines]


@dataclass(slots=True)
class Paragraph:
    """A 款: its own sentence(s) and the 项 that belong to it."""

    text: str
    line: int
    items: list[Item] = field(default_factory=list)

    @property
    def full_text(self) -> str:
        """The 款 with each of its 项 and 目 on its own line."""
        lines = [self.text] if self.text else []
        lines.extend(line for item in self.items for line in item.lines)
        return "\n".join(lines)


@dataclass(slots=True)
class Article:
    """A 条 of a law, or a numbered item `一、` of an amendment."""

    label: str  # 第二十条之一, or 一、 in an amendment
    number: int
    sub: int  # 1 for 之一, 0 otherwise
    caption: str | None
    paragraphs: list[Paragraph]
    path: tuple[str, ...]
    deleted: bool
    line: int

    @property
    def text(self) -> str:
        """All paragraphs, one per line (items on their own lines too)."""
        return "\n".join(p.full_text for p in self.paragraphs)

    @property
    def key(self) -> tuple[int, int]:
        return (self.number, self.sub)


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """Something a person should check; `code` and `params` let the web layer translate it."""

    line: int
    code: str
    params: dict[str, Any]
    message: str


@dataclass(slots=True)
class ParsedDocument:
    title: str
    kind: DocumentKind
    preamble: list[str]  # 题注 lines: adoption and amendment history
    headings: list[Heading]
    articles: list[Article]
    warnings: list[ParseWarning]
    has_toc: bool

    def article(self, label: str) -> Article | None:
        """The article with this label (第十二条, 第二十条之一, 一、), if any."""
        return next((a for a in self.articles if a.label == label), None)
