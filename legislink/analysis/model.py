"""Plain data in and out of the analysis; callers build these from their own rows."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

# "unattributed": no article was found, so the comment counts as one on the whole draft.
AttributionKind = Literal["explicit", "content", "unattributed", "locked"]
OfftopicReason = Literal["ad", "abuse", "unrelated", "other_law", "empty", "staff"]


@dataclass(frozen=True)
class Article:
    """One article of the consulted version, as the caller's parser produced it."""

    label: str
    number: int
    sub: int = 0
    caption: str = ""
    path: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class Comment:
    """A resident's comment with what the site stored and what staff decided.

    `tokens` is `Segmenter.tokens(text)` stored when the comment was saved (computed here when
    None). `target` is the article label the resident chose on the form, if any. When `locked`,
    staff set the attribution to `article` (None = whole draft) and it is kept as is.
    `offtopic_override` is staff's word on off-topic (True/False), None to let the engine decide.
    """

    id: str
    text: str
    tokens: tuple[str, ...] | None = None
    target: str | None = None
    locked: bool = False
    article: str | None = None
    offtopic_override: bool | None = None


@dataclass(frozen=True)
class Attribution:
    """Where a comment points: an article (with paragraph), a chapter, or the whole draft."""

    article: str | None
    kind: AttributionKind
    paragraph: int | None = None
    chapter: str | None = None
    score: float = 0.0
    # For a comment attributed by its content (or left on the whole draft for want of it): the other
    # articles it matches best, best first, for staff to re-file it in one step if the analysis erred.
    candidates: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """What opinion groups are formed within: the article, else the chapter, else the draft."""
        return self.article or self.chapter or ""


@dataclass(frozen=True)
class DuplicateGroup:
    """Copies of one form letter; `kind` says whether they are near-copies or a templated campaign.
    `own` maps a copy to the sentences its sender added (that no other copy has, even edited)."""

    id: str
    members: tuple[str, ...]
    representative: str
    kind: Literal["copy", "template"]
    own: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class OpinionGroup:
    """Comments on one article that make the same point; form-letter copies counted in `size`,
    `copies` of them being copies of form letters (the report's 其中格式化重复意见N条)."""

    id: str
    article: str | None
    chapter: str | None
    members: tuple[str, ...]
    keywords: tuple[str, ...]
    representative: str
    pinned: bool = False
    copies: int = 0

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class CommentResult:
    id: str
    attribution: Attribution
    offtopic: OfftopicReason | None
    duplicate_group: str | None
    group: str | None
    keywords: tuple[str, ...]
    # The sentences the sender added to a form letter they copied.
    own_sentences: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnalysisOptions:
    """`title` tells the draft's own name from other laws; `pinned` maps comment id -> group id."""

    title: str = ""
    pinned: Mapping[str, str] = field(default_factory=dict)
    # Above this many distinct voices on one article, grouping switches to a two-stage method.
    exact_grouping_limit: int = 2500
    seed: int = 0


@dataclass(frozen=True)
class AnalysisResult:
    comments: tuple[CommentResult, ...]
    groups: tuple[OpinionGroup, ...]
    duplicate_groups: tuple[DuplicateGroup, ...]
