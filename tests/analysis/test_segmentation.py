"""The jieba adapter: its own tokenizer and dictionary, legal stop words, normalised forms."""

import jieba

from legislink.analysis import Segmenter
from legislink.analysis.segmentation import stop_words, with_translations


def test_general_shares_come_from_jiebas_own_dictionary(segmenter):
    assert segmenter.general_share("的") > segmenter.general_share("监护人") > segmenter.general_share("嗯嗯啊啊哦")
    assert segmenter.general_share("嗯嗯啊啊哦") * 100 < segmenter.general_share("监护人")


def test_stop_words_references_and_numbers_are_dropped(segmenter):
    tokens = segmenter.tokens("我们觉得本法第十二条应当修改，建议第3条第二款增加200元罚款")
    assert not {"我们", "觉得", "本法", "应当", "建议", "第十二条", "200", "3", "第二款"} & set(tokens)
    assert "罚款" in tokens


def test_traditional_characters_become_simplified(segmenter):
    assert segmenter.tokens("電話卡實名制應當嚴格執行") == segmenter.tokens("电话卡实名制应当严格执行")


def test_english_words_are_kept_lower_case_without_stop_words(segmenter):
    tokens = segmenter.tokens("The SIM Card rules should protect Foreign Traders")
    assert {"sim", "card", "rules", "protect", "foreign", "traders"} <= set(tokens)
    assert not {"the", "should", "The"} & set(tokens)


def test_english_words_bring_their_chinese_translations():
    assert "电话卡" in with_translations(["sim", "cards", "registration"])


def test_the_adapter_leaves_jieba_global_tokenizer_untouched(tmp_path):
    before = dict(jieba.dt.user_word_tag_tab)
    Segmenter(tmp_path).tokens("个体工商户办理电话卡")
    assert dict(jieba.dt.user_word_tag_tab) == before
    assert (tmp_path / "jieba.cache").exists()


def test_stop_word_list_has_the_comment_boilerplate():
    assert {"本法", "条款", "建议", "应当", "我们", "觉得"} <= stop_words()
