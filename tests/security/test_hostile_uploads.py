"""Hostile files on the two upload forms: the Excel import of offline comments and the draft
upload. Random bytes, truncated and bit-flipped workbooks and documents, zip bombs, wrong
extensions and huge files all get a clear message; nothing is stored; never a server error."""

import io
import zipfile
from functools import cache

from docx import Document
from hypothesis import assume, example, given
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError
from sqlalchemy import func, select

from legislink.extensions import db
from legislink.models import AuditEvent, Comment, Draft, DraftVersion

from ..conftest import post_form
from ..reports.helpers import import_file, import_row
from .hostile import CONTROL_CHARS, FUZZ, assert_no_injected_markup, hostile_text

EXTENSIONS = ("xlsx", "xls", "docx", "doc", "txt", "csv", "pdf", "xlsx.exe", "")
DRAFT_TEXT = ("示例条例（草案）\n\n第一章　总则\n\n第一条　为了规范市场秩序，制定本条例。\n\n"
              "第二条　本条例适用于本市。\n")


@cache
def good_workbook() -> bytes:
    return import_file([import_row(条款="第一条", 意见内容="建议写明摊位租金的调整程序。", 收集方式="座谈会")])


@cache
def good_docx() -> bytes:
    document = Document()
    for line in DRAFT_TEXT.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@cache
def zip_bomb(member: str) -> bytes:
    """A small zip whose one part inflates to 64 MB: refused from its directory, never inflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, b"<x>" + b" " * (64 * 1024 * 1024) + b"</x>")
    return out.getvalue()


def flipped(data: bytes, positions: list[int]) -> bytes:
    damaged = bytearray(data)
    for position in positions:
        damaged[position % len(damaged)] ^= 0xFF
    return bytes(damaged)


def damaged(good):
    """Truncated, bit-flipped or random versions of a good file."""
    return st.one_of(
        st.integers(0, len(good()) - 1).map(lambda n: good()[:n]),
        st.lists(st.integers(0, 10**6), min_size=1, max_size=8).map(lambda p: flipped(good(), p)),
        st.binary(max_size=4096),
        st.binary(max_size=64).map(lambda tail: b"PK\x03\x04" + tail),
    )


def stored() -> dict[str, int]:
    db.session.expire_all()
    count = {model.__name__: db.session.scalar(select(func.count()).select_from(model))
             for model in (Comment, Draft, DraftVersion)}
    count["audited"] = db.session.scalar(select(func.count(AuditEvent.id)).where(~AuditEvent.action.like("login%")))
    return count


def send_import(client, world, data: bytes, name: str):
    url = f"/staff/consultations/{world.consultation_id}/import/"
    return post_form(client, url, {"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def assert_refused_clearly(response, before: dict[str, int], *, marker: str) -> None:
    html = response.get_data(as_text=True)
    assert response.status_code in (200, 413), html[:500]
    assert marker in html, "the refusal says why"
    assert_no_injected_markup(html)
    assert stored() == before


def special_files(good_other) -> dict[str, tuple[bytes, str]]:
    return {
        "zip bomb": (zip_bomb("xl/worksheets/sheet1.xml"), "xlsx"),
        "docx bomb": (zip_bomb("word/document.xml"), "docx"),
        "the other kind of file": (good_other(), "xlsx"),
        "old binary format": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "xls"),
        "empty": (b"", "xlsx"),
        "nul bytes": (b"\x00" * 1000, "txt"),
        "pdf": (b"%PDF-1.4\n" + bytes(100), "pdf"),
    }


@FUZZ
@given(data=damaged(good_workbook), extension=st.sampled_from(EXTENSIONS))
def test_a_damaged_workbook_is_refused_with_a_message_or_read_whole(staff, world, data, extension):
    before = stored()
    response = send_import(staff, world, data, f"comments.{extension}".rstrip("."))
    if response.status_code == 302:
        # Damage where nothing is read (a version field, padding) leaves the one comment intact.
        assert stored()["Comment"] == before["Comment"] + 1
        return
    assert_refused_clearly(response, before, marker='class="error')


def test_hostile_files_are_refused_by_the_import_with_a_message(staff, world):
    for kind, (data, extension) in special_files(good_docx).items():
        before = stored()
        response = send_import(staff, world, data, f"comments.{extension}")
        assert response.status_code == 200, kind
        assert_refused_clearly(response, before, marker='class="error')


def test_a_workbook_over_the_import_limit_is_refused_with_its_size(app, staff, world):
    before = stored()
    app.config["IMPORT_MAX_BYTES"] = 2_000_000
    data = good_workbook() + bytes(app.config["IMPORT_MAX_BYTES"])
    assert_refused_clearly(send_import(staff, world, data, "big.xlsx"), before, marker='class="error-summary"')


def test_a_body_over_the_request_limit_gets_the_size_page(app, staff, world):
    before = stored()
    response = send_import(staff, world, bytes(app.config["MAX_CONTENT_LENGTH"] + 1), "huge.xlsx")
    assert response.status_code == 413
    assert_refused_clearly(response, before, marker="error-page")


@FUZZ
@given(text=hostile_text)
@example(text="\x7f\x85\x9f\r")  # DEL and C1 controls: XML lets them through a cell
def test_hostile_cells_are_imported_without_control_characters_or_refused_by_row(staff, world, text):
    before = stored()
    try:
        data = import_file([import_row(意见内容="建议写明租金调整程序" + text, 修改建议=text, 提出人=text[:50],
                                       收集方式="座谈会")])
    except (IllegalCharacterError, ValueError):
        assume(False)  # openpyxl refuses what XML cannot hold
    response = send_import(staff, world, data, "comments.xlsx")
    html = response.get_data(as_text=True)
    assert response.status_code in (200, 302), html[:500]
    assert_no_injected_markup(html)
    db.session.expire_all()
    after = stored()
    if response.status_code == 200:
        assert after == before
        return
    assert after["Comment"] == before["Comment"] + 1
    comment = db.session.scalars(select(Comment).order_by(Comment.id.desc())).first()
    for value in (comment.text, comment.suggestion, comment.name):
        assert not CONTROL_CHARS.search(value), "a control character was stored from a cell"


def send_draft(client, data: bytes, name: str):
    return post_form(client, "/staff/drafts/new", {
        "title": "", "issuing_body": "", "kind": "", "version_label": "征求意见稿", "text": "",
        "source_file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def assert_draft_refused_or_previewed(response, before: dict[str, int]) -> None:
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html[:500]
    assert_no_injected_markup(html)
    assert stored() == before
    # A file that happens to parse gets a preview; anything else the form with its error.
    assert 'class="error"' in html or 'name="preview"' in html


@FUZZ
@given(data=damaged(good_docx), extension=st.sampled_from(EXTENSIONS))
@example(data=flipped(good_docx(), [49]), extension="docx")  # the first part's deflate data: zlib.error
def test_a_damaged_draft_file_is_refused_with_a_message(staff, world, data, extension):
    before = stored()
    assert_draft_refused_or_previewed(send_draft(staff, data, f"draft.{extension}".rstrip(".")), before)


def test_hostile_draft_files_are_refused_with_a_message(staff, world):
    for kind, (data, extension) in special_files(good_workbook).items():
        before = stored()
        response = send_draft(staff, data, f"draft.{extension}")
        assert_draft_refused_or_previewed(response, before)
        assert 'class="error"' in response.get_data(as_text=True), kind


@FUZZ
@given(body=hostile_text, extension=st.sampled_from(["txt", "docx", ""]))
def test_a_draft_text_full_of_payloads_is_previewed_escaped_and_not_stored(staff, world, body, extension):
    text = DRAFT_TEXT + "第三条　" + body + "\n"
    if extension == "docx":
        document = Document()
        try:
            for line in text.splitlines():
                document.add_paragraph(line)
        except ValueError:
            assume(False)  # python-docx refuses what XML cannot hold
        out = io.BytesIO()
        document.save(out)
        data = out.getvalue()
    else:
        data = text.encode("utf-8", "surrogatepass")
    before = stored()
    response = send_draft(staff, data, f"draft.{extension}".rstrip("."))
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html[:500]
    assert_no_injected_markup(html)
    assert stored() == before


def test_a_draft_file_over_the_request_limit_gets_the_form_with_the_limit(app, staff, world):
    before = stored()
    response = send_draft(staff, b"a" * (app.config["MAX_CONTENT_LENGTH"] + 1), "huge.txt")
    assert response.status_code == 413
    assert 'class="error"' in response.get_data(as_text=True)
    assert stored() == before
