"""Did the final text move toward what an opinion asked? A proposal with its evidence; a reviewer
decides. Plain data in (texts and tokens), plain data out.

The evidence is read off the article's revision:
- unchanged article: not adopted;
- deleted article: adopted when the opinion asked for deletion, otherwise not adopted;
- changed article, with a suggested wording: the suggestion is compared with the sentence of
  the old text it rewrites. When it rewrites that sentence (similar length), each edit it
  proposes (a replaced, inserted or deleted stretch, with a character of context) is checked
  character by character in the new text, so 满二年→满一年 does not hang on segmentation;
  when it adds something, the words it brings that the old text lacked are looked for in the
  new text. The share of the asked change the revision made decides: most of it is adopted,
  some of it partly;
- changed article without a suggestion: the words the opinion used that the old text lacked
  and the new text has.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

Outcome = Literal["adopted", "partly", "not_adopted"]

DELETE_WORDS = ("删除", "删去", "取消本条", "去掉这一条", "废止", "delete", "remove")
ADOPTED_SHARE = 0.6
PARTLY_SHARE = 0.2
# A suggestion this close in length to its sentence rewrites it; a shorter one adds to it.
REWRITE_LENGTH = 0.7
# Below this, the suggestion matches no sentence of the old text: it is new wording.
SENTENCE_MATCH = 0.3
_SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
_PUNCT = re.compile(r"[\s，,、。；;：:“”\"'（）()《》！？!?]")


@dataclass(frozen=True)
class Proposal:
    outcome: Outcome
    similarity: float  # how much of the asked change the final text made, 0..1
    evidence: dict = field(default_factory=dict)


def _pairs(text: str) -> set[str]:
    text = _PUNCT.sub("", text)
    return {text[i:i + 2] for i in range(len(text) - 1)}


def bigram_similarity(a: str, b: str) -> float:
    """Dice coefficient of character pairs: 1.0 for the same text, 0.0 for nothing in common."""
    pa, pb = _pairs(a), _pairs(b)
    return 2 * len(pa & pb) / (len(pa) + len(pb)) if pa and pb else 0.0


def asks_deletion(texts: Iterable[str]) -> bool:
    return any(word in text.lower() for text in texts for word in DELETE_WORDS)


def _best_sentence(suggestion: str, text: str) -> tuple[str, float]:
    sentences = [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
    scored = [(bigram_similarity(suggestion, s), s) for s in sentences]
    score, sentence = max(scored, default=(0.0, ""))
    return sentence, score


def _proposed_edits(old: str, suggestion: str) -> list[tuple[str, str, str]]:
    """(kind, what the old sentence says, what the suggestion says instead) for each edit, with
    one character of context on either side so that 二→一 reads 满二年→满一年."""
    edits = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, suggestion, autojunk=False).get_opcodes():
        if op != "equal":
            edits.append((op, old[max(i1 - 1, 0):i2 + 1], suggestion[max(j1 - 1, 0):j2 + 1]))
    return edits


def _made(kind: str, before: str, after: str, old_text: str, new_text: str) -> bool:
    """A deletion is made when its words are gone; a replacement or insertion when the new words
    are there (and were not already)."""
    if kind == "delete":
        return before not in new_text
    return after in new_text and after not in old_text


def _rewrite_share(old_sentence: str, suggestion: str, old_text: str, new_text: str) -> tuple[float, dict]:
    edits = _proposed_edits(old_sentence, suggestion)
    made = [(b, a) for kind, b, a in edits if _made(kind, b, a, old_text, new_text)]
    share = len(made) / len(edits) if edits else 0.0
    return share, {"mode": "rewrite", "edits_asked": len(edits), "edits_made": len(made),
                   "made": [f"{b}→{a}" for b, a in made[:8]]}


def _addition_share(suggestion_tokens: set[str], old_tokens: set[str], new_tokens: set[str]) -> tuple[float, dict]:
    novel = suggestion_tokens - old_tokens
    realised = novel & new_tokens
    share = len(realised) / len(novel) if novel else 0.0
    return share, {"mode": "addition", "new_words_asked": sorted(novel)[:12], "new_words_made": sorted(realised)[:12]}


def _verdict(share: float) -> Outcome:
    if share >= ADOPTED_SHARE:
        return "adopted"
    return "partly" if share >= PARTLY_SHARE else "not_adopted"


def propose(*, change: str, old_text: str, new_text: str, suggestion: str, comment_texts: list[str],
            old_tokens: set[str], new_tokens: set[str], asked_tokens: set[str],
            suggestion_tokens: set[str] = frozenset()) -> Proposal:
    """`asked_tokens` are the content words of the opinion (its comments and suggested wording),
    `suggestion_tokens` those of the suggested wording alone; `change` is the alignment's kind:
    same, modified, moved, added or deleted."""
    if change == "same":
        return Proposal("not_adopted", 0.0, {"change": "same"})
    if change == "deleted" or not new_text:
        asked = asks_deletion(comment_texts + [suggestion])
        return Proposal("adopted" if asked else "not_adopted", 1.0 if asked else 0.0,
                        {"change": "deleted", "asked_deletion": asked})
    wanted = asked_tokens - old_tokens
    added = sorted(wanted & new_tokens)
    evidence: dict = {"change": change, "asked_words_added": added[:12],
                      "asked_words_removed": sorted((old_tokens - new_tokens) & asked_tokens)[:12]}
    if suggestion.strip():
        sentence, match = _best_sentence(suggestion, old_text)
        rewrites = match >= SENTENCE_MATCH and len(_PUNCT.sub("", suggestion)) >= REWRITE_LENGTH * len(
            _PUNCT.sub("", sentence))
        share, detail = (_rewrite_share(sentence, suggestion, old_text, new_text) if rewrites
                         else _addition_share(suggestion_tokens, old_tokens, new_tokens))
    else:
        share, detail = (len(added) / len(wanted) if wanted else 0.0), {"mode": "words"}
    return Proposal(_verdict(share), round(share, 3), {**evidence, **detail})
