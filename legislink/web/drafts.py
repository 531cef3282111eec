"""Staff pages for drafts: import with a preview, versions, consultation windows, comparison."""

from datetime import timedelta
from pathlib import PureWindowsPath

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from .. import permissions
from ..extensions import db
from ..models import ConsultationKind, Draft, DraftKind, DraftVersion, utcnow
from ..services import consultations, draft_import, drafts, reader, stations, versions
from .boundary import refusal
from .fields import DateInRange, clean_text, page_number
from .guards import require

bp = Blueprint("staff_drafts", __name__, url_prefix="/staff/drafts")

KIND_LABELS = {
    DraftKind.LAW: _l("Law draft"),
    DraftKind.LOCAL_REGULATION: _l("Local regulation draft"),
    DraftKind.AMENDMENT: _l("Amendment"),
}
CHANGE_LABELS = {
    "modified": _l("Modified"),
    "moved": _l("Moved"),
    "added": _l("Added"),
    "deleted": _l("Deleted"),
    "same": _l("Unchanged"),
}
STATE_LABELS = {"scheduled": _l("Scheduled"), "open": _l("Open"), "closed": _l("Closed")}
# The parser's warnings, by code; its English message is the fallback for a code not listed.
WARNING_MESSAGES = {
    "numbering_gap": _l("Numbering jumps from %(previous)s to %(found)s (expected %(expected)s)."),
    "numbering_repeat": _l("%(found)s repeats or goes back after %(previous)s."),
    "heading_number_gap": _l("Heading numbering jumps to %(found)s (expected %(expected)s)."),
    "empty_article": _l("%(label)s has no text."),
    "preamble_text": _l("Text before the first article is neither the title nor a note: %(text)s"),
    "stray_text": _l("Text outside any article: %(text)s"),
    "unclosed_quote": _l("A quotation opened before %(label)s was never closed."),
    "misprinted_label": _l("%(found)s begins with 笫 (zǐ, a bamboo mat), which looks like 第: it is read as "
                           "%(label)s; correct the text."),
}
SHOW_CHOICES = ("changed", "all", *versions.CHANGES)


def describe_warning(warning: dict) -> str:
    template = WARNING_MESSAGES.get(warning.get("code", ""))
    try:
        return str(template) % warning.get("params", {}) if template else warning.get("message", "")
    except (KeyError, TypeError, ValueError):
        return warning.get("message", "")


def date_local(value) -> str:
    """The day of a moment in the contact point's time zone."""
    return format_date(value, "medium")


def closing_day(value) -> str:
    """A window closes at the midnight ending its last day: show that day."""
    return format_date(value - timedelta(seconds=1), "medium")


@bp.context_processor
def _helpers():
    return {"kind_labels": KIND_LABELS, "change_labels": CHANGE_LABELS, "state_labels": STATE_LABELS,
            "describe_warning": describe_warning, "permissions": permissions, "date_local": date_local,
            "closing_day": closing_day,
            "consultation_state": drafts.consultation_state}


# -- forms -----------------------------------------------------------------------------------


class SourceForm(FlaskForm):
    version_label = StringField(_l("Version label"), filters=[clean_text], validators=[DataRequired(), Length(max=64)])
    source_file = FileField(_l("File (.txt or .docx)"), validators=[FileAllowed(
        ["txt", "docx"], _l("Upload a .txt or .docx file; save a Word 97-2003 (.doc) file as .docx first."))])
    text = TextAreaField(_l("Or paste the text"), filters=[clean_text])

    def has_file(self) -> bool:
        return bool(self.source_file.data and self.source_file.data.filename)

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.has_file() == bool(self.text.data):
            self.source_file.errors.append(_("Upload a file or paste the text, not both.") if self.has_file()
                                           else _("Upload a file or paste the text."))
            return False
        return True


class DraftForm(SourceForm):
    title = StringField(_l("Title"), filters=[clean_text], validators=[Optional(), Length(max=200)])
    issuing_body = StringField(_l("Issuing body"), filters=[clean_text], validators=[Optional(), Length(max=200)])
    kind = SelectField(_l("Kind"), default="", choices=[SelectChoice("", _l("Read it from the text"))]
                       + [SelectChoice(k.value, label) for k, label in KIND_LABELS.items()])


# What a window on a text consults; a call for proposals has its own page (web/calls.py).
TEXT_KIND_CHOICES = [SelectChoice(ConsultationKind.DRAFT.value, _l("A draft, for comment (during legislation)")),
                     SelectChoice(ConsultationKind.EVALUATION.value,
                                  _l("A law in force, for evaluation (after legislation)"))]


class ConsultationForm(FlaskForm):
    kind = RadioField(_l("What is consulted"), choices=TEXT_KIND_CHOICES, default=ConsultationKind.DRAFT.value)
    opens_on = DateField(_l("Opens on"), validators=[DataRequired(), DateInRange()])
    closes_on = DateField(_l("Closes on"), validators=[DataRequired(), DateInRange()])
    premoderation = BooleanField(_l("Pre-moderation: online comments are checked before the public counts them"))
    stations = SelectMultipleField(_l("Liaison stations"), validators=[Optional()],
                                   widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    contact_name = StringField(_l("Contact name for the report"), filters=[clean_text],
                               validators=[Optional(), Length(max=100)])
    contact_phone = StringField(_l("Contact phone for the report"), filters=[clean_text],
                                validators=[Optional(), Length(max=50)])
    after_close_contact = TextAreaField(_l("Where to send comments after closing"), filters=[clean_text],
                                        validators=[Optional(), Length(max=2000)])


def _add_error(field, message: str) -> None:
    field.errors = [*field.errors, message]


# -- importing: form -> preview -> confirm ---------------------------------------------------


def _import_request(form: SourceForm, draft: Draft | None) -> draft_import.ImportRequest:
    name, text = "", form.text.data
    if form.has_file():
        upload = form.source_file.data
        # Old browsers send the whole client path; PureWindowsPath splits on either separator.
        name = PureWindowsPath(upload.filename).name[:255]
        text = drafts.read_upload(upload.read(), name)
    if draft is not None:
        return draft_import.ImportRequest(text=text, version_label=form.version_label.data, source_name=name,
                                          draft_id=draft.id)
    return draft_import.ImportRequest(text=text, version_label=form.version_label.data, source_name=name,
                                      title=form.title.data or "", issuing_body=form.issuing_body.data or "",
                                      kind=DraftKind(form.kind.data) if form.kind.data else None)


def _field_for(form: SourceForm, code: str):
    if code in {"version_label_required", "version_exists"}:
        return form.version_label
    if code == "title_required" and isinstance(form, DraftForm):
        return form.title
    return form.text if form.text.data and not form.has_file() else form.source_file


def _upload_page(form: SourceForm, draft: Draft | None, status: int = 200):
    return render_template("staff/drafts/upload.html", form=form, draft=draft), status


def _preview_or_form(form: SourceForm, draft: Draft | None):
    if form.validate_on_submit():
        with refusal() as refused:
            submitted = _import_request(form, draft)
            preview = draft_import.prepare_import(submitted)
            token = draft_import.sign_request(submitted, secret_key=current_app.secret_key,
                                              user_id=current_user.id, now=utcnow())
            return render_template("staff/drafts/preview.html", preview=preview, submitted=submitted, token=token,
                                   draft=draft, fold=preview.article_count > reader.WHOLE_PAGE_LIMIT)
        _add_error(_field_for(form, refused.code), refused.message)
    return _upload_page(form, draft)


def _refill(draft: Draft | None, submitted: draft_import.ImportRequest | None) -> SourceForm:
    """The upload form again, with what a refused confirmation had (a file has to be chosen again)."""
    data = {}
    if submitted is not None:
        data = {"version_label": submitted.version_label, "title": submitted.title,
                "issuing_body": submitted.issuing_body, "kind": submitted.kind.value if submitted.kind else "",
                "text": "" if submitted.source_name else submitted.text}
    return (SourceForm if draft else DraftForm)(formdata=None, data=data)


def _confirm(draft: Draft | None):
    if request.form.get("action") == "cancel":
        flash(_("Nothing was stored."), "info")
        return redirect(url_for(".draft", draft_id=draft.id) if draft else url_for(".index"))
    submitted = None
    with refusal() as refused:
        submitted = draft_import.load_request(
            request.form.get("preview", ""), secret_key=current_app.secret_key, user_id=current_user.id,
            draft_id=draft.id if draft else None, now=utcnow())
        version = draft_import.store_import(submitted, actor=current_user)
        flash(_("%(label)s stored with %(num)s articles.", label=version.label, num=version.article_count),
              "success")
        return redirect(url_for(".version", draft_id=version.draft_id, version_id=version.id))
    form = _refill(draft, submitted)
    _add_error(_field_for(form, refused.code), refused.message)
    return _upload_page(form, draft, 400 if submitted is None else 200)


@bp.route("/new", methods=["GET", "POST"])
@require(permissions.can_manage_drafts)
def new_draft():
    # ?for=evaluation: a law in force, imported as its 现行文本 before its evaluation window opens.
    label = (draft_import.EVALUATION_VERSION_LABEL if request.args.get("for") == "evaluation"
             else draft_import.DEFAULT_VERSION_LABEL)
    return _preview_or_form(DraftForm(version_label=label), None)


@bp.route("/new/confirm", methods=["POST"])
@require(permissions.can_manage_drafts)
def confirm_draft():
    return _confirm(None)


@bp.route("/<int:draft_id>/versions/new", methods=["GET", "POST"])
@require(permissions.can_add_version)
def new_version(draft_id: int):
    return _preview_or_form(SourceForm(), db.get_or_404(Draft, draft_id))


@bp.route("/<int:draft_id>/versions/confirm", methods=["POST"])
@require(permissions.can_add_version)
def confirm_version(draft_id: int):
    return _confirm(db.get_or_404(Draft, draft_id))


UPLOAD_ENDPOINTS = frozenset({"staff_drafts.new_draft", "staff_drafts.confirm_draft", "staff_drafts.new_version",
                              "staff_drafts.confirm_version"})


def _megabytes(size: int | None) -> str:
    return format_decimal((size or 0) / (1024 * 1024), format="#,##0.#")


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    """An upload over MAX_CONTENT_LENGTH: the form again, saying so, instead of a bare 413."""
    draft_id = (request.view_args or {}).get("draft_id")
    allowed = permissions.can_add_version if draft_id else permissions.can_manage_drafts
    if request.endpoint not in UPLOAD_ENDPOINTS or not allowed(current_user):
        return render_template("errors/error.html", error=error), 413
    draft = db.get_or_404(Draft, draft_id) if draft_id else None
    form = (SourceForm if draft else DraftForm)(formdata=None)
    _add_error(form.source_file, _(
        "This is larger than the site accepts: files up to %(file)s MB, pasted text up to %(text)s MB. "
        "Upload a long text as a file, or split a very large document.",
        file=_megabytes(current_app.config["MAX_CONTENT_LENGTH"]),
        text=_megabytes(current_app.config.get("MAX_FORM_MEMORY_SIZE"))))
    return _upload_page(form, draft, 413)


# -- reading drafts --------------------------------------------------------------------------


@bp.route("/")
@require(permissions.can_enter_workspace)
def index():
    return render_template("staff/drafts/index.html", summaries=drafts.draft_summaries(), now=utcnow())


@bp.route("/<int:draft_id>")
@require(permissions.can_enter_workspace)
def draft(draft_id: int):
    found = drafts.draft_summaries(draft_id)
    if not found:
        abort(404)
    return render_template("staff/drafts/draft.html", summary=found[0], now=utcnow())


def _version_or_404(draft_id: int, version_id: int) -> DraftVersion:
    version = db.get_or_404(DraftVersion, version_id)
    if version.draft_id != draft_id:
        abort(404)
    return version


@bp.route("/<int:draft_id>/versions/<int:version_id>")
@require(permissions.can_enter_workspace)
def version(draft_id: int, version_id: int):
    version = _version_or_404(draft_id, version_id)
    page = reader.reader_page(version.id, request.args.get("part", type=int))
    return render_template("staff/drafts/version.html", draft=version.draft, version=version, page=page)


# -- consultation windows --------------------------------------------------------------------

WINDOW_ERROR_FIELDS = {"closes_before_opens": "closes_on", "unknown_station": "stations"}


def station_choices() -> list[SelectChoice]:
    return [SelectChoice(s.code, s.name) for s in stations.listed(active_only=True)]


@bp.route("/<int:draft_id>/versions/<int:version_id>/consultation", methods=["GET", "POST"])
@require(permissions.can_manage_drafts)
def consultation(draft_id: int, version_id: int):
    version = _version_or_404(draft_id, version_id)
    zone = current_app.config["BABEL_DEFAULT_TIMEZONE"]
    today = consultations.local_day(utcnow(), zone)
    # A law in force is imported as its 现行文本: a window on it is most likely its evaluation.
    kind = ConsultationKind.EVALUATION if version.label == draft_import.EVALUATION_VERSION_LABEL else None
    form = ConsultationForm(opens_on=today, closes_on=today + timedelta(days=30),
                            kind=(kind or ConsultationKind.DRAFT).value)
    form.stations.choices = station_choices()
    if form.validate_on_submit():
        with refusal() as refused:
            consultations.open_consultation(
                version, opens_on=form.opens_on.data, closes_on=form.closes_on.data,
                premoderation=form.premoderation.data, station_codes=form.stations.data or [],
                contact_name=form.contact_name.data or "", contact_phone=form.contact_phone.data or "",
                after_close_contact=form.after_close_contact.data or "", kind=ConsultationKind(form.kind.data),
                timezone=zone, actor=current_user)
            flash(_("The consultation window on %(label)s is set.", label=version.label), "success")
            return redirect(url_for(".draft", draft_id=draft_id))
        _add_error(form[WINDOW_ERROR_FIELDS.get(refused.code, "opens_on")], refused.message)
    return render_template("staff/drafts/consultation.html", form=form, draft=version.draft, version=version)


# -- comparing versions ----------------------------------------------------------------------


@bp.route("/<int:draft_id>/compare")
@require(permissions.can_enter_workspace)
def compare(draft_id: int):
    draft = db.get_or_404(Draft, draft_id)
    stored = [row.version for row in drafts.draft_summaries(draft_id)[0].versions]
    if len(stored) < 2:
        return render_template("staff/drafts/compare.html", draft=draft, versions=stored, comparison=None)
    with refusal() as refused:
        comparison = versions.compare_refs(draft, request.args.get("from") or stored[-2].id,
                                           request.args.get("to") or stored[-1].id)
        show = request.args.get("show", "changed")
        show = show if show in SHOW_CHOICES else "changed"
        page = versions.diff_page(comparison, show, request.args.get("page", 1, type=page_number))
        return render_template("staff/drafts/compare.html", draft=draft, versions=stored, comparison=comparison,
                               counts=comparison.counts(), page=page, show=show)
    return render_template("staff/drafts/compare.html", draft=draft, versions=stored, comparison=None,
                           error=refused.message), 404
