"""The public reading of a draft: the consulted version as a tree, with comment counts."""

from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import datetime
from functools import cached_property, lru_cache

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import contains_eager

from ..extensions import db
from ..lawtext.handout import Line
from ..models import HEADING_LEVELS, Comment, Consultation, DraftVersion, Provision, ProvisionLevel
from .consultations import PUBLIC_STATUSES


@dataclass(frozen=True)
class ProvisionView:
    """What the pages read of a provision: plain values, cacheable across requests."""

    id: int
    parent_id: int | None
    level: ProvisionLevel
    position: int
    ordinal: int
    label: str
    number: int | None
    sub: int
    title: str
    caption: str
    text: str
    deleted: bool

    @property
    def is_heading(self) -> bool:
        return self.level in HEADING_LEVELS


@dataclass
class Node:
    provision: ProvisionView
    children: list["Node"] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return anchor_for(self.provision)


def anchor_for(provision: "Provision | ProvisionView") -> str:
    prefix = {ProvisionLevel.ARTICLE: "a"}.get(provision.level, "h")
    if provision.level == ProvisionLevel.ARTICLE:
        return f"a{provision.number}" + (f"-{provision.sub}" if provision.sub else "")
    return f"{prefix}{provision.position}"


# Composed once: putting this statement together cost twice as much as running it, on every
# public page about a draft. Its version and draft come in the same query.
_SHOWN_CONSULTATIONS = (
    select(Consultation).join(Consultation.version).join(DraftVersion.draft)
    .options(contains_eager(Consultation.version).contains_eager(DraftVersion.draft))
    .where(DraftVersion.draft_id == bindparam("draft_id"), Consultation.opens_at <= bindparam("now"))
    .order_by(Consultation.closes_at.desc())
)


def current_consultation(draft_id: int, now: datetime) -> Consultation | None:
    """The open window on this draft, else the one that closed last; none before any opens."""
    consultations = db.session.scalars(_SHOWN_CONSULTATIONS, {"draft_id": draft_id, "now": now}).all()
    open_ones = [c for c in consultations if c.is_open(now)]
    return (open_ones or consultations or [None])[0]


VIEW_COLUMNS = [getattr(Provision, f.name) for f in fields(ProvisionView)]


@dataclass(frozen=True)
class VersionIndex:
    """A stored version as plain values, read once per process: its tree, its articles by
    label and by number with their paragraphs, and how the reader splits it into pages."""

    tree: list[Node]
    articles: list[ProvisionView]  # document order
    by_label: dict[str, ProvisionView]
    by_number: dict[tuple[int, int], ProvisionView]  # (number, sub) -> first such article
    paragraphs: dict[int, list[ProvisionView]]  # article id -> its 款 in order
    parts: list[Node]  # the reader's pages; empty when the draft fits on one
    part_by_id: dict[int, int]  # provision id -> page
    stamp: str  # tells this version apart from any other, also one stored later under the same id

    @cached_property
    def labels(self) -> list[str]:
        return [a.label for a in self.articles]

    def article(self, number: int, sub: int = 0) -> ProvisionView | None:
        return self.by_number.get((number, sub))


def version_index(version_id: int) -> VersionIndex:
    """The index of a version. A stored version never changes, so it is built once per process
    (keyed by the version's creation time too, as ids can be reused); the version row comes
    from the session when the request already loaded it."""
    version = db.session.get(DraftVersion, version_id)
    if version is None:
        return _cached_index(version_id, 0.0, 0)
    return _cached_index(version_id, version.created_at.timestamp(), version.article_count)


def version_tree(version_id: int) -> list[Node]:
    """Every provision of a version, nested."""
    return version_index(version_id).tree


@lru_cache(maxsize=16)
def _cached_index(version_id: int, created: float, article_count: int) -> VersionIndex:
    rows = [ProvisionView(*row) for row in db.session.execute(
        select(*VIEW_COLUMNS).where(Provision.version_id == version_id).order_by(Provision.position))]
    nodes = {p.id: Node(p) for p in rows}
    roots: list[Node] = []
    children: dict[int, list[Node]] = defaultdict(list)
    for p in rows:
        (children[p.parent_id] if p.parent_id else roots).append(nodes[p.id])
    for pid, kids in children.items():
        nodes[pid].children = kids
    articles = [p for p in rows if p.level == ProvisionLevel.ARTICLE]
    by_label: dict[str, ProvisionView] = {}
    by_number: dict[tuple[int, int], ProvisionView] = {}
    for a in articles:
        by_label.setdefault(a.label, a)
        if a.number is not None:
            by_number.setdefault((a.number, a.sub or 0), a)
    paragraphs = {a.id: [n.provision for n in nodes[a.id].children if n.provision.level == ProvisionLevel.PARAGRAPH]
                  for a in articles}
    parts = _parts(roots) if article_count > WHOLE_PAGE_LIMIT else []
    return VersionIndex(roots, articles, by_label, by_number, paragraphs, parts,
                        _part_index(roots, parts) if parts else {}, f"{version_id}@{created}")


# Past this many articles the reader shows one chapter at a time (a 1,260-article code is 1.3 MB
# of HTML on one page; a chapter is a few dozen KB).
WHOLE_PAGE_LIMIT = 200
PAGE_SIZE_WITHOUT_CHAPTERS = 100


@dataclass
class ReaderPage:
    """What one page of the reader shows: all headings for the contents, some of the body."""

    tree: list[Node]
    body: list[Node]
    parts: list[Node]  # the units the draft is split into; empty when it fits on one page
    current: int | None  # index into parts
    part_by_id: dict[int, int] = field(default_factory=dict)  # provision id -> part index

    def part_for(self, node: Node) -> int | None:
        """The page a table-of-contents entry leads to (None: this very page)."""
        if not self.parts:
            return None
        return self.part_by_id.get(node.provision.id)

    @property
    def previous(self) -> int | None:
        return self.current - 1 if self.current else None

    @property
    def next(self) -> int | None:
        if self.current is None or self.current + 1 >= len(self.parts):
            return None
        return self.current + 1


def _walk(nodes: list[Node]):
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _parts(tree: list[Node]) -> list[Node]:
    """Chapters when there are any, else the top-level nodes in runs of articles."""
    chapters = [n for n in _walk(tree) if n.provision.level == ProvisionLevel.CHAPTER]
    if chapters:
        return chapters
    articles = [n for n in tree if not n.provision.is_heading]
    return [Node(articles[i].provision, articles[i:i + PAGE_SIZE_WITHOUT_CHAPTERS])
            for i in range(0, len(articles), PAGE_SIZE_WITHOUT_CHAPTERS)]


def reader_page(version_id: int, part: int | None) -> ReaderPage:
    index = version_index(version_id)
    if not index.parts:
        return ReaderPage(index.tree, index.tree, [], None)
    current = min(max(part or 0, 0), len(index.parts) - 1)
    chosen = index.parts[current]
    body = [chosen] if chosen.provision.is_heading else chosen.children
    return ReaderPage(index.tree, body, index.parts, current, index.part_by_id)


def _part_index(tree: list[Node], parts: list[Node]) -> dict[int, int]:
    """Every provision's part; a heading above the parts (编, 分编) leads to its first one."""
    index: dict[int, int] = {}
    for number, unit in enumerate(parts):
        members = [unit] if unit.provision.is_heading else unit.children
        for node in _walk(members):
            index[node.provision.id] = number
    for node in _walk(tree):
        if node.provision.id not in index:
            inside = [index[n.provision.id] for n in _walk(node.children) if n.provision.id in index]
            if inside:
                index[node.provision.id] = min(inside)
    return index


def part_of(version_id: int, provision: ProvisionView) -> int | None:
    """Which page of the reader holds this provision (None when the draft is one page)."""
    index = version_index(version_id)
    if not index.parts:
        return None
    return index.part_by_id.get(provision.id, 0)


def comment_counts(consultation_id: int) -> dict[int | None, int]:
    """provision id (None for the whole draft) -> comments the public can count."""
    rows = db.session.execute(
        select(Comment.provision_id, func.count(Comment.id))
        .where(Comment.consultation_id == consultation_id, Comment.status.in_(PUBLIC_STATUSES))
        .group_by(Comment.provision_id)
    )
    return dict(rows.all())


def article_labels(version_id: int) -> list[str]:
    """The labels of every article in document order."""
    return version_index(version_id).labels


def consulted_text(version_id: int, title: str) -> list[Line]:
    """The version as lines to download: title, preamble, headings, and each article's paragraphs
    (the first starting with the article's label and caption)."""
    version = db.session.get(DraftVersion, version_id)
    lines = [Line("title", title)] + [Line("preamble", text) for text in (version.preamble or [])]
    for node in _walk(version_tree(version_id)):
        provision = node.provision
        if provision.deleted:
            continue
        if provision.is_heading:
            lines.append(Line("heading", f"{provision.label} {provision.title}".strip()))
        elif provision.level == ProvisionLevel.ARTICLE:
            label = provision.label + (f"【{provision.caption}】" if provision.caption else "")
            paragraphs = provision.text.split("\n") or [""]
            lines.append(Line("paragraph", f"{label}　{paragraphs[0]}"))
            lines.extend(Line("paragraph", text) for text in paragraphs[1:])
    return lines
