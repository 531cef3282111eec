"""Drafts in, as staff and reviewers use it: upload or paste, preview, confirm or cancel;
consultation windows; the drafts list, the version reader and the comparison page.

Pages are read in English (?lang=en) so these tests pin wording that exists in the code,
whatever the state of the Chinese catalogue."""

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from docx import Document
from sqlalchemy import func, select

from legislink.extensions import db
from legislink.lawtext import parse_text
from legislink.models import AuditEvent, Consultation, Draft, DraftKind, DraftVersion, Role, utcnow
from legislink.services import consultations, draft_import, drafts, versions

from ..builders import make_station, make_user
from ..conftest import csrf_token, post_form, sign_in

SAMPLE = """示例志愿服务条例（草案）

第一章　总则

第一条　为了规范志愿服务，保障志愿者的合法权益，制定本条例。

第二条　本条例适用于本市行政区域内的志愿服务活动。

第二章　志愿者

第三条　志愿者享有下列权利：
（一）获得志愿服务真实、准确、完整的信息；
（二）获得必要的培训。

第五条　志愿者应当履行志愿服务承诺。
"""
REVISED = SAMPLE.replace("获得必要的培训", "免费获得必要的培训")
NEW = "/staff/drafts/new"
TOKEN_RE = re.compile(r'name="preview" value="([^"]+)"')


IMPORT_ACTIONS = ("draft.create", "version.import")


def stored() -> dict[str, int]:
    """What an import writes (sign-ins write audit events of their own)."""
    db.session.expire_all()
    counts = {model.__name__: db.session.scalar(select(func.count()).select_from(model))
              for model in (Draft, DraftVersion)}
    counts["imports audited"] = db.session.scalar(
        select(func.count(AuditEvent.id)).where(AuditEvent.action.in_(IMPORT_ACTIONS)))
    return counts


NOTHING = {"Draft": 0, "DraftVersion": 0, "imports audited": 0}


@pytest.fixture
def users(ctx):
    station = make_station(code="CC01", name="稠城街道联络站")
    made = {
        "staff": make_user(Role.STAFF, username="wang", display_name="王晓明", station=station),
        "reviewer": make_user(Role.REVIEWER, username="shen"),
        "admin": make_user(Role.ADMIN, username="root"),
    }
    db.session.commit()
    return made


@pytest.fixture
def staff(app, users):
    return sign_in(app.test_client(), "wang", lang="en")


@pytest.fixture
def reviewer(app, users):
    return sign_in(app.test_client(), "shen", lang="en")


def upload(client, url=NEW, *, text="", file=None, **fields):
    data = {"title": "", "issuing_body": "", "kind": "", "version_label": "征求意见稿", "text": text, **fields}
    if file is not None:
        data["source_file"] = file
    return post_form(client, url, data, content_type="multipart/form-data")


def confirm(client, preview, url=NEW + "/confirm", action="confirm", token=None):
    html = preview.get_data(as_text=True)
    token = TOKEN_RE.search(html).group(1) if token is None else token
    return client.post(url, data={"csrf_token": csrf_token(html), "preview": token, "action": action})


def error_of(html: str, field: str) -> str:
    match = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', html, re.S)
    assert match, f"no error shown for {field}"
    return match.group(1)


def existing_draft(label="一审稿", text=SAMPLE) -> DraftVersion:
    version = drafts.import_text(text, title="示例志愿服务条例（草案）", version_label=label)
    db.session.commit()
    return version


# -- upload or paste -> preview -> confirm ---------------------------------------------------


def test_an_uploaded_text_is_previewed_with_structure_and_warnings_and_nothing_is_stored(staff):
    preview = upload(staff, file=(io.BytesIO(SAMPLE.encode("gb18030")), "志愿服务条例.txt"),
                     issuing_body="示例市人大常委会法工委")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "示例志愿服务条例（草案）" in html
    assert '<p class="stat"><strong>4</strong><span>Articles</span></p>' in html
    assert re.search(r'<td class="outline depth-0">第二章 志愿者</td><td class="num">2</td><td>第三条</td>', html)
    assert "获得志愿服务真实" not in html  # first lines only: items stay out of the preview
    assert "为了规范志愿服务，保障志愿者的合法权益，制定本条例。" in html
    gap_line = SAMPLE.splitlines().index("第五条　志愿者应当履行志愿服务承诺。") + 1
    assert f'<td class="num">{gap_line}</td><td>Numbering jumps from 第三条 to 第五条 (expected 第四条).</td>' in html
    assert "<details class=\"fold article-group\" open>" in html  # a short draft is unfolded
    assert stored() == NOTHING


def test_confirming_stores_the_draft_audits_it_and_opens_its_reader(app, staff, users):
    preview = upload(staff, file=(io.BytesIO(SAMPLE.encode()), "v1.txt"), title="志愿服务条例",
                     kind=DraftKind.LOCAL_REGULATION.value, issuing_body="市人大常委会法工委")
    response = confirm(staff, preview)
    assert response.status_code == 302
    version = db.session.scalar(select(DraftVersion))
    assert response.headers["Location"] == f"/staff/drafts/{version.draft_id}/versions/{version.id}"
    assert (version.label, version.article_count, version.source_name) == ("征求意见稿", 4, "v1.txt")
    assert (version.draft.title, version.draft.kind) == ("志愿服务条例", DraftKind.LOCAL_REGULATION)
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action.in_(IMPORT_ACTIONS))
                                .order_by(AuditEvent.id)).all()
    assert [(e.action, e.user_id) for e in events] == [("draft.create", users["staff"].id),
                                                       ("version.import", users["staff"].id)]
    page = staff.get(response.headers["Location"]).get_data(as_text=True)
    assert "征求意见稿 stored with 4 articles." in page
    assert 'id="a3"' in page
    assert "（二）获得必要的培训。" in page


def test_pasted_text_is_previewed_and_cancel_stores_nothing(staff):
    preview = upload(staff, text=SAMPLE)
    assert "pasted text" in preview.get_data(as_text=True)
    response = confirm(staff, preview, action="cancel")
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/drafts/"
    assert "Nothing was stored." in staff.get("/staff/drafts/").get_data(as_text=True)
    assert stored() == NOTHING


def test_a_docx_upload_is_read(staff):
    document = Document()
    for line in SAMPLE.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    html = upload(staff, file=(buffer, "draft.docx")).get_data(as_text=True)
    assert '<p class="stat"><strong>4</strong><span>Articles</span></p>' in html


def test_a_text_without_articles_is_refused_next_to_the_text(staff):
    response = upload(staff, text="尊敬的领导：这是一封感谢信，没有任何条文。")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "No article (第一条…) was found in this text." in error_of(html, "text")
    assert "尊敬的领导" in html  # what was pasted is kept
    assert TOKEN_RE.search(html) is None
    assert stored() == NOTHING


def test_a_binary_file_renamed_txt_is_refused_next_to_the_file(staff):
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    html = upload(staff, file=(io.BytesIO(data), "draft.txt")).get_data(as_text=True)
    assert "neither readable text" in error_of(html, "source_file")
    assert stored() == NOTHING


def test_only_txt_and_docx_files_are_taken(staff):
    html = upload(staff, file=(io.BytesIO(b"%PDF-1.4"), "draft.pdf")).get_data(as_text=True)
    assert "Upload a .txt or .docx file" in error_of(html, "source_file")


@pytest.mark.parametrize(("file", "text", "message"), [
    (None, "", "Upload a file or paste the text."),
    ((b"x", "a.txt"), SAMPLE, "Upload a file or paste the text, not both."),
])
def test_one_source_exactly_is_asked_for(staff, file, text, message):
    source = (io.BytesIO(file[0]), file[1]) if file else None
    html = upload(staff, file=source, text=text).get_data(as_text=True)
    assert message in error_of(html, "source_file")


def test_an_upload_over_the_size_limit_gets_a_clear_message(app, staff):
    assert app.config["MAX_CONTENT_LENGTH"] == 16 * 1024 * 1024
    big = io.BytesIO(b"a" * (17 * 1024 * 1024))
    response = upload(staff, file=(big, "huge.txt"))
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "files up to 16 MB" in error_of(html, "source_file")
    assert 'enctype="multipart/form-data"' in html  # the form again, ready for another try
    assert stored() == NOTHING


def test_pasted_text_over_the_form_limit_gets_the_same_message(app, staff):
    response = upload(staff, text="第一条　" + "很" * (app.config["MAX_FORM_MEMORY_SIZE"] // 3 + 10))
    assert response.status_code == 413
    assert "pasted text up to 1 MB" in error_of(response.get_data(as_text=True), "source_file")


def test_the_size_message_is_not_shown_to_visitors(client, users):
    response = client.post(NEW, data={"source_file": (io.BytesIO(b"a" * (17 * 1024 * 1024)), "huge.txt")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert "source_file" not in response.get_data(as_text=True)


# -- the preview travels signed --------------------------------------------------------------


def test_a_tampered_preview_is_refused_and_nothing_is_stored(staff):
    preview = upload(staff, text=SAMPLE)
    token = TOKEN_RE.search(preview.get_data(as_text=True)).group(1)
    middle = len(token) // 2
    tampered = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1:]
    response = confirm(staff, preview, token=tampered)
    assert response.status_code == 400
    assert "it was altered" in error_of(response.get_data(as_text=True), "source_file")
    assert stored() == NOTHING


def test_an_expired_preview_is_refused(app, staff, users):
    preview = upload(staff, text=SAMPLE)
    old = draft_import.sign_request(draft_import.ImportRequest(text=SAMPLE, version_label="征求意见稿", title="旧"),
                              secret_key=app.secret_key, user_id=users["staff"].id,
                              now=utcnow() - draft_import.PREVIEW_MAX_AGE - timedelta(minutes=1))
    response = confirm(staff, preview, token=old)
    assert response.status_code == 400
    assert "This preview has expired." in error_of(response.get_data(as_text=True), "source_file")
    assert stored() == NOTHING


def test_a_preview_made_by_someone_else_is_refused(app, staff, users):
    theirs = sign_in(app.test_client(), "root", lang="en")
    preview = upload(theirs, text=SAMPLE)
    mine = upload(staff, text=SAMPLE)
    response = confirm(staff, mine, token=TOKEN_RE.search(preview.get_data(as_text=True)).group(1))
    assert response.status_code == 400
    assert stored() == NOTHING


def test_a_new_draft_preview_cannot_be_confirmed_onto_an_existing_draft(staff):
    version = existing_draft()
    preview = upload(staff, text=REVISED, version_label="二审稿")
    response = confirm(staff, preview, url=f"/staff/drafts/{version.draft_id}/versions/confirm")
    assert response.status_code == 400
    assert stored()["DraftVersion"] == 1


# -- later versions and who may add them -----------------------------------------------------


def test_a_reviewer_cannot_create_a_new_draft(app, reviewer, users):
    assert reviewer.get(NEW).status_code == 403
    token = draft_import.sign_request(draft_import.ImportRequest(text=SAMPLE, version_label="征求意见稿"),
                                secret_key=app.secret_key, user_id=users["reviewer"].id, now=utcnow())
    page = reviewer.get("/staff/drafts/").get_data(as_text=True)
    response = reviewer.post(NEW + "/confirm", data={"csrf_token": csrf_token(page), "preview": token})
    assert response.status_code == 403
    assert "Import a draft" not in page
    assert stored() == NOTHING


def test_a_reviewer_adds_a_later_version_to_an_existing_draft(reviewer, users):
    version = existing_draft()
    url = f"/staff/drafts/{version.draft_id}/versions/new"
    preview = upload(reviewer, url, text=REVISED, version_label="二审稿")
    assert "Store this text as 二审稿?" in preview.get_data(as_text=True)
    response = confirm(reviewer, preview, url=f"/staff/drafts/{version.draft_id}/versions/confirm")
    assert response.status_code == 302
    added = db.session.scalar(select(DraftVersion).where(DraftVersion.label == "二审稿"))
    assert (added.draft_id, added.position, added.created_by_id) == (version.draft_id, 2, users["reviewer"].id)
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.user_id == users["reviewer"].id)).all()
    assert "version.import" in actions


def test_a_duplicate_version_label_is_refused_next_to_the_label(staff):
    version = existing_draft()
    response = upload(staff, f"/staff/drafts/{version.draft_id}/versions/new", text=REVISED, version_label="一审稿")
    html = response.get_data(as_text=True)
    assert "This draft already has a version labelled 一审稿." in error_of(html, "version_label")
    assert TOKEN_RE.search(html) is None
    assert stored()["DraftVersion"] == 1


def test_a_label_taken_between_preview_and_confirm_is_refused_with_the_form_refilled(staff):
    version = existing_draft()
    preview = upload(staff, f"/staff/drafts/{version.draft_id}/versions/new", text=REVISED, version_label="二审稿")
    drafts.add_version(version.draft, parse_text(REVISED), label="二审稿")
    db.session.commit()
    response = confirm(staff, preview, url=f"/staff/drafts/{version.draft_id}/versions/confirm")
    html = response.get_data(as_text=True)
    assert "already has a version labelled 二审稿" in error_of(html, "version_label")
    assert "免费获得必要的培训" in html
    assert stored()["DraftVersion"] == 2


def test_cancelling_a_later_version_returns_to_the_draft(staff):
    version = existing_draft()
    preview = upload(staff, f"/staff/drafts/{version.draft_id}/versions/new", text=REVISED, version_label="二审稿")
    response = confirm(staff, preview, url=f"/staff/drafts/{version.draft_id}/versions/confirm", action="cancel")
    assert response.headers["Location"] == f"/staff/drafts/{version.draft_id}"
    assert stored()["DraftVersion"] == 1


# -- the drafts list, the draft page and the reader ------------------------------------------


def test_the_list_shows_every_version_with_its_import_facts(staff, users):
    version = drafts.import_text(SAMPLE, title="志愿服务条例", version_label="一审稿", actor=users["staff"])
    drafts.add_version(version.draft, parse_text(REVISED), label="二审稿", actor=users["staff"])
    db.session.commit()
    html = staff.get("/staff/drafts/").get_data(as_text=True)
    assert "志愿服务条例" in html
    rows = re.findall(r"<tr>\s*<td><a href=\"[^\"]+\">(.*?)</a></td>\s*<td class=\"num\">(\d+)</td>\s*"
                      r"<td class=\"num\">(.*?)</td>\s*<td>[^<]*· (.*?)</td>", html)
    assert rows == [("一审稿", "4", '<span class="badge warn">1</span>', "王晓明"),
                    ("二审稿", "4", '<span class="badge warn">1</span>', "王晓明")]
    assert "/staff/drafts/" in staff.get("/staff/").get_data(as_text=True)


def test_the_draft_page_lists_versions_consultations_and_actions(staff):
    version = existing_draft()
    drafts.add_version(version.draft, parse_text(REVISED), label="二审稿")
    consultations.open_consultation(version, opens_on=datetime(2025, 3, 1).date(),
                                    closes_on=datetime(2025, 3, 31).date(), premoderation=True, contact_name="王晓明")
    db.session.commit()
    html = staff.get(f"/staff/drafts/{version.draft_id}").get_data(as_text=True)
    assert "Compare with 一审稿" in html
    assert "Open a consultation" in html
    assert "Mar 1, 2025 to Mar 31, 2025" in html
    assert "All stations" in html


def test_a_long_version_is_read_one_chapter_at_a_time(staff, shared_dir):
    text = (shared_dir / "laws" / "minfadian_2020.txt").read_text(encoding="utf-8")
    version = existing_draft(label="最终文本", text=text)
    url = f"/staff/drafts/{version.draft_id}/versions/{version.id}"
    first = staff.get(url).get_data(as_text=True)
    assert 'id="a1"' in first
    assert 'id="a100"' not in first
    assert f'href="{url}?part=1"' in first
    assert 'id="a13"' in staff.get(url + "?part=1").get_data(as_text=True)


def test_a_version_of_another_draft_is_not_found(staff):
    version = existing_draft()
    other = existing_draft()
    assert staff.get(f"/staff/drafts/{other.draft_id}/versions/{version.id}").status_code == 404


# -- consultation windows --------------------------------------------------------------------


def window_form(client, version, **fields):
    url = f"/staff/drafts/{version.draft_id}/versions/{version.id}/consultation"
    data = {"opens_on": "2025-03-01", "closes_on": "2025-03-31", "contact_name": "王晓明",
            "contact_phone": "0579-85550000", "after_close_contact": "寄至市人大常委会法工委。", **fields}
    return post_form(client, url, data)


def test_staff_open_a_window_for_chosen_stations(staff):
    version = existing_draft()
    make_station(code="FT02", name="福田街道联络站")
    db.session.commit()
    form = staff.get(f"/staff/drafts/{version.draft_id}/versions/{version.id}/consultation").get_data(as_text=True)
    assert not re.search(r"<input[^>]*checked[^>]*name=\"stations\"", form)  # every station unless some are ticked
    response = window_form(staff, version, stations=["FT02"], premoderation="y")
    assert response.status_code == 302
    consultation = db.session.scalar(select(Consultation))
    assert consultation.opens_at == datetime(2025, 2, 28, 16, tzinfo=UTC)
    assert consultation.closes_at == datetime(2025, 3, 31, 16, tzinfo=UTC)
    assert consultation.premoderation is True
    assert [s.code for s in consultation.stations] == ["FT02"]
    assert consultation.after_close_contact == "寄至市人大常委会法工委。"
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.action == "consultation.open"))
    assert "福田街道联络站" in staff.get(response.headers["Location"]).get_data(as_text=True)


def test_a_window_closing_before_it_opens_is_refused_next_to_the_closing_date(staff):
    version = existing_draft()
    html = window_form(staff, version, closes_on="2025-02-01").get_data(as_text=True)
    assert "The closing date must be after the opening date." in error_of(html, "closes_on")
    assert db.session.scalar(select(func.count(Consultation.id))) == 0


def test_a_second_overlapping_window_is_refused(staff):
    version = existing_draft()
    assert window_form(staff, version).status_code == 302
    html = window_form(staff, version, opens_on="2025-03-20", closes_on="2025-04-20").get_data(as_text=True)
    assert "from 2025-03-01 to 2025-03-31" in error_of(html, "opens_on")
    assert db.session.scalar(select(func.count(Consultation.id))) == 1


def test_reviewers_cannot_open_windows(reviewer):
    version = existing_draft()
    assert reviewer.get(f"/staff/drafts/{version.draft_id}/versions/{version.id}/consultation").status_code == 403


# -- comparing versions ----------------------------------------------------------------------


def test_the_comparison_marks_insertions_and_escapes_the_text(staff):
    first = existing_draft(text=SAMPLE.replace("制定本条例", "制定本条例<b>"))
    drafts.add_version(first.draft, parse_text(REVISED.replace("制定本条例", "制定本条例<b>")), label="二审稿")
    db.session.commit()
    html = staff.get(f"/staff/drafts/{first.draft_id}/compare").get_data(as_text=True)
    assert "<ins>免费</ins>获得必要的培训" in html
    assert "<b>" not in html
    assert "&lt;b&gt;" not in html  # unchanged articles are hidden by default
    every = staff.get(f"/staff/drafts/{first.draft_id}/compare?show=all").get_data(as_text=True)
    assert "制定本条例&lt;b&gt;" in every
    assert "<b>" not in every


def test_a_draft_with_one_version_has_nothing_to_compare(staff):
    version = existing_draft()
    html = staff.get(f"/staff/drafts/{version.draft_id}/compare").get_data(as_text=True)
    assert "This draft has one version only." in html


def test_an_unknown_version_in_the_comparison_is_not_found(staff):
    version = existing_draft()
    drafts.add_version(version.draft, parse_text(REVISED), label="二审稿")
    db.session.commit()
    response = staff.get(f"/staff/drafts/{version.draft_id}/compare?from=三审稿")
    assert response.status_code == 404
    assert "This draft has no version 三审稿." in response.get_data(as_text=True)


def test_the_charity_law_revision_shows_counts_and_inserted_words(staff, shared_dir):
    laws = shared_dir / "laws"
    old = existing_draft(label="2016", text=(laws / "cishanfa_2016.txt").read_text(encoding="utf-8"))
    drafts.add_version(old.draft, parse_text((laws / "cishanfa_2023.txt").read_text(encoding="utf-8")), label="2023")
    db.session.commit()
    html = staff.get(f"/staff/drafts/{old.draft_id}/compare?from=2016&to=2023").get_data(as_text=True)
    counts = dict((label, int(n)) for n, label in re.findall(r"<strong>(\d+)</strong><span>(\w+)</span>", html))
    assert counts == {"Modified": 44, "Moved": 2, "Added": 14, "Deleted": 1, "Unchanged": 65}
    assert "61 articles shown" in html
    assert re.search(r"第三条</h3>.*?<del>其他</del><ins>非法人</ins>", html, re.S)
    assert re.search(r"第四十八条 → 第四十九条</h3>.*?<ins>办理</ins>", html, re.S)
    page2 = staff.get(f"/staff/drafts/{old.draft_id}/compare?from=2016&to=2023&page=2").get_data(as_text=True)
    assert "Page 2 of 2" in page2


def test_a_civil_code_sized_pair_stays_usable(staff, shared_dir):
    text = (shared_dir / "laws" / "minfadian_2020.txt").read_text(encoding="utf-8")
    preview = upload(staff, text=text)
    html = preview.get_data(as_text=True)
    assert '<p class="stat"><strong>1260</strong><span>Articles</span></p>' in html
    assert "<details class=\"fold article-group\" open>" not in html  # folded, one group per section
    assert len(html) < 600_000
    assert confirm(staff, preview).status_code == 302
    version = db.session.scalar(select(DraftVersion))
    drafts.add_version(version.draft, parse_text(text.replace("应当", "必须")), label="二审稿")
    db.session.commit()
    compare = f"/staff/drafts/{version.draft_id}/compare"
    changed = staff.get(compare).get_data(as_text=True)
    modified = int(re.search(r"<strong>(\d+)</strong><span>Modified</span>", changed).group(1))
    assert modified > versions.DIFF_PAGE_SIZE
    assert changed.count('<article class="diff-row') == versions.DIFF_PAGE_SIZE
    assert f"Page 1 of {-(-modified // versions.DIFF_PAGE_SIZE)}" in changed
    assert "<del>应当</del><ins>必须</ins>" in changed
    everything = staff.get(compare + "?show=all&page=26").get_data(as_text=True)
    assert "Page 26 of 26" in everything
    assert everything.count('<article class="diff-row') == 1260 - 25 * versions.DIFF_PAGE_SIZE


def test_every_warning_the_parser_gives_has_a_message_staff_read_in_their_language():
    # A code missing here falls back to the parser's English sentence on a Chinese page.
    from legislink.lawtext.parse import _MESSAGES
    from legislink.web.drafts import WARNING_MESSAGES

    assert set(WARNING_MESSAGES) == set(_MESSAGES)
