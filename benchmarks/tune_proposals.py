"""Choose how proposals are grouped (analysis/proposals.py: TITLE_WEIGHT and CUT_DISTANCE) by
cross-validation over the labeled proposal sets, which were written apart and differently
(tests/analysis/fixtures/proposals/README.md).

usage: python benchmarks/tune_proposals.py

For each set held out in turn, the grid point with the best ARI on the other set is chosen and
scored on the held-out one: that held-out ARI is what to expect on a call nobody tuned on. The
value kept in the code is the best mean ARI over both sets; its per-set figures are printed too.
"""

import itertools
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from sklearn.metrics import adjusted_rand_score  # noqa: E402

from legislink.analysis import proposals  # noqa: E402

SETS = ROOT / "tests" / "analysis" / "fixtures" / "proposals"
WEIGHTS = (0.0, 0.2, 0.35, 0.5, 0.65, 0.8, 1.0)
CUTS = (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
# 1.0: a voice left alone stays alone.
ATTACH = (0.05, 0.1, 0.15, 0.2, 0.3, 1.0)


def load(path: Path) -> tuple[list[proposals.Proposal], list[str]]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return ([proposals.Proposal(id=r["id"], title=r["title"], text=r["text"], content=r["content"]) for r in rows],
            [r["group"] for r in rows])


def ari(items: list[proposals.Proposal], truth: list[str], weight: float, cut: float, attach: float) -> float:
    result = proposals.group_proposals(items, options=proposals.ProposalOptions(
        title_weight=weight, cut_distance=cut, attach_similarity=attach))
    found = {r.id: r.group for r in result.proposals}
    return adjusted_rand_score(truth, [found[p.id] for p in items])


def main() -> None:
    sets = {p.stem: load(p) for p in sorted(SETS.glob("*.jsonl"))}
    grid = list(itertools.product(WEIGHTS, CUTS, ATTACH))
    scores = {name: {point: ari(*data, *point) for point in grid} for name, data in sets.items()}
    print("held out   chosen on the others (weight, cut, attach)   ARI held out   ARI on the others")
    for held in sets:
        others = [s for s in sets if s != held]
        best = max(grid, key=lambda p: (statistics.mean(scores[s][p] for s in others), -abs(p[1] - 0.8)))
        print(f"{held:10} {best!s:38} {scores[held][best]:.3f}          "
              f"{statistics.mean(scores[s][best] for s in others):.3f}")
    kept = max(grid, key=lambda p: (statistics.mean(scores[s][p] for s in sets), -abs(p[1] - 0.8)))
    print(f"kept (best mean): weight={kept[0]} cut={kept[1]} attach={kept[2]}: "
          + ", ".join(f"{s} {scores[s][kept]:.3f}" for s in sets))
    current = (proposals.TITLE_WEIGHT, proposals.CUT_DISTANCE, proposals.ATTACH_SIMILARITY)
    if current in scores[next(iter(sets))]:
        print(f"in the code: weight={current[0]} cut={current[1]} attach={current[2]}: "
              + ", ".join(f"{s} {scores[s][current]:.3f}" for s in sets))
    print(f"\nARI by (weight, cut), mean over the sets, attach={kept[2]}:")
    print("weight " + " ".join(f"{c:>6}" for c in CUTS))
    for w in WEIGHTS:
        print(f"{w:6} " + " ".join(f"{statistics.mean(scores[s][(w, c, kept[2])] for s in sets):6.3f}"
                                   for c in CUTS))


if __name__ == "__main__":
    main()
