"""The figures the issue asks for, on the shared sample and on every labeled set of
tests/analysis/fixtures (sets.json), and how the site's demo comments group.

Each labeled run goes through `python -m legislink.analysis`, as the scorer's users do, and is
scored with ../shared/tools/score_analysis.py; skipped cleanly when ../shared is absent.
"""

import json
import statistics
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from legislink.analysis import AnalysisOptions, Comment, analyze
from legislink.analysis.__main__ import load_articles

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEMO_DRAFT = Path(__file__).resolve().parents[2] / "legislink" / "data" / "demo_draft.txt"
SETS = {
    "sample": (SHARED / "laws" / "jiating_jiaoyu_cujin_fa_2021.txt",
               SHARED / "samples" / "jiating_jiaoyu_comments.jsonl"),
    # A law named by a path (heldout/zulin_draft.txt) is a draft beside its set in the fixtures.
    **{Path(labels).name.removesuffix("_comments.jsonl"):
       (FIXTURES / law if "/" in law else SHARED / "laws" / law, FIXTURES / labels)
       for labels, law in json.loads((FIXTURES / "sets.json").read_text(encoding="utf-8")).items()},
}
FLOORS = {
    "attribution_explicit": 0.98,
    # The issue asks 0.65 on every set and 0.75 on our own; the sets below that (SHORT_OF_THE_GOAL) are held to
    # what they reach now.
    "attribution_implicit": 0.75,
    "offtopic_precision": 0.85,
    "offtopic_recall": 0.85,
    "duplicate_precision": 0.99,
    "duplicate_f1": 0.97,
    "grouping_ari": 0.60,
    # Remarks on the whole draft left there (no goal in the issue; what every set reaches now).
    "attribution_overall": 0.5,
}
# Where a set is below the goal, the floor is what the analysis reaches there now, so that
# it cannot get worse unnoticed; the README's analysis table says which goals are not met.
# zulin and dianche (written blind, tuned on since the fifth and the sixth off-topic passes) meet
# every goal; so do yangquan (written blind, measured once, tuned on since 2026-12-05) and laji (the
# same, later that day) and yanglao (2026-12-05, tuned on since the next session); wenming, yanhua and
# tuoyu (likewise) do not yet.
SHORT_OF_THE_GOAL: dict[str, dict[str, float]] = {
    "wenming": {"attribution_implicit": 0.71, "offtopic_precision": 0.84, "offtopic_recall": 0.8},
    # A local request made with a verb of asking alone (建议, 要求: 来电人要求物业处理) is read as one, not as
    # a rule asked, since the eighth session of 2026-12-05: wenming and yanhua each lose one on-topic
    # comment to it (precision 0.875 -> 0.849, 0.833 -> 0.806), zaosheng and zhaijidi gain (F1 +0.034,
    # +0.009).
    "yanhua": {"offtopic_precision": 0.80},
    # tuoyu (written blind, measured once, tuned on since 2026-12-05's fifth session): eleven on-topic
    # comments in everyday words only (孩子, 托儿所, 娃 for the draft's 婴幼儿, 托育机构) are set aside.
    "tuoyu": {"offtopic_precision": 0.73},
    # tingche (written blind, measured once at 0.80 / 0.63 off-topic, tuned on since 2026-12-05's sixth
    # session): a bus stop, an e-bike charged in a stairwell and the consultation's web page share the
    # draft's words (公交站, 充电, 征求意见) and stay on topic.
    "tingche": {"attribution_implicit": 0.73, "offtopic_precision": 0.82, "offtopic_recall": 0.73},
    # zhaopai (written blind, measured once, tuned on since the same session): shop owners write 门头,
    # 牌子, 灯箱 for the draft's 招牌 and 户外广告设施; ten of their comments are set aside.
    "zhaopai": {"attribution_implicit": 0.65, "offtopic_precision": 0.76},
    # zaosheng (noise) and zhaijidi (rural homesteads), written blind, measured once and tuned on since
    # 2026-12-05's seventh session: off-topic comments on neighbouring subjects (油烟, 物业费, 电梯;
    # 撂荒, 征地补偿, 医保) ask for rules in words the draft also uses (物业, 业主; 村民, 农村) and stay on
    # topic; remarks on the whole draft are mostly sent to an article.
    "zaosheng": {"attribution_implicit": 0.64, "attribution_overall": 0.41, "offtopic_precision": 0.75,
                 "offtopic_recall": 0.68},
    "zhaijidi": {"attribution_implicit": 0.71, "attribution_overall": 0.25, "offtopic_precision": 0.72,
                 "offtopic_recall": 0.63},
    # wangyueche (ride-hailing, written blind in the eighth session, measured once at 0.786 / 0.355
    # off-topic, then read): complaints about one taxi, driving tests, delivery riders and filling stations
    # share the draft's words (出租车, 司机, 车, 平台) and stay on topic. Since a comment that five or six
    # articles match about as well is put on the best of them (attribution.MAX_SPREAD 4 -> 6, 2026-12-06),
    # two more of them are, with enough evidence to be on topic (recall 0.548 -> 0.484, precision 0.850 ->
    # 0.833); five other sets gain off-topic F1 by it, and the six held-out sets 0.755 -> 0.764.
    "wangyueche": {"offtopic_precision": 0.83, "offtopic_recall": 0.48},
    # peixun (校外培训, written blind in the eighth session of 2026-12-06, held out and measured once, its misses
    # read on 2026-12-07): school canteens, kindergarten fees, homework and the exam system asked for in the
    # draft's own words (学校, 收费, 备案, 教育行政部门) stay on topic.
    "peixun": {"attribution_implicit": 0.65, "offtopic_precision": 0.75, "offtopic_recall": 0.5},
    # daolu (the 道路交通安全法 as enacted, 124 articles, written blind in the twelfth session, measured once, then
    # read): residents' words for its terms (电瓶车, 驾照, 扣分, 老头乐) and a law twice as long as a written draft.
    "daolu": {"attribution_implicit": 0.58, "offtopic_recall": 0.51},
}


def _score(name: str, tmp_path: Path) -> dict:
    law, labels = SETS[name]
    scorer = SHARED / "tools" / "score_analysis.py"
    if not (law.exists() and labels.exists() and scorer.exists()):
        pytest.skip("../shared is not beside the project")
    out = subprocess.run([sys.executable, "-m", "legislink.analysis", str(law), str(labels), "--json"],
                         capture_output=True, text=True, check=True).stdout
    result = tmp_path / "result.json"
    result.write_text(out, encoding="utf-8")
    printed = subprocess.run([sys.executable, str(scorer), str(labels), str(result), "--json"],
                             capture_output=True, text=True, check=True).stdout
    return json.loads(printed)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SETS))
def test_labeled_sets_meet_the_quality_floors(name, tmp_path):
    metrics = _score(name, tmp_path)
    assert metrics["missing_in_output"] == 0
    floors = FLOORS | SHORT_OF_THE_GOAL.get(name, {})
    below = {k: metrics[k] for k, floor in floors.items() if metrics[k] < floor}
    assert below == {}


def test_every_listed_set_is_on_a_law_other_than_the_samples():
    assert len(SETS) >= 6
    assert len({law.name for law, _ in SETS.values()}) == len(SETS)


def test_own_labeled_set_has_what_it_must_exercise():
    rows = [json.loads(line) for line in (FIXTURES / "dianzishangwu_comments.jsonl").read_text("utf-8").splitlines()]
    assert len(rows) >= 100
    assert {r["script"] for r in rows} == {"simplified", "traditional"}
    assert "en" in {r["lang"] for r in rows}
    assert {r["campaign"] for r in rows} >= {"c1", "c2"}
    assert sum(r["article"] == "offtopic" for r in rows) >= 8


def _demo_comments(demo) -> tuple[list[Comment], dict[str, int]]:
    """The demo's written comments as the site hands them over: the suggestion after the text, and
    an article chosen on the form locked (services/analysis.py); comment id -> opinion point."""
    comments, point_of = [], {}
    for p, point in enumerate(demo.POINTS):
        for k, said in enumerate(point.comments):
            cid = f"p{p}-{k}"
            chosen = None if said.whole_draft else point.article
            comments.append(Comment(id=cid, text="\n".join(t for t in (said.text, said.suggestion) if t),
                                    target=chosen, locked=chosen is not None, article=chosen))
            point_of[cid] = p
    comments.extend(Comment(id=f"off{k}", text=text) for k, text in enumerate(demo.OFFTOPIC))
    return comments, point_of


@pytest.mark.slow
def test_the_demo_points_end_in_few_groups_that_mix_little(segmenter):
    """A third check, written by another engineer: 28 points of 6-12 comments in residents' own words."""
    demo = pytest.importorskip("legislink.services.demo")
    comments, point_of = _demo_comments(demo)
    title, articles = load_articles(DEMO_DRAFT.read_text(encoding="utf-8"))
    result = analyze(articles, comments, options=AnalysisOptions(title=title), segmenter=segmenter)
    group_of = {c.id: c.group for c in result.comments}
    assert all(result.comments[k].offtopic for k in range(len(point_of), len(comments)))
    assert all(group_of[cid] for cid in point_of)
    spread = [len({group_of[c] for c, q in point_of.items() if q == p}) for p in range(len(demo.POINTS))]
    members = Counter((group_of[c], p) for c, p in point_of.items())
    largest = Counter()
    for (group, _), n in members.items():
        largest[group] = max(largest[group], n)
    assert statistics.median(spread) <= 2
    assert sum(largest.values()) / len(point_of) >= 0.9
