"""The language of a piece of text, as BCP 47 tags the pages use to mark parts (WCAG 3.1.2)."""

import pytest

from legislink.analysis.text import foreign_language, language_tag


@pytest.mark.parametrize(("text", "tag"), [
    ("Please publish the guides in Arabic and Russian too.", "en"),
    ("Article 第十四条 should give traders notice before a SIM card is suspended.", "en"),
    ("建议摊位费的调整应当提前公告。", "zh-Hans"),
    ("建議攤位費的調整應當提前公告。", "zh-Hant"),
    ("建议APP要有中文界面，WiFi也要覆盖。", "zh-Hans"),
    ("人民", "zh-Hans"),  # the same in both scripts
    ("", "zh-Hans"),
    ("12345 ！？", "zh-Hans"),
])
def test_the_tag_follows_the_script_most_letters_are_in(text, tag):
    assert language_tag(text) == tag


@pytest.mark.parametrize(("text", "foreign"), [
    ("Please open the market earlier.", True),
    ("Откройте рынок раньше.", True),
    ("建议第十二条写明期限。", False),
    ("第十二条 OK", False),
    ("", False),
])
def test_foreign_language_is_any_script_but_chinese(text, foreign):
    assert foreign_language(text) is foreign
