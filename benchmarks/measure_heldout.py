"""The figures of the held-out sets: the labeled sets nobody tunes on, measured as they stand.

usage: python benchmarks/measure_heldout.py [--tuning] [--reasons] [--only NAME ...] [--labelled-articles]
                                           [--write-reliability]

The held-out sets are those the two tuning scripts do not read:

- comment sets: every `tests/analysis/fixtures/heldout/NAME_comments.jsonl` that
  `tests/analysis/fixtures/sets.json` does not list (`benchmarks/tune_analysis.py` reads that list), scored
  as `../shared/tools/score_analysis.py` scores `legislink analyze-file`'s output;
- revision sets: every folder of `tests/analysis/fixtures/adoption_heldout` that `benchmarks/tune_adoption.py`
  does not read, each comment's proposal made as `legislink adoption suggest-file` makes it (the analysis's
  attribution, then the proposal), scored as `../shared/tools/score_adoption.py` scores it; a set whose texts
  are two editions of a real law (the 慈善法 of `../shared`, or two editions its README says come from the
  LawRefBook/Laws collection) is counted apart from the revisions written for a set.

`--write-reliability` writes, for each reason code, how many of the held-out revision sets' proposals had it and
how many matched their labels, and for each off-topic reason how many comments of the held-out comment sets the
analysis set aside for it and how many their labels call off-topic, to
`legislink/analysis/data/reliability.json`, which the reviewer's page shows beside each proposal and the
moderation page beside the off-topic reasons (`legislink/analysis/reliability.py`).

`--tuning` measures the tuning sets the same way instead (their figures with the code as it stands), and
`--reasons` adds, for the revision sets, how often each reason code's proposal met each true outcome: where the
proposals go wrong, counted, without reading a held-out comment. `--labelled-articles` judges each revision comment
on the article its label gives instead of the analysis's: how much a perfect attribution would add to the proposals.
Prints tables; changes nothing.
"""

import argparse
import json
import statistics
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import tune_adoption  # noqa: E402
import tune_analysis  # noqa: E402

from legislink.analysis import adoption  # noqa: E402

FIXTURES = ROOT / "tests" / "analysis" / "fixtures"
OUTCOMES = tune_adoption.OUTCOMES
_fmt = tune_analysis._fmt  # a figure as the tuning scripts' tables print it
ANALYSIS = (("attribution_explicit", "explicit"), ("attribution_content", "content-only"),
            ("offtopic_precision", "off-topic P"), ("offtopic_recall", "off-topic R"), ("offtopic_f1", "off-topic F1"),
            ("duplicate_precision", "form-letter P"), ("duplicate_f1", "form-letter F1"), ("grouping_ari", "ARI"))


def comment_sets(tuning: bool) -> dict[str, tuple[Path, Path]]:
    """Name -> (draft, labels): the tuning scripts' own list, or the held-out sets beside it."""
    tuned = tune_analysis.labeled_sets()
    if tuning:
        return tuned
    found = {}
    for labels in sorted((FIXTURES / "heldout").glob("*_comments.jsonl")):
        name = labels.name.removesuffix("_comments.jsonl")
        draft = labels.with_name(f"{name}_draft.txt")
        if name not in tuned and draft.exists():
            found[name] = (draft, labels)
    return found


def revision_sets(tuning: bool, shared: Path) -> dict[str, tuple[Path, Path, Path]]:
    """Name -> (consulted, final, comments)."""
    tuned = tune_adoption.sets(shared)
    if tuning:
        return tuned
    found = {}
    for folder in sorted((FIXTURES / "adoption_heldout").glob("*/")):
        files = (folder / "consulted.txt", folder / "final.txt", folder / "comments.jsonl")
        if folder.name not in tuned and all(f.exists() for f in files):
            found[folder.name] = files
    return found


def is_real(files: tuple[Path, ...], shared: Path) -> bool:
    """Whether a revision set's two texts are editions of a real law: both among ../shared's laws (the 慈善法
    2016 and 2023), or two editions from the LawRefBook/Laws collection, as the set's README says."""
    laws = (shared / "laws").resolve()
    if all(f.resolve().parent == laws for f in files[:2]):
        return True
    readme = files[-1].parent / "README.md"
    return readme.exists() and "LawRefBook" in readme.read_text(encoding="utf-8")


def measure_comments(item: tuple[str, tuple[Path, Path]]) -> tuple[str, dict]:
    """The set's figures as score_analysis.py gives them, and (`set_aside`) how many of the comments the analysis
    set aside for each off-topic reason its labels call off-topic: (reason, truly off-topic) -> count."""
    name, (draft, labels) = item
    labeled = tune_analysis.LabeledSet(draft, labels)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        figures = labeled.metrics(out)
        result = {str(c["id"]): c for c in json.loads(out.read_text(encoding="utf-8"))["comments"]}
    set_aside = Counter((result[str(x["id"])]["offtopic_reason"], x["article"] == "offtopic") for x in labeled.labels
                        if result[str(x["id"])]["offtopic"])
    return name, {**figures, "set_aside": set_aside}


def measure_revision(item: tuple[str, tuple[Path, Path, Path]], labelled: bool = False) -> tuple[str, dict]:
    """Each comment's proposal (tune_adoption.prepared: suggest-file's path) against its label, and the
    content attribution of the comments that name no article. `labelled`: each comment judged on its labelled
    article, not the analysis's."""
    name, files = item
    pairs, items = tune_adoption.prepared(*files, labelled=labelled)
    revision = adoption.Revision(pairs)
    seen, hits, reasons = Counter(), Counter(), Counter()
    for opinion, truth in items:
        proposal = adoption.propose(opinion, revision, adoption.DEFAULT)
        seen[truth] += 1
        hits[truth] += proposal.outcome == truth
        reasons[(proposal.evidence.get("reason") or {}).get("code"), truth, proposal.outcome] += 1
    with tempfile.TemporaryDirectory() as tmp:
        content = tune_analysis.AdoptionSet(*files).metrics(Path(tmp) / "result.json")["attribution_content"]
    return name, {"accuracy": sum(hits.values()) / max(1, sum(seen.values())),
                  "recall": {o: hits[o] / seen[o] if seen[o] else None for o in OUTCOMES},
                  "content": content, "reasons": reasons, "comments": sum(seen.values())}


def _spread(values) -> str:
    known = [v for v in values if v is not None]
    return f"{statistics.mean(known):.3f} ({min(known):.2f}–{max(known):.2f})" if known else "—"


def print_comments(results: dict[str, dict]) -> None:
    names = sorted(results)
    print("| figure | " + " | ".join(f"`{n}`" for n in names) + " | mean (spread) |")
    print("|---|" + "---:|" * len(names) + "---|")
    for key, label in ANALYSIS:
        values = [results[n].get(key) for n in names]
        print(f"| {label} | " + " | ".join(_fmt(v) for v in values) + f" | {_spread(values)} |")


def print_revisions(title: str, results: dict[str, dict], reasons: bool) -> None:
    if not results:
        return
    print(f"\n{title}\n")
    print("| set | comments | accuracy | adopted recall | partly recall | not recall | content-only attribution |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in sorted(results):
        r = results[name]
        recall = " | ".join(_fmt(r["recall"][o]) for o in OUTCOMES)
        print(f"| `{name}` | {r['comments']} | {_fmt(r['accuracy'])} | {recall} | {_fmt(r['content'])} |")
    values = list(results.values())
    print(f"| mean (spread) | {sum(r['comments'] for r in values)} | {_spread([r['accuracy'] for r in values])} | "
          + " | ".join(_spread([r["recall"][o] for r in values]) for o in OUTCOMES)
          + f" | {_spread([r['content'] for r in values])} |")
    if reasons:
        total = sum((r["reasons"] for r in values), Counter())
        print("\n| reason code | proposals | right | " + " | ".join(f"true {o}" for o in OUTCOMES) + " |")
        print("|---|---:|---:|" + "---:|" * len(OUTCOMES))
        tally = _tallied(_right_by_code(total), "proposals")
        for code, entry in sorted(tally.items(), key=lambda item: -item[1]["proposals"]):
            truths = [sum(m for (c, t, _), m in total.items() if c == code and t == o) for o in OUTCOMES]
            print(f"| `{code}` | {entry['proposals']} | {entry['right']} | " + " | ".join(map(str, truths)) + " |")


def _right_by_code(reasons: Counter) -> Counter:
    """(reason code, proposal, true outcome) -> n, as (reason code, whether the proposal was right) -> n."""
    right: Counter = Counter()
    for (code, truth, outcome), n in reasons.items():
        right[code, truth == outcome] += n
    return right


def _tallied(counts: Counter, counted: str) -> dict[str, dict[str, int]]:
    """(key, right) -> n as key -> {counted: all of them, "right": the right ones}, keys in their first order."""
    tally: dict[str, dict[str, int]] = {}
    for (key, right), n in counts.items():
        entry = tally.setdefault(key, {counted: 0, "right": 0})
        entry[counted] += n
        entry["right"] += n if right else 0
    return tally


RELIABILITY = ROOT / "legislink" / "analysis" / "data" / "reliability.json"


def reliability(proposed: dict[str, dict], analysed: dict[str, dict]) -> dict:
    """What `legislink/analysis/data/reliability.json` holds: for each reason code, the proposals the
    revision sets measured received and how many matched their labels' outcome; for each off-topic reason, the
    comments the comment sets measured had set aside for it and how many their labels call off-topic
    (`analysis/reliability.py`)."""
    aside = sum((r["set_aside"] for r in analysed.values()), Counter())
    offtopic = _tallied(aside, "set_aside")
    codes = _tallied(_right_by_code(sum((r["reasons"] for r in proposed.values()), Counter())), "proposals")
    return {"source": "benchmarks/measure_heldout.py --write-reliability: the proposals of suggest-file's path on "
                      "the held-out revision sets of tests/analysis/fixtures/adoption_heldout, and the off-topic "
                      "reasons of analyze-file on the held-out comment sets of tests/analysis/fixtures/heldout, none "
                      "of them tuned on, against what their labels give",
            "sets": sorted(proposed), "codes": _by_name(codes),
            "comment_sets": sorted(analysed), "offtopic": _by_name(offtopic)}


def _by_name(tally: dict) -> dict[str, dict[str, int]]:
    """A tally in the file's order: by name, a proposal or a comment with no reason under the empty name."""
    return dict(sorted((str(key or ""), entry) for key, entry in tally.items()))


def reliability_text(found: dict) -> str:
    """The file's text: JSON, one reason code a line."""
    def lines(entries: dict) -> str:
        return ",\n".join(f"  {json.dumps(key)}: {json.dumps(entry)}" for key, entry in entries.items())
    return (f'{{"source": {json.dumps(found["source"], ensure_ascii=False)},\n "sets": {json.dumps(found["sets"])},\n'
            f' "codes": {{\n{lines(found["codes"])}\n }},\n "comment_sets": {json.dumps(found["comment_sets"])},\n'
            f' "offtopic": {{\n{lines(found["offtopic"])}\n }}\n}}\n')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tuning", action="store_true", help="measure the tuning sets instead")
    parser.add_argument("--reasons", action="store_true", help="count each reason code's proposals by true outcome")
    parser.add_argument("--only", nargs="*", default=None, help="only these sets")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--labelled-articles", action="store_true",
                        help="judge each revision comment on the article its label gives (a perfect attribution)")
    parser.add_argument("--write-reliability", action="store_true",
                        help=f"write what each kind of proposal scored on the held-out revisions to {RELIABILITY.name}")
    args = parser.parse_args(argv)
    comments = comment_sets(args.tuning)
    revisions = revision_sets(args.tuning, args.shared)
    if args.write_reliability:
        if args.tuning or args.only is not None:
            parser.error("--write-reliability measures every held-out revision set: no --tuning, no --only")
        with ProcessPoolExecutor(args.workers) as pool:
            proposed = dict(pool.map(measure_revision, revisions.items()))
            analysed = dict(pool.map(measure_comments, comments.items()))
        RELIABILITY.write_text(reliability_text(reliability(proposed, analysed)), encoding="utf-8")
        print(f"wrote {RELIABILITY.relative_to(ROOT)} ({len(proposed)} revision sets, {len(analysed)} comment sets)")
        return 0
    if args.only is not None:
        comments = {k: v for k, v in comments.items() if k in args.only}
        revisions = {k: v for k, v in revisions.items() if k in args.only}
    with ProcessPoolExecutor(args.workers) as pool:
        analysed = dict(pool.map(measure_comments, comments.items()))
        proposed = dict(pool.map(partial(measure_revision, labelled=args.labelled_articles), revisions.items()))
    kind = "tuning" if args.tuning else "held-out"
    if analysed:
        print(f"Comment sets ({kind}), `legislink analyze-file` scored by score_analysis.py\n")
        print_comments(analysed)
    real = {n: r for n, r in proposed.items() if is_real(revisions[n], args.shared)}
    written = {n: r for n, r in proposed.items() if n not in real}
    print_revisions(f"Revision sets ({kind}) written for a set, `suggest-file`'s proposals", written, args.reasons)
    print_revisions(f"Revision sets ({kind}) on two editions of a real law", real, args.reasons)
    return 0


if __name__ == "__main__":
    sys.exit(main())
