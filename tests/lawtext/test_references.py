"""References as residents write them, and references to other laws told apart."""

import pytest

from legislink.lawtext.references import Reference, find_references, laws_named, names_other_law


def _articles(text: str) -> list[tuple]:
    return [(r.article, r.sub, r.paragraph, r.item) for r in find_references(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("看了第十二条，写得好", [(12, None, None, None)]),
    ("建议第12条增加一款", [(12, None, None, None)]),
    ("对12条有意见", [(12, None, None, None)]),
    ("关于十二条第二款的表述", [(12, None, 2, None)]),
    ("第十二条第二款应当删除", [(12, None, 2, None)]),
    ("第二十条之一写得太宽", [(20, 1, None, None)]),
    ("第十七条第二项", [(17, None, None, 2)]),
    ("建议17条（一）修改为", [(17, None, None, 1)]),
    ("第 26 条提出建议", [(26, None, None, None)]),
    ("第三十七條說單位要支持", [(37, None, None, None)]),
    ("Article 12 is unclear, and art. 13(2) too", [(12, None, None, None), (13, None, 2, None)]),
])
def test_every_written_form_of_an_article_reference_is_found(text, expected):
    assert _articles(text) == expected


@pytest.mark.parametrize("text", ["一条龙服务", "我提三条意见", "十几年没变", "第一条建议：加强宣传", "两条路可走"])
def test_counts_and_phrases_with_tiao_are_not_references(text):
    assert find_references(text) == []


def test_a_chapter_reference_gives_the_chapter_number():
    (ref,) = find_references("草案第三章对家长的要求太多")
    assert (ref.article, ref.chapter) == (None, 3)


def test_the_span_covers_the_reference():
    text = "我觉得第十二条第二款太宽泛"
    (ref,) = find_references(text)
    assert text[ref.span[0]:ref.span[1]] == "第十二条第二款"


@pytest.mark.parametrize(("text", "law"), [
    ("民法典第一千零四十三条规定了家风", "民法典"),
    ("《未成年人保护法》第十五条已经规定", "未成年人保护法"),
    ("根据未成年人保护法第十五条", "未成年人保护法"),
    ("Article 12 of the Civil Code says", "Civil Code"),
])
def test_the_law_named_before_a_reference_is_reported(text, law):
    (ref,) = find_references(text)
    assert ref.law == law
    assert names_other_law(ref, "中华人民共和国家庭教育促进法")


@pytest.mark.parametrize("text", [
    "对《家庭教育促进法（草案）》第二十六条提出建议",
    "家庭教育促进法草案二十六条",
    "家庭教育促进法第二十六条",
    "本法第二十六条",
])
def test_the_draft_under_discussion_is_not_another_law(text):
    (ref,) = find_references(text)
    assert not names_other_law(ref, "中华人民共和国家庭教育促进法")


def test_a_reference_without_a_law_is_to_the_draft():
    assert not names_other_law(Reference(article=3), "任何标题")


@pytest.mark.parametrize("text", ["关于第12、13条", "第十二、十三条都有问题", "第12和13条"])
def test_a_list_of_articles_names_each_in_order(text):
    assert [r.article for r in find_references(text)] == [12, 13]


@pytest.mark.parametrize("text", ["第五至第七条应当合并", "第5-7条应当合并", "第五到七条应当合并",
                                  "第五条至第七条应当合并", "建议第5～7条合并"])
def test_a_range_of_articles_names_each_from_the_first(text):
    assert [r.article for r in find_references(text)] == [5, 6, 7]


def test_a_long_range_names_its_two_ends_only():
    assert [r.article for r in find_references("第一至第一百条都要改")] == [1, 100]


def test_a_range_backwards_or_of_one_article_is_no_range():
    assert [r.article for r in find_references("第七至第五条")] == [5]


@pytest.mark.parametrize(("text", "names"), [
    ("关于个人所得税法的专项附加扣除，建议提高标准", ["个人所得税法"]),
    ("要与《未成年人保护法》衔接", ["未成年人保护法"]),
    ("这个法是好事，可老年人看不懂", []),
    ("到处都说超龄了这个法该管管", []),
    ("养孩子还要法律来教？", []),
    ("违法成本太低，执法也不严", []),
    # Ways of acting that end in 法, not laws; a law whose name ends like one still counts.
    ("大家都要遵纪守法，这条规定很好", []),
    ("他们非法集资，坑了不少老人", []),
    ("消费者权益保护法要跟上", ["消费者权益保护法"]),
    ("物业管理办法也该改", ["物业管理办法"]),
    # A law's name says what it governs: an adjective or a verb of seeing before 条例 is no name.
    ("我看到条例里写了登记，很好", []),
    ("这个条例是好条例，新条例出台后大家都守规矩", []),
    ("按照物业管理条例和民法典的规定", ["物业管理条例", "民法典"]),
    # A pronoun or a verb of asking, fearing or inquiring before a bare 条例: the text under discussion.
    ("他要求条例规定平台要为司机缴纳保险", []),
    ("来电人担心条例实施后自己的车不合格", []),
    ("她询问条例出台后这种情况是否违法", []),
    # ... and before a name, the name.
    ("我们要求物业管理条例修改", ["物业管理条例"]),
    ("我担心电动自行车管理条例管得太宽", ["电动自行车管理条例"]),
])
def test_laws_are_named_anywhere_in_a_text(text, names):
    assert laws_named(text) == names


def test_a_law_named_in_passing_is_another_law_than_the_draft():
    (name,) = laws_named("物业费涨价的事请在物业管理条例里写清楚")
    assert name.endswith("物业管理条例")
    assert names_other_law(Reference(article=None, law=name), "中华人民共和国就业促进法")


@pytest.mark.parametrize(("text", "names"), [
    # Words ending in 法 or 条例 that name no law (a verb on law, a phrase before the text's own 条例).
    ("建议修法时把新情况考虑进去", []),
    ("不然守法的反而吃亏", []),
    ("十年前的法放到今天过时了", []),
    ("希望能写进条例：租客也能登记", []),
    # 法 and 办法 as "a way": 没法, 无法, 没办法 end no law's name.
    ("踩上去鞋都没法要了", []),
    ("晚上吵得大家无法入睡", []),
    ("跟邻居说了也没办法", []),
    ("请有关部门想办法", []),
    # A law of two characters named after an ask.
    ("建议刑法提高刑罚", ["刑法"]),
    ("建议民法典第十条删除", ["民法典"]),
])
def test_words_ending_in_fa_that_name_no_law(text, names):
    assert laws_named(text) == names
