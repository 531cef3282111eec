"""Aligning two versions of a law, and character diffs."""

import pytest

from legislink.lawtext import parse_text
from legislink.lawtext.diff import DiffSpan, align, char_diff
from tests.lawtext.helpers import fixture_text, perturb, renumbered, shared_law

BASE = [
    "为了促进社区志愿服务，弘扬志愿精神，制定本条例。",
    "本市行政区域内的社区志愿服务及其促进活动，适用本条例。",
    "市民政部门负责全市社区志愿服务的行政管理工作，区民政部门负责本辖区的相关工作。",
    "志愿者享有获得志愿服务所需信息、知识和技能培训的权利。",
    "志愿服务组织应当如实记录志愿者的服务时间、服务内容和评价情况。",
    "社区党群服务中心等公共场所应当为社区志愿服务提供便利。",
    "本市建立志愿服务激励回馈制度，对表现突出的志愿者予以表扬。",
    "本条例自2026年1月1日起施行。",
]
OLD = renumbered([], BASE)


def changes(old_texts: list[str], new_texts: list[str]) -> list[tuple]:
    old, new = renumbered([], old_texts), renumbered([], new_texts)
    return [(a.from_label, a.to_label, a.change) for a in align(old, new)]


def test_identical_versions_align_article_for_article():
    result = align(OLD, renumbered([], BASE))
    assert [(a.from_label, a.to_label, a.change, a.similarity) for a in result] == [
        (a.label, a.label, "same", 1.0) for a in OLD
    ]


def test_an_insertion_renumbers_what_follows_without_moving_it():
    new = [*BASE[:2], "街道办事处应当为志愿服务提供场地和经费保障。", *BASE[2:]]
    assert changes(BASE, new) == [
        ("第一条", "第一条", "same"), ("第二条", "第二条", "same"), (None, "第三条", "added"),
        ("第三条", "第四条", "same"), ("第四条", "第五条", "same"), ("第五条", "第六条", "same"),
        ("第六条", "第七条", "same"), ("第七条", "第八条", "same"), ("第八条", "第九条", "same"),
    ]


def test_a_deleted_article_comes_after_its_old_predecessor():
    new = BASE[:3] + BASE[4:]
    result = changes(BASE, new)
    assert result[3] == ("第四条", None, "deleted")
    assert result[4] == ("第五条", "第四条", "same")
    assert len(result) == len(BASE)


def test_an_article_that_changes_order_is_moved_and_its_neighbours_are_not():
    new = [BASE[0], BASE[6], *BASE[1:6], BASE[7]]
    result = changes(BASE, new)
    assert ("第七条", "第二条", "moved") in result
    assert [c for c in result if c[2] != "same"] == [("第七条", "第二条", "moved")]


def test_an_edited_article_is_modified_with_its_similarity():
    edited = BASE[2].replace("行政管理工作", "统筹协调和监督管理工作")
    result = align(OLD, renumbered([], [*BASE[:2], edited, *BASE[3:]]))
    third = result[2]
    assert (third.from_label, third.to_label, third.change) == ("第三条", "第三条", "modified")
    assert 0.8 < third.similarity < 1.0


def test_a_rewrite_in_place_pairs_with_its_slot_when_moderately_alike():
    rewritten = "市、区民政部门按照职责分工负责社区志愿服务的管理工作。"
    result = changes(BASE, [*BASE[:2], rewritten, *BASE[3:]])
    assert result[2] == ("第三条", "第三条", "modified")


def test_unrelated_replacement_is_a_deletion_and_an_addition():
    result = changes(BASE, [*BASE[:2], "违反本条例规定的，由有关部门依法处理。", *BASE[3:]])
    assert ("第三条", None, "deleted") in result
    assert (None, "第三条", "added") in result


def test_a_deleted_placeholder_marks_its_old_article_deleted():
    old = parse_text("第一条　甲事项由市政府负责。\n第二条　乙事项由区政府负责。\n第三条　丙事项由街道负责。")
    new = parse_text("第一条　甲事项由市政府负责。\n第二条　（删去）\n第三条　丙事项由街道负责。")
    result = [(a.from_label, a.to_label, a.change) for a in align(old.articles, new.articles)]
    assert result == [("第一条", "第一条", "same"), ("第二条", "第二条", "deleted"), ("第三条", "第三条", "same")]


def test_every_article_of_both_versions_appears_exactly_once():
    old = parse_text(fixture_text("volunteer_regulation_draft.txt")).articles
    new, _ = perturb(old, seed=3, edits=2, inserts=2, deletes=1, moves=1)
    result = align(old, new)
    assert sorted(a.from_label for a in result if a.old) == sorted(a.label for a in old)
    assert [a.to_label for a in result if a.new] == [a.label for a in new]


def test_alignment_json_has_from_to_change_similarity():
    entry = align(OLD, OLD[:1])[1].to_json()
    assert entry == {"from": "第二条", "to": None, "change": "deleted", "similarity": 0.0}


def test_char_diff_gives_what_was_removed_and_added():
    assert char_diff("由民政部门负责", "由县级以上民政部门统一负责") == [
        DiffSpan("same", "由"), DiffSpan("added", "县级以上"), DiffSpan("same", "民政部门"),
        DiffSpan("added", "统一"), DiffSpan("same", "负责"),
    ]
    assert char_diff("满二年的", "满一年的") == [
        DiffSpan("same", "满"), DiffSpan("removed", "二"), DiffSpan("added", "一"), DiffSpan("same", "年的"),
    ]


# -- real laws ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2])
def test_a_perturbed_civil_code_aligns_to_the_known_changes(seed):
    old = parse_text(shared_law("minfadian_2020.txt")).articles
    new, truth = perturb(old, seed=seed, edits=40, inserts=25, deletes=25, moves=10)
    result = {(a.from_label, a.to_label, a.change) for a in align(old, new)}
    assert result == truth


def test_the_charity_law_revision_aligns_sensibly():
    old = parse_text(shared_law("cishanfa_2016.txt")).articles
    new = parse_text(shared_law("cishanfa_2023.txt")).articles
    result = align(old, new)
    pairs = {(a.from_label, a.to_label): a.change for a in result if a.old and a.new}
    assert pairs[("第一条", "第一条")] == "same"
    # 2023 inserted articles before the old 第一百零八条: renumbered, not moved.
    assert pairs[("第一百零八条", "第一百二十条")] == "modified"
    assert len(pairs) >= 100
    assert sum(a.change == "moved" for a in result) <= 5


def test_two_unrelated_laws_share_almost_no_pairs():
    code = parse_text(shared_law("minfadian_2020.txt")).articles
    criminal_law = parse_text(shared_law("xingfa.txt")).articles
    result = align(code, criminal_law)
    assert sum(1 for a in result if a.old and a.new) <= 5
    assert len(result) >= len(code) + len(criminal_law) - 10
