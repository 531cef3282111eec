"""The public reading of a draft: the consulted version as a tree, with comment counts."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from ..extensions import db
from ..models import Comment, Consultation, DraftVersion, Provision, ProvisionLevel
from .consultations import PUBLIC_STATUSES


@dataclass
class Node:
    provision: Provision
    children: list["Node"] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return anchor_for(self.provision)


def anchor_for(provision: Provision) -> str:
    prefix = {ProvisionLevel.ARTICLE: "a"}.get(provision.level, "h")
    if provision.level == ProvisionLevel.ARTICLE:
        return f"a{provision.number}" + (f"-{provision.sub}" if provision.sub else "")
    return f"{prefix}{provision.position}"


def current_consultation(draft_id: int, now: datetime) -> Consultation | None:
    """The open window on this draft, else the one that closed last; none before any opens."""
    consultations = db.session.scalars(
        select(Consultation).join(DraftVersion)
        .where(DraftVersion.draft_id == draft_id, Consultation.opens_at <= now)
        .order_by(Consultation.closes_at.desc())
    ).all()
    open_ones = [c for c in consultations if c.is_open(now)]
    return (open_ones or consultations or [None])[0]


def version_tree(version_id: int) -> list[Node]:
    """Every provision of a version, nested; one query, ordered by document position."""
    rows = db.session.scalars(
        select(Provision).where(Provision.version_id == version_id).order_by(Provision.position)
    ).all()
    nodes = {p.id: Node(p) for p in rows}
    roots: list[Node] = []
    children: dict[int, list[Node]] = defaultdict(list)
    for p in rows:
        (children[p.parent_id] if p.parent_id else roots).append(nodes[p.id])
    for pid, kids in children.items():
        nodes[pid].children = kids
    return roots


def comment_counts(consultation_id: int) -> dict[int | None, int]:
    """provision id (None for the whole draft) -> comments the public can count."""
    rows = db.session.execute(
        select(Comment.provision_id, func.count(Comment.id))
        .where(Comment.consultation_id == consultation_id, Comment.status.in_(PUBLIC_STATUSES))
        .group_by(Comment.provision_id)
    )
    return dict(rows.all())


def article_labels(version_id: int) -> list[str]:
    return list(db.session.scalars(
        select(Provision.label).where(Provision.version_id == version_id, Provision.level == ProvisionLevel.ARTICLE)
        .order_by(Provision.position)
    ))
