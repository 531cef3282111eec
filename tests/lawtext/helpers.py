"""Shared by the lawtext tests: where ../shared is, our own fixtures, and text mangling that
imitates PDF copies and careless typing."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

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
