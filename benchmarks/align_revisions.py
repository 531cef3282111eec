"""Alignment across real revisions: is every article whose text did not change paired with its new number?

usage: python benchmarks/align_revisions.py REPO [NAME ...]

REPO is a checkout or bare clone of the LawRefBook/Laws collection (github.com/LawRefBook/Laws, public law
texts in Markdown; measured at commit 2f4c5c2). For each law NAME (default: the revisions listed in
REVISIONS, each an older and a newer edition of one national law) both editions are read from the
repository's history, their Markdown headings and comments stripped, parsed as a draft is, and aligned as
`legislink drafts compare` aligns them. The table gives the articles of each edition, how many consulted
articles have their exact text somewhere in the new edition, how many of those the alignment failed to
pair with it (issue 14, point 8: none), and the changes it found.

usage: python benchmarks/align_revisions.py REPO --all [--list]

Every law of the collection that has two or more dated editions in its history (the file name's date: 畜牧法
(2015-04-24).md, 畜牧法(2022-10-30).md; national and local, court interpretations and cases left out), each edition
aligned with the next: one summary row (`--list`: a row per pair). Editions that do not parse as articles (a
decision, an empty text) are counted apart.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from legislink.lawtext import parse_text  # noqa: E402
from legislink.lawtext.diff import _comparable, align  # noqa: E402
from legislink.lawtext.errors import ParseError  # noqa: E402
from tests.lawtext.helpers import unchanged_pairs_missed  # noqa: E402

# Older and newer edition of national laws revised heavily (several grow by half or more), as the
# collection names their files.
REVISIONS = {
    "妇女权益保障法": ("社会法/妇女权益保障法(2018-10-26).md", "社会法/妇女权益保障法(2022-10-30).md"),
    "未成年人保护法": ("社会法/未成年人保护法(2020-10-17).md", "社会法/未成年人保护法(2024-04-26).md"),
    "畜牧法": ("经济法/畜牧法(2015-04-24).md", "经济法/畜牧法(2022-10-30).md"),
    "科学技术普及法": ("行政法/科学技术普及法(2002-06-29).md", "行政法/科学技术普及法(2024-12-25).md"),
    "突发事件应对法": ("行政法/突发事件应对法(2007-08-30).md", "行政法/突发事件应对法(2024-06-28).md"),
    "职业教育法": ("行政法/职业教育法(1996-05-15).md", "行政法/职业教育法(2022-04-20).md"),
    "行政复议法": ("诉讼与非诉讼程序法/行政复议法(2017-09-01).md", "诉讼与非诉讼程序法/行政复议法(2023-09-01).md"),
    "野生动物保护法": ("经济法/野生动物保护法(2018-10-26).md", "经济法/野生动物保护法(2022-12-30).md"),
    "会计法": ("经济法/会计法(2017-11-04).md", "经济法/会计法(2024-06-28).md"),
    "反垄断法": ("经济法/反垄断法(2007-08-30).md", "经济法/反垄断法(2022-06-24).md"),
}


def edition(repo: Path, path: str) -> str:
    """The text of one file as last committed anywhere in the repository's history, as plain text (the newest
    commit that touched it and still holds it: the last may be the one that moved it away)."""
    commits = subprocess.run(["git", "-C", str(repo), "log", "--all", "--format=%H", "--", path],
                             capture_output=True, text=True, check=True).stdout.split()
    for commit in commits:
        shown = subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{path}"], capture_output=True, text=True)
        if shown.returncode == 0:
            return plain_text(shown.stdout)
    raise SystemExit(f"{path}: not in {repo}")


def plain_text(markdown: str) -> str:
    """A law of the collection as staff would paste it: its HTML comments gone, its headings' # marks dropped."""
    markdown = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    return "\n".join(line.lstrip("#").strip() for line in markdown.splitlines())


_DATED = re.compile(r"(?:^|/)([^/]+)\((\d{4}-\d{2}-\d{2})\)\.md$")
_NOT_LEGISLATION = re.compile(r"司法解释|案例")


def dated_editions(repo: Path) -> dict[str, list[str]]:
    """Law name -> the paths of its dated editions in the repository's history, oldest first (one path a date:
    an edition moved between folders is one edition)."""
    listed = subprocess.run(["git", "-C", str(repo), "-c", "core.quotepath=off", "log", "--all", "--name-only",
                             "--format=", "--", "*.md"], capture_output=True, text=True, check=True).stdout
    found: dict[str, dict[str, str]] = {}
    for path in sorted(set(listed.splitlines())):
        match = _DATED.search(path)
        if match and not _NOT_LEGISLATION.search(path):
            found.setdefault(match[1], {}).setdefault(match[2], path)
    return {name: [dates[d] for d in sorted(dates)] for name, dates in sorted(found.items()) if len(dates) > 1}


def sweep(repo: Path, listing: bool) -> int:
    """Each dated edition of every law aligned with the next (`--all`)."""
    totals: Counter[str] = Counter()
    failures = []
    for name, paths in dated_editions(repo).items():
        for before, after in itertools.pairwise(paths):
            try:
                old, new = (parse_text(edition(repo, path)) for path in (before, after))
            except ParseError:
                totals["not parsed"] += 1
                continue
            if old.kind != "law" or new.kind != "law":
                totals["not articles"] += 1
                continue
            missed = unchanged_pairs_missed(old.articles, new.articles)
            texts = {_comparable(a) for a in new.articles}
            totals["pairs"] += 1
            totals["unchanged"] += sum(_comparable(a) in texts for a in old.articles)
            totals["missed"] += len(missed)
            if missed:
                failures.append(f"{before} → {after}: {'、'.join(missed)}")
            if listing:
                print(f"{name}\t{len(old.articles)} → {len(new.articles)}\t{len(missed)}")
    print("| editions aligned with the next | consulted articles whose exact text the next keeps | not paired with it "
          "| pairs not of articles (decisions) | not parsed |")
    print("|---:|---:|---:|---:|---:|")
    print(f"| {totals['pairs']} | {totals['unchanged']:,} | {totals['missed']} | {totals['not articles']} "
          f"| {totals['not parsed']} |")
    for failure in failures:
        print(failure)
    return 1 if failures else 0


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    if "--all" in argv:
        return sweep(Path(argv[0]), "--list" in argv)
    repo, names = Path(argv[0]), argv[1:] or list(REVISIONS)
    print("| law | articles before → after | unchanged texts | not paired | changes |")
    print("|---|---|---:|---:|---|")
    failed = 0
    for name in names:
        old, new = (parse_text(edition(repo, path)).articles for path in REVISIONS[name])
        alignment = align(old, new)
        texts = {_comparable(a) for a in new}
        missed = unchanged_pairs_missed(old, new, alignment)
        failed += bool(missed)
        changes = Counter(a.change for a in alignment)
        print(f"| {name} | {len(old)} → {len(new)} | {sum(_comparable(a) in texts for a in old)} | "
              f"{len(missed)}{' ' + '、'.join(missed) if missed else ''} | "
              + ", ".join(f"{k} {v}" for k, v in sorted(changes.items())) + " |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
