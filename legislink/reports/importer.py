"""Reads a filled-in offline-import template: the file is checked before openpyxl opens it,
then every row is validated and every problem collected; any problem refuses the whole file.
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from collections.abc import Callable, Collection, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO

import phonenumbers
from openpyxl import load_workbook

from .articles import ArticleRef, parse_article
from .errors import ImportProblem, ImportRejected, ReportsError

IMPORT_HEADERS = (
    "条款", "意见内容", "修改建议", "理由", "提出人", "身份", "联络站", "联系电话", "收集方式", "收集日期",
)
# A call for proposals (立项建议征集) collects at symposiums too: its template names the proposed law,
# why it is needed and what it should contain, in the words of the 立项建议汇总表 (REPORT_FORMAT.md),
# then the same columns of who proposed it as the comment template.
PROPOSAL_HEADERS = (
    "建议项目名称", "立法必要性", "主要内容", "提出人", "身份", "联络站", "联系电话", "收集方式", "收集日期",
)
DEFAULT_MAX_ROWS = 10_000
# The template's data sheet; a workbook without it is read from its first sheet.
ENTRY_SHEET = "意见录入"
PROPOSAL_SHEET = "建议录入"


@dataclass(frozen=True)
class ImportLayout:
    """One template: its data sheet, its header row, and the ImportRow field each column fills."""

    sheet: str
    headers: tuple[str, ...]
    fields: Mapping[str, str]

    @property
    def proposals(self) -> bool:
        return "title" in self.fields.values()


_WHO = {"提出人": "name", "身份": "identity", "联络站": "station_code", "联系电话": "phone", "收集方式": "channel",
        "收集日期": "collected_on"}
COMMENTS = ImportLayout(ENTRY_SHEET, IMPORT_HEADERS, {
    "条款": "article", "意见内容": "text", "修改建议": "suggestion", "理由": "reason", **_WHO})
PROPOSALS = ImportLayout(PROPOSAL_SHEET, PROPOSAL_HEADERS, {
    "建议项目名称": "title", "立法必要性": "text", "主要内容": "content", **_WHO})

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .doc)
# Members smaller than this are never called bombs: tiny XML parts compress very well.
_RATIO_FLOOR = 1_000_000
# What openpyxl, zipfile and the XML parser raise on a damaged or hostile file.
# What a damaged workbook raises from zipfile and openpyxl; zipfile says NotImplementedError for
# an unknown compression method or zip version and RuntimeError for a member marked encrypted.
_UNREADABLE = (
    KeyError, ValueError, TypeError, IndexError, AttributeError, OSError, EOFError, SyntaxError,
    RuntimeError, NotImplementedError, zipfile.BadZipFile, zlib.error,
)
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_DATE_RE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# What a cell can still carry that no comment may hold (DEL, C1 controls): the online form drops them too.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class ImportChoices:
    """The values staff may pick; stations are keyed by code and may be given by code or name."""

    identities: Collection[str]
    stations: Mapping[str, str]
    channels: Collection[str]


_LENGTHS = {"意见内容": 5_000, "修改建议": 2_000, "理由": 2_000, "提出人": 50, "身份": 50,
            "建议项目名称": 200, "立法必要性": 5_000, "主要内容": 5_000}
# What one row may unpack to at most while every cell keeps within its length: nine bytes a
# character (a numeric reference such as &#38271;, as openpyxl writes Chinese when lxml is
# installed; Excel's UTF-8 takes three), 200 characters for the short columns, markup for ten cells;
# the longer of the two templates' rows.
_ROW_UNPACKED = 9 * (max(sum(_LENGTHS.get(h, 0) for h in headers) for headers in (IMPORT_HEADERS, PROPOSAL_HEADERS))
                     + 200) + 1_000
# What a row of ordinary comments (a few hundred characters) takes in the .xlsx: about 160 bytes
# measured (benchmarks/bench_commands.py), so 400 leaves room for long ones.
_ROW_PACKED = 400
# The template's other parts (lists of stations and choices, styles) and openpyxl's own overhead.
_FIXED_UNPACKED = 20_000_000
_FIXED_PACKED = 1_000_000


@dataclass(frozen=True)
class ImportLimits:
    """How big a file may be; the defaults leave a 10,000-row import of long comments room."""

    max_bytes: int = 20_000_000
    max_uncompressed: int = 100_000_000
    max_ratio: int = 200
    max_members: int = 1_000
    lengths: Mapping[str, int] = field(default_factory=lambda: dict(_LENGTHS))

    @classmethod
    def for_rows(cls, max_rows: int, max_bytes: int | None = None) -> ImportLimits:
        """Limits under which no sheet of up to `max_rows` rows is refused for its size: unpacked,
        as much as valid rows can take; packed, `max_bytes` when given, else room for ordinary
        comments. Zip bombs are still refused by their compression ratio."""
        return cls(max_bytes=max_bytes or _FIXED_PACKED + max_rows * _ROW_PACKED,
                   max_uncompressed=_FIXED_UNPACKED + max_rows * _ROW_UNPACKED)


@dataclass(frozen=True, kw_only=True)
class ImportRow:
    """One valid row, parsed; `row` is the row number Excel shows, `phone` is E.164."""

    row: int
    text: str
    article: ArticleRef | None = None
    suggestion: str = ""
    reason: str = ""
    title: str = ""  # a proposal's 建议项目名称; `text` is then its 立法必要性
    content: str = ""
    name: str = ""
    identity: str | None = None
    station_code: str | None = None
    phone: str | None = None
    channel: str | None = None
    collected_on: date | None = None


ArticleCheck = Callable[[ArticleRef], bool] | Container[ArticleRef]


def read_import(
    data: bytes,
    *,
    choices: ImportChoices,
    article_exists: ArticleCheck | None = None,
    max_rows: int = DEFAULT_MAX_ROWS,
    limits: ImportLimits | None = None,
    phone_region: str = "CN",
    layout: ImportLayout = COMMENTS,
) -> list[ImportRow]:
    """Every non-blank row of the template's data sheet (意见录入, or 建议录入 with `layout`
    PROPOSALS), or ImportRejected.

    File-level refusals (codes import.too_large, import.not_xlsx, import.corrupt,
    import.zip_bomb, import.unreadable, import.bad_header, import.too_many_rows,
    import.empty) come first; then import.invalid_rows carries every row problem.
    `article_exists` (a set of ArticleRef or a predicate) refuses targets not in the draft.
    """
    limits = limits or ImportLimits()
    check_container(data, limits)
    validator = _Validator(choices, article_exists, limits, phone_region)
    rows: list[ImportRow] = []
    problems: list[ImportProblem] = []
    with warnings.catch_warnings():
        # openpyxl warns about styles and extensions it drops; the values are all we read.
        warnings.simplefilter("ignore")
        workbook = _open(data)
        try:
            sheet_rows = enumerate(_guarded(_entry_sheet(workbook, layout.sheet).iter_rows(values_only=True)), 1)
            _, header = next(sheet_rows, (1, ()))
            columns = _columns(header, layout.headers)
            for number, values in _non_blank(sheet_rows, max_rows):
                row, found = validator.read(number, values, columns, layout)
                if row is not None:
                    rows.append(row)
                problems.extend(found)
        finally:
            workbook.close()
    if problems:
        raise ImportRejected(
            "import.invalid_rows", f"{len(problems)} problems found; nothing was imported",
            problems=tuple(problems), count=len(problems),
        )
    if not rows:
        raise ImportRejected("import.empty", "the file holds no proposals" if layout.proposals
                             else "the file holds no comments")
    return rows


def check_container(data: bytes, limits: ImportLimits) -> None:
    """Refuse what is not a sane .xlsx from the zip directory alone, before any part is inflated.

    The declared sizes can be trusted this far: zipfile stops inflating a member at its
    declared size and then fails its CRC check, so a lying directory only makes it unreadable.
    """
    if len(data) > limits.max_bytes:
        raise ImportRejected("import.too_large", "the file is too large", size=len(data), limit=limits.max_bytes)
    if not data.startswith(_ZIP_MAGIC):
        kind = "xls" if data.startswith(_OLE_MAGIC) else "unknown"
        raise ImportRejected("import.not_xlsx", "the file is not an .xlsx workbook", detected=kind)
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise ImportRejected("import.corrupt", "the file is damaged or incomplete", detail=str(exc)) from exc
    _check_members(members, limits)


def _check_members(members: list[zipfile.ZipInfo], limits: ImportLimits) -> None:
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        kind = "docx" if any(n.startswith("word/") for n in names) else "zip"
        raise ImportRejected("import.not_xlsx", "the file is not an .xlsx workbook", detected=kind)
    total = sum(m.file_size for m in members)
    if len(members) > limits.max_members or total > limits.max_uncompressed:
        raise ImportRejected(
            "import.zip_bomb", "the file unpacks to too much data",
            members=len(members), uncompressed=total, limit=limits.max_uncompressed,
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR and ratio > limits.max_ratio:
            raise ImportRejected(
                "import.zip_bomb", "the file unpacks to too much data",
                member=member.filename, ratio=round(ratio), limit=limits.max_ratio,
            )


def _open(data: bytes):
    try:
        return load_workbook(BytesIO(data), read_only=True, data_only=True)
    except _UNREADABLE as exc:
        raise _unreadable(exc) from exc


def _entry_sheet(workbook, name: str):
    """The template's sheet, else the first one: staff may rename it."""
    if name in workbook.sheetnames:
        return workbook[name]
    if not workbook.worksheets:  # a damaged sheet list opens as a workbook without sheets
        raise ImportRejected("import.unreadable", "the workbook cannot be read", detail="no worksheet")
    return workbook.worksheets[0]


def _guarded(rows: Iterable[tuple]) -> Iterator[tuple]:
    """The sheet's rows; read-only mode parses lazily, so damage surfaces while iterating."""
    iterator = iter(rows)
    while True:
        try:
            row = next(iterator)
        except StopIteration:
            return
        except _UNREADABLE as exc:
            raise _unreadable(exc) from exc
        yield row


def _unreadable(exc: BaseException) -> ImportRejected:
    return ImportRejected("import.unreadable", "the workbook cannot be read", detail=type(exc).__name__)


def _columns(header: tuple, expected: tuple[str, ...]) -> dict[str, int]:
    """Template column -> position; any order is accepted, the words must be exact."""
    words = [str(v).strip() if v is not None else "" for v in header]
    positions: dict[str, int] = {}
    duplicated, unknown = [], []
    for index, word in enumerate(words):
        if word in positions:
            duplicated.append(word)
        elif word in expected:
            positions[word] = index
        elif word:
            unknown.append(word)
    missing = [h for h in expected if h not in positions]
    if missing or unknown or duplicated:
        found = (("missing", missing), ("unknown", unknown), ("repeated", duplicated))
        details = "; ".join(f"{what}: {', '.join(words)}" for what, words in found if words)
        raise ImportRejected(
            "import.bad_header", f"the first row must be the template's header ({details})",
            missing=missing, unknown=unknown, duplicated=duplicated,
        )
    return positions


def _non_blank(rows: Iterable[tuple[int, tuple]], max_rows: int) -> Iterator[tuple[int, tuple]]:
    """Skip blank rows; refuse the file as soon as it holds more than `max_rows` others."""
    seen = 0
    for number, values in rows:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        seen += 1
        if seen > max_rows:
            raise ImportRejected("import.too_many_rows", f"the file holds more than {max_rows} rows", limit=max_rows)
        yield number, values


class _Invalid(ReportsError):
    """One cell's problem; the row reader turns it into an ImportProblem."""


class _Validator:
    """Parses one row's cells, each column by its own rule, and collects what is wrong."""

    def __init__(
        self, choices: ImportChoices, article_exists: ArticleCheck | None, limits: ImportLimits, region: str
    ) -> None:
        self.article_exists = _predicate(article_exists)
        self.limits = limits
        self.region = region
        self.channels = {v: v for v in choices.channels}
        self.station_codes = {name: code for code, name in choices.stations.items()} | {
            code: code for code in choices.stations
        }
        self.parsers: dict[str, Callable[[str, object], object]] = {
            "条款": self.article, "意见内容": self.required_text, "修改建议": self.text, "理由": self.text,
            "提出人": self.text, "身份": self.identity, "联络站": self.station, "联系电话": self.phone,
            "收集方式": self.channel, "收集日期": self.collected_on,
            "建议项目名称": self.required_text, "立法必要性": self.required_text, "主要内容": self.text,
        }

    def read(
        self, number: int, values: tuple, columns: Mapping[str, int], layout: ImportLayout = COMMENTS
    ) -> tuple[ImportRow | None, list[ImportProblem]]:
        """(the parsed row, []) or (None, every problem of the row)."""
        parsed: dict[str, object] = {}
        problems = []
        for header in layout.headers:
            index = columns[header]
            raw = values[index] if index < len(values) else None
            try:
                parsed[header] = self.parsers[header](header, raw)
            except _Invalid as invalid:
                problems.append(ImportProblem(number, header, invalid.code, invalid.message, invalid.params))
        if problems:
            return None, problems
        return ImportRow(row=number, **{layout.fields[header]: value for header, value in parsed.items()}), []

    def text(self, header: str, raw: object) -> str:
        text = _as_text(raw)
        limit = self.limits.lengths.get(header)
        if limit is not None and len(text) > limit:
            raise _Invalid(
                "too_long", f"{header} holds {len(text)} characters, at most {limit} are allowed",
                length=len(text), limit=limit,
            )
        return text

    def required_text(self, header: str, raw: object) -> str:
        text = self.text(header, raw)
        if not text:
            raise _Invalid("required", f"{header} is required")
        return text

    def article(self, header: str, raw: object) -> ArticleRef | None:
        text = _as_text(raw)
        if not text:
            return None
        try:
            target = parse_article(text)
        except ValueError:
            raise _Invalid(
                "article.invalid", f"{text!r} is not an article: write 第十二条, 12, 第12条第二款 or 第二十条之一",
                value=text,
            ) from None
        if self.article_exists is not None and not self.article_exists(target):
            raise _Invalid("article.unknown", f"{target.label} is not in the draft", value=text, label=target.label)
        return target

    def identity(self, header: str, raw: object) -> str | None:
        """Any words: the list's categories are offered, 家长 or 外来务工人员 are kept as written."""
        return self.text(header, raw) or None

    def channel(self, header: str, raw: object) -> str | None:
        return self._choice(header, raw, self.channels)

    def station(self, header: str, raw: object) -> str | None:
        return self._choice(header, raw, self.station_codes)

    @staticmethod
    def _choice(header: str, raw: object, allowed: Mapping[str, str]) -> str | None:
        text = _as_text(raw)
        if not text:
            return None
        if text not in allowed:
            raise _Invalid(
                "choice.unknown", f"{text!r} is not an allowed value of {header}",
                value=text, allowed=sorted(set(allowed.values())),
            )
        return allowed[text]

    def phone(self, header: str, raw: object) -> str | None:
        text = _as_text(raw)
        if not text:
            return None
        try:
            number = phonenumbers.parse(text, self.region)
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise _Invalid(
                "phone.invalid", f"{text!r} is not a phone number (write foreign numbers with + and the country code)",
                value=text,
            )
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    @staticmethod
    def collected_on(header: str, raw: object) -> date | None:
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        text = _as_text(raw).translate(_FULLWIDTH_DIGITS)
        if not text:
            return None
        match = _DATE_RE.match(text) or _COMPACT_DATE_RE.match(text)
        try:
            if match is None:
                raise ValueError(text)
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            raise _Invalid(
                "date.invalid", f"{text!r} is not a date: write 2024-05-01, 2024/5/1, 2024年5月1日 or 20240501",
                value=text,
            ) from None


def _predicate(check: ArticleCheck | None) -> Callable[[ArticleRef], bool] | None:
    if check is None or callable(check):
        return check
    return check.__contains__


def _as_text(raw: object) -> str:
    """A cell as text: numbers typed into text columns (12, 13800138000) lose Excel's float form."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return _CONTROL.sub("", str(raw).replace("\r\n", "\n").replace("\r", "\n")).strip()
