"""The data model: stations and accounts, drafts and their provisions, consultations,
comments, opinion groups, analysis runs and the audit log.

Times are stored as UTC; `UTCDateTime` gives them back timezone-aware on every backend.
"""

import enum
import secrets
from datetime import UTC, date, datetime
from typing import Any

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .analysis.text import searchable
from .extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out; stored naive UTC so SQLite agrees."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


def _enum(cls: type[enum.Enum], name: str | None = None) -> Enum:
    """Store an enum by value, as a short string with a CHECK constraint named after it.

    Two columns of one table with the same enum need distinct `name`s: the name is the
    constraint's.
    """
    return Enum(
        cls,
        name=name or cls.__name__.lower(),
        values_callable=lambda members: [m.value for m in members],
        native_enum=False,
        create_constraint=True,
        length=20,
    )


class Role(enum.StrEnum):
    ADMIN = "admin"
    STAFF = "staff"
    REVIEWER = "reviewer"


class DraftKind(enum.StrEnum):
    LAW = "law"  # 法律草案
    LOCAL_REGULATION = "local_regulation"  # 地方性法规草案
    AMENDMENT = "amendment"  # 修正案


class ConsultationKind(enum.StrEnum):
    DRAFT = "draft"  # 立法中: a draft, commented article by article
    PROPOSAL = "proposal"  # 立法前: 立项建议征集, residents propose laws to make or revise; no text
    EVALUATION = "evaluation"  # 立法后: 立法后评估 of a law in force, commented article by article
    STANDING = "standing"  # 民情直通: open all year for requests beyond legislation; no text


class ProvisionLevel(enum.StrEnum):
    BIAN = "bian"  # 编
    FENBIAN = "fenbian"  # 分编
    CHAPTER = "chapter"  # 章
    SECTION = "section"  # 节
    ARTICLE = "article"  # 条 (or an amendment's item 一、)
    PARAGRAPH = "paragraph"  # 款
    ITEM = "item"  # 项
    SUBITEM = "subitem"  # 目


HEADING_LEVELS = (ProvisionLevel.BIAN, ProvisionLevel.FENBIAN, ProvisionLevel.CHAPTER, ProvisionLevel.SECTION)


class Channel(enum.StrEnum):
    ONLINE = "online"  # 网上
    SYMPOSIUM = "symposium"  # 座谈会
    LETTER = "letter"  # 信件
    PHONE = "phone"  # 电话
    VISIT = "visit"  # 走访
    IMPORT = "import"  # 导入


class Identity(enum.StrEnum):
    RESIDENT = "resident"  # 居民
    TRADER = "trader"  # 个体工商户
    ENTERPRISE = "enterprise"  # 企业
    ECOMMERCE = "ecommerce"  # 电商从业者
    LAWYER = "lawyer"  # 律师
    DEPUTY = "deputy"  # 人大代表
    FOREIGN_MERCHANT = "foreign_merchant"  # 外籍商人
    CADRE = "cadre"  # 基层干部
    TEACHER = "teacher"  # 教师
    STUDENT = "student"  # 学生
    OTHER = "other"  # 其他


class CommentStatus(enum.StrEnum):
    PENDING = "pending"  # waiting for pre-moderation
    ACCEPTED = "accepted"
    SPAM = "spam"
    OFFTOPIC = "offtopic"


class Attribution(enum.StrEnum):
    FORM = "form"  # the commenter chose the article
    EXPLICIT = "explicit"  # the text names it (第十二条)
    CONTENT = "content"  # matched by content
    DRAFT = "draft"  # the whole draft
    STAFF = "staff"  # corrected by staff; never overwritten by the analysis


class Adoption(enum.StrEnum):
    ADOPTED = "adopted"  # 采纳
    PARTLY = "partly"  # 部分采纳
    NOT_ADOPTED = "not_adopted"  # 未采纳


class CommentEventKind(enum.StrEnum):
    RECEIVED = "received"  # 已收到
    ORGANISED = "organised"  # 已整理
    REPORTED = "reported"  # 已上报
    OUTCOME = "outcome"  # 采纳 / 部分采纳 / 未采纳
    REFERRED = "referred"  # 已转办: a request sent to a department (承办单位)
    REPLIED = "replied"  # 已答复: the department's reply, recorded by staff


class ReferralStatus(enum.StrEnum):
    PENDING = "pending"  # 待办: sent, not yet taken up
    IN_PROGRESS = "in_progress"  # 办理中
    DONE = "done"  # 已办结: replied
    # 逾期 (overdue) is not stored: it is a pending or in-progress referral past its due day.


class RunKind(enum.StrEnum):
    """What a background run computes: the comment analysis, or the adoption proposals of the
    reported opinions against a later version (its id in the run's summary)."""

    ANALYSIS = "analysis"
    ADOPTION = "adoption"


class RunStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class Station(db.Model):
    """A liaison station (联络站) of the contact point."""

    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<Station {self.code}>"


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(_enum(Role))
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    is_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    # Rotated on every password change: the login cookie carries it, so old sessions die.
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    station: Mapped[Station | None] = relationship()

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)
        self.session_token = new_session_token()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        return self.session_token

    @property
    def is_active(self) -> bool:
        return self.is_enabled

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


class Draft(db.Model):
    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    issuing_body: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[DraftKind] = mapped_column(_enum(DraftKind), default=DraftKind.LAW)
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    versions: Mapped[list["DraftVersion"]] = relationship(
        back_populates="draft", order_by="DraftVersion.position", cascade="all, delete-orphan"
    )


class DraftVersion(db.Model):
    """One text of a draft: 一审稿, 二审稿, 最终文本."""

    __tablename__ = "draft_versions"
    __table_args__ = (
        UniqueConstraint("draft_id", "label"),
        UniqueConstraint("draft_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer)
    parsed_title: Mapped[str] = mapped_column(String(200), default="")
    preamble: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_name: Mapped[str] = mapped_column(String(255), default="")
    # The text as uploaded, kept for the record; loaded only when asked for.
    source_text: Mapped[str] = mapped_column(Text, default="", deferred=True)
    article_count: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    draft: Mapped[Draft] = relationship(back_populates="versions")


class Provision(db.Model):
    """A node of a version's tree: heading, article, paragraph, item or sub-item.

    `position` orders every node of a version in document order; `ordinal` is the node's
    1-based place among its siblings (the 2 of 第二款).
    """

    __tablename__ = "provisions"
    __table_args__ = (
        UniqueConstraint("version_id", "position"),
        Index("ix_provisions_version_level_number", "version_id", "level", "number", "sub"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("draft_versions.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("provisions.id", ondelete="CASCADE"), index=True)
    level: Mapped[ProvisionLevel] = mapped_column(_enum(ProvisionLevel))
    position: Mapped[int] = mapped_column(Integer)
    ordinal: Mapped[int] = mapped_column(Integer, default=1)
    label: Mapped[str] = mapped_column(String(64), default="")
    number: Mapped[int | None] = mapped_column(Integer)
    sub: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200), default="")
    caption: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    path: Mapped[list[str]] = mapped_column(JSON, default=list)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)

    version: Mapped[DraftVersion] = relationship()
    parent: Mapped["Provision | None"] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Provision"]] = relationship(
        back_populates="parent", order_by="Provision.position", cascade="all, delete-orphan"
    )

    @property
    def is_heading(self) -> bool:
        return self.level in HEADING_LEVELS


consultation_stations = Table(
    "consultation_stations",
    db.metadata,
    Column("consultation_id", ForeignKey("consultations.id", ondelete="CASCADE"), primary_key=True),
    Column("station_id", ForeignKey("stations.id", ondelete="CASCADE"), primary_key=True),
)


class Consultation(db.Model):
    """A window open for comment between two moments, for some stations (all when none).

    Its kind says what is consulted: a draft version or a law in force (`version` set), or
    nothing written yet — proposals for laws to make, or the standing 民情直通 form — where
    the staff's `title` and `intro` stand in for the text.
    """

    __tablename__ = "consultations"
    __table_args__ = (
        CheckConstraint("closes_at > opens_at", name="closes_after_opening"),
        CheckConstraint("version_id IS NOT NULL OR kind IN ('proposal', 'standing')", name="text_unless_proposal"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ConsultationKind] = mapped_column(_enum(ConsultationKind), default=ConsultationKind.DRAFT)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("draft_versions.id", ondelete="CASCADE"))
    # Shown for kinds without a text (the draft kinds show the draft's title).
    title: Mapped[str] = mapped_column(String(200), default="")
    intro: Mapped[str] = mapped_column(Text, default="")
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    premoderation: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where to send comments once the window has closed (shown on the refused form).
    after_close_contact: Mapped[str] = mapped_column(Text, default="")
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    contact_phone: Mapped[str] = mapped_column(String(50), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    version: Mapped[DraftVersion | None] = relationship()
    stations: Mapped[list[Station]] = relationship(secondary=consultation_stations)

    @property
    def has_text(self) -> bool:
        return self.version_id is not None

    @property
    def display_title(self) -> str:
        """What the consultation is called on every page: the consulted text's title, else the staff's."""
        return self.version.draft.title if self.version is not None else self.title

    def is_open(self, now: datetime) -> bool:
        return self.opens_at <= now < self.closes_at


class OpinionGroup(db.Model):
    """Comments that make the same point on the same article."""

    __tablename__ = "opinion_groups"
    __table_args__ = (UniqueConstraint("consultation_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id", ondelete="CASCADE"))
    # The analysis's stable id; staff-made groups get one too.
    key: Mapped[str] = mapped_column(String(64))
    provision_id: Mapped[int | None] = mapped_column(ForeignKey("provisions.id"))
    paragraph: Mapped[int | None] = mapped_column(Integer)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    size: Mapped[int] = mapped_column(Integer, default=0)
    duplicate_count: Mapped[int] = mapped_column(Integer, default=0)
    representative_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", use_alter=True, ondelete="SET NULL")
    )
    summary: Mapped[str] = mapped_column(Text, default="")
    # Staff touched it (summary, merge, split, moves): the analysis keeps its membership.
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    in_report: Mapped[bool] = mapped_column(Boolean, default=True)
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    adoption: Mapped[Adoption | None] = mapped_column(_enum(Adoption))
    adoption_note: Mapped[str] = mapped_column(Text, default="")
    final_text: Mapped[str] = mapped_column(Text, default="")
    final_version_id: Mapped[int | None] = mapped_column(ForeignKey("draft_versions.id"))
    proposed_adoption: Mapped[Adoption | None] = mapped_column(_enum(Adoption, "proposed_adoption"))
    adoption_evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    adoption_marked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    adoption_marked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    consultation: Mapped[Consultation] = relationship()
    provision: Mapped[Provision | None] = relationship()
    representative: Mapped["Comment | None"] = relationship(foreign_keys=[representative_id], post_update=True)


def _search_text(context) -> str:
    given = context.get_current_parameters()
    return searchable(given.get("text") or "", given.get("suggestion") or "", given.get("reason") or "",
                      given.get("title") or "", given.get("content") or "")


class Comment(db.Model):
    __tablename__ = "comments"
    __table_args__ = (
        Index("ix_comments_consultation_status", "consultation_id", "status"),
        Index("ix_comments_consultation_provision", "consultation_id", "provision_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id", ondelete="CASCADE"))
    receipt_code: Mapped[str] = mapped_column(String(20), unique=True)
    # Target: an article (or heading) of the consulted version and an optional 款; none = whole draft.
    provision_id: Mapped[int | None] = mapped_column(ForeignKey("provisions.id"))
    paragraph: Mapped[int | None] = mapped_column(Integer)
    attribution: Mapped[Attribution] = mapped_column(_enum(Attribution), default=Attribution.DRAFT)
    # When the analysis attributed it by its content (or left it on the whole draft): the other articles it
    # matches best, best first, offered to staff as one-step corrections.
    candidates: Mapped[list[str]] = mapped_column(JSON, default=list)
    text: Mapped[str] = mapped_column(Text)
    suggestion: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    # A proposal (立项建议): the law or regulation asked for (建议项目名称) and its main content
    # (主要内容); `text` holds its necessity (立法必要性). Empty for other kinds.
    title: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    # Staff's Chinese translation of a comment in another language: the report's summary sheet uses it.
    translation: Mapped[str] = mapped_column(Text, default="")
    # Text, suggestion and reason in one normalised form (Simplified, half-width, lower case) for staff
    # searches; filled on insert, since a comment's words never change once stored.
    search_text: Mapped[str] = mapped_column(Text, default=_search_text, deferred=True)
    identity: Mapped[Identity] = mapped_column(_enum(Identity), default=Identity.RESIDENT)
    # 身份 as the commenter or collector wrote it (家长, 外来务工人员); `identity` is its counting category.
    identity_words: Mapped[str] = mapped_column(String(50), default="")
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    channel: Mapped[Channel] = mapped_column(_enum(Channel), default=Channel.ONLINE)
    # Personal details: never shown publicly, masked in exports unless asked for.
    name: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    collector: Mapped[str] = mapped_column(String(100), default="")
    collected_on: Mapped[date | None] = mapped_column(Date)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    status: Mapped[CommentStatus] = mapped_column(_enum(CommentStatus), default=CommentStatus.ACCEPTED)
    status_reason: Mapped[str] = mapped_column(String(200), default="")
    # Analysis: tokens computed once at write time; the rest refreshed by each run.
    tokens: Mapped[list[str]] = mapped_column(JSON, default=list)
    offtopic_reason: Mapped[str] = mapped_column(String(32), default="")
    offtopic_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    duplicate_key: Mapped[str | None] = mapped_column(String(64), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("opinion_groups.id", ondelete="SET NULL"), index=True)
    analysed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    consultation: Mapped[Consultation] = relationship()
    provision: Mapped[Provision | None] = relationship()
    station: Mapped[Station | None] = relationship()
    group: Mapped[OpinionGroup | None] = relationship(foreign_keys=[group_id])
    events: Mapped[list["CommentEvent"]] = relationship(
        back_populates="comment", order_by="CommentEvent.id", cascade="all, delete-orphan"
    )


class CommentEvent(db.Model):
    """A step of a comment's history, shown on its receipt page."""

    __tablename__ = "comment_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    kind: Mapped[CommentEventKind] = mapped_column(_enum(CommentEventKind))
    outcome: Mapped[Adoption | None] = mapped_column(_enum(Adoption))
    # An outcome's reviewer note (why) and the final wording are shown apart: never joined.
    note: Mapped[str] = mapped_column(Text, default="")
    final_text: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    comment: Mapped[Comment] = relationship(back_populates="events")


class Department(db.Model):
    """A department that handles residents' requests (承办单位), kept by the admin as a list."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    contact: Mapped[str] = mapped_column(String(200), default="")
    # Retired departments keep their past referrals but take no new ones.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Referral(db.Model):
    """A request beyond legislation (民情) sent by staff to a department, and the department's reply."""

    __tablename__ = "referrals"
    __table_args__ = (Index("ix_referrals_status_due_on", "status", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), unique=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))
    # 反映事项: the matter as staff put it for the department (defaults to the comment's text).
    matter: Mapped[str] = mapped_column(Text, default="")
    assigned_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[ReferralStatus] = mapped_column(_enum(ReferralStatus), default=ReferralStatus.PENDING)
    reply: Mapped[str] = mapped_column(Text, default="")
    replied_on: Mapped[date | None] = mapped_column(Date)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    comment: Mapped[Comment] = relationship()
    department: Mapped[Department] = relationship()

    def is_overdue(self, today: date) -> bool:
        return self.status != ReferralStatus.DONE and self.due_on < today


class AnalysisRun(db.Model):
    __tablename__ = "analysis_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id", ondelete="CASCADE"))
    kind: Mapped[RunKind] = mapped_column(_enum(RunKind), default=RunKind.ANALYSIS,
                                          server_default=RunKind.ANALYSIS.value)
    status: Mapped[RunStatus] = mapped_column(_enum(RunStatus), default=RunStatus.QUEUED)
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    stage: Mapped[str] = mapped_column(String(64), default="")
    error: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class SignInFailure(db.Model):
    """One wrong sign-in, kept for the lockout window. Counted per user name *and* client address, so
    guessing from one address locks that address out, never the owner elsewhere; a name without an
    account is counted the same way, so the answers do not tell which names exist."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (Index("ix_sign_in_failures_username_address_at", "username", "address", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEvent(db.Model):
    """Who did what to which rows, when. Written once, never edited."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Kept as written, so the log still reads right after an account is renamed or removed.
    username: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(64), index=True)
    object_type: Mapped[str] = mapped_column(String(32), default="")
    object_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ip: Mapped[str] = mapped_column(String(64), default="")

    user: Mapped[User | None] = relationship()
