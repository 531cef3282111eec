"""`legislink adoption suggest-file`: the whole path without a database, and its quality on the
慈善法 2016 → 2023 revision (the shared sample, scored as ../shared/tools/score_adoption.py does)."""

import importlib.util
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from legislink.cli import main

CONSULTED = """某市集贸市场管理条例（草案）

第一条 市场开办者应当为经营者提供固定摊位，并公示摊位分配办法。

第二条 市场管理费用不得超过经营者年度营业收入的百分之十。

第三条 市场开办者应当配备消防设施，定期组织消防检查。
"""
FINAL = """某市集贸市场管理条例

第一条 市场开办者应当为经营者提供固定摊位，并公示摊位分配办法。

第二条 市场开办者应当在市场内设立登记服务点，为经营者办理登记提供便利。

第三条 市场管理费用不得超过经营者年度营业收入的百分之十。

第四条 市场开办者应当配备消防设施，定期组织消防检查。
"""
COMMENTS = [
    {"id": "k1", "text": "第二条很好，建议保留管理费用不超过百分之十的上限。"},
    {"id": "a1", "text": "外地商户办登记要跑很远，建议在市场内设立登记服务点，方便经营者办理登记。"},
    {"id": "n1", "text": "第三条建议规定市场开办者每月组织一次消防演练，并为经营者购买火灾保险。"},
]
# The goals of the issue; a set short of a goal is held to what it reaches now, a little below
# (README, "Adoption proposals": figures measured with score_adoption.py).
GOAL_ACCURACY, GOAL_RECALL = 0.75, 0.60
# The 慈善法 sample meets the goals (0.834; recall 0.77 / 0.74 / 0.98); every set is held to what it
# reaches now, less 0.01 (README, "Adoption proposals"; each figure measured with suggest-file, 2026-12-06,
# all of them again in its eighth session, after the gains of the sixth and seventh; before that, wuye_rev partly
# 0.59 -> 0.5625 when the neighbours' weight became each consultation's own, attribution.NEIGHBOUR_WEIGHTS;
# xianxue_rev 0.781 -> 0.752, partly 0.59 -> 0.56, when a comment that five or six articles match about as
# well was put on the best of them (attribution.MAX_SPREAD 4 -> 6: three of its comments found their labeled
# article and lost the whole-text search that had found their ask; over the twenty-one sets +4 -4).
# The sets written blind by other helpers became tuning sets once measured once blind (the README's table
# gives each blind figure): dianshang_rev on 2026-12-04; jiaoyu_rev, wuye_rev,
# wuzhangai_rev, dianti_rev, gongshui_rev, shipin_rev, ranqi_rev, mingcheng_rev, lvhua_rev and nongmao_rev
# on 2026-12-05; lvyou_rev (blind 0.598), jiaotong_rev (blind 0.660), xiaofang_rev (blind 0.663) and paishui_rev
# (blind 0.640) in its eighth session; xianxue_rev (blind 0.676) and anquan_rev (blind 0.735) on 2026-12-06;
# weixiu_rev (blind 0.600, held out from that day's eighth session) and shirong_rev (blind 0.566, held out from its
# sixth) on 2026-12-07, when their misses were read.
NOW = {"cishan": {"accuracy": 0.82, "adopted": 0.75, "partly": 0.73, "not": 0.97},
       "grow_half": {"accuracy": 0.78, "adopted": 0.86, "partly": 0.46, "not": 0.85},
       "local_reg": {"accuracy": 0.70, "adopted": 0.47, "partly": 0.62, "not": 0.95},
       "minban_rev": {"accuracy": 0.81, "adopted": 0.86, "partly": 0.55, "not": 0.94},
       "dianshang_rev": {"accuracy": 0.82, "adopted": 0.85, "partly": 0.64, "not": 0.92},
       "jiaoyu_rev": {"accuracy": 0.91, "adopted": 0.95, "partly": 0.85, "not": 0.92},
       "wuye_rev": {"accuracy": 0.75, "adopted": 0.72, "partly": 0.55, "not": 0.96},
       "wuzhangai_rev": {"accuracy": 0.69, "adopted": 0.64, "partly": 0.57, "not": 0.77},
       "dianti_rev": {"accuracy": 0.69, "adopted": 0.66, "partly": 0.56, "not": 0.86},
       # gongshui_rev's gs-044 (四个钟头, read as hours since the eighth session) is judged against its
       # article's other hour figure, a notice period moved the other way: partly before, by chance, not now.
       "gongshui_rev": {"accuracy": 0.69, "adopted": 0.66, "partly": 0.59, "not": 0.84},
       "shipin_rev": {"accuracy": 0.83, "adopted": 0.81, "partly": 0.67, "not": 0.96},
       "ranqi_rev": {"accuracy": 0.80, "adopted": 0.87, "partly": 0.59, "not": 0.92},
       "mingcheng_rev": {"accuracy": 0.82, "adopted": 0.90, "partly": 0.62, "not": 0.92},
       "lvhua_rev": {"accuracy": 0.72, "adopted": 0.59, "partly": 0.75, "not": 0.84},
       "nongmao_rev": {"accuracy": 0.72, "adopted": 0.71, "partly": 0.66, "not": 0.81},
       "lvyou_rev": {"accuracy": 0.71, "adopted": 0.64, "partly": 0.64, "not": 0.84},
       "jiaotong_rev": {"accuracy": 0.78, "adopted": 0.75, "partly": 0.65, "not": 0.92},
       "xiaofang_rev": {"accuracy": 0.75, "adopted": 0.80, "partly": 0.47, "not": 0.93},
       "paishui_rev": {"accuracy": 0.69, "adopted": 0.59, "partly": 0.55, "not": 0.83},
       "xianxue_rev": {"accuracy": 0.75, "adopted": 0.79, "partly": 0.55, "not": 0.88},
       "anquan_rev": {"accuracy": 0.77, "adopted": 0.76, "partly": 0.73, "not": 0.81},
       # tufa_rev 0.740 -> 0.720, not 0.79 -> 0.70, when the asking verbs stayed in the ask's weight
       # (adoption.Settings.cues_out off, eighteenth session: held out +5, tuning +5 -> tufa_rev -2).
       "tufa_rev": {"accuracy": 0.71, "adopted": 0.87, "partly": 0.50, "not": 0.69},
       "weixiu_rev": {"accuracy": 0.59, "adopted": 0.60, "partly": 0.49, "not": 0.66},
       "shirong_rev": {"accuracy": 0.58, "adopted": 0.55, "partly": 0.35, "not": 0.81},
       "fuyi_rev": {"accuracy": 0.51, "adopted": 0.41, "partly": 0.39, "not": 0.72}}
SETS = Path(__file__).resolve().parent / "fixtures" / "adoption"


def write(tmp_path, comments):
    (tmp_path / "old.txt").write_text(CONSULTED, encoding="utf-8")
    (tmp_path / "new.txt").write_text(FINAL, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in comments),
                                      encoding="utf-8")
    return [str(tmp_path / name) for name in ("old.txt", "new.txt", "c.jsonl")]


def test_suggest_file_prints_one_entry_per_comment(runner, tmp_path):
    result = runner.invoke(main, ["adoption", "suggest-file", *write(tmp_path, COMMENTS), "--json"])
    assert result.exit_code == 0, result.output
    found = {entry["id"]: entry for entry in json.loads(result.output)}
    assert set(found) == {"k1", "a1", "n1"}
    for entry in found.values():
        assert set(entry) >= {"id", "group", "article", "final_article", "proposed", "evidence"}
        assert set(entry["evidence"]) >= {"final_article", "consulted", "final", "reason"}
    assert found["k1"]["article"] == "第二条"
    assert (found["k1"]["proposed"], found["k1"]["final_article"]) == ("adopted", "第三条")
    assert found["k1"]["evidence"]["reason"]["code"] == "kept"
    assert (found["a1"]["proposed"], found["a1"]["final_article"]) == ("adopted", "第二条")
    assert found["n1"]["proposed"] == "not_adopted"


def test_suggest_file_judges_a_comment_set_aside_as_off_topic_on_the_whole_final_text(runner, tmp_path):
    # A request about one's own market (a place asked of, not a rule) is set aside as off-topic by the
    # analysis; what it asks, a registration point in the market, is what the final text added.
    comments = [*COMMENTS, {"id": "p1", "text": "我家门口那个市场，请设个登记服务点，方便我们办登记。"}]
    result = runner.invoke(main, ["adoption", "suggest-file", *write(tmp_path, comments), "--json"])
    assert result.exit_code == 0, result.output
    found = {entry["id"]: entry for entry in json.loads(result.output)}
    assert found["p1"]["evidence"]["offtopic"] is True
    assert (found["p1"]["proposed"], found["p1"]["final_article"]) == ("adopted", "第二条")
    assert "offtopic" not in found["a1"]["evidence"]


@pytest.mark.slow
def test_suggest_file_gives_the_same_proposals_in_every_run():
    # Python hashes strings with a seed of its own in each process, so a set yields its members in
    # another order in each run: two runs of the same files must still say the same, down to the figure a
    # reason names. On this set, 13 reasons named another figure and one proposal changed between the
    # seeds 10 and 11 before weights were summed exactly and figures read in the text's order.
    folder = Path(__file__).parent / "fixtures" / "adoption_heldout" / "anquan_rev"
    files = [str(folder / name) for name in ("consulted.txt", "final.txt", "comments.jsonl")]
    command = str(Path(sys.executable).parent / "legislink")
    runs = [subprocess.run([command, "adoption", "suggest-file", *files, "--json"],
                           capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed},
                           cwd=Path(__file__).parents[2]).stdout for seed in ("10", "11")]
    assert json.loads(runs[0]) == json.loads(runs[1])


def test_suggest_file_refuses_a_bad_comments_file(runner, tmp_path):
    paths = write(tmp_path, [])
    (tmp_path / "c.jsonl").write_text('{"text": "没有编号"}\n', encoding="utf-8")
    result = runner.invoke(main, ["adoption", "suggest-file", *paths, "--json"])
    assert result.exit_code == 1
    assert "not a comment object with id and text" in result.output


def held_to_figures(runner, consulted: Path, final: Path, labeled: Path, now: dict) -> None:
    result = runner.invoke(main, ["adoption", "suggest-file", str(consulted), str(final), str(labeled), "--json"])
    assert result.exit_code == 0, result.output
    proposed = {e["id"]: {"not_adopted": "not"}.get(e["proposed"], e["proposed"]) for e in json.loads(result.output)}
    labels = [json.loads(line) for line in labeled.read_text(encoding="utf-8").splitlines() if line.strip()]
    seen = Counter(lab["outcome"] for lab in labels)
    hits = Counter(lab["outcome"] for lab in labels if proposed.get(lab["id"]) == lab["outcome"])
    assert sum(hits.values()) / len(labels) >= min(GOAL_ACCURACY, now["accuracy"])
    for outcome in ("adopted", "partly", "not"):
        assert hits[outcome] / seen[outcome] >= min(GOAL_RECALL, now[outcome]), outcome


def test_the_charity_law_sample_stays_at_its_figures(runner, shared_dir):
    laws = shared_dir / "laws"
    held_to_figures(runner, laws / "cishanfa_2016.txt", laws / "cishanfa_2023.txt",
                    shared_dir / "samples" / "cishan_adoption_comments.jsonl", NOW["cishan"])


# The sets stored with both texts, and those whose final text is built from a law of ../shared and the
# edits beside it (edits.json names the law).
HELD_OUT = SETS.parent / "adoption_heldout"
STORED = {"local_reg": SETS / "local_reg", **{name: HELD_OUT / name for name in (
    "wuye_rev", "wuzhangai_rev", "dianti_rev", "gongshui_rev", "shipin_rev", "ranqi_rev", "mingcheng_rev", "lvhua_rev",
    "nongmao_rev", "lvyou_rev", "jiaotong_rev", "xiaofang_rev", "paishui_rev", "xianxue_rev", "anquan_rev",
    "tufa_rev", "weixiu_rev", "shirong_rev", "fuyi_rev")}}
BUILT = {"grow_half": SETS / "grow_half", "minban_rev": SETS / "minban_rev",
         "dianshang_rev": HELD_OUT / "dianshang_rev", "jiaoyu_rev": HELD_OUT / "jiaoyu_rev"}


@pytest.mark.parametrize("name", sorted(STORED))
def test_a_revision_set_stored_with_both_texts_stays_at_its_figures(runner, name):
    folder = STORED[name]
    held_to_figures(runner, folder / "consulted.txt", folder / "final.txt", folder / "comments.jsonl", NOW[name])


@pytest.mark.parametrize("name", sorted(BUILT))
def test_a_revision_set_built_from_a_shared_law_stays_at_its_figures(runner, shared_dir, tmp_path, name):
    folder = BUILT[name]
    final = tmp_path / "final.txt"
    subprocess.run([sys.executable, str(folder / "build_final.py"), str(final), "--shared", str(shared_dir)],
                   check=True, capture_output=True)
    source = json.loads((folder / "edits.json").read_text(encoding="utf-8"))["source"]
    held_to_figures(runner, shared_dir / "laws" / source, final, folder / "comments.jsonl", NOW[name])


def test_every_tuning_set_is_held_to_its_figures(shared_dir):
    spec = importlib.util.spec_from_file_location("tune_adoption", SETS.parents[3] / "benchmarks" / "tune_adoption.py")
    tune = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tune)
    tuned = {name.removesuffix(" (shared)") for name in tune.sets(shared_dir)}
    assert {"mingcheng_rev", "lvhua_rev", "nongmao_rev"} <= tuned
    assert tuned <= set(STORED) | set(BUILT) | {"cishan"}
