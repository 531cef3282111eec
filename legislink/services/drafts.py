"""Drafts and their versions: store a parsed text as a tree of provisions, find targets in it,
and the staff's overview of drafts. Previews live in draft_import, windows in windows,
comparisons in versions."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..lawtext import (
    LawTextError,
    ParsedDocument,
    parse_text,
    read_source,
)
from ..lawtext.numerals import int_to_cn
from ..lawtext.references import find_references
from ..models import Consultation, Draft, DraftKind, DraftVersion, Provision, ProvisionLevel, User
from . import ServiceError, audit
from .reader import ProvisionView, version_index

HEADING_LEVELS = {"编": ProvisionLevel.BIAN, "分编": ProvisionLevel.FENBIAN, "章": ProvisionLevel.CHAPTER,
                  "节": ProvisionLevel.SECTION}
HEADING_RANK = {"编": 0, "分编": 1, "章": 2, "节": 3}


@dataclass
class _Node:
    """A provision to insert; `parent` indexes the list of nodes, `depth` orders the inserts."""

    fields: dict[str, Any]
    parent: int | None
    depth: int
    children: int = 0


@dataclass
class _Tree:
    nodes: list[_Node] = field(default_factory=list)

    def add(self, parent: int | None, **fields) -> int:
        ordinal = 1
        if parent is not None:
            self.nodes[parent].children += 1
            ordinal = self.nodes[parent].children
        depth = 0 if parent is None else self.nodes[parent].depth + 1
        self.nodes.append(_Node({"ordinal": ordinal, **fields}, parent, depth))
        return len(self.nodes) - 1


def _headings_and_articles(doc: ParsedDocument):
    """Headings and articles merged back into document order."""
    entries = [(h.line, 0, h) for h in doc.headings] + [(a.line, 1, a) for a in doc.articles]
    return [entry for _, _, entry in sorted(entries, key=lambda e: (e[0], e[1]))]


def _add_article(tree: _Tree, parent: int | None, article) -> None:
    index = tree.add(parent, level=ProvisionLevel.ARTICLE, label=article.label, number=article.number,
                     sub=article.sub, caption=article.caption or "", text=article.text, path=list(article.path),
                     deleted=article.deleted)
    for p_no, paragraph in enumerate(article.paragraphs, start=1):
        p_index = tree.add(index, level=ProvisionLevel.PARAGRAPH, label=f"第{int_to_cn(p_no)}款", number=p_no,
                           text=paragraph.text)
        for item in paragraph.items:
            i_index = tree.add(p_index, level=ProvisionLevel.ITEM, label=item.label, text=item.text)
            for sub in item.subitems:
                tree.add(i_index, level=ProvisionLevel.SUBITEM, label=sub.label, text=sub.text)


def build_tree(doc: ParsedDocument) -> list[_Node]:
    """The provisions of a parsed document, each pointing at its parent, in document order."""
    tree = _Tree()
    stack: list[tuple[int, int]] = []  # (rank, node index) of the open headings
    for entry in _headings_and_articles(doc):
        if hasattr(entry, "level"):
            rank = HEADING_RANK[entry.level]
            while stack and stack[-1][0] >= rank:
                stack.pop()
            parent = stack[-1][1] if stack else None
            path = [f"{tree.nodes[i].fields['label']} {tree.nodes[i].fields['title']}" for _, i in stack]
            index = tree.add(parent, level=HEADING_LEVELS[entry.level], label=entry.label, number=entry.number,
                             title=entry.title, path=path)
            stack.append((rank, index))
        else:
            _add_article(tree, stack[-1][1] if stack else None, entry)
    return tree.nodes


def _insert_provisions(version_id: int, nodes: list[_Node]) -> None:
    """One bulk INSERT … RETURNING per depth: parents get their ids before their children."""
    ids: dict[int, int] = {}
    for depth in range(max((n.depth for n in nodes), default=-1) + 1):
        batch = [(i, n) for i, n in enumerate(nodes) if n.depth == depth]
        rows = [{**n.fields, "version_id": version_id, "position": i + 1,
                 "parent_id": ids[n.parent] if n.parent is not None else None} for i, n in batch]
        new_ids = db.session.scalars(
            insert(Provision).returning(Provision.id, sort_by_parameter_order=True), rows
        ).all()
        ids.update({i: new_id for (i, _), new_id in zip(batch, new_ids, strict=True)})


def parse_or_refuse(text: str) -> ParsedDocument:
    """The parsed text, or the parser's refusal (no articles, empty text) as a ServiceError."""
    try:
        return parse_text(text)
    except LawTextError as error:
        raise as_refusal(error) from error


def add_version(draft: Draft, doc: ParsedDocument, *, label: str, source_name: str = "", source_text: str = "",
                actor=None) -> DraftVersion:
    """Store a parsed text as the next version of `draft`, with every provision."""
    label = label.strip()
    if not label:
        raise ServiceError("version_label_required")
    if db.session.scalar(select(DraftVersion).where(DraftVersion.draft_id == draft.id,
                                                    DraftVersion.label == label)) is not None:
        raise ServiceError("version_exists", label=label)
    position = (db.session.scalar(select(func.max(DraftVersion.position)).where(DraftVersion.draft_id == draft.id))
                or 0) + 1
    version = DraftVersion(
        draft=draft, label=label, position=position, parsed_title=doc.title[:200], preamble=list(doc.preamble),
        source_name=source_name[:255], source_text=source_text, article_count=len(doc.articles),
        warnings=[{"line": w.line, "code": w.code, "params": w.params, "message": w.message} for w in doc.warnings],
        created_by_id=getattr(actor, "id", None),
    )
    db.session.add(version)
    db.session.flush()
    _insert_provisions(version.id, build_tree(doc))
    audit.record(actor, "version.import", "draft_version", [version.id],
                 {"draft_id": draft.id, "label": label, "articles": len(doc.articles)})
    return version


def create_draft(title: str, *, issuing_body: str = "", kind: DraftKind = DraftKind.LAW, description: str = "",
                 actor=None) -> Draft:
    title = title.strip()
    if not title:
        raise ServiceError("title_required")
    draft = Draft(title=title[:200], issuing_body=issuing_body.strip()[:200], kind=kind, description=description,
                  created_by_id=getattr(actor, "id", None))
    db.session.add(draft)
    db.session.flush()
    audit.record(actor, "draft.create", "draft", [draft.id], {"title": draft.title})
    return draft


def import_text(text: str, *, title: str, version_label: str = "征求意见稿", issuing_body: str = "",
                kind: DraftKind | None = None, source_name: str = "", description: str = "",
                actor=None) -> DraftVersion:
    """Parse `text` and store it as a new draft with its first version."""
    doc = parse_or_refuse(text)
    if kind is None:
        kind = DraftKind.AMENDMENT if doc.kind == "amendment" else DraftKind.LAW
    draft = create_draft(title or doc.title, issuing_body=issuing_body, kind=kind, description=description,
                         actor=actor)
    return add_version(draft, doc, label=version_label, source_name=source_name, source_text=text, actor=actor)


@dataclass(frozen=True)
class Target:
    provision: ProvisionView | None  # an article; None: the whole draft
    paragraph: int | None = None


def find_target(version_id: int, label: str | None) -> Target:
    """Resolve what a form or an import names: 第十二条, 第十二条第二款, 12, 第20条之一, 一、, or nothing.

    Raises ServiceError("unknown_article") when the label names nothing in this version.
    """
    label = (label or "").strip()
    if not label:
        return Target(None)
    index = version_index(version_id)
    exact = index.by_label.get(label)
    if exact is not None:
        return Target(exact)
    refs = find_references(label if not label.isdigit() else f"第{label}条")
    if len(refs) != 1 or refs[0].article is None or refs[0].law:
        raise ServiceError("unknown_article", label=label)
    ref = refs[0]
    article = index.article(ref.article, ref.sub or 0)
    if article is None:
        raise ServiceError("unknown_article", label=label)
    if ref.paragraph:
        count = len(index.paragraphs[article.id])
        if ref.paragraph > count:
            raise ServiceError("unknown_paragraph", label=label, article=article.label, count=count)
    return Target(article, ref.paragraph)


def as_refusal(error: LawTextError) -> ServiceError:
    """A domain error as the service refusal the faces already know how to show."""
    return ServiceError(error.code, error.message, **error.params)


def read_upload(data: bytes, filename: str) -> str:
    """The text of an uploaded .txt or .docx; unreadable files are refused with the reader's code."""
    try:
        return read_source(data, filename)
    except LawTextError as error:
        raise as_refusal(error) from error


# -- the staff's view of drafts -------------------------------------------------------------


@dataclass(frozen=True)
class VersionRow:
    version: DraftVersion
    imported_by: str
    consultations: list[Consultation]

    @property
    def warning_count(self) -> int:
        return len(self.version.warnings or [])


@dataclass(frozen=True)
class DraftSummary:
    draft: Draft
    created_by: str
    versions: list[VersionRow]

    @property
    def consultations(self) -> list[Consultation]:
        return [c for row in self.versions for c in row.consultations]


def _user_names(ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = db.session.execute(select(User.id, User.display_name, User.username).where(User.id.in_(wanted)))
    return {user_id: display or username for user_id, display, username in rows}


def draft_summaries(draft_id: int | None = None) -> list[DraftSummary]:
    """Every draft (or the one asked for), newest first, with its versions and their windows."""
    query = (select(Draft).options(selectinload(Draft.versions))
             .order_by(Draft.created_at.desc(), Draft.id.desc()))
    if draft_id is not None:
        query = query.where(Draft.id == draft_id)
    found = db.session.scalars(query).all()
    version_ids = [v.id for d in found for v in d.versions]
    by_version: dict[int, list[Consultation]] = defaultdict(list)
    for consultation in db.session.scalars(
        select(Consultation).options(selectinload(Consultation.stations))
        .where(Consultation.version_id.in_(version_ids)).order_by(Consultation.opens_at)
    ):
        by_version[consultation.version_id].append(consultation)
    names = _user_names([d.created_by_id for d in found] + [v.created_by_id for d in found for v in d.versions])
    return [
        DraftSummary(d, names.get(d.created_by_id, ""),
                     [VersionRow(v, names.get(v.created_by_id, ""), by_version[v.id]) for v in d.versions])
        for d in found
    ]


def consultation_state(consultation: Consultation, now: datetime) -> str:
    """scheduled, open or closed."""
    if now < consultation.opens_at:
        return "scheduled"
    return "open" if consultation.is_open(now) else "closed"


