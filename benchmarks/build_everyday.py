"""Build `legislink/analysis/data/everyday.tsv`: residents' everyday words -> the terms statutes write for them.

usage: python benchmarks/build_everyday.py LAWS_REPO benchmarks/everyday/part_a.tsv benchmarks/everyday/part_b.tsv
                                           [-o OUT]

The part_*.tsv files (benchmarks/everyday/) are the lists as written for the project (`everyday<TAB>term;term`,
`#` domain headings), from general knowledge of everyday Chinese and of legal drafting, by engineers who read no
labeled comment set.
LAWS_REPO is a checkout of the LawRefBook/Laws collection (commit 2f4c5c2: its national laws, administrative
regulations, departmental rules and local regulations; judicial interpretations and cases left out). An entry
is kept when:

- its everyday word is a word of jieba's general dictionary (general Chinese, the rule every word list of the
  analysis keeps to, and one token when a comment is segmented), begins with no numeral and is not itself one
  of its terms;
- at least one of its terms is written, word for word, by at least MIN_LAWS of the collection's texts (a term
  of statutes, not a phrase of the writer's); terms written by fewer are dropped from the entry.

The same everyday word written twice keeps the terms of both lines. Prints what was dropped and why.
"""

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "legislink" / "analysis" / "data" / "everyday.tsv"
MIN_LAWS = 1
LEFT_OUT = ("司法解释", "案例")
_NUMERAL = re.compile(r"^[0-9零〇一二两三四五六七八九十百千万几]")

HEADER = """\
# Residents' everyday words -> the terms statutes write for them (several separated by ;).
# Lets a comment that says 电瓶车, 房东 or 罚单 meet a draft that writes 电动自行车, 出租人 or 行政处罚决定书:
# analysis/vocabulary.py reads a comment's word as those of its terms that the draft itself writes.
# Source: written for the project on 2026-12-07 from general knowledge of everyday Chinese and of Chinese
# legal drafting, by domain of legislation (the headings below), by two engineers who read no labeled comment
# set. Kept by benchmarks/build_everyday.py: each everyday word is a word of jieba's general dictionary,
# and at least one of its terms is written word for word in the 3,006 laws, administrative
# regulations, rules and local regulations of the LawRefBook/Laws collection (commit 2f4c5c2; judicial
# interpretations and cases left out). Nothing comes from a labeled set.
"""


def law_texts(repo: Path) -> list[str]:
    return [p.read_text("utf-8", errors="ignore") for p in sorted(repo.rglob("*.md"))
            if p.relative_to(repo).parts[0] not in LEFT_OUT and p.name != "README.md"]


def written_lists(paths: list[Path]) -> list[tuple[str, str, list[str]]]:
    """(domain, everyday word, terms) in the order written."""
    rows, domain = [], ""
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if line.startswith("#"):
                domain = line.lstrip("# ").strip()
            elif "\t" in line:
                word, terms = line.split("\t", 1)
                rows.append((domain, word.strip(), [t.strip() for t in re.split(r"[;；、]", terms) if t.strip()]))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("written", type=Path, nargs="+")
    parser.add_argument("-o", "--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    laws = law_texts(args.repo)
    print(f"{len(laws)} texts of the collection", file=sys.stderr)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    counts: dict[str, int] = {}

    def laws_writing(term: str) -> int:
        if term not in counts:  # counted up to MIN_LAWS: that is all the test needs
            found = (1 for text in laws if term in text)
            counts[term] = sum(next(found, 0) for _ in range(MIN_LAWS))
        return counts[term]

    kept: dict[str, list[str]] = defaultdict(list)
    domains: dict[str, str] = {}
    dropped: dict[str, list[str]] = defaultdict(list)
    for domain, word, terms in written_lists(args.written):
        if not tokenizer.FREQ.get(word) or _NUMERAL.match(word):
            dropped["not a word of jieba's general dictionary"].append(word)
            continue
        statutory = [t for t in terms if t != word and laws_writing(t) >= MIN_LAWS]
        if not statutory:
            dropped[f"no term written by {MIN_LAWS} texts"].append(f"{word}→{'；'.join(terms)}")
            continue
        domains.setdefault(word, domain)
        kept[word] += [t for t in statutory if t not in kept[word]]
    lines = [HEADER]
    for domain in dict.fromkeys(domains.values()):
        lines.append(f"# {domain}")
        lines += [f"{word}\t{';'.join(kept[word])}" for word in kept if domains[word] == domain]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(kept)} everyday words kept", file=sys.stderr)
    for why, words in dropped.items():
        print(f"dropped, {why}: {len(words)}: {' '.join(words[:60])}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
