"""Builders for report data and helpers to read produced workbooks back."""

from datetime import date, datetime
from io import BytesIO

import pytest

from legislink.reports import (
    ArticleCount,
    DetailRow,
    ImportChoices,
    ReportEntry,
    ReportHeader,
    StatsData,
    write_report,
)


@pytest.fixture
def make_header():
    def make(**overrides):
        values = {
            "draft_title": "义乌市市场经营者权益保护条例（草案）",
            "contact_point": "义乌市人大常委会基层立法联系点",
            "opens": date(2024, 5, 1),
            "closes": date(2024, 5, 31),
            "report_date": date(2024, 6, 5),
            "participants": 120,
            "comments_received": 86,
            "contact_name": "王晓",
            "contact_phone": "0579-85123456",
        }
        return ReportHeader(**(values | overrides))

    return make


@pytest.fixture
def make_entry():
    def make(**overrides):
        values = {
            "article_label": "第十二条",
            "article_order": 12,
            "summary": "建议明确经营者的告知义务。",
            "count": 3,
            "identity_counts": {"个体工商户": 2, "外籍商人": 1},
        }
        return ReportEntry(**(values | overrides))

    return make


@pytest.fixture
def make_detail():
    def make(**overrides):
        values = {
            "receipt": "YW2405010001",
            "article_label": "第十二条",
            "text": "经营者应当在显著位置公示价格。",
            "identity": "个体工商户",
            "station": "稠城街道联络站",
            "channel": "网上",
            "submitted_at": datetime(2024, 5, 2, 9, 30),
            "status": "已上报",
        }
        return DetailRow(**(values | overrides))

    return make


@pytest.fixture
def make_stats():
    def make(**overrides):
        values = {
            "by_station": {"稠城街道联络站": 40, "福田街道联络站": 60},
            "by_identity": {"居民": 70, "外籍商人": 30},
            "by_channel": {"网上": 80, "座谈会": 20},
            "by_day": {date(2024, 5, 2): 30, date(2024, 5, 1): 70},
            "by_article": [
                ArticleCount(label="第三条", order=3, count=5),
                ArticleCount(label="第十二条", order=12, count=9),
                ArticleCount(label=None, order=0, count=5),
            ],
        }
        return StatsData(**(values | overrides))

    return make


@pytest.fixture
def report_bytes(make_header, make_stats):
    """Write a report to memory; keyword arguments go to write_report."""

    def make(entries=(), details=(), header=None, stats=None, **options):
        out = BytesIO()
        write_report(out, header or make_header(), entries, details, stats or make_stats(), **options)
        return out.getvalue()

    return make


@pytest.fixture
def choices():
    return ImportChoices(
        identities=["居民", "个体工商户", "外籍商人", "律师"],
        stations={"CC01": "稠城街道联络站", "FT02": "福田街道联络站"},
        channels=["座谈会", "信件", "电话", "走访"],
    )
