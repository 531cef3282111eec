"""Parse and alignment times on the real laws in ../shared/laws.

    .venv/bin/python benchmarks/bench_parse.py [--runs N]

Prints one table: parse time per file (median of N runs, plus a PDF-like hard-wrapped copy of
the largest), then alignment of the Civil Code against perturbed copies of itself and of the
Charity Law 2016 -> 2023. Targets: the Civil Code parses in < 0.3 s, aligning two versions of
1,260 articles takes < 5 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the perturbation helpers live beside the tests

from legislink.lawtext import align, parse_text  # noqa: E402
from tests.lawtext.helpers import hard_wrap, perturb, renumbered  # noqa: E402

LAWS = ROOT.parent / "shared" / "laws"


def median_seconds(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def parse_rows(runs: int) -> list[tuple[str, str, str]]:
    rows = []
    texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(LAWS.glob("*.txt"))}
    largest = max(texts, key=lambda name: len(texts[name]))
    texts[f"{largest} wrapped at 35 + page markers"] = hard_wrap(texts[largest], 35)
    for name, text in texts.items():
        doc = parse_text(text)
        seconds = median_seconds(lambda text=text: parse_text(text), runs)
        size = f"{len(text.encode('utf-8')) / 1024:.0f} KB, {len(doc.articles)} articles"
        rows.append((f"parse {name}", size, f"{seconds * 1000:.1f}"))
    return rows


def align_row(label: str, old: list, new: list, runs: int) -> tuple[str, str, str]:
    seconds = median_seconds(lambda: align(old, new), runs)
    counts = Counter(a.change for a in align(old, new))
    summary = ", ".join(f"{change} {counts[change]}" for change in ("same", "modified", "moved", "added", "deleted"))
    return (label, f"{len(old)} -> {len(new)}: {summary}", f"{seconds * 1000:.1f}")


def align_rows(runs: int) -> list[tuple[str, str, str]]:
    code = parse_text((LAWS / "minfadian_2020.txt").read_text(encoding="utf-8")).articles
    perturbed, truth = perturb(code, seed=1, edits=60, inserts=40, deletes=40, moves=15)
    found = {(a.from_label, a.to_label, a.change) for a in align(code, perturbed)}
    rows = [align_row(f"align minfadian vs perturbed copy ({len(found ^ truth)} wrong)", code, perturbed, runs)]
    every_one_edited = renumbered(code, [a.text.replace("，", "、", 1) + "修改" for a in code])
    rows.append(align_row("align minfadian vs every article edited", code, every_one_edited, runs))
    criminal_law = parse_text((LAWS / "xingfa.txt").read_text(encoding="utf-8")).articles
    rows.append(align_row("align minfadian vs xingfa (unrelated laws)", code, criminal_law, runs))
    old = parse_text((LAWS / "cishanfa_2016.txt").read_text(encoding="utf-8")).articles
    new = parse_text((LAWS / "cishanfa_2023.txt").read_text(encoding="utf-8")).articles
    rows.append(align_row("align cishanfa 2016 -> 2023", old, new, runs))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not LAWS.exists():
        print(f"{LAWS} is not available: nothing to measure")
        return 1
    rows = parse_rows(args.runs) + align_rows(args.runs)
    widths = [max(len(row[k]) for row in rows) for k in range(3)]
    header = ("what", "size", "median ms")
    print(f"{header[0]:<{widths[0]}}  {header[1]:<{widths[1]}}  {header[2]:>{max(widths[2], 9)}}")
    for what, size, ms in rows:
        print(f"{what:<{widths[0]}}  {size:<{widths[1]}}  {ms:>{max(widths[2], 9)}}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
