"""Every sheet as plain rows (a kind and its values), built before anything is written.

The staff page, the CLI and the JSON API call these; the writer in `xlsx` only lays them out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum

from legislink.lawtext.numerals import int_to_cn

from .articles import paragraph_suffix
from .model import (
    DetailRow,
    Outcome,
    ReportEntry,
    ReportHeader,
    StatsData,
    YearFigures,
    YearlyReport,
)

SUMMARY_HEADERS = ("序号", "条款", "草案原文", "修改意见（建议）", "理由及依据", "意见来源", "提出人数", "备注")
DETAIL_HEADERS = (
    "序号", "回执编号", "条款", "意见内容", "修改建议", "理由", "身份", "联络站", "收集方式", "提交时间",
    "意见分组", "重复组", "状态",
)
# Same words as the offline-import template, so a sheet can be read against the other.
CONTACT_HEADERS = ("提出人", "联系电话")
ADOPTION_HEADERS = ("序号", "条款", "意见摘要", "提出人数", "采纳情况", "最终条文", "说明")
YEARLY_HEADERS = ("联络站", "征求意见草案数", "参与人次", "收到意见条数", "上报意见条数", "采纳条数", "部分采纳条数")
# The same sheet's two further tables: the three kinds of consultation, and the requests (民情).
KINDS_SECTION = "立法前、立法中、立法后征集情况"
KIND_HEADERS = ("联络站", "立法前：立项建议征集次数", "立法前：收到建议条数", "立法中：草案征求意见次数",
                "立法中：收到意见条数", "立法后：评估征集次数", "立法后：收到意见条数")
REQUESTS_SECTION = "民情转办情况"
REQUEST_FIGURE_HEADERS = ("联络站", "转办件数", "已办结件数", "按期办结件数", "按期办结率", "逾期件数", "")

GENERAL_SECTION = "一、总体意见"
ARTICLE_SECTION = "二、逐条意见"
WHOLE_DRAFT = "总体意见"
# Comment times are shown as the contact point reads them; China has one zone and no DST.
CHINA_TIME = timezone(timedelta(hours=8))


class RowKind(StrEnum):
    """What a row is; the writer picks style and merging from it."""

    TITLE = "title"
    BANNER = "banner"
    HEADER = "header"
    SECTION = "section"
    ENTRY = "entry"
    TOTAL = "total"
    FOOTER = "footer"
    BLANK = "blank"


@dataclass(frozen=True)
class SheetRow:
    kind: RowKind
    values: tuple[object, ...] = ()


def ordered_entries(entries: Iterable[ReportEntry]) -> list[ReportEntry]:
    """Opinions on the whole draft first, then by article in draft order; bigger groups first.

    Within an article the order is by 提出人数 alone, paragraphs mixed, as the format asks;
    ties keep the caller's order.
    """
    entries = list(entries)
    general = sorted((e for e in entries if e.article_label is None), key=lambda e: -e.count)
    specific = sorted(
        (e for e in entries if e.article_label is not None), key=lambda e: (e.article_order, -e.count)
    )
    return general + specific


def entry_numbers(entries: Iterable[ReportEntry]) -> dict[str, int]:
    """The 序号 each opinion group gets in the summary, by group id."""
    return {e.group: n for n, e in enumerate(ordered_entries(entries), 1) if e.group is not None}


@dataclass(frozen=True)
class SummaryForm:
    """What differs between the article-by-article summaries of a draft (汇总表) and of a law in force
    under evaluation (立法后评估意见汇总表): the title, the header, the sections and an entry's cells.
    Rows 2 and 3, the footer and the order of entries are the same."""

    title: str  # with {title}
    headers: tuple[str, ...]
    general_section: str
    article_section: str
    values: Callable[[int, ReportEntry], tuple[object, ...]]


def build_summary_rows(header: ReportHeader, entries: Iterable[ReportEntry],
                       form: SummaryForm | None = None) -> list[SheetRow]:
    """The 汇总表 sheet (or, with `form`, its evaluation twin), row by row, exactly as
    REPORT_FORMAT.md lays it out."""
    form = form or DRAFT_FORM
    ordered = ordered_entries(entries)
    general = sum(1 for e in ordered if e.article_label is None)
    numbered = [SheetRow(RowKind.ENTRY, form.values(n, e)) for n, e in enumerate(ordered, 1)]
    return [
        SheetRow(RowKind.TITLE, (form.title.format(title=header.draft_title),)),
        SheetRow(RowKind.BANNER, (
            f"报送单位：{header.contact_point}　征求意见时间：{cn_date(header.opens)}至{cn_date(header.closes)}"
            f"　报送日期：{cn_date(header.report_date)}",
        )),
        SheetRow(RowKind.BANNER, (
            f"共{header.participants}人次参与，收到意见{header.comments_received}条，"
            f"整理形成意见{len(ordered)}条（总体意见{general}条，逐条意见{len(ordered) - general}条）",
        )),
        SheetRow(RowKind.HEADER, form.headers),
        SheetRow(RowKind.SECTION, (form.general_section,)),
        *numbered[:general],
        SheetRow(RowKind.SECTION, (form.article_section,)),
        *numbered[general:],
        SheetRow(RowKind.FOOTER, (f"联系人：{header.contact_name}　联系电话：{header.contact_phone}",)),
    ]


def _summary_values(number: int, entry: ReportEntry) -> tuple[object, ...]:
    return (
        number,
        entry_article(entry.article_label, entry.paragraph),
        entry.original_text,
        opinion_text(entry),
        entry.reason,
        sources_text(entry.identity_counts, entry.station_counts),
        entry.count,
        entry_note(entry),
    )


def entry_note(entry: ReportEntry) -> str:
    """备注: form-letter copies, a foreign-language opinion, and staff's own note."""
    return "；".join(filter(None, (duplicate_note(entry.duplicate_count), foreign_note(entry), entry.note)))


def _evaluation_values(number: int, entry: ReportEntry) -> tuple[object, ...]:
    """现行条文, then 实施中的问题 (staff's summary, else the representative comment) and 修改完善建议
    (the suggestion given, as written)."""
    return (
        number,
        entry_article(entry.article_label, entry.paragraph),
        entry.original_text,
        opinion_summary(entry),
        entry.suggestion.strip(),
        sources_text(entry.identity_counts, entry.station_counts),
        entry.count,
        entry_note(entry),
    )


DRAFT_FORM = SummaryForm("《{title}》征求意见汇总表", SUMMARY_HEADERS, GENERAL_SECTION, ARTICLE_SECTION,
                         _summary_values)
EVALUATION_HEADERS = ("序号", "条款", "现行条文", "实施中的问题", "修改完善建议", "意见来源", "提出人数", "备注")
EVALUATION_FORM = SummaryForm("《{title}》实施情况评估意见汇总表", EVALUATION_HEADERS, "一、总体评价", "二、逐条意见",
                              _evaluation_values)


def entry_article(label: str | None, paragraph: int | None) -> str:
    """第十二条第二款; empty for the whole draft."""
    return f"{label}{paragraph_suffix(paragraph)}" if label else ""


def opinion_text(entry: ReportEntry) -> str:
    """The staff summary (else the representative comment), then the suggested wording if any."""
    text = opinion_summary(entry)
    suggestion = entry.suggestion.strip().strip("“”\"")
    if not suggestion:
        return text
    return f"{text}\n建议修改为：“{suggestion}”"


def opinion_summary(entry: ReportEntry) -> str:
    """The staff summary, else the representative comment, words as written (translated, when it is
    in another language and staff translated it)."""
    if entry.summary.strip():
        return entry.summary
    if entry.foreign and entry.translation.strip():
        return entry.translation
    return entry.representative_text


def foreign_note(entry: ReportEntry) -> str:
    """外文 in 备注 when the opinion shown was written in another language and no summary replaces it."""
    if not entry.foreign or entry.summary.strip():
        return ""
    return "外文意见，已译为中文，原文见意见明细" if entry.translation.strip() else "外文意见，尚未翻译"


def sources_text(identities: Mapping[str, int], stations: Mapping[str, int]) -> str:
    """个体工商户5人；外籍商人2人；稠城街道联络站3人: identities, then stations; each by count, then name."""
    parts = []
    for counts in (identities, stations):
        ranked = sorted((item for item in counts.items() if item[1] > 0), key=lambda item: (-item[1], item[0]))
        parts.extend(f"{name}{count}人" for name, count in ranked)
    return "；".join(parts)


def duplicate_note(copies: int) -> str:
    return f"其中格式化重复意见{copies}条" if copies > 0 else ""


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def detail_headers(with_contact: bool) -> tuple[str, ...]:
    return DETAIL_HEADERS + CONTACT_HEADERS if with_contact else DETAIL_HEADERS


def build_detail_rows(
    details: Iterable[DetailRow],
    *,
    with_contact: bool = False,
    group_numbers: Mapping[str, int] | None = None,
) -> Iterator[SheetRow]:
    """The 意见明细 rows, lazily: the header, then one row per comment as `details` yields it.

    `group_numbers` (see `entry_numbers`) shows a group by its 序号 in the summary; a group
    left out of the report keeps its id. Contact columns exist only `with_contact`.
    """
    numbers = group_numbers or {}
    yield SheetRow(RowKind.HEADER, detail_headers(with_contact))
    for number, row in enumerate(details, 1):
        values = (
            number,
            row.receipt,
            entry_article(row.article_label, row.paragraph),
            row.text,
            row.suggestion,
            row.reason,
            row.identity,
            row.station,
            row.channel,
            china_time(row.submitted_at),
            numbers.get(row.group, row.group) if row.group is not None else None,
            row.duplicate_group,
            row.status,
        )
        yield SheetRow(RowKind.ENTRY, values + (row.name, row.phone) if with_contact else values)


def china_time(moment: datetime) -> datetime:
    """A naive time is taken as already local; an aware one is converted (xlsx has no zones)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(CHINA_TIME).replace(tzinfo=None)


def build_stats_rows(
    header: ReportHeader, stats: StatsData, entries: Iterable[ReportEntry] = ()
) -> list[SheetRow]:
    """The 统计 sheet: one small table per breakdown, and adoption once any opinion is marked."""
    rows = [
        SheetRow(RowKind.TITLE, (f"《{header.draft_title}》征求意见统计",)),
        SheetRow(RowKind.BANNER, (f"共{header.participants}人次参与，收到意见{header.comments_received}条",)),
    ]
    ranked_articles = sorted(stats.by_article, key=lambda a: (-a.count, a.label is not None, a.order))
    by_article = [(a.label or WHOLE_DRAFT, a.count) for a in ranked_articles]
    tables = [
        ("按联络站统计", ("联络站", "参与人次"), _ranked(stats.by_station), "合计"),
        ("按身份统计", ("身份", "参与人次"), _ranked(stats.by_identity), "合计"),
        ("按收集方式统计", ("收集方式", "参与人次"), _ranked(stats.by_channel), "合计"),
        ("按日期统计", ("日期", "参与人次"), sorted(stats.by_day.items()), "合计"),
        ("逐条意见数（从多到少）", ("条款", "意见条数"), by_article, "合计"),
    ]
    adoption = adoption_counts(entries)
    if adoption:
        tables.append(("采纳情况", ("项目", "条数"), adoption, "上报意见"))
    for number, (title, headers, counted, total) in enumerate(tables, 1):
        rows.extend(_count_table(f"{int_to_cn(number)}、{title}", headers, counted, total))
    return rows


def _ranked(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _count_table(
    title: str, headers: tuple[str, str], counted: Sequence[tuple[object, int]], total_label: str
) -> list[SheetRow]:
    total = sum(count for _, count in counted)
    rows = [SheetRow(RowKind.BLANK), SheetRow(RowKind.SECTION, (title,)), SheetRow(RowKind.HEADER, (*headers, "占比"))]
    rows.extend(SheetRow(RowKind.ENTRY, (name, count, _share(count, total))) for name, count in counted)
    rows.append(SheetRow(RowKind.TOTAL, (total_label, total, _share(total, total))))
    return rows


def _share(count: int, total: int) -> float | None:
    return count / total if total else None


def adoption_counts(entries: Iterable[ReportEntry]) -> list[tuple[str, int]]:
    """Adopted / partly / not / unmarked, which add up to the opinions reported; empty until one is marked."""
    entries = list(entries)
    marks = [e.adoption.outcome for e in entries if e.adoption is not None]
    if not marks:
        return []
    counted = [(outcome.value, marks.count(outcome)) for outcome in Outcome]
    if len(marks) < len(entries):
        counted.append(("尚未标注", len(entries) - len(marks)))
    return counted


def build_adoption_rows(header: ReportHeader, entries: Iterable[ReportEntry]) -> list[SheetRow]:
    """The 采纳情况 sheet; 序号 are those of the summary, so both sheets can be read together."""
    rows = [
        SheetRow(RowKind.TITLE, (f"《{header.draft_title}》意见采纳情况",)),
        SheetRow(RowKind.HEADER, ADOPTION_HEADERS),
    ]
    for number, entry in enumerate(ordered_entries(entries), 1):
        mark = entry.adoption
        rows.append(SheetRow(RowKind.ENTRY, (
            number,
            entry_article(entry.article_label, entry.paragraph),
            opinion_summary(entry),
            entry.count,
            mark.outcome.value if mark else "",
            mark.final_text if mark else "",
            mark.note if mark else "",
        )))
    return rows


def build_yearly_rows(report: YearlyReport) -> list[SheetRow]:
    """The 年度统计 sheet: one row per station in the caller's order, then the given total."""
    rows = [
        SheetRow(RowKind.TITLE, (
            f"{report.contact_point}立法意见征集情况统计（{cn_date(report.starts)}至{cn_date(report.ends)}）",
        )),
        SheetRow(RowKind.HEADER, YEARLY_HEADERS),
    ]
    for section, headers, values in ((None, None, _figures), (KINDS_SECTION, KIND_HEADERS, _kind_figures),
                                     (REQUESTS_SECTION, REQUEST_FIGURE_HEADERS, _request_figures)):
        if section is not None:
            rows += [SheetRow(RowKind.BLANK, ()), SheetRow(RowKind.SECTION, (section,)),
                     SheetRow(RowKind.HEADER, headers)]
        rows.extend(SheetRow(RowKind.ENTRY, (station, *values(f))) for station, f in report.stations)
        rows.append(SheetRow(RowKind.TOTAL, ("合计", *values(report.total))))
    return rows


def _figures(f: YearFigures) -> tuple[int, ...]:
    return (f.drafts, f.participations, f.comments, f.reported, f.adopted, f.partly_adopted)


def _kind_figures(f: YearFigures) -> tuple[int, ...]:
    return tuple(n for kind in (f.proposal, f.draft, f.evaluation) for n in (kind.consultations, kind.comments))


def _request_figures(f: YearFigures) -> tuple[object, ...]:
    """按期办结率 as the report prints it (87.5%), a dash while nothing is done; the last cell keeps the grid."""
    rate = f.requests.on_time_rate
    return (f.requests.referred, f.requests.done, f.requests.done_on_time,
            "—" if rate is None else f"{rate:.1%}", f.requests.overdue, "")
