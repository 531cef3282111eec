"""How often the one-click corrections on the opinions page hold the right article, on the labeled sets.

usage: python benchmarks/measure_candidates.py [--tuning] [--only NAME ...]

A comment the analysis attributes by its content, or leaves on the whole draft for want of it, carries up
to three other articles (`Attribution.candidates`), which staff re-file it to with one click. This counts,
over the comments that name no article and that the analysis kept on topic (the comments content attribution
is measured on, `tune_analysis.py`):

- misses: those it put on another article than their label's, or left on the whole draft though their label
  is an article; and how many of them have their labelled article among the candidates (in one click), or as
  the first candidate;
- whole-draft remarks: those labelled on the whole draft that the analysis left there, and how many of them
  carry candidates anyway (buttons a reader will not need).

The held-out sets by default (those neither tuning script reads, `measure_heldout.py`); `--tuning` the others.
Prints a table; changes nothing.
"""

import argparse
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import measure_heldout  # noqa: E402
import tune_analysis  # noqa: E402

from legislink.analysis.engine import AnalysisOptions, analyze, to_json  # noqa: E402

COLUMNS = ("misses", "in one click", "first candidate", "whole-draft remarks", "with candidates")


def count(item: tuple[str, tuple[Path, ...]]) -> tuple[str, Counter]:
    name, files = item
    if len(files) == 2:
        labeled = tune_analysis.LabeledSet(*files)
        records, comments = labeled.labels, labeled.comments
        articles, title = labeled.articles, labeled.title
    else:
        revision = tune_analysis.AdoptionSet(*files)
        records, comments = revision.records, revision.inputs
        articles, title = revision.articles, revision.title
    number = tune_analysis._score_module().article_number
    found = {c["id"]: c for c in to_json(analyze(articles, comments, options=AnalysisOptions(title=title)))["comments"]}
    tally = Counter()
    for record in records:
        if record.get("explicit") or "article" not in record or record["article"] == "offtopic":
            continue
        got = found[str(record["id"])]
        if got["offtopic"]:
            continue
        want = number(record["article"]) if record["article"] is not None else None
        offered = [number(label) for label in got["candidates"]]
        if want is None:
            if got["article"] is None:
                tally["whole-draft remarks"] += 1
                tally["with candidates"] += bool(offered)
        elif number(got["article"]) != want:
            tally["misses"] += 1
            tally["in one click"] += want in offered
            tally["first candidate"] += offered[:1] == [want]
    return name, tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tuning", action="store_true", help="measure the tuning sets instead of the held-out ones")
    parser.add_argument("--only", nargs="*", default=None, help="only these sets")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    sets = {**measure_heldout.comment_sets(args.tuning), **measure_heldout.revision_sets(args.tuning, args.shared)}
    if args.only is not None:
        sets = {k: v for k, v in sets.items() if k in args.only}
    with ProcessPoolExecutor(args.workers) as pool:
        tallies = dict(pool.map(count, sets.items()))
    print("| set | " + " | ".join(COLUMNS) + " |")
    print("|---|" + "---:|" * len(COLUMNS))
    total = Counter()
    for name, tally in tallies.items():
        total.update(tally)
        print(f"| `{name}` | " + " | ".join(str(tally[c]) for c in COLUMNS) + " |")
    print("| all | " + " | ".join(str(total[c]) for c in COLUMNS) + " |")
    misses, remarks = max(1, total["misses"]), max(1, total["whole-draft remarks"])
    print(f"\n{len(tallies)} sets: the right article is one click away for {total['in one click']} of "
          f"{total['misses']} misses ({total['in one click'] / misses:.2f}), the first candidate for "
          f"{total['first candidate'] / misses:.2f}; {total['with candidates']} of {total['whole-draft remarks']} "
          f"remarks rightly left on the whole draft carry candidates ({total['with candidates'] / remarks:.2f}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
