"""Importing a draft from the staff pages: read, preview, confirm.

The text travels from the preview to the confirmation in a signed token in the form: app
servers stay stateless (they need not share an instance folder), and the token is refused
when altered, too old, someone else's, or used on another draft.
"""

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from itsdangerous import BadData, URLSafeSerializer
from sqlalchemy import select

from ..extensions import db
from ..lawtext import LawTextError, ParsedDocument
from ..models import Draft, DraftKind, DraftVersion
from . import ServiceError
from .drafts import HEADING_RANK, add_version, as_refusal, import_text, parse_or_refuse

DEFAULT_VERSION_LABEL = "征求意见稿"
# A law in force imported for its evaluation (立法后评估) is one version with this label.
EVALUATION_VERSION_LABEL = "现行文本"
# How much of an article's first paragraph the preview shows.
FIRST_LINE_CHARS = 60




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
        raise as_refusal(error) from error
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
        raise as_refusal(error) from error


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
