"""Choose the adoption thresholds by leaving one labeled revision set out.

usage: python benchmarks/tune_adoption.py [--shared ../shared] [--workers N]

The sets: the shared 慈善法 2016 → 2023 sample (`../shared/samples/cishan_adoption_comments.jsonl`
with the two laws), and every folder under `tests/analysis/fixtures/adoption/` holding
`consulted.txt`, `final.txt` and `comments.jsonl`, or `edits.json` and `build_final.py`, and
`tests/analysis/fixtures/adoption_heldout/dianshang_rev`, `jiaoyu_rev`, `wuye_rev`, `wuzhangai_rev`, `dianti_rev` and
`gongshui_rev`
(each comment with `id`, `text`, `outcome`: adopted | partly | not). For each set, the grid's best settings on the other
sets are scored on it (accuracy and each outcome's recall, as `../shared/tools/score_adoption.py` counts them); the last
table gives every set's figures with the settings that are best on all of them, the ones kept in
`legislink/analysis/adoption.py`. The comments go through the same path as `legislink adoption
suggest-file`: attribution by the analysis, then the proposal.
"""

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import replace
from pathlib import Path

from legislink import analysis
from legislink.analysis import adoption
from legislink.lawtext import align, parse_text
from legislink.lawtext.numerals import int_to_cn

ROOT = Path(__file__).resolve().parent.parent
OUTCOMES = ("adopted", "partly", "not_adopted")
GRID = {
    "adopted": (0.3, 0.35, 0.4),
    "partly": (0.05, 0.08),
    "least_weight": (6.0, 8.0, 10.0),
    # The chance floor in the article commented on, where the ask is expected (lower than elsewhere).
    "home_least_weight": (2.0, 4.0),
    # Every fold chose 1.0 and figure_moved in the runs of 2026-12 (git log of this file), and none adopted 0.5,
    # least_weight 12 or partly 0.12: fixed or left out to keep the run short.
    "home_bonus": (1.0,),
    "point": (0.3, 0.45),
    # The method's switch, chosen like a threshold: does a different figure in the same direction
    # count as partly (figure_moved) or only a general duty on the point?
    "figure_moved": (True,),
    # Does a soft modal word (鼓励, 可以) in the sentence that took up a firmer ask make it partly? Every
    # fold chose it when it was in the grid (git log of this file): fixed, like figure_moved.
    "modality": (True,),
    # The weight, in another article, of asked words the article commented on already had, and the
    # length of the ask's phrase they must sit in there (every fold chose a half in the runs of 2026-12,
    # git log: fixed since 2026-12-05 to keep the run short).
    "elsewhere_discount": (0.5,),
    "phrase": (4, 5),
    # The share of a new article's paragraph found in one consulted article for it to come from there
    # (every fold chose 0.6 against 0.8 and 1.1, paragraphs off, in the run of 2026-12: fixed).
    "moved": (0.6,),
    # Does a figure of the asked kind written as far as the asked one or further count as adopted? Is a
    # delete-ask on a clause whose figure was made smaller partly adopted?
    # (Fixed at True in the run of 2026-12-04, when dianshang_rev joined the sets, to keep the run short:
    # the three new switches below took their place.)
    "beyond": (True,),
    "eased": (True,),
    # Is a limit, share or time limit asked for without a number (上限, 比例) and none written partly?
    "quantity": (True,),
    # Is a keep-ask read where the comment asks (a negated change verb, a delete verb in the story out)?
    # Every fold that holds dianshang_rev chose it (git log of this file): fixed, like the switches above.
    "negated": (True,),
    # The run of 2026-12-05 (six sets, thresholds at their kept values, the switches below each off or on):
    # every fold chose soft_new, points_home and whole_home, fixed here to keep the run short; the word
    # list of wording_asked, no longer chosen by any fold once soft_new was there, was dropped.
    "soft_new": (True,),
    "points_home": (True,),
    "whole_home": (True,),
    # Is an ask that puts forward a modal word or a kind of figure judged on the diff of its article? Is
    # a keep-ask whose quoted wording was dropped not adopted? Are the asking verbs left out of the match?
    "diff_points": (False, True),
    "keep_quoted": (False, True),
    "cues_out": (False, True),
    # Is an asked figure's point moved toward it in another article, one that shares more of the ask's
    # words than the article commented on, partly adopted there? (Every fold chose it in the run of
    # 2026-12-05: fixed.)
    "figure_elsewhere": (True,),
    # Is a keep-ask (保留, a negated deletion) beside an ask for a change judged as two asks, one made
    # being partly? No labeled set has such a comment (True and False score alike on all six, run of
    # 2026-12-05); fixed on for the demo's campaign, which asks to keep the cap and to add a penalty.
    "keep_and_change": (True,),
    # Are a resident's short forms of the texts' terms (维保 for 维护保养) looked for as those terms? Every fold
    # chose it in a run with the other settings at their kept values (2026-12-06, seventh session: held-out
    # mean 0.7727 -> 0.7754): fixed, like the switches above.
    "short_forms": (True,),
}


def sets(shared: Path) -> dict[str, tuple[Path, Path, Path]]:
    found = {}
    if (shared / "samples" / "cishan_adoption_comments.jsonl").exists():
        found["cishan (shared)"] = (shared / "laws" / "cishanfa_2016.txt", shared / "laws" / "cishanfa_2023.txt",
                                    shared / "samples" / "cishan_adoption_comments.jsonl")
    fixtures = ROOT / "tests" / "analysis" / "fixtures"
    # dianshang_rev (since 2026-12-04), jiaoyu_rev, wuye_rev, wuzhangai_rev, dianti_rev, gongshui_rev,
    # shipin_rev and ranqi_rev (since 2026-12-05) and mingcheng_rev, lvhua_rev and nongmao_rev (since the
    # seventh session), lvyou_rev, jiaotong_rev, xiaofang_rev and paishui_rev (since the eighth) and
    # xianxue_rev and anquan_rev (since 2026-12-06; gongyuan_rev and jianshen_rev, written beside them,
    # are held out) and tufa_rev (突发事件应对法 2007 -> 2024, a real revision, since the ninth session of
    # that day), weixiu_rev and shirong_rev (held out from the eighth and sixth sessions of 2026-12-06, read on
    # 2026-12-07), and fuyi_rev (行政复议法 2017 -> 2023, a real revision held out from the twelfth session of
    # 2026-12-07, its misses read in the seventeenth),
    # each measured once blind first (README, "Adoption proposals"), are tuning sets; any other folder of
    # adoption_heldout is not read.
    folders = sorted((fixtures / "adoption").glob("*/")) + [fixtures / "adoption_heldout" / name
                                                             for name in ("dianshang_rev", "jiaoyu_rev", "wuye_rev",
                                                                          "wuzhangai_rev", "dianti_rev",
                                                                          "gongshui_rev", "shipin_rev", "ranqi_rev",
                                                                          "mingcheng_rev", "lvhua_rev", "nongmao_rev",
                                                                          "lvyou_rev", "jiaotong_rev", "xiaofang_rev",
                                                                          "paishui_rev", "xianxue_rev", "anquan_rev",
                                                                          "tufa_rev", "weixiu_rev", "shirong_rev",
                                                                          "fuyi_rev")]
    for folder in folders:
        files = (folder / "consulted.txt", folder / "final.txt", folder / "comments.jsonl")
        if all(f.exists() for f in files):
            found[folder.name] = files
        elif (folder / "build_final.py").exists() and (folder / "edits.json").exists():
            # A revision kept as edits of a shared law (edits.json names it): its final text is built.
            source = shared / "laws" / json.loads((folder / "edits.json").read_text(encoding="utf-8"))["source"]
            if not source.is_file():
                continue
            final = Path(tempfile.mkdtemp()) / "final.txt"
            subprocess.run([sys.executable, str(folder / "build_final.py"), str(final), "--shared", str(shared)],
                           check=True, capture_output=True)
            found[folder.name] = (source, final, folder / "comments.jsonl")
    return found


def prepared(consulted: Path, final: Path, comments: Path, labelled: bool = False):
    """The revision's pairs and, per comment, (opinion, true outcome): the analysis runs once. `labelled`: each
    comment judged on the article its label gives instead of the analysis's (what a perfect attribution would
    give the proposals; measure_heldout.py --labelled-articles)."""
    old = parse_text(consulted.read_text(encoding="utf-8"))
    new = parse_text(final.read_text(encoding="utf-8"))
    records = [json.loads(line) for line in comments.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [analysis.Article(label=a.label, number=a.number, sub=a.sub, caption=a.caption or "",
                                 path=tuple(a.path), paragraphs=tuple(p.full_text for p in a.paragraphs))
                for a in old.articles if not a.deleted]
    inputs = [analysis.Comment(id=str(r["id"]), text=r["text"]) for r in records]
    result = analysis.to_json(analysis.analyze(articles, inputs, options=analysis.AnalysisOptions(title=old.title)))
    by_id = {c["id"]: c for c in result["comments"]}
    truth = {"not": "not_adopted"}
    items = []
    for r in records:
        entry = by_id[str(r["id"])]
        # As suggest-file: a comment set aside as off-topic is judged too, on the whole draft.
        article = adoption.judged_on(entry)
        if labelled and "article" in r:
            article = _label(r["article"])
        opinion = adoption.Opinion(r["text"], article=article)
        items.append((opinion, truth.get(r["outcome"], r["outcome"])))
    return adoption.pairs_of(align(old.articles, new.articles)), items


def _label(article: str | int | None) -> str | None:
    """A revision set's label of the article a comment is about (第十条, or its number) as an article label."""
    if isinstance(article, int):
        return f"第{int_to_cn(article)}条"
    return adoption.article_of(article)


def score(revision: adoption.Revision, items, settings: adoption.Settings) -> dict:
    seen = dict.fromkeys(OUTCOMES, 0)
    hits = dict.fromkeys(OUTCOMES, 0)
    for opinion, truth in items:
        got = adoption.propose(opinion, revision, settings).outcome
        seen[truth] += 1
        hits[truth] += got == truth
    recall = {o: hits[o] / seen[o] if seen[o] else 1.0 for o in OUTCOMES}
    return {"accuracy": sum(hits.values()) / max(sum(seen.values()), 1), "recall": recall}


def objective(result: dict) -> float:
    """Accuracy and the outcomes' mean recall (the goals hold both; the mean, not the weakest, so
    that one small class does not decide alone)."""
    return result["accuracy"] + statistics.mean(result["recall"].values())


def row(name: str, result: dict) -> str:
    r = result["recall"]
    return (f"| {name} | {result['accuracy']:.3f} | {r['adopted']:.2f} | {r['partly']:.2f} | "
            f"{r['not_adopted']:.2f} |")


def grid_settings() -> list[adoption.Settings]:
    """Every combination of GRID's values, `partly` below `adopted`."""
    return [replace(adoption.DEFAULT, **dict(zip(GRID, values, strict=True)))
            for values in itertools.product(*GRID.values()) if values[1] < values[0]]


def set_results(item: tuple[str, tuple[Path, ...]]) -> tuple[str, list[dict]]:
    """One set's figures for every setting of the grid (a worker's task: the analysis runs once, the revision is
    built once per value of the settings read when it is built, `moved`)."""
    name, files = item
    pairs, items = prepared(*files)
    revisions = {moved: adoption.Revision(pairs, replace(adoption.DEFAULT, moved=moved)) for moved in GRID["moved"]}
    return name, [score(revisions[s.moved], items, s) for s in grid_settings()]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="sets scored at once, one process each (default: one per core)")
    args = parser.parse_args()
    found = sets(args.shared)
    if not found:
        print("no labeled revision set found", file=sys.stderr)
        return 1
    keys = list(GRID)
    grid = grid_settings()
    print(f"{len(found)} sets x {len(grid)} settings, {args.workers} worker(s)", file=sys.stderr)
    results = {}
    started = time.monotonic()
    with ProcessPoolExecutor(args.workers) as pool:
        for done in as_completed([pool.submit(set_results, item) for item in found.items()]):
            name, figures = done.result()
            results[name] = figures
            print(f"  {len(results)}/{len(found)} {name} ({time.monotonic() - started:.0f} s)", file=sys.stderr)
    results = {name: results[name] for name in found}
    header = "| set | accuracy | recall adopted | recall partly | recall not |\n|---|---:|---:|---:|---:|"
    if len(results) > 1:
        print("Held out (settings chosen on the other sets):\n" + header)
        held = []
        for name in results:
            others = [n for n in results if n != name]
            best = max(range(len(grid)), key=lambda k: sum(objective(results[n][k]) for n in others))
            held.append(results[name][best])
            print(row(name, results[name][best]) + f" chosen on the others: {_settings(grid[best], keys)}")
        accuracies = [h["accuracy"] for h in held]
        print(f"\nheld-out accuracy: mean {statistics.mean(accuracies):.3f}, "
              f"min {min(accuracies):.3f}, max {max(accuracies):.3f}")
    best = max(range(len(grid)), key=lambda k: sum(objective(results[n][k]) for n in results))
    print(f"\nKept (best on all sets): {_settings(grid[best], keys)}\n" + header)
    for name in results:
        print(row(name, results[name][best]))
    default = grid.index(adoption.DEFAULT) if adoption.DEFAULT in grid else None
    if default is not None and default != best:
        print("note: the module's DEFAULT differs from the kept settings", file=sys.stderr)
    return 0


def _settings(settings: adoption.Settings, keys: list[str]) -> str:
    return ", ".join(f"{k}={getattr(settings, k)}" for k in keys)


if __name__ == "__main__":
    sys.exit(main())
