"""Identity words people write map to the counting categories; the words themselves are kept."""

import pytest

from legislink.models import Identity
from legislink.reports import identities

NAMES = {"居民": "resident", "教师": "teacher", "其他": "other"}


@pytest.mark.parametrize(("written", "category"), [
    ("家长", "resident"), ("外来务工人员", "resident"), ("退休教师", "teacher"), ("退休小学教师", "teacher"),
    (" 个体户 ", "trader"), ("教师", "teacher"), ("", "resident"), ("宇航员", "other"),
])
def test_common_words_count_under_a_category(written, category):
    assert identities.category_of(written, NAMES) == category


def test_every_category_in_the_data_file_exists():
    assert set(identities.known_words().values()) <= {i.value for i in Identity}


def test_the_report_names_people_by_their_own_words():
    assert identities.source_name("家长", "居民") == "家长"
    assert identities.source_name("  ", "居民") == "居民"
