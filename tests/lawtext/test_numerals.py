import pytest

from legislink.lawtext.numerals import cn_to_int, int_to_cn


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("一百", 100), ("一百零五", 105),
        ("二百零五", 205), ("一百一十", 110), ("一千零一十", 1010), ("一千二百六十", 1260),
        ("两千", 2000), ("一万零一", 10001), ("十二万三千", 123000), ("1260", 1260),
        ("１２", 12), ("〇", 0),
    ],
)
def test_chinese_numerals_read_as_written_in_labels(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize("text", ["", "条", "十a"])
def test_non_numerals_are_refused(text):
    with pytest.raises(ValueError, match="numeral"):
        cn_to_int(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (105, "一百零五"), (110, "一百一十"),
        (205, "二百零五"), (1010, "一千零一十"), (1260, "一千二百六十"), (1001, "一千零一"),
        (10010, "一万零一十"), (100000, "十万"),
    ],
)
def test_integers_spell_like_official_labels(value, text):
    assert int_to_cn(value) == text


def test_spelling_and_reading_round_trip_through_a_civil_code():
    for n in range(1, 3000):
        assert cn_to_int(int_to_cn(n)) == n
