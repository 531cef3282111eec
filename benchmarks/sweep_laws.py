"""The parser on every law of a public collection: does each parse, numbered in order, or say why not?

usage: python benchmarks/sweep_laws.py REPO [--list]

REPO is a checkout or bare clone of the LawRefBook/Laws collection (github.com/LawRefBook/Laws, public law
texts in Markdown; measured at commit 2f4c5c2). Every Markdown file of its newest commit is read (judicial
interpretations, cases and the collection's own notes left out), its Markdown headings and comments stripped
as `align_revisions.py` strips them, and parsed as a draft pasted or uploaded by staff is. Nothing here was
tuned on: the collection is read, never changed, and the parser has no knowledge of it.

A law must come out with its articles numbered 1, 2, 3 … in order (之一 articles where the text has them) or
with a warning a person can act on (`numbering_gap`, `numbering_repeat`: the line of the text to check); a
decision made of items (一、二、) parses as items; a text with neither is refused with a message. The figure that
must stay at zero is the last column: a line of the source that starts with a bare article label followed by a
space (第十七条 市人民…, what a label looks like when it is one) that the parse has as no article, with no
warning said. `--list` prints each document that is not numbered in order, and why.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from align_revisions import plain_text  # noqa: E402

from legislink.lawtext import parse_text  # noqa: E402
from legislink.lawtext.errors import ParseError  # noqa: E402

# The collection's folders that hold no legislation of the kind drafts are (court interpretations, cases, its
# scripts) and its index pages.
_SKIPPED = re.compile(r"司法解释|案例|^scripts/|^\.|README|_index")
# A line that starts with an article's bare label and a space: a label wherever it stands.
_LABEL_LINE = re.compile(r"^(第[零〇一二两三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?)[ \u3000]")
_NUMBERING = frozenset(("numbering_gap", "numbering_repeat"))


def documents(repo: Path) -> dict[str, str]:
    """Path -> Markdown of every file the sweep reads, at the repository's HEAD (one `git cat-file` for all)."""
    listed = subprocess.run(["git", "-C", str(repo), "-c", "core.quotepath=off", "ls-tree", "-r", "--name-only",
                             "HEAD"], capture_output=True, text=True, check=True).stdout.splitlines()
    paths = [p for p in listed if p.endswith(".md") and not _SKIPPED.search(p)]
    batch = subprocess.run(["git", "-C", str(repo), "cat-file", "--batch"], input="".join(
        f"HEAD:{p}\n" for p in paths).encode(), capture_output=True, check=True).stdout
    texts, at = {}, 0
    for path in paths:
        header_end = batch.index(b"\n", at)
        size = int(batch[at:header_end].split()[2])
        texts[path] = batch[header_end + 1:header_end + 1 + size].decode("utf-8", "replace")
        at = header_end + 1 + size + 1
    return texts


def verdict(text: str) -> tuple[str, str]:
    """(outcome, detail) for one plain text: in order, warned, items, refused, or silent."""
    try:
        parsed = parse_text(text)
    except ParseError as error:
        return "refused", str(error)
    if parsed.kind == "amendment":
        return "items", f"{len(parsed.articles)} items"
    labels = {a.label for a in parsed.articles}
    missed = [m.group(1) for line in text.splitlines() if (m := _LABEL_LINE.match(line.strip()))
              and m.group(1) not in labels]
    warned = [w.message for w in parsed.warnings if w.code in _NUMBERING]
    keys = [(a.number, a.sub) for a in parsed.articles]
    numbers = [n for n, sub in keys if sub == 0]
    # An excerpt (a book of a code) may begin at any article: it must go on in order from there.
    first = numbers[0] if numbers else 1
    if numbers == list(range(first, first + len(numbers))) and keys == sorted(keys) and not missed:
        return "in_order", f"{len(parsed.articles)} articles"
    if warned:
        lost = f" (label lines not read as articles: {'、'.join(missed[:5])})" if missed else ""
        return "warned", "; ".join(warned[:2]) + lost
    return "silent", f"not read as articles: {'、'.join(missed[:5])}" if missed else "out of order"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    texts = documents(Path(argv[0]))
    found = {path: verdict(plain_text(markdown)) for path, markdown in texts.items()}
    counts = Counter(outcome for outcome, _ in found.values())
    print("| documents | articles 1…N in order | numbering warned (line given) | decisions parsed as items "
          "| refused with a message | label lines lost without a warning |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(f"| {len(found):,} | {counts['in_order']:,} | {counts['warned']:,} | {counts['items']:,} | "
          f"{counts['refused']:,} | {counts['silent']:,} |")
    if "--list" in argv:
        for path, (outcome, detail) in sorted(found.items()):
            if outcome not in ("in_order", "items"):
                print(f"{outcome}\t{path}\t{detail}")
    return 1 if counts["silent"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
