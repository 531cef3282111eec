"""Requests beyond legislation (民情): a comment that asks for something to be DONE LOCALLY — a street
light fixed, a noise stopped, a stall dispute settled, a service provided — rather than giving an
opinion on a provision. The analysis only proposes such comments to staff ("建议转办"); staff decide
whether to send one to a department (nothing is referred automatically).

The cues are in data/request_cues.txt, written by hand from general Chinese usage (not from any
labeled comment set), in five sections: the ask (请, 麻烦, 尽快, 派人, 没人管), local matters (路灯,
噪音, 摊位, 漏水), places (门口, 我们小区; street and house numbers by `_ADDRESS`), words of the law's
text (草案, 条例, 修改为; 第…条 and 《…》 by pattern) and words of rules in general (规定, 应当, 处罚). A
comment is proposed when it asks and names a local matter or place, and does not speak of the law's
text; one word of rules is outweighed only when it asks, names a matter and a place all at once
(请城管来处罚门口占道的摊贩). Measured on
tests/analysis/fixtures/requests/ (README there: precision and recall, and what it misses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from legislink.analysis.text import normalize

SECTIONS = ("ask", "matter", "place", "law", "rule")
# A street and number (幸福路12号, 解放街3弄), a building (3号楼, 5栋, 2单元) or a house number.
_ADDRESS = re.compile(r"[\u4e00-\u9fff]{1,6}(?:路|街|巷|弄|大道)\d+[号弄]?|\d+\s*(?:号楼|栋|幢|单元|号院)")
# An article of a law (第十二条, 第12条): a comment naming one speaks of the text.
_ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇\d]+条")
# A title in book-title marks (《噪声污染防治法》): a law or a document is being discussed.
_TITLE = re.compile(r"《[^》]{2,40}》")


@cache
def cues() -> dict[str, tuple[str, ...]]:
    """The cue words of each section of data/request_cues.txt."""
    text = resources.files("legislink.analysis").joinpath("data/request_cues.txt").read_text("utf-8")
    found: dict[str, list[str]] = {name: [] for name in SECTIONS}
    section = None
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            if section not in found:
                raise ValueError(f"unknown section {line} in request_cues.txt")
            continue
        if section is None:
            raise ValueError(f"cue {line!r} before any section in request_cues.txt")
        found[section].append(normalize(line))
    return {name: tuple(words) for name, words in found.items()}


@dataclass(frozen=True)
class RequestCues:
    """What a comment says that makes it a request, or an opinion on the law."""

    ask: tuple[str, ...]
    matter: tuple[str, ...]
    place: tuple[str, ...]
    law: tuple[str, ...]
    rule: tuple[str, ...]

    @property
    def is_request(self) -> bool:
        if not self.ask or not (self.matter or self.place) or self.law:
            return False
        return not self.rule or (len(self.rule) == 1 and bool(self.matter) and bool(self.place))


def read_cues(text: str) -> RequestCues:
    """The cues of each kind found in a comment (its text and suggested wording joined)."""
    norm = normalize(text)
    words = cues()
    found = {name: tuple(w for w in words[name] if w in norm) for name in SECTIONS}
    place = found["place"] + tuple(m.group() for m in _ADDRESS.finditer(norm))
    law = found["law"] + tuple(m.group() for m in _ARTICLE.finditer(norm)) + tuple(
        m.group() for m in _TITLE.finditer(norm))
    return RequestCues(ask=found["ask"], matter=found["matter"], place=place, law=law, rule=found["rule"])


def is_request(text: str) -> bool:
    """True when the comment asks for something to be done locally rather than saying how a law should read."""
    return read_cues(text).is_request
