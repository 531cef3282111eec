"""Reading an uploaded draft: .txt in any common Chinese encoding, or .docx.

Every failure is a DraftSourceError with a code; nothing here lets a library traceback through.
A .docx is checked as a zip (sizes declared in its directory, XML without DTDs) before
python-docx opens it, then read in body order: paragraphs, tables, content controls (a Word
table of contents is a `w:sdt`), with Word's automatic numbering rendered back into the text
(`第%1条` + chineseCounting -> `第一条`), because a numbered article has no label in its runs.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath

from lxml import etree

from legislink.lawtext.errors import DraftSourceError
from legislink.lawtext.model import ParsedDocument
from legislink.lawtext.numerals import int_to_cn
from legislink.lawtext.parse import parse_text

MAX_SOURCE_BYTES = 20 * 1024 * 1024
MAX_DOCX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_DOCX_MEMBERS = 2000
# A member this much larger than its compressed size is a bomb, not a document.
MAX_COMPRESSION_RATIO = 200
_RATIO_FLOOR = 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, or an encrypted .docx
_OTHER_FORMATS = ((b"%PDF", "PDF"), (b"{\\rtf", "RTF"))
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def read_source(data: bytes, filename: str) -> str:
    """The text of an uploaded .txt or .docx, ready for `parse_text`."""
    if not data:
        raise DraftSourceError("empty_source", "The file is empty.")
    if len(data) > MAX_SOURCE_BYTES:
        raise DraftSourceError(
            "too_large", "The file is larger than the limit.", size=len(data), limit=MAX_SOURCE_BYTES
        )
    suffix = PurePath(filename).suffix.lower()
    if data.startswith(_ZIP_MAGIC) or suffix == ".docx":
        return read_docx(data)
    if data.startswith(_OLE_MAGIC):
        raise DraftSourceError(
            "unsupported_format",
            "Word 97-2003 (.doc), WPS or password-protected files cannot be read; save as .docx.",
            format="doc",
        )
    for magic, name in _OTHER_FORMATS:
        if data.startswith(magic):
            raise DraftSourceError(
                "unsupported_format", f"{name} files cannot be read; paste the text or use .docx.", format=name
            )
    return decode_text(data)


def parse_source(data: bytes, filename: str) -> ParsedDocument:
    """read_source then parse_text: what an upload form or the CLI needs."""
    return parse_text(read_source(data, filename))


# -- plain text ---------------------------------------------------------------------------


def _not_text() -> DraftSourceError:
    return DraftSourceError("not_text", "The file is neither readable text (UTF-8, GB18030/GBK, UTF-16) nor .docx.")


def _decode_utf8(data: bytes) -> str | None:
    """UTF-8, forgiving a character cut at the very end or a rare corrupt byte; None if the
    bytes are plainly in another encoding."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return data[: exc.start].decode("utf-8", "replace")
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    return text if bad <= max(1, len(text) // 1000) else None


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16/32 with BOM, or GB18030 (which covers GBK)."""
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise _not_text() from exc
            break
    else:
        if b"\x00" in data:
            raise _not_text()
        text = _decode_utf8(data)
        if text is None:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError as exc:
                raise _not_text() from exc
    if len(_CONTROL.findall(text)) > len(text) // 200:
        raise _not_text()
    return text


# -- docx ---------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _T, _TAB, _BR, _CR = (_W + n for n in ("p", "t", "tab", "br", "cr"))
_NO_BREAK_HYPHEN = _W + "noBreakHyphen"
# Subtrees whose text is not the paragraph's: properties (their w:tab are tab stops), deleted
# and moved-away revisions, text boxes, and the fallback copy of alternate content.
_SKIP = frozenset(
    [_W + n for n in ("pPr", "rPr", "del", "moveFrom", "txbxContent", "instrText", "delText")]
    + [_MC + "Fallback"]
)


def _docx_error(message: str, code: str = "invalid_docx", **params: object) -> DraftSourceError:
    return DraftSourceError(code, message, **params)


def check_docx_container(data: bytes) -> None:
    """Refuse a zip that is not a plausible Word document before anything decompresses it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, NotImplementedError) as exc:
        raise _docx_error("The file is not a valid .docx (not a zip archive).") from exc
    with archive:
        infos = archive.infolist()
        total = sum(info.file_size for info in infos)
        if len(infos) > MAX_DOCX_MEMBERS or total > MAX_DOCX_UNCOMPRESSED:
            raise _docx_error("The .docx expands beyond the size limit.", "docx_too_large", size=total)
        for info in infos:
            if info.file_size > _RATIO_FLOOR and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                raise _docx_error("The .docx is compressed suspiciously well (a zip bomb?).", "docx_too_large")
        names = {info.filename for info in infos}
        if "[Content_Types].xml" not in names:
            raise _docx_error("The file is a zip archive but not a Word document.")
        for name in sorted(names):
            if name.endswith((".xml", ".rels")):
                _refuse_declarations(archive, name)


# Reads a member's prolog wherever it ends, in any encoding XML allows, and never fetches or
# expands anything: a DOCTYPE is reported, not acted on.
_PROLOG_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def _refuse_declarations(archive: zipfile.ZipFile, name: str) -> None:
    """Word never writes a DOCTYPE: one anywhere in a member (after a long comment, in UTF-16) is refused,
    since python-docx would keep its entities unresolved and the paragraph using one would lose text."""
    try:
        with archive.open(name) as member:
            tree = etree.parse(member, _PROLOG_PARSER)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise _docx_error("The .docx is damaged.") from exc
    except etree.XMLSyntaxError as exc:
        if "entity" in str(exc).lower():
            raise _docx_error("The .docx declares XML entities, which Word never writes.") from exc
        raise _docx_error("The .docx is damaged.") from exc
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise _docx_error("The .docx declares XML entities, which Word never writes.")


def read_docx(data: bytes) -> str:
    """The text of a .docx, one line per paragraph, in document order."""
    check_docx_container(data)
    import docx  # python-docx is only needed for Word files

    try:
        document = docx.Document(io.BytesIO(data))
        numbering = _Numbering(_numbering_element(document), document.styles.element)
        body = document.element.body
        return "\n".join(numbering.label(p) + paragraph_text(p) for p in _block_paragraphs(body))
    except Exception as exc:  # python-docx raises anything (AttributeError too) on a damaged package
        raise _docx_error("The .docx is damaged or not a Word document.") from exc


def _numbering_element(document: object) -> etree._Element | None:
    from docx.opc.constants import RELATIONSHIP_TYPE

    part = document.part  # type: ignore[attr-defined]
    try:
        return part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        return None


def _block_paragraphs(element: etree._Element):
    """Paragraphs in body order, descending into tables, rows, cells and content controls."""
    for child in element:
        if child.tag == _P:
            yield child
        elif isinstance(child.tag, str):
            yield from _block_paragraphs(child)


def paragraph_text(paragraph: etree._Element) -> str:
    out: list[str] = []
    _collect_text(paragraph, out)
    return "".join(out)


def _collect_text(element: etree._Element, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag == _TAB:
            out.append("\t")
        elif tag in (_BR, _CR):
            out.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            out.append("-")
        elif tag not in _SKIP and isinstance(tag, str):
            _collect_text(child, out)


# -- Word automatic numbering ---------------------------------------------------------------

_LEGAL_DIGITS = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
_IDEOGRAPH_DIGITS = "〇一二三四五六七八九"
_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_CHINESE_FORMATS = frozenset(
    ["chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
     "japaneseCounting", "koreanCounting"]
)


def _roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A counter as Word renders it in `w:numFmt` (the formats Chinese documents use)."""
    if fmt in _CHINESE_FORMATS:
        return int_to_cn(n)
    formatters = {
        "chineseLegalSimplified": lambda: int_to_cn(n).translate(_LEGAL_DIGITS),
        "ideographDigital": lambda: "".join(_IDEOGRAPH_DIGITS[int(d)] for d in str(n)),
        "ideographTraditional": lambda: _TRADITIONAL[(n - 1) % 10],
        "ideographZodiac": lambda: _ZODIAC[(n - 1) % 12],
        "decimalFullWidth": lambda: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        "decimalEnclosedCircle": lambda: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
        "decimalEnclosedCircleChinese": lambda: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
        "decimalZero": lambda: f"{n:02d}",
        "lowerLetter": lambda: _letters(n),
        "upperLetter": lambda: _letters(n).upper(),
        "lowerRoman": lambda: _roman(n),
        "upperRoman": lambda: _roman(n).upper(),
        "none": lambda: "",
    }
    return formatters.get(fmt, lambda: str(n))()


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str
    text: str  # w:lvlText, e.g. 第%1条
    start: int
    suffix: str
    # w:lvlRestart: restart after a level above this 1-based level is used; 0 never, None any.
    restart: int | None


_SUFFIXES = {"tab": "\u3000", "space": " ", "nothing": ""}
_PLACEHOLDER = re.compile(r"%([1-9])")


def _val(element: etree._Element | None, path: str, default: str | None = None) -> str | None:
    if element is None:
        return default
    found = element.find(path)
    return default if found is None else found.get(_W + "val", default)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _read_level(lvl: etree._Element) -> _Level:
    restart = _val(lvl, _W + "lvlRestart")
    return _Level(
        fmt=_val(lvl, _W + "numFmt", "decimal") or "decimal",
        text=_val(lvl, _W + "lvlText", "") or "",
        start=_int(_val(lvl, _W + "start"), 1),
        suffix=_SUFFIXES.get(_val(lvl, _W + "suff", "tab") or "tab", "\u3000"),
        restart=None if restart is None else _int(restart, 0),
    )


class _Numbering:
    """Counts Word list numbering as the document is read and renders each paragraph's label."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used_nums: set[str] = set()
        if numbering is not None:
            self._read_definitions(numbering)
        self.style_numbering = self._read_styles(styles)

    def _read_definitions(self, numbering: etree._Element) -> None:
        for abstract in numbering.iterfind(_W + "abstractNum"):
            levels = {_int(lvl.get(_W + "ilvl"), 0): _read_level(lvl) for lvl in abstract.iterfind(_W + "lvl")}
            self.levels[abstract.get(_W + "abstractNumId", "")] = levels
        for num in numbering.iterfind(_W + "num"):
            overrides = {
                _int(o.get(_W + "ilvl"), 0): _int(_val(o, _W + "startOverride"), 1)
                for o in num.iterfind(_W + "lvlOverride")
                if o.find(_W + "startOverride") is not None
            }
            self.nums[num.get(_W + "numId", "")] = (_val(num, _W + "abstractNumId", "") or "", overrides)

    @staticmethod
    def _read_styles(styles: etree._Element) -> dict[str, tuple[str | None, str | None]]:
        """Style id -> (numId, ilvl), following w:basedOn like Word does."""
        own, based_on = {}, {}
        for style in styles.iterfind(_W + "style"):
            style_id = style.get(_W + "styleId", "")
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                own[style_id] = (_val(num_pr, _W + "numId"), _val(num_pr, _W + "ilvl"))
            based_on[style_id] = _val(style, _W + "basedOn")
        resolved = {}
        for style_id in based_on:
            current, hops = style_id, 0
            while current is not None and current not in own and hops < 10:
                current, hops = based_on.get(current), hops + 1
            if current in own:
                resolved[style_id] = own[current]
        return resolved

    def _num_pr(self, paragraph: etree._Element) -> tuple[str | None, int]:
        ppr = paragraph.find(_W + "pPr")
        style_num, style_lvl = self.style_numbering.get(_val(ppr, _W + "pStyle") or "", (None, None))
        num_pr = ppr.find(_W + "numPr") if ppr is not None else None
        num_id = _val(num_pr, _W + "numId", style_num)
        return num_id, _int(_val(num_pr, _W + "ilvl", style_lvl), 0)

    def label(self, paragraph: etree._Element) -> str:
        """The rendered number of a numbered paragraph (with its suffix), else ''."""
        num_id, ilvl = self._num_pr(paragraph)
        if num_id is None or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None or level.fmt == "bullet":
            return ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.used_nums:
            self.used_nums.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        # A deeper level restarts (by default) when a level above it counts on; articles that
        # number through chapters say so with lvlRestart 0.
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or ilvl < restart:
                del counters[deeper]

        def render(match: re.Match[str]) -> str:
            k = int(match[1]) - 1
            k_level = levels.get(k, level)
            return format_number(counters.get(k, k_level.start), k_level.fmt)

        text = _PLACEHOLDER.sub(render, level.text)
        return text + level.suffix if text else ""
