"""Requests beyond legislation (民情): does a comment ask for something to be done LOCALLY — a thing to
fix, a nuisance to stop, a dispute to settle, a service to provide — rather than give an opinion about
a law? The analysis stores the answer as a proposal to staff (建议转办); staff decide, nothing is sent
on automatically.

Read sentence by sentence, with the cues of data/request_cues.txt (their source is in its header):
- a sentence that speaks of a law (法律, 条例, 第十二条, 修改为) is an opinion, whatever else it says:
  a story of a noisy neighbour that ends in a point about the law is not a request;
- a sentence that asks (请, 尽快, 没人管) for something to be done (修, 清理, 调解), about a trouble
  (坏了, 扰民, 纠纷) or about a place near the resident (路灯, 小区, 门口) is a request;
- a sentence that describes a trouble at a place near the resident (楼下…油烟, 路灯不亮) is a request
  when the comment speaks of no law at all: residents often only say what is wrong;
- an advertisement offering a service (上门服务, 欢迎致电) never is.
No threshold is tuned: the rules are written, and measured on a set written for them
(tests/analysis/fixtures/requests, figures in the README).
"""

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .text import SENTENCE, normalize

SECTIONS = ("ask", "do", "trouble", "place", "law", "ad")
# Revising a law is not repairing a thing: 修改, 修订, 修正 never count as 修.
_LAW_REVISION = re.compile(r"修改|修订|修正")
# An article of a law named by its number (第十二条, 第12条): law talk, like the words of [law].
_ARTICLE = re.compile(r"第[0-9一二三四五六七八九十百千零〇两]+条")
# A house number (3号楼, 18号): a place near the resident.
_HOUSE_NUMBER = re.compile(r"[0-9一二三四五六七八九十]+号")


@dataclass(frozen=True)
class Cues:
    ask: tuple[str, ...]
    do: tuple[str, ...]
    trouble: tuple[str, ...]
    place: tuple[str, ...]
    law: tuple[str, ...]
    ad: tuple[str, ...]


def parse_cues(text: str) -> Cues:
    sections: dict[str, list[str]] = {name: [] for name in SECTIONS}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            if current not in sections:
                raise ValueError(f"unknown section {line}")
            continue
        if current is None:
            raise ValueError(f"cue before any section: {line}")
        sections[current].append(normalize(line))
    return Cues(**{name: tuple(words) for name, words in sections.items()})


@cache
def default_cues() -> Cues:
    return parse_cues(resources.files("legislink.analysis").joinpath("data/request_cues.txt").read_text("utf-8"))


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(_word_in(text, w) for w in words)


def _word_in(text: str, word: str) -> bool:
    """A substring, but an English cue only as whole words (law is not in lawn, fix not in prefix)."""
    if word.isascii():
        return re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", text) is not None
    return word in text


def _speaks_of_law(sentence: str, cues: Cues) -> bool:
    return _has(sentence, cues.law) or _ARTICLE.search(sentence) is not None


@dataclass(frozen=True)
class Finding:
    """Whether a comment asks for local action, and the sentence that shows it (for staff)."""

    is_request: bool
    sentence: str = ""


def find_request(text: str, cues: Cues | None = None) -> Finding:
    cues = cues or default_cues()
    norm = normalize(text or "")
    if _has(norm, cues.ad):
        return Finding(False)
    sentences = [s.strip() for s in SENTENCE.findall(norm) if s.strip()]
    law_anywhere = False
    described = ""
    for sentence in sentences:
        if _speaks_of_law(sentence, cues):
            law_anywhere = True
            continue
        acts = _LAW_REVISION.sub("", sentence)
        trouble = _has(acts, cues.trouble)
        asks = _has(acts, cues.ask)
        local = _has(acts, cues.place) or _HOUSE_NUMBER.search(acts) is not None
        if asks and (_has(acts, cues.do) or trouble or local):
            return Finding(True, sentence)
        if not described and local and (trouble or _has(acts, cues.do)):
            described = sentence
    if described and not law_anywhere:
        return Finding(True, described)
    return Finding(False)


def is_request(text: str, cues: Cues | None = None) -> bool:
    """True when the comment asks for something to be done locally rather than about a law."""
    return find_request(text, cues).is_request
