"""Off-topic comments: those that relate to no provision and no subject of the draft. Marked, never deleted.

A comment relates to the draft when it names one of its articles, when it matches one by content
with enough evidence, when its words are about what the draft is about (their specificity to the
draft, `DraftVocabulary.relation`, short forms of its terms included), or when it speaks of the draft itself (这部
法律, 草案, 条文) without naming another law. A comment that does none of these is off-topic, and the
reason shown to staff says what it is instead:
- "empty": a few words of assent, the rest common in general Chinese (支持！, 同意);
- "other_law": it names another law, and its words are about that law rather than the draft;
- "ad": it gives a phone number, a link or an account id, or names a messaging service with little
  relation to the draft;
- "abuse": it insults;
- "unrelated": anything else (a neighbour, a street light, a tax refund, a life story).
Apart from a phone number, a link or an account id (unmistakable in a comment that names no article), contact
details and insults only name the reason: whatever words a comment uses, it is on topic when it
relates to the draft.
"""

import re
from collections.abc import Sequence

from legislink.analysis.corpus import Draft
from legislink.analysis.model import Attribution, OfftopicReason
from legislink.analysis.text import letters_and_digits
from legislink.lawtext.references import Reference, laws_named, names_other_law

# Ways of reaching a seller: a phone number, a link or a messaging account's id is unmistakable; a
# messaging service named in words (微信, QQ) is also how residents describe trade, so it counts
# only with little relation.
_PHONE_OR_LINK = re.compile(
    r"(?:\+?86[-\s]?)?1[3-9]\d[\d*]{4}\d{4}|\b\d{3,4}-\d{7,8}\b|\+\d{2,3}[\d\s-]{8,}"
    r"|https?://|www\.|\.(?:com|cn|net|top|xyz)\b"
    r"|(?:微信|vx|wx|qq|whatsapp|wechat|telegram)(?:号|id)?[:：\s]*[a-z][a-z0-9_-]{4,}\d"
)
_MESSAGING = re.compile(r"微信|vx|wx|加v|qq|whatsapp|wechat|telegram|私信|私聊|私讯")
# Common insults of Chinese and English, written for the project.
_ABUSE = re.compile(
    r"傻[逼bB比]|煞笔|\bsb\b|脑残|白痴|智障|蠢货|混蛋|王八蛋|畜生|狗官|去死|他妈的|操你|草泥马|贱人|废物|狗屁"
    r"|fuck|shit|idiot|stupid|bastard"
)
# Words by which a comment speaks of the draft itself rather than of some subject.
_THE_DRAFT = re.compile(
    r"(?:本|该|此|这|这个|这部|这项|整部|这条)(?:法|法律|条例|规定|草案|修正案)|草案|修正案|条文|条款|立法|法律"
    r"|这一?条(?![路街河线鱼狗船])"
    r"|\b(?:law|draft|regulation|article)s?\b"
)
# Words of assent and thanks, Chinese and English, written for the project: what a bare agreement
# is made of. They say how a resident stands, not what about: they never count as relation.
_ASSENT = frozenset((
    "支持", "同意", "赞成", "赞同", "拥护", "点赞", "赞", "顶", "好", "不错", "感谢", "谢谢", "辛苦", "加油",
    "agree", "support", "good", "great", "yes", "ok", "thanks",
))
# Longer than this (letters and digits), a comment says something even with common words only.
MAX_EMPTY_LENGTH = 30
# A word this common in general Chinese (share of jieba's dictionary counts) says nothing of its own.
COMMON_SHARE = 1e-5
# Every threshold here was chosen by benchmarks/tune_analysis.py (leave one labeled set out).
# The relation to the draft's subjects (DraftVocabulary.relation) from which a comment is on topic;
# with a messaging account, an ad unless its relation reaches AD_RELATION; naming another law, about
# that law unless it reaches OTHER_LAW_RELATION.
MIN_RELATION = 1.25
AD_RELATION = 1.5
OTHER_LAW_RELATION = 1.0
# Content evidence (attribution score) from which a comment matched to an article is on topic.
MIN_PROVISION_SCORE = 0.75


def _subject_words(tokens: Sequence[str]) -> list[str]:
    """The words that can relate a comment to the draft: not its assent, and of an English comment,
    the Chinese words it was translated into."""
    words = [t for t in tokens if t not in _ASSENT]
    return [t for t in words if not t.isascii()] or words


def is_empty(norm: str, words: Sequence[str], relation: float, draft: Draft) -> bool:
    """A few words of assent or thanks, the others (`words`) common in general Chinese and unrelated
    to the draft: agreement with nothing said (支持！, 完全同意, 坚决拥护)."""
    if len(letters_and_digits(norm)) > MAX_EMPTY_LENGTH:
        return False
    return relation < MIN_RELATION and all(draft.vocabulary.is_common(t, COMMON_SHARE) for t in words)


def _names_other_law(norm: str, draft: Draft) -> bool:
    return any(names_other_law(Reference(article=None, law=name), draft.title) for name in laws_named(norm))


def _relates(norm: str, relation: float, attribution: Attribution, other_law: bool) -> bool:
    if attribution.kind == "content" and attribution.score >= MIN_PROVISION_SCORE:
        return True
    return relation >= MIN_RELATION or (not other_law and bool(_THE_DRAFT.search(norm)))


def classify(norm: str, tokens: Sequence[str], attribution: Attribution, draft: Draft) -> OfftopicReason | None:
    """Why a normalised comment is off-topic, None when it is on topic (a comment that names one of
    the draft's articles always is)."""
    if attribution.kind in ("explicit", "locked"):
        return None
    words = _subject_words(tokens)
    relation = draft.vocabulary.relation(words)
    if is_empty(norm, words, relation, draft):
        return "empty"
    if _PHONE_OR_LINK.search(norm) or (_MESSAGING.search(norm) and relation < AD_RELATION):
        return "ad"
    other_law = _names_other_law(norm, draft)
    # Naming another law outweighs a likeness to one of the draft's articles.
    if other_law and relation < OTHER_LAW_RELATION:
        return "other_law"
    if _relates(norm, relation, attribution, other_law):
        return None
    if _ABUSE.search(norm):
        return "abuse"
    return "unrelated"
