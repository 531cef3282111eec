"""Comparing two stored versions of a draft article by article, with a character diff of each."""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..extensions import db
from ..lawtext import Alignment, Article, DiffSpan, Item, Paragraph, align, char_diff
from ..models import Draft, DraftVersion, Provision, ProvisionLevel
from . import ServiceError
from .drafts import HEADING_LEVELS

CHANGES = ("modified", "moved", "added", "deleted", "same")
DIFF_PAGE_SIZE = 50


def find_version(draft: Draft, ref: str | int) -> DraftVersion:
    """A version of `draft` named by its id or its label (an id wins when a label is all digits)."""
    ref = str(ref).strip()
    versions = db.session.scalars(select(DraftVersion)
                                  .where(DraftVersion.draft_id == draft.id)).all()
    by_id = [v for v in versions if ref.isdigit() and v.id == int(ref)]
    by_label = [v for v in versions if v.label == ref]
    if not (by_id or by_label):
        raise ServiceError("unknown_version", f"This draft has no version {ref}.", ref=ref)
    return (by_id or by_label)[0]


def version_articles(version_id: int) -> list[Article]:
    """The stored articles as lawtext values, labels and all, so a diff names what residents read."""
    rows = db.session.scalars(
        select(Provision).where(Provision.version_id == version_id, Provision.level.not_in(HEADING_LEVELS.values()))
        .order_by(Provision.position)
    ).all()
    articles: list[Article] = []
    nodes: dict[int, Any] = {}
    for row in rows:
        if row.level == ProvisionLevel.ARTICLE:
            node = Article(row.label, row.number or 0, row.sub, row.caption or None, [], tuple(row.path),
                           row.deleted, row.position)
            articles.append(node)
        elif row.level == ProvisionLevel.PARAGRAPH:
            node = Paragraph(row.text, row.position)
            nodes[row.parent_id].paragraphs.append(node)
        else:
            node = Item(row.label, row.text, row.position)
            parent = nodes[row.parent_id]
            (parent.items if row.level == ProvisionLevel.ITEM else parent.subitems).append(node)
        nodes[row.id] = node
    return articles


@dataclass(frozen=True)
class Comparison:
    old: DraftVersion
    new: DraftVersion
    alignments: list[Alignment]

    def counts(self) -> dict[str, int]:
        counted = Counter(a.change for a in self.alignments)
        return {change: counted.get(change, 0) for change in CHANGES}


def compare_versions(old: DraftVersion, new: DraftVersion) -> Comparison:
    return Comparison(old, new, align(version_articles(old.id), version_articles(new.id)))


def compare_refs(draft: Draft, old_ref: str | int, new_ref: str | int) -> Comparison:
    """What the CLI and the staff page compare: two versions of one draft, by id or label."""
    return compare_versions(find_version(draft, old_ref), find_version(draft, new_ref))


def display_text(article: Article | None) -> str:
    if article is None:
        return ""
    return (f"【{article.caption}】" if article.caption else "") + article.text


@dataclass(frozen=True)
class DiffRow:
    alignment: Alignment
    spans: list[DiffSpan]


def diff_row(alignment: Alignment) -> DiffRow:
    old, new = display_text(alignment.old), display_text(alignment.new)
    if alignment.change == "same":
        return DiffRow(alignment, [DiffSpan("same", new)])
    if alignment.change in ("added", "deleted"):
        spans = [DiffSpan("removed", old)] if old else []
        return DiffRow(alignment, spans + ([DiffSpan("added", new)] if new else []))
    return DiffRow(alignment, char_diff(old, new))


@dataclass(frozen=True)
class DiffPage:
    rows: list[DiffRow]
    number: int  # 1-based
    pages: int
    total: int  # alignments shown by the filter, on every page


def diff_page(comparison: Comparison, show: str = "changed", page: int = 1,
              size: int = DIFF_PAGE_SIZE) -> DiffPage:
    """One page of the aligned articles: `changed` (all but same), `all`, or one kind of change."""
    if show == "all":
        chosen = comparison.alignments
    elif show in CHANGES:
        chosen = [a for a in comparison.alignments if a.change == show]
    else:
        chosen = [a for a in comparison.alignments if a.change != "same"]
    pages = max(1, -(-len(chosen) // size))
    number = min(max(page, 1), pages)
    start = (number - 1) * size
    return DiffPage([diff_row(a) for a in chosen[start:start + size]], number, pages, len(chosen))
