"""The parser, rule by rule, on short texts of our own writing."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legislink.lawtext import ParseError, parse_text, to_json
from legislink.lawtext.numerals import int_to_cn
from tests.lawtext.helpers import fixture_text


def labels(text: str) -> list[str]:
    return [a.label for a in parse_text(text).articles]


def article_json(text: str, label: str) -> dict:
    return next(a for a in to_json(parse_text(text))["articles"] if a["label"] == label)


def codes(text: str) -> list[tuple[int, str]]:
    return [(w.line, w.code) for w in parse_text(text).warnings]


# -- numbering ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "number"),
    [("第一千二百六十条", 1260), ("第二百零五条", 205), ("第一千零一十条", 1010), ("第一百一十条", 110)],
)
def test_article_numbers_of_any_size_are_read(label, number):
    doc = parse_text(f"{label}　本法自公布之日起施行。")
    assert (doc.articles[0].label, doc.articles[0].number, doc.articles[0].sub) == (label, number, 0)


def test_zhi_articles_carry_a_sub_number_and_keep_their_label():
    text = "第二十条　甲。\n第二十条之一　乙。\n第二十条之二　丙。\n第二十一条　丁。"
    doc = parse_text(text)
    assert [(a.label, a.number, a.sub) for a in doc.articles] == [
        ("第二十条", 20, 0), ("第二十条之一", 20, 1), ("第二十条之二", 20, 2), ("第二十一条", 21, 0),
    ]
    assert doc.warnings == []


def test_arabic_and_spaced_labels_are_given_their_official_spelling():
    assert labels("第1条 总体要求。\n第 2 条 具体要求。\n第二条 之一 补充要求。") == ["第一条", "第二条", "第二条之一"]


# -- 款, 项, 目 ------------------------------------------------------------------------------


def test_paragraphs_items_and_subitems_keep_their_structure():
    doc = parse_text(fixture_text("volunteer_regulation_draft.txt"))
    third = doc.article("第三条")
    assert len(third.paragraphs) == 1
    items = third.paragraphs[0].items
    assert [i.label for i in items] == ["（一）", "（二）", "（三）", "（四）"]
    assert [s.label for s in items[2].subitems] == ["1.", "2."]
    assert items[2].subitems[0].text == "服务时间由志愿者自主选择；"


def test_json_paragraphs_hold_one_string_per_kuan_with_items_on_their_own_lines():
    text = "第五条　志愿者享有下列权利：\n（一）自主决定；\n（二）获得培训。\n前款规定的权利受法律保护。"
    article = article_json(text, "第五条")
    assert article["paragraphs"] == [
        "志愿者享有下列权利：\n（一）自主决定；\n（二）获得培训。",
        "前款规定的权利受法律保护。",
    ]


def test_subitems_written_with_a_full_width_point_are_recognised():
    text = "第三条　原则如下：\n（一）平等，包括：\n1．机会平等；\n2．待遇平等。"
    items = parse_text(text).articles[0].paragraphs[0].items
    assert [s.label for s in items[0].subitems] == ["1．", "2．"]


def test_an_item_citation_at_a_line_start_is_not_an_item():
    text = "第八条　依照本条第一款第\n（二）项的规定处理。"
    article = parse_text(text).articles[0]
    assert article.paragraphs[0].items == []
    assert article.text == "依照本条第一款第（二）项的规定处理。"


# -- labels, separators, captions --------------------------------------------------------------


@pytest.mark.parametrize("separator", [" ", "\u3000", "\u2002", "\t", "", "：", ": "])
def test_labels_are_followed_by_any_separator_or_none(separator):
    text = f"第一条{separator}为了规范管理，制定本条例。\n第二条{separator}本条例适用于本市。"
    doc = parse_text(text)
    assert [(a.label, a.text) for a in doc.articles] == [
        ("第一条", "为了规范管理，制定本条例。"), ("第二条", "本条例适用于本市。"),
    ]


@pytest.mark.parametrize(
    "line",
    ["第一条【立法目的】为了规范管理，制定本条例。", "第一条（立法目的）为了规范管理，制定本条例。",
     "第一条　【立法目的】　为了规范管理，制定本条例。"],
)
def test_captions_are_kept_apart_from_the_text(line):
    article = article_json(line, "第一条")
    assert article["caption"] == "立法目的"
    assert article["paragraphs"] == ["为了规范管理，制定本条例。"]


def test_an_article_without_a_caption_has_null_caption():
    assert article_json("第一条　为了规范管理，制定本条例。", "第一条")["caption"] is None


def test_the_text_of_a_label_alone_on_its_line_comes_from_the_next_line():
    doc = parse_text("第一条【立法目的】\n为了规范管理，制定本条例。\n第二条\n本条例适用于本市。")
    assert [(a.caption, a.text) for a in doc.articles] == [
        ("立法目的", "为了规范管理，制定本条例。"), (None, "本条例适用于本市。"),
    ]


# -- headings, title, 题注, TOC -----------------------------------------------------------------


def test_spaced_heading_titles_are_normalised_and_paths_built():
    text = (
        "第一编　总　　则\n第一分编　通　　则\n第一章　一般规定\n第一条　甲。\n"
        "第一节　登　记\n第二条　乙。\n第二章　附　　则\n第三条　丙。"
    )
    doc = parse_text(text)
    assert [(h.level, h.label, h.title) for h in doc.headings] == [
        ("编", "第一编", "总则"), ("分编", "第一分编", "通则"), ("章", "第一章", "一般规定"),
        ("节", "第一节", "登记"), ("章", "第二章", "附则"),
    ]
    assert doc.article("第二条").path == ("第一编 总则", "第一分编 通则", "第一章 一般规定", "第一节 登记")
    assert doc.article("第三条").path == ("第一编 总则", "第一分编 通则", "第二章 附则")


def test_a_heading_title_on_the_next_line_joins_its_label():
    doc = parse_text("第一章\n总　　则\n第一条　为了规范管理，制定本条例。")
    assert [(h.label, h.title) for h in doc.headings] == [("第一章", "总则")]
    assert doc.articles[0].path == ("第一章 总则",)


def test_an_unnumbered_supplementary_part_closes_the_last_article_without_a_heading():
    text = "第一编　总则\n第一条　甲。\n附　　则\n第二条　本法自公布之日起施行。"
    doc = parse_text(text)
    assert doc.article("第一条").text == "甲。"
    assert doc.article("第二条").path == ("附则",)
    assert [h.label for h in doc.headings] == ["第一编"]


def test_title_and_notes_are_recognised_in_both_styles():
    text = (
        "中华人民共和国测试法\n"
        "（2020年5月28日第十三届全国人民代表大会第三次会议通过\n"
        "根据2023年12月29日第十四届全国人民代表大会常务委员会第七次会议修正）\n"
        "2024年1月1日 施行\n"
        "第一章　总　　则\n第一条　为了测试，制定本法。"
    )
    doc = parse_text(text)
    assert doc.title == "中华人民共和国测试法"
    assert doc.preamble == [
        "（2020年5月28日第十三届全国人民代表大会第三次会议通过"
        "根据2023年12月29日第十四届全国人民代表大会常务委员会第七次会议修正）",
        "2024年1月1日 施行",
    ]
    assert doc.warnings == []


def test_a_title_wrapped_over_two_lines_is_joined():
    doc = parse_text("青山市社区志愿服务\n促进条例\n（草案）\n第一条　为了测试，制定本条例。")
    assert doc.title == "青山市社区志愿服务促进条例（草案）"
    assert doc.warnings == []


def test_the_table_of_contents_produces_no_headings_or_articles():
    doc = parse_text(fixture_text("volunteer_regulation_draft.txt"))
    assert doc.has_toc
    assert [h.label for h in doc.headings] == ["第一章", "第二章", "第三章", "第四章"]
    assert all(h.line > 10 for h in doc.headings)


@pytest.mark.parametrize(
    "toc",
    [
        "目　　录\n第一章　总　　则\n第二章　管　　理\n",
        "目录\n第一章 总则 ........ 1\n第二章 管理 ........ 3\n",
        "目　录\n\n第一章　总则　　1\n\n第二章　管理　　2\n\n",
        "第一章　总　　则\n第二章　管　　理\n",  # a Word TOC often has no title
    ],
)
def test_tables_of_contents_with_or_without_page_numbers_are_skipped(toc):
    text = f"测试条例\n{toc}第一章　总　　则\n第一条　甲。\n第二章　管　　理\n第二条　乙。"
    doc = parse_text(text)
    assert doc.has_toc
    assert [(h.label, h.title) for h in doc.headings] == [("第一章", "总则"), ("第二章", "管理")]
    assert labels(text) == ["第一条", "第二条"]


def test_a_table_of_contents_that_lists_articles_is_skipped_too():
    text = (
        "测试条例\n目录\n第一条【目的】\n第二条【施行】\n"
        "第一条【目的】为了测试，制定本条例。\n第二条【施行】本条例自公布之日起施行。"
    )
    doc = parse_text(text)
    assert [(a.label, a.text) for a in doc.articles] == [
        ("第一条", "为了测试，制定本条例。"), ("第二条", "本条例自公布之日起施行。"),
    ]


# -- what is not part of the law ----------------------------------------------------------------


def test_an_appended_explanatory_note_is_excluded():
    doc = parse_text(fixture_text("volunteer_regulation_draft.txt"))
    assert doc.articles[-1].label == "第十三条"
    assert doc.articles[-1].text == "本条例自2026年1月1日起施行。"
    assert [h.label for h in doc.headings][-1] == "第四章"


@pytest.mark.parametrize("marker", ["— 7 —", "- 7 -", "第 7 页", "第7页 共12页", "7", "７/１２"])
def test_page_markers_are_dropped(marker):
    text = f"第一条　为了测试，制定本条例。\n{marker}\n第二条　本条例自公布之日起施行。"
    doc = parse_text(text)
    assert [a.text for a in doc.articles] == ["为了测试，制定本条例。", "本条例自公布之日起施行。"]


def test_deleted_placeholders_are_kept_and_marked():
    doc = parse_text("第一百九十八条　甲。\n第一百九十九条　（删去）\n第二百条　乙。")
    placeholder = doc.article("第一百九十九条")
    assert placeholder.deleted
    assert placeholder.paragraphs == []
    assert article_json("第一条　（删去）\n第二条　乙。", "第一条")["deleted"] is True
    assert doc.warnings == []


# -- hard-wrapped text ----------------------------------------------------------------------------


WRAPPED = """青山市社区志愿服务促进条例
第一条　为了促进社区志愿服务，弘扬奉献、友爱、互助、进步的志愿精神，保
障志愿者、志愿服务组织和服务对象的合法权益，结合本市实际，制定本条例。
第二条　市民政部门负责社区志愿服务的行政管理工作。区民政部门依照本条例
第十二条规定的程序开展志愿服务记录工作，并对志愿服务组织进行指导和监督
。
— 1 —
第三条　志愿服务组织应当如实记录志愿者的服务时间、服务内容和评价情况，依
照本条例
第四条的规定录入信息平台。
第四条　志愿服务信息的录入、查询和更正程序，由市民政部门另行规定，并向社
会公布。"""


def test_hard_wrapped_lines_are_rejoined_and_references_at_line_starts_stay_in_the_text():
    doc = parse_text(WRAPPED)
    assert labels(WRAPPED) == ["第一条", "第二条", "第三条", "第四条"]
    assert doc.article("第二条").text == (
        "市民政部门负责社区志愿服务的行政管理工作。区民政部门依照本条例第十二条规定的程序开展志愿服务记录工作，"
        "并对志愿服务组织进行指导和监督。"
    )
    assert doc.article("第三条").text.endswith("依照本条例第四条的规定录入信息平台。")
    assert doc.warnings == []


def test_a_reference_to_the_next_article_at_a_line_start_is_not_taken_for_it():
    text = "第一条　为了规范管理，根据\n第二条的授权，制定本条例。\n第二条　本条例适用于本市。"
    assert labels(text) == ["第一条", "第二条"]


@pytest.mark.parametrize(
    "citation",
    ["第十二条规定的", "第十二条的规定", "第十二条、第十三条", "第十二条第二款", "第十二条至第十五条",
     "第十二条之规定", "第十二条中的"],
)
def test_citations_at_a_paragraph_start_are_never_articles(citation):
    text = f"第十一条　甲。\n{citation}事项，依照本条例执行。\n第十二条　乙。"
    doc = parse_text(text)
    assert labels(text) == ["第十一条", "第十二条"]
    assert doc.article("第十一条").paragraphs[1].text.startswith(citation)


# What citations begin with after `第十二条`; an article may begin with them too (立法法 2015,
# 第七十六条　规定本行政区域特别重大事项的地方性法规，应当由人民代表大会通过。).
CITATION_WORDS = ["规定", "的", "之", "至", "到", "中的", "中规定", "所称", "所列", "所规定", "所指", "所述",
                  "、", "，", "第三款", "（一）", "和", "及", "与", "或", "以外", "前", "后", "等"]


def test_articles_that_begin_with_a_citations_word_are_found_when_a_separator_follows():
    doc = parse_text(fixture_text("market_citation_words_regulation.txt"))
    assert [a.label for a in doc.articles] == [f"第{int_to_cn(n)}条" for n in range(1, 12)]
    assert {label: doc.article(label).text[:4] for label in ("第三条", "第五条", "第七条", "第八条")} == {
        "第三条": "规定本市", "第五条": "规定摊位", "第七条": "至迟在每", "第八条": "规定禁止"}
    # Without a separator the same words make a citation, even of the next article.
    assert doc.article("第四条").paragraphs[1].text.startswith("第五条规定的摊位租金标准")
    assert doc.warnings == []


@pytest.mark.parametrize("separator", ["\u3000", " ", "\u2002", "：", "\t"])
def test_a_separated_label_before_a_citations_word_is_an_article_only_in_sequence(separator):
    text = (f"第十一条　甲。\n第十二条{separator}规定本市重大事项的，应当公告。\n"
            f"第十四条{separator}规定的事项，依照本条例执行。\n第十三条　乙。")
    doc = parse_text(text)
    assert labels(text) == ["第十一条", "第十二条", "第十三条"]
    assert doc.article("第十二条").text.startswith("规定本市重大事项的")
    assert doc.article("第十二条").paragraphs[1].text.startswith("第十四条")


@given(st.lists(st.tuples(st.sampled_from(CITATION_WORDS), st.sampled_from(["\u3000", " ", "：", "\u2002"])),
                min_size=1, max_size=40))
def test_every_article_of_a_law_numbered_without_a_gap_is_found(openings):
    text = "\n".join(f"第{int_to_cn(n)}条{separator}{word}本条例所称的事项，依照本条例执行。"
                     for n, (word, separator) in enumerate(openings, start=1))
    assert labels(text) == [f"第{int_to_cn(n)}条" for n in range(1, len(openings) + 1)]


def test_a_line_ending_with_a_colon_in_a_law_does_not_swallow_the_next_chapter():
    text = "第一章　总则\n第一条　本条例所称市场，包括下列场所：\n第二章　经营\n第二条　乙。"
    doc = parse_text(text)
    assert [h.label for h in doc.headings] == ["第一章", "第二章"]
    assert doc.article("第二条").path == ("第二章 经营",)


# -- amendments -------------------------------------------------------------------------------


def test_an_amendment_is_parsed_as_items_with_their_quoted_text():
    doc = parse_text(fixture_text("volunteer_amendment.txt"))
    assert doc.kind == "amendment"
    assert [(a.label, a.number, a.sub, a.path) for a in doc.articles] == [
        (f"{n}、", i, 0, ()) for i, n in enumerate("一二三四五", start=1)
    ]
    assert doc.headings == []
    second = doc.article("二、")
    assert [p.text[:6] for p in second.paragraphs] == ["在第四条后增", "“第四条之二", "“第十二条规"]
    assert doc.article("三、").paragraphs[1].text == "“第五章\u3000法律责任"


def test_quoted_articles_in_an_amendment_without_items_are_not_entries():
    text = (
        "中华人民共和国测试法修正案\n（2030年1月1日第二十届全国人民代表大会常务委员会第一次会议通过）\n"
        "一、将第三条修改为：\n“第三条　国家保障测试工作。\n“第四章　附则”\n"
        "二、本修正案自公布之日起施行。"
    )
    doc = parse_text(text)
    assert doc.kind == "amendment"
    assert [a.label for a in doc.articles] == ["一、", "二、"]
    assert doc.headings == []


def test_a_law_is_of_kind_law():
    assert parse_text("第一条　甲。").kind == "law"


# -- warnings ---------------------------------------------------------------------------------


def test_numbering_gaps_and_repeats_are_reported_with_line_numbers():
    text = "第一条　甲。\n第二条　乙。\n第五条　丙。\n第五条　丁。\n第四条　戊。"
    doc = parse_text(text)
    assert [(w.line, w.code) for w in doc.warnings] == [
        (3, "numbering_gap"), (4, "numbering_repeat"), (5, "numbering_repeat"),
    ]
    gap = doc.warnings[0]
    assert gap.params == {"previous": "第二条", "found": "第五条", "expected": "第三条"}
    assert "第五条" in gap.message


def test_a_label_misprinted_with_笫_is_read_as_the_article_and_said():
    # 笫五十四条 as the 农民专业合作社法 (2017) of the LawRefBook collection has it: before, its text went
    # into 第五十三条 and only the jump to 第五十五条 was reported.
    text = "第一章　总则\n第五十三条　甲。\n笫五十四条　乙。\n第五十五条　丙。\n笫二章　附则\n第五十六条　丁。"
    doc = parse_text(text)
    assert [a.label for a in doc.articles] == ["第五十三条", "第五十四条", "第五十五条", "第五十六条"]
    assert doc.articles[1].paragraphs[0].full_text == "乙。"
    assert [h.label for h in doc.headings] == ["第一章", "第二章"]
    assert [(w.line, w.code, w.params) for w in doc.warnings] == [
        (3, "misprinted_label", {"found": "笫五十四条", "label": "第五十四条"}),
        (5, "misprinted_label", {"found": "笫二章", "label": "第二章"}),
    ]


def test_a_misprinted_label_is_quoted_as_typed():
    doc = parse_text("第五十三条　甲。\n笫54条　乙。\n笫 五十五 条　丙。")
    assert [w.params["found"] for w in doc.warnings] == ["笫54条", "笫五十五条"]
    assert [a.label for a in doc.articles] == ["第五十三条", "第五十四条", "第五十五条"]


@pytest.mark.parametrize("ordinal", ["第", "笫"])
def test_a_citation_at_a_line_start_is_no_article_however_its_ordinal_is_typed(ordinal):
    # A guard on the misprint reading: 笫 is read as 第 is read, citations included (第二条规定的… starts nothing).
    doc = parse_text(f"第一条　甲。\n{ordinal}二条规定的事项除外。\n第二条　乙。")
    assert [a.label for a in doc.articles] == ["第一条", "第二条"]
    assert [p.full_text for p in doc.articles[0].paragraphs] == ["甲。", f"{ordinal}二条规定的事项除外。"]


def test_in_a_typed_text_a_label_after_a_stray_line_is_read_even_past_a_gap():
    # As 北京市人民代表大会议事规则 (2022) of the LawRefBook collection has it: 第十六条 missing, and a line with no
    # full stop above 第十七条. 第十七条 used to go into 第十五条, the gap reported at 第十八条.
    text = "第十五条　甲。\n第三章　审议\n审查计划和预算\n第十七条　乙。\n第十八条　丙。"
    doc = parse_text(text)
    assert [a.label for a in doc.articles] == ["第十五条", "第十七条", "第十八条"]
    assert doc.articles[1].paragraphs[0].full_text == "乙。"
    assert [(w.line, w.code) for w in doc.warnings if w.code.startswith("numbering")] == [(4, "numbering_gap")]


def test_an_empty_article_is_reported():
    assert codes("第一条　甲。\n第二条\n第三条　丙。") == [(2, "empty_article")]


def test_text_before_the_first_article_that_is_no_title_or_note_is_reported():
    text = "测试条例\n（2030年1月1日通过）\n本条例由市政府提请审议。\n第一条　甲。"
    doc = parse_text(text)
    assert [(w.line, w.code) for w in doc.warnings] == [(3, "preamble_text")]
    assert doc.warnings[0].params["text"] == "本条例由市政府提请审议。"
    assert doc.title == "测试条例"


def test_heading_numbering_gaps_are_reported():
    assert codes("第一章　总则\n第一条　甲。\n第三章　附则\n第二条　乙。") == [(3, "heading_number_gap")]


def test_warnings_in_json_carry_line_code_and_message():
    warning = to_json(parse_text("第一条　甲。\n第三条　乙。"))["warnings"][0]
    assert set(warning) == {"line", "code", "message"}
    assert warning["line"] == 2


# -- errors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "code"), [("", "empty_text"), ("\n \n", "empty_text"),
                                            ("这是一段没有条文的文字。\n第十二条规定的事项。", "no_articles")])
def test_texts_without_articles_raise_a_parse_error_with_a_code(text, code):
    with pytest.raises(ParseError) as caught:
        parse_text(text)
    assert caught.value.code == code


def test_json_has_exactly_the_documented_fields():
    data = to_json(parse_text(fixture_text("volunteer_regulation_draft.txt")))
    assert set(data) == {"title", "kind", "articles", "headings", "warnings"}
    assert set(data["articles"][0]) == {"label", "number", "sub", "caption", "path", "paragraphs", "deleted"}
    assert set(data["headings"][0]) == {"level", "label", "title"}
    assert data["articles"][0]["path"] == ["第一章 总则"]


def test_a_first_line_that_is_a_sentence_is_not_taken_for_the_title():
    doc = parse_text("各位代表：\n现将草案全文公布如下。\n第一条　甲。")
    assert doc.title == ""
    assert [w.code for w in doc.warnings] == ["preamble_text", "preamble_text"]


def test_an_attachment_mark_above_the_title_is_ignored():
    doc = parse_text("附件1\n青山市测试条例（草案）\n第一条　甲。")
    assert doc.title == "青山市测试条例（草案）"
    assert doc.warnings == []


def test_an_attachment_after_the_articles_is_not_part_of_the_last_article():
    doc = parse_text("第一条　甲。\n第二条　乙。\n附件一\n1．关于某事项的决定\n2．关于另一事项的决定")
    assert doc.article("第二条").text == "乙。"


def test_text_an_amendment_inserts_after_a_colon_stays_inside_the_entry():
    doc = parse_text(fixture_text("market_amendment_insertion.txt"))
    assert doc.kind == "amendment"
    assert [a.label for a in doc.articles] == ["第十一条", "第十二条", "第十三条", "第十四条", "第十五条"]
    assert doc.headings == []
    inserting = doc.article("第十三条")
    assert [p.text[:4] for p in inserting.paragraphs] == [
        "条例第二", "第二节\u3000", "第十条\u3000", "第十一条", "线上经营", "第十二条", "原第十条"]
    assert doc.article("第十四条").paragraphs[1].text.startswith("“市场经营者")
    assert doc.warnings == []
    entries = to_json(doc)["articles"]
    assert [a["label"] for a in entries] == [a.label for a in doc.articles]
    assert "第二节\u3000线上经营" in next(a for a in entries if a["label"] == "第十三条")["paragraphs"]
