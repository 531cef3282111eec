"""Proposals (立项建议) grouped by the law they ask for, on the labeled sets and on small cases."""

import json
from pathlib import Path

import pytest
from sklearn.metrics import adjusted_rand_score

from legislink.analysis.proposals import Proposal, ProposalOptions, group_proposals, subject, title_words

SETS = Path(__file__).resolve().parent / "fixtures" / "proposals"


def _load(name: str) -> tuple[list[Proposal], list[str]]:
    rows = [json.loads(line) for line in (SETS / f"{name}.jsonl").read_text("utf-8").splitlines() if line.strip()]
    return [Proposal(r["id"], r["title"], r["text"], r["content"]) for r in rows], [r["group"] for r in rows]


def _group_of(result) -> dict[str, str]:
    return {r.id: r.group for r in result.proposals}


@pytest.mark.parametrize("name", ["city_a", "county_b"])
def test_the_kept_constants_group_each_labeled_set_well(name, segmenter):
    proposals, truth = _load(name)
    found = _group_of(group_proposals(proposals, segmenter=segmenter))
    assert adjusted_rand_score(truth, [found[p.id] for p in proposals]) >= 0.75


def test_an_everyday_word_and_the_legal_term_land_together(segmenter):
    proposals, _ = _load("city_a")
    found = _group_of(group_proposals(proposals, segmenter=segmenter))
    by_title = {p.title: found[p.id] for p in proposals}
    assert by_title["电动自行车管理条例"] == by_title["电瓶车停放充电的规定"]
    assert by_title["电动自行车管理条例"] != by_title["养犬管理条例"]


def test_a_subject_is_the_title_without_form_and_ask(segmenter):
    assert subject("关于制定《电动自行车管理条例》的建议", segmenter) == "电动自行车"
    assert subject("养犬管理条例", segmenter) == "养犬"
    assert "条例" in title_words()
    assert "管理办法" in title_words()


def test_every_proposal_is_in_exactly_one_group_and_groups_are_named_by_their_commonest_title(segmenter):
    proposals = [
        Proposal("1", "养犬管理条例", "遛狗不拴绳，狗咬人的事多。", "犬只登记，出门牵绳。"),
        Proposal("2", "《养犬管理条例》", "小区里狗粪没人清理，晚上狗叫扰民。", ""),
        Proposal("3", "关于文明养狗的建议", "大狗不牵绳吓到孩子，狗咬人也没人管。", "遛狗必须牵绳。"),
        Proposal("4", "古树名木保护条例", "古树被移栽砍伐。", "建立古树档案。"),
    ]
    result = group_proposals(proposals, segmenter=segmenter)
    members = sorted(m for g in result.groups for m in g.members)
    assert members == ["1", "2", "3", "4"]
    dogs = next(g for g in result.groups if "1" in g.members)
    assert set(dogs.members) == {"1", "2", "3"}
    assert dogs.name == "养犬管理条例"
    assert "4" not in dogs.members
    assert dogs.keywords
    assert not set(dogs.keywords) & set(title_words())


def test_copies_of_a_form_letter_share_a_duplicate_group_and_count_as_copies(segmenter):
    letter = ("尊敬的联络站：我们小区没有集中充电点，很多住户把电动自行车推进楼道或家中充电，还有飞线充电，"
              "火灾隐患极大。恳请尽快立法，明确充电设施建设和管理责任。")
    proposals = [Proposal(str(n), "电动自行车充电安全管理规定", letter + signature, "")
                 for n, signature in enumerate(["张三", "李四", "王五"], 1)]
    proposals.append(Proposal("4", "养犬管理条例", "遛狗不拴绳，狗咬人的事多。", ""))
    result = group_proposals(proposals, segmenter=segmenter)
    letters = {r.id: r.duplicate_group for r in result.proposals}
    assert letters["1"] is not None
    assert letters["1"] == letters["2"] == letters["3"]
    assert letters["4"] is None
    group = next(g for g in result.groups if "1" in g.members)
    assert group.copies == 3


def test_staff_edited_groups_keep_their_members_and_id(segmenter):
    proposals, _ = _load("city_a")
    # Staff put a dog proposal with the smoking ones: the analysis keeps it there.
    dog = next(p for p in proposals if p.title == "养犬管理条例")
    smoke = [p.id for p in proposals if "烟" in p.title]
    pinned = {pid: "staff-smoke" for pid in [*smoke, dog.id]}
    result = group_proposals(proposals, options=ProposalOptions(pinned=pinned), segmenter=segmenter)
    kept = next(g for g in result.groups if g.id == "staff-smoke")
    assert set(pinned) <= set(kept.members)
    assert kept.pinned


def test_past_the_exact_limit_micro_clusters_still_give_every_proposal_one_group(segmenter):
    proposals, _ = _load("city_a")
    result = group_proposals(proposals, options=ProposalOptions(exact_limit=10), segmenter=segmenter)
    assert sorted(m for g in result.groups for m in g.members) == sorted(p.id for p in proposals)
    assert len(result.groups) > 1


def test_no_proposal_gives_no_group():
    result = group_proposals([])
    assert result.groups == ()
    assert result.proposals == ()


def test_a_groups_name_is_its_commonest_title_ties_going_to_the_representatives():
    from legislink.analysis.text import common_title

    assert common_title(["《养犬管理条例》", "养犬管理条例", "养 犬管理条例", "文明养狗规定"]) == "《养犬管理条例》"
    assert common_title(["宠物狗管理办法", "物业管理条例"], prefer="物业管理条例") == "物业管理条例"
    assert common_title(["宠物狗管理办法", "物业管理条例"], prefer="别的") == "宠物狗管理办法"
    assert common_title(["", " "]) == ""
