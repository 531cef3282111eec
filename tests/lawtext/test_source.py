"""Reading uploads: encodings, .docx (numbering, tables, content controls), and refusals."""

import codecs
import io
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from legislink.lawtext import DraftSourceError, ParseError, parse_text
from legislink.lawtext.source import MAX_SOURCE_BYTES, format_number, parse_source, read_source

LAW = "青山市测试条例\n第一章　总　　则\n第一条　为了测试，制定本条例。\n第二条　本条例自公布之日起施行。\n"


# -- text encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        LAW.encode("utf-8"),
        codecs.BOM_UTF8 + LAW.encode("utf-8"),
        LAW.encode("gbk"),
        LAW.encode("gb18030"),
        codecs.BOM_UTF16_LE + LAW.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + LAW.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16le-bom", "utf16be-bom"],
)
def test_text_in_common_chinese_encodings_is_decoded(data):
    assert read_source(data, "draft.txt").lstrip("\ufeff") == LAW


def test_utf8_cut_in_the_middle_of_the_last_character_is_still_utf8():
    data = LAW.encode("utf-8") + "施".encode()[:2]
    assert read_source(data, "draft.txt") == LAW


def test_gb18030_characters_outside_gbk_are_decoded():
    text = LAW + "第三条　㐀䶵𠀀字样。\n"
    assert read_source(text.encode("gb18030"), "draft.txt") == text


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (b"", "draft.txt", "empty_source"),
        (b"\x00\x01\x02\x03binary\x00\xff" * 50, "draft.txt", "not_text"),
        (bytes(range(256)) * 20, "draft.bin", "not_text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "draft.pdf", "unsupported_format"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "draft.doc", "unsupported_format"),
        (b"{\\rtf1\\ansi hello}", "draft.rtf", "unsupported_format"),
        (b"not a zip at all", "draft.docx", "invalid_docx"),
    ],
)
def test_unreadable_sources_raise_a_draft_source_error_with_a_code(data, filename, code):
    with pytest.raises(DraftSourceError) as caught:
        read_source(data, filename)
    assert caught.value.code == code
    assert caught.value.message


def test_an_over_large_upload_is_refused_before_decoding():
    with pytest.raises(DraftSourceError) as caught:
        read_source(b"a" * (MAX_SOURCE_BYTES + 1), "draft.txt")
    assert caught.value.code == "too_large"


# -- docx -----------------------------------------------------------------------------------------

_ARTICLE_NUMBERING = f"""<w:abstractNum {nsdecls('w')} w:abstractNumId="77">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>"""


def _add_numbering(document: docx.document.Document) -> None:
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_ARTICLE_NUMBERING))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))


def _numbered(document: docx.document.Document, text: str, level: int = 0) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr>')
    )


def _toc_control() -> object:
    """A Word table of contents: a content control holding its title and entries."""
    entries = "".join(
        f"<w:p><w:r><w:t>{entry}</w:t></w:r><w:r><w:tab/><w:t>{page}</w:t></w:r></w:p>"
        for entry, page in (("第一章　总　　则", 1), ("第二章　管　　理", 2))
    )
    return parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent>'
        f"<w:p><w:r><w:t>目　　录</w:t></w:r></w:p>{entries}</w:sdtContent></w:sdt>"
    )


def _docx_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def numbered_draft() -> bytes:
    document = docx.Document()
    _add_numbering(document)
    document.add_paragraph("青山市测试条例")
    body = document.element.body
    body.insert(len(body) - 1, _toc_control())  # before the section properties
    document.add_paragraph("第一章　总　　则")
    _numbered(document, "为了测试自动编号，制定本条例。")
    _numbered(document, "下列事项适用本条例：")
    _numbered(document, "甲事项；", level=1)
    _numbered(document, "乙事项。", level=1)
    document.add_paragraph("第二章　管　　理")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "第三条"
    table.cell(0, 1).text = "表格中的条文应当被读出。"
    table.cell(1, 0).text = "第四条"
    table.cell(1, 1).text = "本条例自公布之日起施行。"
    return _docx_bytes(document)


def test_docx_automatic_numbering_is_rendered_into_article_labels(numbered_draft):
    text = read_source(numbered_draft, "draft.docx")
    assert "第一条 为了测试自动编号，制定本条例。" in text
    assert "（一）甲事项；\n（二）乙事项。" in text


def test_docx_is_read_in_body_order_with_tables_and_content_controls(numbered_draft):
    doc = parse_source(numbered_draft, "draft.docx")
    assert doc.title == "青山市测试条例"
    assert doc.has_toc
    assert [(h.label, h.title) for h in doc.headings] == [("第一章", "总则"), ("第二章", "管理")]
    assert [(a.label, a.path, a.text) for a in doc.articles] == [
        ("第一条", ("第一章 总则",), "为了测试自动编号，制定本条例。"),
        ("第二条", ("第一章 总则",), "下列事项适用本条例：\n（一）甲事项；\n（二）乙事项。"),
        ("第三条", ("第二章 管理",), "表格中的条文应当被读出。"),
        ("第四条", ("第二章 管理",), "本条例自公布之日起施行。"),
    ]
    assert doc.warnings == []


def test_a_docx_renamed_to_txt_is_still_read_as_docx(numbered_draft):
    assert "第一条 为了测试自动编号" in read_source(numbered_draft, "draft.txt")


def test_docx_numbering_restarts_where_the_list_definition_says():
    document = docx.Document()
    _add_numbering(document)
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="78"><w:abstractNumId w:val="77"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>'
    ))
    _numbered(document, "甲。")
    paragraph = document.add_paragraph("乙。")
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="78"/></w:numPr>')
    )
    text = read_source(_docx_bytes(document), "draft.docx")
    assert text.splitlines()[-2:] == ["第一条 甲。", "第十条 乙。"]


def test_docx_numbering_inherited_from_a_paragraph_style_is_rendered():
    document = docx.Document()
    _add_numbering(document)
    base = document.styles.add_style("LawArticleBase", WD_STYLE_TYPE.PARAGRAPH)
    base.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="77"/></w:numPr>')
    )
    article_style = document.styles.add_style("LawArticle", WD_STYLE_TYPE.PARAGRAPH)
    article_style.base_style = base
    document.add_paragraph("为了测试样式编号，制定本条例。", style="LawArticle")
    document.add_paragraph("本条例自公布之日起施行。", style="LawArticle")
    doc = parse_source(_docx_bytes(document), "draft.docx")
    assert [(a.label, a.text) for a in doc.articles] == [
        ("第一条", "为了测试样式编号，制定本条例。"), ("第二条", "本条例自公布之日起施行。"),
    ]


def test_docx_articles_numbered_through_chapters_by_one_multilevel_list_keep_counting():
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="80">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="第%1章"/><w:suff w:val="space"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="第%2条"/><w:suff w:val="space"/></w:lvl></w:abstractNum>'
    ))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="80"><w:abstractNumId w:val="80"/></w:num>'))
    for text, level in (("总则", 0), ("甲。", 1), ("乙。", 1), ("附则", 0), ("丙。", 1)):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="80"/></w:numPr>')
        )
    doc = parse_source(_docx_bytes(document), "draft.docx")
    assert [(h.label, h.title) for h in doc.headings] == [("第一章", "总则"), ("第二章", "附则")]
    assert [(a.label, a.path) for a in doc.articles] == [
        ("第一条", ("第一章 总则",)), ("第二条", ("第一章 总则",)), ("第三条", ("第二章 附则",)),
    ]


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [(12, "chineseCounting", "十二"), (1260, "chineseCountingThousand", "一千二百六十"), (3, "decimal", "3"),
     (12, "chineseLegalSimplified", "拾贰"), (3, "ideographTraditional", "丙"), (4, "upperRoman", "IV"),
     (2, "decimalEnclosedCircle", "②"), (5, "none", "")],
)
def test_word_number_formats_render_like_word(n, fmt, expected):
    assert format_number(n, fmt) == expected


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_python_docx_opens_it():
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<" + b"a" * (20 * 1024 * 1024)})
    assert len(bomb) < 100 * 1024
    with pytest.raises(DraftSourceError) as caught:
        read_source(bomb, "draft.docx")
    assert caught.value.code == "docx_too_large"


def test_a_zip_whose_declared_sizes_exceed_the_limit_is_refused():
    data = bytearray(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}))
    # Forge the uncompressed size of every central-directory entry to 2 GB.
    at = data.find(b"PK\x01\x02")
    while at != -1:
        data[at + 24:at + 28] = (2 * 1024**3).to_bytes(4, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    with pytest.raises(DraftSourceError) as caught:
        read_source(bytes(data), "draft.docx")
    assert caught.value.code == "docx_too_large"


def test_a_zip_version_zipfile_cannot_read_is_refused_as_not_a_docx():
    data = bytearray(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}))
    at = data.find(b"PK\x01\x02")
    data[at + 6:at + 8] = (126).to_bytes(2, "little")  # "version needed to extract" 12.6
    with pytest.raises(DraftSourceError) as caught:
        read_source(bytes(data), "draft.docx")
    assert caught.value.code == "invalid_docx"


@pytest.mark.parametrize(
    "members",
    [
        {"hello.txt": b"just a zip"},
        {"[Content_Types].xml": b"<Types/>"},
        {"[Content_Types].xml": b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa">]><Types/>'},
        {"[Content_Types].xml": b"<Types", "word/document.xml": b"<broken"},
    ],
    ids=["plain-zip", "no-document", "entity-declaration", "broken-xml"],
)
def test_zips_that_are_not_word_documents_are_refused_with_a_code(members):
    with pytest.raises(DraftSourceError) as caught:
        read_source(_zip(members), "draft.docx")
    assert caught.value.code == "invalid_docx"


def test_a_docx_without_articles_raises_a_parse_error_not_a_traceback():
    document = docx.Document()
    document.add_paragraph("这份文件没有任何条文。")
    with pytest.raises(ParseError) as caught:
        parse_source(_docx_bytes(document), "draft.docx")
    assert caught.value.code == "no_articles"


def test_gbk_text_parses_like_its_utf8_original():
    assert parse_text(read_source(LAW.encode("gbk"), "draft.txt")).articles[1].text == "本条例自公布之日起施行。"


def _with_document_xml(data: bytes, rewrite) -> bytes:
    """The same .docx with word/document.xml passed through `rewrite`."""
    members = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            members[name] = archive.read(name)
    members["word/document.xml"] = rewrite(members["word/document.xml"])
    return _zip(members)


def _declaring_late(xml: bytes, encoding: str = "utf-8") -> bytes:
    """A DOCTYPE with an entity after 4 KB of comment, and a paragraph that uses the entity."""
    declaration_end = xml.index(b"?>") + 2
    body = xml[declaration_end:].decode()
    body = body.replace("青山市测试条例", "青山市测试条例&late;", 1)
    head = f'<?xml version="1.0" encoding="{encoding}" standalone="yes"?>'
    padding = "<!--" + "x" * 4096 + "-->"
    doctype = '<!DOCTYPE w:document [<!ENTITY late "（附加内容）">]>'
    return (head + padding + doctype + body).encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_an_entity_declaration_anywhere_in_a_docx_member_refuses_the_file(numbered_draft, encoding):
    forged = _with_document_xml(numbered_draft, lambda xml: _declaring_late(xml, encoding))
    with pytest.raises(DraftSourceError) as caught:
        read_source(forged, "draft.docx")
    assert caught.value.code == "invalid_docx"
    assert "entities" in caught.value.message


def test_the_forged_document_is_otherwise_well_formed(numbered_draft):
    """What the refusal guards against: the parser python-docx uses reads the forged member without
    complaint (it keeps the entity unresolved, and the paragraph's text loses it)."""
    from docx.oxml.parser import oxml_parser
    from lxml import etree

    forged = _declaring_late(zipfile.ZipFile(io.BytesIO(numbered_draft)).read("word/document.xml"))
    assert len(forged.split(b"<!DOCTYPE")[0]) > 4096
    root = etree.fromstring(forged, oxml_parser)
    assert root.tag.endswith("document")
