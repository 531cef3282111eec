"""Shared by the lawtext tests: where ../shared is, our own fixtures, and text mangling that
imitates PDF copies and careless typing."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from legislink.lawtext.diff import _comparable, align

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
LAWS = SHARED / "laws"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

_NUMERAL = "[零〇一二三四五六七八九十百千]+"
_LABEL_SEPARATOR = re.compile(rf"^(第{_NUMERAL}条(?:之{_NUMERAL})?)[ \u3000\u2002]+", re.M)
_REFERENCE = re.compile(rf"第{_NUMERAL}[条章节款编]")


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def shared_law(name: str) -> str:
    path = LAWS / name
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path.read_text(encoding="utf-8")


def shared_law_names() -> list[str]:
    return sorted(p.name for p in LAWS.glob("*.txt")) if LAWS.exists() else []


def paragraphs_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def hard_wrap(
    text: str,
    width: int | tuple[int, int],
    *,
    page_lines: int = 40,
    marker: str = "— {n} —",
    indent: str = "",
    seed: int = 0,
) -> str:
    """Cut every paragraph into lines of `width` characters (or a random width in a range) and
    put a page marker, between blank lines, every `page_lines` lines: what a PDF copy gives."""
    rng = random.Random(seed)
    lines: list[str] = []
    for paragraph in paragraphs_of(text):
        rest = indent + paragraph
        while rest:
            cut = rng.randint(*width) if isinstance(width, tuple) else width
            lines.append(rest[:cut])
            rest = rest[cut:]
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        out.append(line)
        if number % page_lines == 0:
            out.extend(["", marker.format(n=number // page_lines), ""])
    return "\n".join(out)


def wrap_before_references(text: str, width: int) -> str:
    """Wrap so that every in-text reference (第十二条, 第三章…) begins a line: the worst case for
    telling a wrapped line from a new article or heading."""
    lines: list[str] = []
    for paragraph in paragraphs_of(text):
        cuts = [m.start() for m in _REFERENCE.finditer(paragraph) if m.start() > 0]
        for piece in (paragraph[a:b] for a, b in zip([0, *cuts], [*cuts, len(paragraph)], strict=True)):
            lines.extend(piece[k:k + width] for k in range(0, len(piece), width))
    return "\n".join(lines)


def without_label_separators(text: str, separator: str = "") -> str:
    """`第一条　为了…` -> `第一条为了…` (or another separator)."""
    return _LABEL_SEPARATOR.sub(lambda m: m[1] + separator, text)


# -- versions ---------------------------------------------------------------------------------

_NEW_ARTICLE_WORDS = ("社区志愿服务", "数据共享平台", "应急物资储备", "公共文化设施", "青少年科技教育", "老年人助餐")


def renumbered(articles: list, texts: list[str]) -> list:
    """Articles with these texts, numbered 第一条, 第二条… in order."""
    from legislink.lawtext import Article, Paragraph
    from legislink.lawtext.patterns import article_label

    return [
        Article(article_label(n), n, 0, None, [Paragraph(text, n)], (), False, n)
        for n, text in enumerate(texts, start=1)
    ]


def perturb(articles: list, seed: int, edits: int, inserts: int, deletes: int, moves: int) -> tuple[list, set]:
    """A new version of `articles` with known changes, renumbered, and the alignment it should
    give: {(old label, new label, change)} with None for a missing side."""
    rng = random.Random(seed)
    texts = [a.text for a in articles]
    unique = [i for i, t in enumerate(texts) if texts.count(t) == 1 and len(t) >= 20]
    chosen = rng.sample(unique, edits + deletes + moves)
    edited, deleted, moved = set(chosen[:edits]), set(chosen[edits:edits + deletes]), chosen[edits + deletes:]
    slots: list[tuple[int | None, str]] = []
    for i, text in enumerate(texts):
        if i in edited:
            cut = rng.randrange(5, len(text) - 5)
            text = text[:cut] + "（依照本条例另行规定）" + text[cut + 2:]
        if i not in deleted and i not in moved:
            slots.append((i, text))
    for i in moved:
        home = sum(1 for j, _ in slots if j is not None and j < i)
        distance = min(50, len(slots) // 3)
        slots.insert(rng.choice([k for k in range(len(slots) + 1) if abs(k - home) > distance]), (i, texts[i]))
    for n in range(inserts):
        words = rng.sample(_NEW_ARTICLE_WORDS, 3)
        text = f"县级以上人民政府应当将{words[0]}纳入规划，第{n + 1}批试点地区应当推进{words[1]}和{words[2]}工作。"
        slots.insert(rng.randrange(len(slots) + 1), (None, text))
    new = renumbered(articles, [text for _, text in slots])
    truth = {(None, a.label, "added") for a, (i, _) in zip(new, slots, strict=True) if i is None}
    for a, (i, _) in zip(new, slots, strict=True):
        if i is not None:
            change = "modified" if i in edited else "moved" if i in moved else "same"
            truth.add((articles[i].label, a.label, change))
    truth |= {(articles[i].label, None, "deleted") for i in deleted}
    return new, truth


def unchanged_pairs_missed(old: list, new: list, alignment: list | None = None) -> list[str]:
    """Old articles whose exact text is in the new version but that the alignment (`alignment`, else
    `align(old, new)`) did not pair, as same or moved, with an article of that text."""
    texts = {_comparable(a) for a in new}
    paired = {a.from_label: a for a in (align(old, new) if alignment is None else alignment) if a.old is not None}
    missed = []
    for article in old:
        if _comparable(article) not in texts:
            continue
        found = paired.get(article.label)
        if found is None or found.change not in ("same", "moved") or _comparable(found.new) != _comparable(article):
            missed.append(article.label)
    return missed
