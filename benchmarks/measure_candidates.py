"""How often the one-click corrections on the opinions page hold the right article, on the labeled sets.

usage: python benchmarks/measure_candidates.py [--tuning] [--only NAME ...] [--corrections]

A comment the analysis attributes by its content, or leaves on the whole draft for want of it, carries up
to three other articles (`Attribution.candidates`), which staff re-file it to with one click. This counts,
over the comments that name no article and that the analysis kept on topic (the comments content attribution
is measured on, `tune_analysis.py`):

- misses: those it put on another article than their label's, or left on the whole draft though their label
  is an article; and how many of them have their labelled article among the candidates (in one click), or as
  the first candidate;
- whole-draft remarks: those labelled on the whole draft that the analysis left there, and how many of them
  carry candidates anyway (buttons a reader will not need).

`--corrections` measures instead what staff's one-click corrections do to the comments they did not touch. Each
set's comments are taken in their order; staff correct, in the first half, every miss whose labelled article is
a button away (locked on it, as `opinions.reattribute` does), then:

- next comments: the second half arrives and is attributed as an incremental run attributes new comments (with the
  first half's comments that named their article, and, or not, the corrected ones, as evidence);
- full re-run: every comment analysed again with the corrections locked, scored on the comments not corrected.

Both count right articles (or the whole draft) among the comments that name no article, off-topic ones left out.

The held-out sets by default (those neither tuning script reads, `measure_heldout.py`); `--tuning` the others.
Prints a table; changes nothing.
"""

import argparse
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import measure_heldout  # noqa: E402
import tune_analysis  # noqa: E402

from legislink.analysis import attribute  # noqa: E402
from legislink.analysis.engine import AnalysisOptions, analyze, to_json  # noqa: E402

COLUMNS = ("misses", "in one click", "first candidate", "whole-draft remarks", "with candidates")


def _load(files: tuple[Path, ...]):
    """(records, comments, articles, title) of a comment set or a revision set."""
    if len(files) == 2:
        labeled = tune_analysis.LabeledSet(*files)
        return labeled.labels, labeled.comments, labeled.articles, labeled.title
    revision = tune_analysis.AdoptionSet(*files)
    return revision.records, revision.inputs, revision.articles, revision.title


def _analysed(articles, comments, title) -> dict[str, dict]:
    return {c["id"]: c for c in to_json(analyze(articles, comments, options=AnalysisOptions(title=title)))["comments"]}


def count(item: tuple[str, tuple[Path, ...]]) -> tuple[str, Counter]:
    name, files = item
    records, comments, articles, title = _load(files)
    number = tune_analysis._score_module().article_number
    found = _analysed(articles, comments, title)
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


def _wanted(records) -> dict[str, int | None]:
    """Comment id -> the labelled article's number (None: the whole draft), for the comments that name no article
    and are on topic."""
    number = tune_analysis._score_module().article_number
    return {str(r["id"]): (number(r["article"]) if r["article"] is not None else None) for r in records
            if "article" in r and r["article"] != "offtopic" and not r.get("explicit")}


def _corrected(comments, found: dict[str, dict], wanted: dict[str, int | None]) -> dict[str, str]:
    """Comment id -> the button staff click: for each miss whose labelled article is among its candidates."""
    number = tune_analysis._score_module().article_number
    fixes = {}
    for c in comments:
        got = found[c.id]
        if c.id not in wanted or wanted[c.id] is None or got["offtopic"] or number(got["article"]) == wanted[c.id]:
            continue
        button = next((label for label in got["candidates"] if number(label) == wanted[c.id]), None)
        if button:
            fixes[c.id] = button
    return fixes


def corrections(item: tuple[str, tuple[Path, ...]]) -> tuple[str, Counter]:
    name, files = item
    records, comments, articles, title = _load(files)
    number = tune_analysis._score_module().article_number
    wanted = _wanted(records)
    options = AnalysisOptions(title=title)
    tally = Counter()
    # Next comments: the first half analysed and corrected, the second half attributed with its evidence.
    first, second = comments[:len(comments) // 2], comments[len(comments) // 2:]
    found = _analysed(articles, first, title)
    fixes = _corrected(first, found, wanted)
    named = [replace(c, locked=True, article=found[c.id]["article"]) for c in first
             if found[c.id]["attribution"] == "explicit" and found[c.id]["article"]]
    fixed = [replace(c, locked=True, article=fixes[c.id]) for c in first if c.id in fixes]
    scored = [c for c in second if c.id in wanted]
    for key, evidence in (("next, without", named), ("next, with", named + fixed)):
        got = attribute(articles, evidence + second, options=options)
        tally[key] += sum(number(got[c.id].article) == wanted[c.id] for c in scored)
    tally["next comments"], tally["next fixes"] = len(scored), len(fixed)
    # Full re-run: every comment again, the corrections locked.
    found = _analysed(articles, comments, title)
    fixes = _corrected(comments, found, wanted)
    again = _analysed(articles, [replace(c, locked=True, article=fixes[c.id]) if c.id in fixes else c
                                 for c in comments], title)
    untouched = [i for i in wanted if i not in fixes]
    for key, got in (("re-run, before", found), ("re-run, after", again)):
        tally[key] = sum(not got[i]["offtopic"] and number(got[i]["article"]) == wanted[i] for i in untouched)
    tally["re-run comments"], tally["re-run fixes"] = len(untouched), len(fixes)
    return name, tally


CORRECTION_COLUMNS = ("next fixes", "next comments", "next, without", "next, with",
                      "re-run fixes", "re-run comments", "re-run, before", "re-run, after")


def print_table(tallies: dict[str, Counter], columns: tuple[str, ...]) -> Counter:
    """One row a set and a row of totals, which it returns."""
    print("| set | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    total = Counter()
    for name, tally in tallies.items():
        total.update(tally)
        print(f"| `{name}` | " + " | ".join(str(tally[c]) for c in columns) + " |")
    print("| all | " + " | ".join(str(total[c]) for c in columns) + " |")
    return total


def print_corrections(tallies: dict[str, Counter]) -> None:
    total = print_table(tallies, CORRECTION_COLUMNS)
    nxt, rerun = max(1, total["next comments"]), max(1, total["re-run comments"])
    print(f"\nnext comments: {total['next, without'] / nxt:.4f} without the corrections as evidence, "
          f"{total['next, with'] / nxt:.4f} with them; full re-run: {total['re-run, before'] / rerun:.4f} before, "
          f"{total['re-run, after'] / rerun:.4f} after, on the comments not corrected.")


def print_candidates(tallies: dict[str, Counter]) -> None:
    total = print_table(tallies, COLUMNS)
    misses, remarks = max(1, total["misses"]), max(1, total["whole-draft remarks"])
    print(f"\n{len(tallies)} sets: the right article is one click away for {total['in one click']} of "
          f"{total['misses']} misses ({total['in one click'] / misses:.2f}), the first candidate for "
          f"{total['first candidate'] / misses:.2f}; {total['with candidates']} of {total['whole-draft remarks']} "
          f"remarks rightly left on the whole draft carry candidates ({total['with candidates'] / remarks:.2f}).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tuning", action="store_true", help="measure the tuning sets instead of the held-out ones")
    parser.add_argument("--only", nargs="*", default=None, help="only these sets")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corrections", action="store_true", help="what the corrections do to the other comments")
    args = parser.parse_args(argv)
    sets = {**measure_heldout.comment_sets(args.tuning), **measure_heldout.revision_sets(args.tuning, args.shared)}
    if args.only is not None:
        sets = {k: v for k, v in sets.items() if k in args.only}
    with ProcessPoolExecutor(args.workers) as pool:
        tallies = dict(pool.map(corrections if args.corrections else count, sets.items()))
    (print_corrections if args.corrections else print_candidates)(tallies)
    return 0

if __name__ == "__main__":
    sys.exit(main())
