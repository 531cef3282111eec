"""Drafts and their versions: store a parsed text as a tree of provisions, find targets in it,
preview an import before storing it, open consultation windows, compare two versions."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from itsdangerous import BadData, URLSafeSerializer
from sqlalchemy import func, insert, select
from sqlalchemy.orm import defer, selectinload

from ..extensions import db
from ..lawtext import (
    Alignment,
    Article,
    DiffSpan,
    Item,
    LawTextError,
    Paragraph,
    ParsedDocument,
    align,
    char_diff,
    parse_text,
    read_source,
)
from ..lawtext.numerals import int_to_cn
from ..lawtext.references import find_references
from ..models import Consultation, Draft, DraftKind, DraftVersion, Provision, ProvisionLevel, Station, User
from . import ServiceError, audit

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
        raise _refusal(error) from error


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
    provision: Provision | None  # None: the whole draft
    paragraph: int | None = None


def _article(version_id: int, **where) -> Provision | None:
    return db.session.scalar(
        select(Provision).filter_by(version_id=version_id, level=ProvisionLevel.ARTICLE, **where).limit(1)
    )


def find_target(version_id: int, label: str | None) -> Target:
    """Resolve what a form or an import names: 第十二条, 第十二条第二款, 12, 第20条之一, 一、, or nothing.

    Raises ServiceError("unknown_article") when the label names nothing in this version.
    """
    label = (label or "").strip()
    if not label:
        return Target(None)
    exact = _article(version_id, label=label)
    if exact is not None:
        return Target(exact)
    refs = find_references(label if not label.isdigit() else f"第{label}条")
    if len(refs) != 1 or refs[0].article is None or refs[0].law:
        raise ServiceError("unknown_article", label=label)
    ref = refs[0]
    article = _article(version_id, number=ref.article, sub=ref.sub or 0)
    if article is None:
        raise ServiceError("unknown_article", label=label)
    if ref.paragraph:
        count = db.session.scalar(select(func.count(Provision.id)).where(
            Provision.parent_id == article.id, Provision.level == ProvisionLevel.PARAGRAPH))
        if ref.paragraph > count:
            raise ServiceError("unknown_paragraph", label=label, article=article.label, count=count)
    return Target(article, ref.paragraph)


# -- importing from the staff pages: read, preview, confirm ---------------------------------

DEFAULT_VERSION_LABEL = "征求意见稿"
# How much of an article's first paragraph the preview shows.
FIRST_LINE_CHARS = 60


def _refusal(error: LawTextError) -> ServiceError:
    """A domain error as the service refusal the faces already know how to show."""
    return ServiceError(error.code, error.message, **error.params)


def read_upload(data: bytes, filename: str) -> str:
    """The text of an uploaded .txt or .docx; unreadable files are refused with the reader's code."""
    try:
        return read_source(data, filename)
    except LawTextError as error:
        raise _refusal(error) from error


@dataclass(frozen=True)
class ImportRequest:
    """What a person asked to store: a text, its source, and how to file it.

    `draft_id` None means a new draft (title, issuing body and kind apply); otherwise the
    text becomes the next version of that draft.
    """

    text: str
    version_label: str
    source_name: str = ""
    draft_id: int | None = None
    title: str = ""
    issuing_body: str = ""
    kind: DraftKind | None = None  # None: read it from the text


@dataclass(frozen=True)
class OutlineEntry:
    """A heading of the body as the preview's table of contents shows it."""

    level: str
    label: str
    title: str
    depth: int
    articles: int
    first_article: str


@dataclass(frozen=True)
class ArticleLine:
    label: str
    caption: str
    first_line: str
    line: int
    deleted: bool


@dataclass(frozen=True)
class ArticleGroup:
    """Consecutive articles under the same headings (the preview folds each group)."""

    path: tuple[str, ...]
    articles: list[ArticleLine]


@dataclass(frozen=True)
class Preview:
    """What the staff check before storing a text; nothing in it is stored."""

    title: str  # the title that will be stored
    found_title: str  # the title read from the text
    kind: DraftKind
    article_count: int
    outline: list[OutlineEntry]
    groups: list[ArticleGroup]
    warnings: list[dict[str, Any]]


def warning_dicts(doc: ParsedDocument) -> list[dict[str, Any]]:
    """Warnings as a version stores them, so a preview and a stored version show them alike."""
    return [{"line": w.line, "code": w.code, "params": w.params, "message": w.message} for w in doc.warnings]


def _outline(doc: ParsedDocument) -> list[OutlineEntry]:
    per_path: dict[tuple[str, ...], list[str]] = {}
    for article in doc.articles:
        for depth in range(1, len(article.path) + 1):
            per_path.setdefault(tuple(article.path[:depth]), []).append(article.label)
    entries, stack = [], []  # stack: (rank, path entry) of the open headings
    for heading in doc.headings:
        rank = HEADING_RANK[heading.level]
        while stack and stack[-1][0] >= rank:
            stack.pop()
        stack.append((rank, heading.path_entry))
        labels = per_path.get(tuple(entry for _, entry in stack), [])
        entries.append(OutlineEntry(heading.level, heading.label, heading.title, len(stack) - 1, len(labels),
                                    labels[0] if labels else ""))
    return entries


def _first_line(article) -> str:
    text = article.paragraphs[0].full_text.split("\n", 1)[0] if article.paragraphs else ""
    return text if len(text) <= FIRST_LINE_CHARS else text[:FIRST_LINE_CHARS] + "…"


def _groups(doc: ParsedDocument) -> list[ArticleGroup]:
    groups: list[ArticleGroup] = []
    for article in doc.articles:
        if not groups or groups[-1].path != tuple(article.path):
            groups.append(ArticleGroup(tuple(article.path), []))
        groups[-1].articles.append(ArticleLine(article.label, article.caption or "", _first_line(article),
                                               article.line, article.deleted))
    return groups


def _detected_kind(doc: ParsedDocument) -> DraftKind:
    return DraftKind.AMENDMENT if doc.kind == "amendment" else DraftKind.LAW


def _check_label(draft_id: int | None, label: str) -> None:
    """The refusals add_version would make, raised before anything is shown as storable."""
    if not label.strip():
        raise ServiceError("version_label_required")
    if draft_id is not None and db.session.scalar(select(DraftVersion.id).where(
            DraftVersion.draft_id == draft_id, DraftVersion.label == label.strip())) is not None:
        raise ServiceError("version_exists", label=label.strip())


def prepare_import(request: ImportRequest) -> Preview:
    """Parse and check a request without storing anything; refusals are those `store_import` would make."""
    try:
        doc = parse_or_refuse(request.text)
    except LawTextError as error:
        raise _refusal(error) from error
    _check_label(request.draft_id, request.version_label)
    title = request.title.strip() or doc.title
    if request.draft_id is None and not title:
        raise ServiceError("title_required")
    if request.draft_id is not None:
        draft = db.session.get(Draft, request.draft_id)
        if draft is None:
            raise ServiceError("unknown_draft", draft_id=request.draft_id)
        title, kind = draft.title, draft.kind
    else:
        kind = request.kind or _detected_kind(doc)
    return Preview(title=title, found_title=doc.title, kind=kind, article_count=len(doc.articles),
                   outline=_outline(doc), groups=_groups(doc), warnings=warning_dicts(doc))


def store_import(request: ImportRequest, *, actor=None) -> DraftVersion:
    """Store a previewed request: a new draft with its first version, or a draft's next version."""
    try:
        if request.draft_id is None:
            return import_text(request.text, title=request.title, version_label=request.version_label,
                               issuing_body=request.issuing_body, kind=request.kind,
                               source_name=request.source_name, actor=actor)
        draft = db.session.get(Draft, request.draft_id)
        if draft is None:
            raise ServiceError("unknown_draft", draft_id=request.draft_id)
        return add_version(draft, parse_or_refuse(request.text), label=request.version_label,
                           source_name=request.source_name, source_text=request.text, actor=actor)
    except LawTextError as error:
        raise _refusal(error) from error


# The text travels from the preview to the confirmation in a signed, compressed token in the
# form rather than in a temporary file: app servers are stateless and may not share an
# instance folder (DESIGN: several servers behind one PostgreSQL), the token needs no clean-up,
# and a draft compresses well (the 1,260-article Civil Code is a 108 KB token). The signature
# (SECRET_KEY, a salt of its own) refuses any edit; the token names its user and draft, so it
# cannot be replayed by someone else or onto another draft, and it expires.
PREVIEW_SALT = "legislink.draft-preview"
PREVIEW_MAX_AGE = timedelta(hours=2)
# Checked before the signature, so a huge forged field costs nothing to refuse.
PREVIEW_TOKEN_LIMIT = 4 * 1024 * 1024


def _serializer(secret_key: str | bytes) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt=PREVIEW_SALT)


def sign_request(request: ImportRequest, *, secret_key: str | bytes, user_id: int, now: datetime) -> str:
    payload = {**asdict(request), "kind": request.kind.value if request.kind else None,
               "user": user_id, "at": now.timestamp()}
    token = _serializer(secret_key).dumps(payload)
    if len(token) > PREVIEW_TOKEN_LIMIT:
        raise ServiceError("preview_too_large", limit=PREVIEW_TOKEN_LIMIT // (1024 * 1024))
    return token


def load_request(token: str, *, secret_key: str | bytes, user_id: int, draft_id: int | None, now: datetime,
                 max_age: timedelta = PREVIEW_MAX_AGE) -> ImportRequest:
    """The request a preview signed, refused when edited, too old, or someone else's."""
    if not token or len(token) > PREVIEW_TOKEN_LIMIT:
        raise ServiceError("preview_invalid")
    try:
        payload = _serializer(secret_key).loads(token)
    except BadData as error:
        raise ServiceError("preview_invalid") from error
    if payload.get("user") != user_id or payload.get("draft_id") != draft_id:
        raise ServiceError("preview_invalid")
    if now.timestamp() - payload["at"] > max_age.total_seconds():
        raise ServiceError("preview_expired")
    kind = payload.pop("kind")
    fields = {name: payload[name] for name in ImportRequest.__dataclass_fields__ if name != "kind"}
    return ImportRequest(**fields, kind=DraftKind(kind) if kind else None)


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
    query = (select(Draft).options(selectinload(Draft.versions).defer(DraftVersion.source_text))
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


# -- consultation windows -------------------------------------------------------------------

DEFAULT_TIMEZONE = "Asia/Shanghai"


def window_bounds(opens_on: date, closes_on: date, timezone: str = DEFAULT_TIMEZONE) -> tuple[datetime, datetime]:
    """From the start of the opening day to the end of the closing day, in the contact point's zone."""
    zone = ZoneInfo(timezone)
    return (datetime.combine(opens_on, time.min, zone),
            datetime.combine(closes_on + timedelta(days=1), time.min, zone))


def local_day(moment: datetime, timezone: str = DEFAULT_TIMEZONE) -> date:
    return moment.astimezone(ZoneInfo(timezone)).date()


def _overlapping(draft_id: int, opens_at: datetime, closes_at: datetime) -> Consultation | None:
    return db.session.scalar(
        select(Consultation).join(DraftVersion, Consultation.version_id == DraftVersion.id)
        .where(DraftVersion.draft_id == draft_id, Consultation.opens_at < closes_at, Consultation.closes_at > opens_at)
        .order_by(Consultation.opens_at).limit(1)
    )


def _stations(codes: Iterable[str]) -> list[Station]:
    from .accounts import find_station

    return [find_station(code) for code in dict.fromkeys(c.strip() for c in codes if c.strip())]


def open_consultation(version: DraftVersion, *, opens_on: date, closes_on: date, premoderation: bool = False,
                      station_codes: Iterable[str] = (), contact_name: str = "", contact_phone: str = "",
                      after_close_contact: str = "", timezone: str = DEFAULT_TIMEZONE, actor=None) -> Consultation:
    """Open `version` for comment from `opens_on` to the end of `closes_on` (local days).

    No station named means every station. One window at a time per draft, not only per
    version: the public pages address a draft, so a second open window would be unreachable.
    """
    if closes_on <= opens_on:
        raise ServiceError("closes_before_opens", "The closing day must come after the opening day.")
    opens_at, closes_at = window_bounds(opens_on, closes_on, timezone)
    clash = _overlapping(version.draft_id, opens_at, closes_at)
    if clash is not None:
        raise ServiceError("consultation_overlaps", "Another window on this draft overlaps these days.",
                           label=clash.version.label,
                           opens=local_day(clash.opens_at, timezone).isoformat(),
                           closes=local_day(clash.closes_at - timedelta(microseconds=1), timezone).isoformat())
    stations = _stations(station_codes)
    consultation = Consultation(
        version=version, opens_at=opens_at, closes_at=closes_at, premoderation=premoderation, stations=stations,
        contact_name=contact_name.strip()[:100], contact_phone=contact_phone.strip()[:50],
        after_close_contact=after_close_contact.strip(), created_by_id=getattr(actor, "id", None),
    )
    db.session.add(consultation)
    db.session.flush()
    audit.record(actor, "consultation.open", "consultation", [consultation.id], {
        "draft_id": version.draft_id, "version_id": version.id, "opens_on": opens_on.isoformat(),
        "closes_on": closes_on.isoformat(), "premoderation": premoderation,
        "stations": [s.code for s in stations],
    })
    return consultation


# -- comparing two stored versions ----------------------------------------------------------

CHANGES = ("modified", "moved", "added", "deleted", "same")
DIFF_PAGE_SIZE = 50


def find_version(draft: Draft, ref: str | int) -> DraftVersion:
    """A version of `draft` named by its id or its label (an id wins when a label is all digits)."""
    ref = str(ref).strip()
    versions = db.session.scalars(select(DraftVersion).options(defer(DraftVersion.source_text))
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
