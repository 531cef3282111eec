"""Drafts in, below the web: preview without storing, the signed preview token, consultation
windows in the contact point's time zone, and comparing two stored versions."""

import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from docx import Document
from sqlalchemy import func, select

from legislink.cli import main
from legislink.extensions import db
from legislink.lawtext import parse_text
from legislink.models import AuditEvent, Consultation, Draft, DraftKind, DraftVersion, Role
from legislink.services import ServiceError, consultations, draft_import, drafts, versions

from ..builders import make_draft, make_station, make_user

SAMPLE = """示例志愿服务条例（草案）

第一章　总则

第一条【立法目的】为了规范志愿服务，保障志愿者的合法权益，制定本条例。

第二条　本条例适用于本市行政区域内的志愿服务活动。

第二章　志愿者

第三条　志愿者享有下列权利：
（一）获得志愿服务真实、准确、完整的信息；
（二）获得必要的培训：
1.岗位培训；
2.安全培训。

第五条　志愿者应当履行志愿服务承诺。
"""
REVISED = SAMPLE.replace("获得必要的培训", "免费获得必要的培训").replace("第五条", "第四条")
SECRET = "test-secret"
NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def rows(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model))


def request_for(text=SAMPLE, **overrides) -> draft_import.ImportRequest:
    return draft_import.ImportRequest(**{"text": text, "version_label": "征求意见稿", **overrides})


@pytest.fixture
def two_versions(ctx):
    """A draft with SAMPLE as 一审稿 and REVISED as 二审稿."""
    first = drafts.import_text(SAMPLE, title="示例志愿服务条例（草案）", version_label="一审稿")
    second = drafts.add_version(first.draft, parse_text(REVISED), label="二审稿", source_text=REVISED)
    db.session.commit()
    return first, second


# -- reading and previewing ------------------------------------------------------------------


def test_a_preview_shows_title_outline_first_lines_and_warnings_and_stores_nothing(ctx):
    preview = draft_import.prepare_import(request_for())
    assert preview.title == "示例志愿服务条例（草案）"
    assert preview.kind == DraftKind.LAW
    assert preview.article_count == 4
    assert [(e.label, e.title, e.articles, e.first_article) for e in preview.outline] == [
        ("第一章", "总则", 2, "第一条"), ("第二章", "志愿者", 2, "第三条")]
    first = preview.groups[0].articles[0]
    assert (first.label, first.caption) == ("第一条", "立法目的")
    assert first.first_line == "为了规范志愿服务，保障志愿者的合法权益，制定本条例。"
    gap_line = SAMPLE.splitlines().index("第五条　志愿者应当履行志愿服务承诺。") + 1
    warnings = [(w["code"], w["line"], w["params"]["found"]) for w in preview.warnings]
    assert warnings == [("numbering_gap", gap_line, "第五条")]
    assert rows(Draft) == rows(DraftVersion) == rows(AuditEvent) == 0


def test_a_long_first_paragraph_is_cut_in_the_preview(ctx):
    text = "示例条例\n第一条　" + "很长的句子" * 30 + "。\n"
    line = draft_import.prepare_import(request_for(text)).groups[0].articles[0].first_line
    assert len(line) == draft_import.FIRST_LINE_CHARS + 1
    assert line.endswith("…")


def test_the_title_typed_wins_over_the_title_found(ctx):
    preview = draft_import.prepare_import(
        request_for(title="志愿服务条例（征求意见稿）", kind=DraftKind.LOCAL_REGULATION))
    assert preview.title == "志愿服务条例（征求意见稿）"
    assert preview.found_title == "示例志愿服务条例（草案）"
    assert preview.kind == DraftKind.LOCAL_REGULATION


@pytest.mark.parametrize(("text", "code"), [
    ("这是一封信，没有任何条文。\n谢谢。", "no_articles"),
    ("   \n\n", "empty_text"),
])
def test_a_text_without_articles_is_refused_with_the_parser_code(ctx, text, code):
    with pytest.raises(ServiceError) as refused:
        draft_import.prepare_import(request_for(text))
    assert refused.value.code == code


def test_a_binary_file_renamed_txt_is_refused_as_not_text():
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    with pytest.raises(ServiceError) as refused:
        drafts.read_upload(data, "draft.txt")
    assert refused.value.code == "not_text"


def test_an_empty_file_is_refused():
    with pytest.raises(ServiceError) as refused:
        drafts.read_upload(b"", "draft.txt")
    assert refused.value.code == "empty_source"


def test_a_docx_upload_is_read_into_text():
    document = Document()
    for line in SAMPLE.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    text = drafts.read_upload(buffer.getvalue(), "draft.docx")
    assert "第三条" in text
    assert len(parse_text(text).articles) == 4


def test_a_label_already_used_by_the_draft_is_refused_before_the_preview(two_versions):
    first, _ = two_versions
    with pytest.raises(ServiceError) as refused:
        draft_import.prepare_import(request_for(REVISED, version_label="二审稿", draft_id=first.draft_id))
    assert refused.value.code == "version_exists"
    assert refused.value.params == {"label": "二审稿"}


def test_a_new_draft_needs_a_title_typed_or_found(ctx):
    untitled = "第一条　本办法自公布之日起施行。\n"
    with pytest.raises(ServiceError) as refused:
        draft_import.prepare_import(request_for(untitled))
    assert refused.value.code == "title_required"
    assert draft_import.prepare_import(request_for(untitled, title="某办法")).title == "某办法"


# -- the signed preview token ----------------------------------------------------------------


def test_a_signed_request_comes_back_unchanged():
    sent = request_for(title="题目", issuing_body="法工委", kind=DraftKind.AMENDMENT, source_name="a.docx")
    token = draft_import.sign_request(sent, secret_key=SECRET, user_id=7, now=NOW)
    assert "志愿" not in token  # compressed, not the text in clear
    back = draft_import.load_request(token, secret_key=SECRET, user_id=7, draft_id=None, now=NOW + timedelta(minutes=5))
    assert back == sent


def test_a_big_draft_makes_a_compact_token(shared_dir):
    text = (shared_dir / "laws" / "minfadian_2020.txt").read_text(encoding="utf-8")
    token = draft_import.sign_request(request_for(text), secret_key=SECRET, user_id=1, now=NOW)
    assert len(token) < len(text.encode()) / 2


def _tampered(token: str) -> str:
    middle = len(token) // 2
    return token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1:]


@pytest.mark.parametrize(("change", "code"), [
    ({"token": "tampered"}, "preview_invalid"),
    ({"token": ""}, "preview_invalid"),
    ({"secret_key": "another-secret"}, "preview_invalid"),
    ({"user_id": 8}, "preview_invalid"),
    ({"draft_id": 3}, "preview_invalid"),
    ({"now": NOW + draft_import.PREVIEW_MAX_AGE + timedelta(seconds=1)}, "preview_expired"),
])
def test_an_altered_foreign_or_old_preview_is_refused(change, code):
    token = draft_import.sign_request(request_for(), secret_key=SECRET, user_id=7, now=NOW)
    args = {"token": token, "secret_key": SECRET, "user_id": 7, "draft_id": None, "now": NOW, **change}
    if args["token"] == "tampered":
        args["token"] = _tampered(token)
    with pytest.raises(ServiceError) as refused:
        draft_import.load_request(args.pop("token"), **args)
    assert refused.value.code == code


def test_an_oversized_preview_field_is_refused_before_its_signature_is_checked():
    with pytest.raises(ServiceError) as refused:
        draft_import.load_request("x" * (draft_import.PREVIEW_TOKEN_LIMIT + 1), secret_key=SECRET, user_id=7,
                                  draft_id=None, now=NOW)
    assert refused.value.code == "preview_invalid"


def test_a_text_too_big_for_a_token_is_refused_at_preview(monkeypatch):
    monkeypatch.setattr(draft_import, "PREVIEW_TOKEN_LIMIT", 200)
    with pytest.raises(ServiceError) as refused:
        draft_import.sign_request(request_for(), secret_key=SECRET, user_id=7, now=NOW)
    assert refused.value.code == "preview_too_large"


# -- storing ---------------------------------------------------------------------------------


def test_storing_a_new_draft_keeps_what_was_asked_and_audits_it(ctx):
    staff = make_user(Role.STAFF)
    version = draft_import.store_import(request_for(title="志愿服务条例", issuing_body="市人大常委会法工委",
                                              kind=DraftKind.LOCAL_REGULATION, source_name="v1.txt"), actor=staff)
    db.session.commit()
    draft = version.draft
    assert (draft.title, draft.issuing_body) == ("志愿服务条例", "市人大常委会法工委")
    assert draft.kind == DraftKind.LOCAL_REGULATION
    assert (version.label, version.article_count, version.source_name, version.source_text) == (
        "征求意见稿", 4, "v1.txt", SAMPLE)
    assert version.warnings[0]["code"] == "numbering_gap"
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.user_id == staff.id)).all()
    assert sorted(actions) == ["draft.create", "version.import"]


def test_storing_a_later_version_adds_it_to_its_draft(two_versions):
    first, _ = two_versions
    version = draft_import.store_import(request_for(REVISED, version_label="最终文本", draft_id=first.draft_id))
    assert version.draft_id == first.draft_id
    assert version.position == 3


def test_storing_onto_a_missing_draft_is_refused(ctx):
    with pytest.raises(ServiceError) as refused:
        draft_import.store_import(request_for(draft_id=999))
    assert refused.value.code == "unknown_draft"


# -- the staff's overview --------------------------------------------------------------------


def test_summaries_name_who_imported_each_version_and_count_warnings(ctx):
    staff = make_user(Role.STAFF, display_name="王晓明")
    version = drafts.import_text(SAMPLE, title="志愿服务条例", actor=staff)
    make_draft(title="另一部草案")
    db.session.commit()
    summaries = drafts.draft_summaries()
    assert [s.draft.title for s in summaries] == ["另一部草案", "志愿服务条例"]
    row = drafts.draft_summaries(version.draft_id)[0].versions[0]
    assert (row.imported_by, row.warning_count, row.consultations) == ("王晓明", 1, [])


# -- consultation windows --------------------------------------------------------------------


def test_a_window_runs_from_the_start_of_the_opening_day_to_the_end_of_the_closing_day_in_shanghai(ctx):
    version = make_draft()
    consultation = consultations.open_consultation(version, opens_on=date(2025, 3, 1), closes_on=date(2025, 3, 31))
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(Consultation, consultation.id)
    assert stored.opens_at == datetime(2025, 2, 28, 16, 0, tzinfo=UTC)
    assert stored.closes_at == datetime(2025, 3, 31, 16, 0, tzinfo=UTC)
    assert stored.is_open(datetime(2025, 3, 31, 15, 59, tzinfo=UTC))  # 23:59 on the closing day in Beijing
    assert not stored.is_open(datetime(2025, 3, 31, 16, 0, tzinfo=UTC))
    assert stored.stations == []  # every station


def test_a_window_keeps_its_settings_stations_and_audit(ctx):
    version = make_draft()
    make_station(code="CC01")
    make_station(code="CC02")
    staff = make_user(Role.STAFF)
    consultation = consultations.open_consultation(
        version, opens_on=date(2025, 3, 1), closes_on=date(2025, 3, 31), premoderation=True,
        station_codes=["CC02", "CC01", "CC02"], contact_name="王晓明", contact_phone="0579-85550000",
        after_close_contact="寄至市人大常委会法工委。", actor=staff)
    assert sorted(s.code for s in consultation.stations) == ["CC01", "CC02"]
    assert (consultation.premoderation, consultation.contact_name, consultation.contact_phone) == (
        True, "王晓明", "0579-85550000")
    assert consultation.after_close_contact == "寄至市人大常委会法工委。"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "consultation.open"))
    assert event.user_id == staff.id
    assert event.object_ids == [consultation.id]
    assert event.detail["stations"] == ["CC02", "CC01"]


@pytest.mark.parametrize("closes_on", [date(2025, 3, 1), date(2025, 2, 27)])
def test_a_window_must_close_after_it_opens(ctx, closes_on):
    with pytest.raises(ServiceError) as refused:
        consultations.open_consultation(make_draft(), opens_on=date(2025, 3, 1), closes_on=closes_on)
    assert refused.value.code == "closes_before_opens"
    assert rows(Consultation) == 0


def test_an_unknown_station_is_refused(ctx):
    with pytest.raises(ServiceError) as refused:
        consultations.open_consultation(make_draft(), opens_on=date(2025, 3, 1), closes_on=date(2025, 3, 2),
                                 station_codes=["NOPE"])
    assert refused.value.code == "unknown_station"


def test_a_version_has_one_window_at_a_time(two_versions):
    first, second = two_versions
    consultations.open_consultation(first, opens_on=date(2025, 3, 1), closes_on=date(2025, 3, 31))
    for version, opens_on in ((first, date(2025, 3, 31)), (second, date(2025, 2, 1))):
        with pytest.raises(ServiceError) as refused:
            consultations.open_consultation(version, opens_on=opens_on, closes_on=date(2025, 4, 30))
        assert refused.value.code == "consultation_overlaps"
        assert refused.value.params == {"label": "一审稿", "opens": "2025-03-01", "closes": "2025-03-31"}
    later = consultations.open_consultation(second, opens_on=date(2025, 4, 1), closes_on=date(2025, 4, 30))
    assert later.opens_at == datetime(2025, 3, 31, 16, 0, tzinfo=UTC)


# -- comparing versions ----------------------------------------------------------------------


def test_stored_articles_come_back_as_the_parser_read_them(ctx, shared_dir):
    for name in ("cishanfa_2016.txt", "xingfa_xiuzhengan_11.txt"):
        text = (shared_dir / "laws" / name).read_text(encoding="utf-8")
        version = drafts.import_text(text, title=name)
        parsed = [(a.label, a.number, a.sub, a.caption, a.path, a.deleted, a.text) for a in parse_text(text).articles]
        stored = [(a.label, a.number, a.sub, a.caption, a.path, a.deleted, a.text)
                  for a in versions.version_articles(version.id)]
        assert stored == parsed


def test_items_and_captions_survive_the_round_trip(two_versions):
    first, _ = two_versions
    articles = versions.version_articles(first.id)
    assert articles[0].caption == "立法目的"
    item = articles[2].paragraphs[0].items[1]
    assert (item.label, [s.label + s.text for s in item.subitems]) == ("（二）", ["1.岗位培训；", "2.安全培训。"])


def test_versions_are_found_by_id_or_label(two_versions):
    first, second = two_versions
    draft = first.draft
    assert versions.find_version(draft, "二审稿").id == second.id
    assert versions.find_version(draft, str(first.id)).id == first.id
    assert versions.find_version(draft, first.id).id == first.id
    other = make_draft()
    with pytest.raises(ServiceError) as refused:
        versions.find_version(draft, other.id)
    assert refused.value.code == "unknown_version"


def test_a_comparison_counts_each_kind_of_change(two_versions):
    comparison = versions.compare_refs(two_versions[0].draft, "一审稿", "二审稿")
    assert comparison.counts() == {"modified": 1, "moved": 0, "added": 0, "deleted": 0, "same": 3}
    modified = next(a for a in comparison.alignments if a.change == "modified")
    assert (modified.from_label, modified.to_label) == ("第三条", "第三条")
    renumbered = comparison.alignments[-1]
    assert (renumbered.from_label, renumbered.to_label, renumbered.change) == ("第五条", "第四条", "same")


def test_a_diff_row_marks_inserted_and_removed_characters(two_versions):
    comparison = versions.compare_refs(two_versions[0].draft, "一审稿", "二审稿")
    row = versions.diff_row(next(a for a in comparison.alignments if a.change == "modified"))
    assert [(s.op, s.text) for s in row.spans if s.op != "same"] == [("added", "免费")]
    assert "".join(s.text for s in row.spans if s.op != "removed") == versions.display_text(row.alignment.new)


def test_diff_pages_filter_and_paginate(two_versions):
    comparison = versions.compare_refs(two_versions[0].draft, "一审稿", "二审稿")
    assert versions.diff_page(comparison, "changed").total == 1
    everything = versions.diff_page(comparison, "all", page=2, size=3)
    assert (everything.total, everything.pages, everything.number, len(everything.rows)) == (4, 2, 2, 1)
    assert versions.diff_page(comparison, "same", page=99, size=2).number == 2
    assert versions.diff_page(comparison, "added").rows == []


def test_the_charity_law_revision_is_aligned_as_the_parser_sees_it(ctx, shared_dir):
    laws = shared_dir / "laws"
    old = drafts.import_text((laws / "cishanfa_2016.txt").read_text(encoding="utf-8"), title="慈善法",
                             version_label="2016")
    drafts.add_version(old.draft, parse_text((laws / "cishanfa_2023.txt").read_text(encoding="utf-8")), label="2023")
    comparison = versions.compare_refs(old.draft, "2016", "2023")
    assert comparison.counts() == {"modified": 44, "moved": 2, "added": 14, "deleted": 1, "same": 65}
    article = next(a for a in comparison.alignments if a.from_label == "第四十八条")
    assert article.to_label == "第四十九条"
    assert [(s.op, s.text) for s in versions.diff_row(article).spans if s.op != "same"] == [("added", "办理")]


# -- the command line ------------------------------------------------------------------------


def _cli_versions(app):
    with app.app_context():
        first = drafts.import_text(SAMPLE, title="示例志愿服务条例（草案）", version_label="一审稿")
        second = drafts.add_version(first.draft, parse_text(REVISED), label="二审稿")
        db.session.commit()
        return first.draft_id, first.id, second.id


def test_drafts_compare_prints_the_alignment_as_json_by_label_or_id(app, runner):
    draft_id, first_id, second_id = _cli_versions(app)
    by_label = runner.invoke(main, ["drafts", "compare", str(draft_id), "--from", "一审稿", "--to", "二审稿", "--json"])
    assert by_label.exit_code == 0, by_label.output
    entries = json.loads(by_label.output)
    assert entries[2] == {"from": "第三条", "to": "第三条", "change": "modified",
                          "similarity": entries[2]["similarity"]}
    assert 0.9 < entries[2]["similarity"] < 1
    assert {e["change"] for e in entries} == {"same", "modified"}
    by_id = runner.invoke(main, ["drafts", "compare", str(draft_id), "--from", str(first_id), "--to", str(second_id),
                                 "--json"])
    assert json.loads(by_id.output) == entries


def test_drafts_compare_without_json_prints_counts_and_changes(app, runner):
    draft_id, _, _ = _cli_versions(app)
    result = runner.invoke(main, ["drafts", "compare", str(draft_id), "--from", "一审稿", "--to", "二审稿"])
    assert "1 modified" in result.output
    assert "第三条 -> 第三条  modified" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["999", "--from", "一审稿", "--to", "二审稿"], "no draft with id 999"),
    (["{draft}", "--from", "三审稿", "--to", "二审稿"], "This draft has no version 三审稿."),
])
def test_drafts_compare_refuses_what_does_not_exist(app, runner, args, message):
    draft_id, _, _ = _cli_versions(app)
    result = runner.invoke(main, ["drafts", "compare", *[a.format(draft=draft_id) for a in args]])
    assert result.exit_code != 0
    assert message in result.output


def test_consultations_open_prints_the_window_and_stores_it(app, runner):
    _, first_id, _ = _cli_versions(app)
    with app.app_context():
        make_station(code="CC01")
        db.session.commit()
    result = runner.invoke(main, ["consultations", "open", str(first_id), "--opens", "2025-03-01", "--closes",
                                  "2025-03-31", "--premoderation", "--station", "CC01"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert printed["opens_at"] == "2025-02-28T16:00:00+00:00"
    assert printed["closes_at"] == "2025-03-31T16:00:00+00:00"
    with app.app_context():
        stored = db.session.get(Consultation, printed["consultation_id"])
        assert stored.premoderation is True
        assert [s.code for s in stored.stations] == ["CC01"]
        assert "consultation.open" in db.session.scalars(select(AuditEvent.action)).all()


@pytest.mark.parametrize(("args", "message"), [
    (["--opens", "2025-03-31", "--closes", "2025-03-01"], "The closing date must be after the opening date."),
    (["--opens", "2025-03-01", "--closes", "2025-03-31", "--station", "NOPE"],
     "There is no liaison station with the code NOPE."),
    (["--opens", "2025/03/01", "--closes", "2025-03-31"], "Invalid value for '--opens'"),
])
def test_consultations_open_refuses_bad_windows_and_stores_nothing(app, runner, args, message):
    _, first_id, _ = _cli_versions(app)
    result = runner.invoke(main, ["consultations", "open", str(first_id), *args])
    assert result.exit_code != 0
    assert message in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Consultation.id))) == 0


def test_consultations_open_refuses_an_overlapping_window(app, runner):
    _, first_id, second_id = _cli_versions(app)
    assert runner.invoke(main, ["consultations", "open", str(first_id), "--opens", "2025-03-01",
                                "--closes", "2025-03-31"]).exit_code == 0
    again = runner.invoke(main, ["consultations", "open", str(second_id), "--opens", "2025-03-15",
                                 "--closes", "2025-04-15"])
    assert again.exit_code != 0
    assert "This draft already has a consultation window (on 一审稿)" in again.output
