"""Line cleanup before parsing: normalised lines, page furniture dropped, the layout measured.

Texts arrive typed, exported from Word, or copied out of a PDF. A PDF copy is hard-wrapped:
one paragraph spans several lines, page markers sit between pages, and a wrapped line may begin
with anything, including an in-text reference such as `第十二条规定的`. This module measures the
layout once (is the text wrapped, at what width, do paragraphs begin with an indent) and says,
for each line, how likely it is to start a new paragraph; the parser decides with that evidence
and what it knows about the expected numbering.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from dataclasses import dataclass

from legislink.lawtext.patterns import CLOSERS, HEADING_RE, TERMINAL, ends_sentence

# Characters that never belong to the text: BOMs, zero-width marks, soft hyphens.
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x85]")
_FORM_FEED = "\f"

_DIGITS = "0-9０-９"
_PAGE_MARKERS = re.compile(
    rf"""^(?:
        [-—–‒－﹣―─~～·•]{{1,3}}\s*[{_DIGITS}]{{1,4}}\s*[-—–‒－﹣―─~～·•]{{1,3}}   # — 7 —, - 7 -
      | (?:共\s*[{_DIGITS}]{{1,4}}\s*页\s*[,，]?\s*)?第\s*[{_DIGITS}]{{1,4}}\s*页
        (?:\s*[,，/／]?\s*共\s*[{_DIGITS}]{{1,4}}\s*页)?                       # 第 7 页（共 9 页）
      | [{_DIGITS}]{{1,4}}(?:\s*[/／]\s*[{_DIGITS}]{{1,4}})?                   # 7 or 7/30
      | (?:page|Page|PAGE)\s*[{_DIGITS}]{{1,4}}(?:\s*(?:of|/)\s*[{_DIGITS}]{{1,4}})?
    )$""",
    re.VERBOSE,
)


# Lines at least this long tell whether the text is hard-wrapped: in a typed text they
# end a sentence, in a wrapped one most of them stop mid-sentence.
_LONG_LINE = 12
_WRAPPED_SHARE = 0.25
# Share of long lines within one unit of the commonest length when all wrap at one width.
_FIXED_WIDTH_SHARE = 0.35


# No paragraph begins with these; a wrapping program may still put one at a line start.
_NEVER_FIRST = frozenset(CLOSERS) | TERMINAL | frozenset("，、")
_NARROW = re.compile(r"[\x00-\u1fff]")


def visual_width(text: str) -> float:
    """Width in full-width cells: ASCII (and other narrow script) counts half, which is how a
    PDF line fills up."""
    return len(text) - 0.5 * len(_NARROW.findall(text))


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based line number in the source text
    text: str  # without surrounding whitespace
    indent: bool  # began with whitespace
    length: int  # characters, indentation included
    width: float  # visual width, indentation included
    gap_before: bool  # a blank line (not one around a dropped page marker) precedes it


class Position(enum.Enum):
    """Where a line stands relative to the line before it."""

    START = "start"  # certainly begins a new paragraph (or structure)
    SOFT = "soft"  # the previous line filled the width but ended a sentence: either way
    CONT = "cont"  # the previous line was cut mid-sentence: this one continues it
    # The previous line stops mid-sentence without filling the width (or the text is not
    # hard-wrapped as a whole): a wrapped passage, a quoted heading, or a missing full stop.
    UNFINISHED = "unfinished"

    @property
    def continues(self) -> bool:
        return self in (Position.CONT, Position.UNFINISHED)


@dataclass(frozen=True, slots=True)
class Layout:
    wrapped: bool
    width: float | None  # the common wrap width, None when lines wrap unevenly
    visual: bool  # width measured in visual cells rather than characters
    tolerance: float
    indented: bool  # paragraphs begin with an indent and continuation lines do not
    blank_lines_matter: bool  # False when an extractor put a blank line after every line

    def is_full(self, line: Line) -> bool:
        if self.width is None:
            return True
        measure = line.width if self.visual else line.length
        return measure >= self.width - self.tolerance

    def position(self, prev: Line | None, line: Line, prev_complete: bool) -> Position:
        """How `line` relates to `prev`; `prev_complete` when prev was a heading or a bare label.

        In a wrapped text a 款 or 项 always ends a sentence, so a line after an unfinished one
        continues it, however short the unfinished line is.
        """
        if prev is None or prev_complete:
            return Position.START
        if not self.wrapped:
            return Position.START if ends_sentence(prev.text) else Position.UNFINISHED
        if line.text[0] in _NEVER_FIRST:
            return Position.CONT
        if line.gap_before and self.blank_lines_matter:
            return Position.START
        if self.indented:
            return Position.START if line.indent else Position.CONT
        full = self.is_full(prev)
        if not ends_sentence(prev.text):
            return Position.CONT if full else Position.UNFINISHED
        return Position.SOFT if full else Position.START


def normalize_text(text: str) -> str:
    """One kind of line break, no invisible characters."""
    return _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", text))


def is_page_marker(text: str) -> bool:
    return text == _FORM_FEED or bool(_PAGE_MARKERS.match(text))


def _make_line(number: int, raw: str, gap_before: bool) -> Line:
    text = raw.strip()
    indent_part = raw[: len(raw) - len(raw.lstrip())]
    return Line(
        number=number,
        text=text,
        indent=bool(indent_part),
        length=len(indent_part) + len(text),
        width=visual_width(indent_part) + visual_width(text),
        gap_before=gap_before,
    )


def content_lines(text: str) -> list[Line]:
    """Non-blank lines with page markers and repeated running titles removed.

    Blank lines around a dropped marker do not count as a paragraph break: a page break
    often falls inside a paragraph.
    """
    raw_lines = normalize_text(text).replace(_FORM_FEED, f"\n{_FORM_FEED}\n").split("\n")
    title = next((r.strip() for r in raw_lines if r.strip()), "")
    running_title = title if len(title) >= 4 and not HEADING_RE.match(title) else None
    lines: list[Line] = []
    gap = after_marker = False
    for number, raw in enumerate(raw_lines, start=1):
        stripped = raw.strip()
        if not stripped:
            gap = gap or not after_marker
            continue
        if is_page_marker(stripped) or (stripped == running_title and lines):
            gap, after_marker = False, True
            continue
        lines.append(_make_line(number, raw, gap_before=gap and bool(lines)))
        gap = after_marker = False
    return lines


def _commonest(values: list[float]) -> tuple[float, int, float, float]:
    """The commonest rounded value, how many values are exactly on it, the share of values
    within one of it, and the share of those exactly on it."""
    counts = Counter(round(v) for v in values)
    mode, on_mode = counts.most_common(1)[0]
    near = sum(n for v, n in counts.items() if abs(v - mode) <= 1)
    return mode, on_mode, near / len(values), on_mode / near


def measure_layout(lines: list[Line]) -> Layout:
    """Decide once whether the text is hard-wrapped, at which width, and how paragraphs begin."""
    body = [ln for ln in lines if not HEADING_RE.match(ln.text)]
    long = [ln for ln in body if ln.length >= _LONG_LINE]
    unfinished = sum(1 for ln in long if not ends_sentence(ln.text))
    wrapped = len(long) >= 4 and unfinished >= _WRAPPED_SHARE * len(long)
    if not wrapped:
        return Layout(False, None, False, 0.0, False, True)
    by_chars = _commonest([ln.length for ln in long])
    by_cells = _commonest([ln.width for ln in long])
    # A program wraps at a count of characters, a PDF at a width: the right measure puts
    # more lines exactly on the wrap width.
    visual = by_cells[1] > by_chars[1]
    mode, _, share, exact = by_cells if visual else by_chars
    width = float(mode) if share >= _FIXED_WIDTH_SHARE else None
    # A program wraps at an exact count; a PDF line varies by a cell or two.
    tolerance = 0.5 if exact >= 0.9 else 2.0
    indented_share = sum(1 for ln in body if ln.indent) / len(body)
    followed_by_blank = sum(1 for ln in lines[1:] if ln.gap_before) / max(len(lines) - 1, 1)
    return Layout(
        wrapped=True,
        width=width,
        visual=visual,
        tolerance=tolerance,
        indented=0.1 <= indented_share <= 0.9,
        blank_lines_matter=followed_by_blank < 0.8,
    )
