"""Plain data the sheets are built from; the caller fills these from the database or a file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Outcome(StrEnum):
    """The reviewer's mark on a reported opinion; the value is the word written in the sheet."""

    ADOPTED = "采纳"
    PARTLY = "部分采纳"
    NOT_ADOPTED = "未采纳"


@dataclass(frozen=True, kw_only=True)
class AdoptionMark:
    outcome: Outcome
    final_text: str = ""
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class ReportHeader:
    draft_title: str
    contact_point: str
    opens: date
    closes: date
    report_date: date
    participants: int
    comments_received: int
    contact_name: str
    contact_phone: str


@dataclass(frozen=True, kw_only=True)
class ReportEntry:
    """One opinion group as reported upward.

    `article_label` is the parser's label (第二十条之一), None for an opinion on the whole
    draft; `article_order` is the article's position in the draft and orders the report.
    `count` holds every comment of the group, form-letter copies included, and
    `duplicate_count` how many of them are copies.
    """

    article_label: str | None
    article_order: int = 0
    paragraph: int | None = None
    original_text: str = ""
    summary: str = ""
    representative_text: str = ""
    suggestion: str = ""
    reason: str = ""
    identity_counts: Mapping[str, int] = field(default_factory=dict)
    station_counts: Mapping[str, int] = field(default_factory=dict)
    count: int
    duplicate_count: int = 0
    note: str = ""
    group: str | None = None
    adoption: AdoptionMark | None = None
    # The representative comment is in another language (外文): staff's translation, if any, stands
    # in 汇总表 for it; 意见明细 keeps the original. `shown_id` is that comment's id.
    foreign: bool = False
    translation: str = ""
    shown_id: int | None = None


@dataclass(frozen=True, kw_only=True)
class DetailRow:
    """One accepted comment; `name` and `phone` are written only when the caller asks for them."""

    receipt: str
    article_label: str | None
    paragraph: int | None = None
    text: str
    suggestion: str = ""
    reason: str = ""
    identity: str = ""
    station: str = ""
    channel: str = ""
    submitted_at: datetime
    group: str | None = None
    duplicate_group: str | None = None
    status: str = ""
    name: str | None = None
    phone: str | None = None


@dataclass(frozen=True, kw_only=True)
class ArticleCount:
    """Comments on one article; `label` None counts the comments on the whole draft."""

    label: str | None
    order: int
    count: int


@dataclass(frozen=True, kw_only=True)
class StatsData:
    """Participations (人次) by station, identity, channel and day, and comments per article."""

    by_station: Mapping[str, int]
    by_identity: Mapping[str, int]
    by_channel: Mapping[str, int]
    by_day: Mapping[date, int]
    by_article: Sequence[ArticleCount]


@dataclass(frozen=True, kw_only=True)
class KindFigures:
    """One kind of consultation in a period: the consultations open and the comments received."""

    consultations: int = 0
    comments: int = 0


@dataclass(frozen=True, kw_only=True)
class RequestFigures:
    """Residents' requests (民情) sent to departments in a period: 转办 N, 已办结 M, of which replied by the
    due day, and those still open past it (逾期) on the day the figures were made."""

    referred: int = 0
    done: int = 0
    done_on_time: int = 0
    overdue: int = 0

    @property
    def on_time_rate(self) -> float | None:
        """按期办结率: done by the due day over done; None when nothing is done yet."""
        return self.done_on_time / self.done if self.done else None


@dataclass(frozen=True, kw_only=True)
class YearFigures:
    drafts: int
    participations: int
    comments: int
    reported: int
    adopted: int
    partly_adopted: int
    # 立法前 / 立法中 / 立法后, and the requests beyond legislation.
    proposal: KindFigures = field(default_factory=KindFigures)
    draft: KindFigures = field(default_factory=KindFigures)
    evaluation: KindFigures = field(default_factory=KindFigures)
    requests: RequestFigures = field(default_factory=RequestFigures)


@dataclass(frozen=True, kw_only=True)
class YearlyReport:
    """Figures for a period, per station in the caller's order, and the total.

    The total is given rather than summed: a draft consulted by several stations, or an
    opinion raised at several, counts once in it.
    """

    contact_point: str
    starts: date
    ends: date
    stations: Sequence[tuple[str, YearFigures]]
    total: YearFigures


@dataclass(frozen=True, kw_only=True)
class ProposalEntry:
    """One group of proposals asking for the same law, as reported upward.

    `name` is the group's name as staff set it, else its most common proposed title; `necessity`
    (立法必要性) and `content` (主要内容) are the representative proposal's. `count` holds every
    proposal of the group, form-letter copies included, `duplicate_count` how many are copies.
    """

    name: str
    necessity: str = ""
    content: str = ""
    identity_counts: Mapping[str, int] = field(default_factory=dict)
    station_counts: Mapping[str, int] = field(default_factory=dict)
    count: int
    duplicate_count: int = 0
    note: str = ""
    group: str | None = None


@dataclass(frozen=True, kw_only=True)
class ProposalDetail:
    """One accepted proposal; `name` and `phone` are written only when the caller asks for them."""

    receipt: str
    title: str
    necessity: str
    content: str = ""
    identity: str = ""
    station: str = ""
    channel: str = ""
    submitted_at: datetime
    group: str | None = None
    status: str = ""
    name: str | None = None
    phone: str | None = None
