"""The adoption proposals measured through the site's own path, per comment, as issue 14 says they
will be judged on revisions we do not have: a fresh instance, the consulted text imported and opened,
the comments imported from the offline template, `legislink analyze`, the report exported and
recorded as sent (`--mark-reported`), the final text added as a later version, `legislink adoption
suggest --json`. Scored like suggest-file's answer, two ways: each comment given the proposal of the
opinion group it was put in (the mark a reviewer confirms is the group's), and each comment's own
proposal as the command lists it under its group (`comments`); an off-topic comment, or one left out
of the report, is not adopted.

usage: python benchmarks/score_adoption_site.py CONSULTED.txt FINAL.txt LABELS.jsonl [--keep DIR]
       python benchmarks/score_adoption_site.py --set NAME     (a set of benchmarks/tune_adoption.py)

Prints the accuracy and each outcome's recall beside suggest-file's on the same comments, the
number of opinion groups and how many of them hold comments of more than one true outcome (a group
is proposed one mark, so such a group costs the site path what suggest-file does not pay).
"""

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SCORE = ROOT.parent / "shared" / "tools" / "score_adoption.py"
NORMAL = {"adopted": "adopted", "partly": "partly", "not_adopted": "not", "not": "not"}


def run(instance: Path, *args: str) -> str:
    env = {**os.environ, "LEGISLINK_INSTANCE_PATH": str(instance)}
    done = subprocess.run([str(BIN / "legislink"), *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"legislink {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def template(rows: list[dict], path: Path) -> None:
    """The offline-import template's sheet, one comment a row, the article left for the analysis."""
    from legislink.reports.importer import ENTRY_SHEET, IMPORT_HEADERS

    book = Workbook()
    sheet = book.active
    sheet.title = ENTRY_SHEET
    sheet.append(IMPORT_HEADERS)
    for row in rows:
        sheet.append(["", row["text"], "", "", "", "", "", "", "", ""])
    book.save(path)


def site_proposals(consulted: Path, final: Path, rows: list[dict], instance: Path) -> tuple[dict, dict]:
    """Each labeled comment's proposal through the site's path, and each comment's opinion group."""
    run(instance, "init")
    imported = json.loads(run(instance, "drafts", "import", str(consulted), "--version-label", "征求意见稿"))
    today = date.today()
    run(instance, "consultations", "open", str(imported["version_id"]), "--opens",
        (today - timedelta(days=30)).isoformat(), "--closes", (today - timedelta(days=1)).isoformat())
    workbook = instance / "comments.xlsx"
    template(rows, workbook)
    run(instance, "comments", "import", str(imported["draft_id"]), str(workbook))
    draft = str(imported["draft_id"])
    run(instance, "analyze", draft)
    run(instance, "export", draft, "-o", str(instance / "report.xlsx"), "--mark-reported")
    run(instance, "drafts", "import", str(final), "--draft", draft, "--version-label", "最终文本")
    proposals = json.loads(run(instance, "adoption", "suggest", draft, "--to", "最终文本", "--json"))
    by_group = {p["group"]: p["proposed"] for p in proposals}
    own = {c["id"]: c["proposed"] for p in proposals for c in p.get("comments", ())}
    with sqlite3.connect(instance / "legislink.sqlite3") as db:
        stored = db.execute("SELECT id, group_id FROM comments ORDER BY id").fetchall()
    # Rows were imported in order, so the n-th stored comment is the n-th row.
    group_of = {row["id"]: group for row, (_id, group) in zip(rows, stored, strict=True)}
    proposed = {row["id"]: NORMAL[by_group.get(group_of[row["id"]], "not_adopted")] for row in rows}
    each = {row["id"]: NORMAL[own.get(cid, "not_adopted")] for row, (cid, _group) in zip(rows, stored, strict=True)}
    return proposed, each, group_of


def file_proposals(consulted: Path, final: Path, labels: Path) -> dict:
    out = run(Path(tempfile.mkdtemp()), "adoption", "suggest-file", str(consulted), str(final), str(labels), "--json")
    return {str(e["id"]): NORMAL[e["proposed"]] for e in json.loads(out)}


def figures(rows: list[dict], proposed: dict) -> tuple[float, dict]:
    seen, hits = Counter(), Counter()
    for row in rows:
        seen[row["outcome"]] += 1
        hits[row["outcome"]] += proposed.get(str(row["id"])) == row["outcome"]
    return sum(hits.values()) / len(rows), {o: hits[o] / seen[o] for o in ("adopted", "partly", "not") if seen[o]}


def measure(consulted: Path, final: Path, labels: Path, keep: Path | None) -> None:
    rows = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        row["id"] = str(row["id"])
    instance = keep or Path(tempfile.mkdtemp(prefix="legislink-site-"))
    site, each, group_of = site_proposals(consulted, final, rows, instance)
    members = defaultdict(Counter)
    for row in rows:
        if group_of[row["id"]] is not None:
            members[group_of[row["id"]]][row["outcome"]] += 1
    mixed = sum(len(outcomes) > 1 for outcomes in members.values())
    # The best the site path could do with these groups: every group given its most common true outcome.
    ceiling = (sum(max(c.values()) for c in members.values())
               + sum(row["outcome"] == "not" for row in rows if group_of[row["id"]] is None)) / len(rows)
    for name, proposed in (("site, group", site), ("site, comment", each),
                           ("suggest-file", file_proposals(consulted, final, labels))):
        accuracy, recall = figures(rows, proposed)
        print(f"{name:<13} accuracy {accuracy:.3f}  " + "  ".join(f"{o} {r:.2f}" for o, r in recall.items()))
    print(f"opinion groups {len(members)}, of them with comments of more than one true outcome {mixed}; "
          f"comments in no group {sum(g is None for g in group_of.values())}; one right mark a group would "
          f"score {ceiling:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--set", help="a set's name as benchmarks/tune_adoption.py lists it")
    parser.add_argument("--keep", type=Path, help="the instance folder to use and keep")
    args = parser.parse_args()
    if args.set:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from tune_adoption import sets

        consulted, final, labels = sets(ROOT.parent / "shared")[args.set]
    else:
        consulted, final, labels = args.files
    measure(consulted, final, labels, args.keep)


if __name__ == "__main__":
    main()
