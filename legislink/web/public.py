"""What residents see: the consultations, and what became of their comment."""

import hashlib
import json
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from wtforms import SelectChoice

from .. import labels, permissions
from ..extensions import limiter
from ..models import Channel, ConsultationKind, Identity, utcnow
from ..services import comments, consultations, figures, reader, receipts, referrals, stations
from . import errors
from .boundary import refusal
from .filters import local_today
from .guards import private
from .i18n import keep_in_page_url, select_locale
from .lookups import published_draft
from .public_forms import CommentForm, ProposalForm

bp = Blueprint("public", __name__)


@bp.route("/")
def index():
    return render_template("public/index.html", summaries=consultations.list_public(
        utcnow(), current_app.config["BABEL_DEFAULT_TIMEZONE"]))


@bp.route("/drafts/<int:draft_id>")
def draft(draft_id: int):
    now = utcnow()
    draft, consultation = published_draft(draft_id, now)
    version = consultation.version
    return render_template(
        "public/draft.html",
        draft=draft,
        consultation=consultation,
        version=version,
        page=reader.reader_page(version.id, request.args.get("part", type=int)),
        counts=reader.comment_counts(consultation.id),
        is_open=consultation.is_open(now),
        days_left=consultations.days_left(consultation, now, current_app.config["BABEL_DEFAULT_TIMEZONE"]),
        evaluation=consultation.kind == ConsultationKind.EVALUATION,
    )


def _comment_limit() -> str:
    return current_app.config["COMMENT_RATE_LIMIT"]


def _never(_response) -> bool:
    return False


def _count_accepted_comment() -> None:
    """Count an accepted comment toward its address's limit (a station's shared Wi-Fi shares one), so
    that forms sent back with errors cost nothing. Past the limit RateLimitExceeded rolls the comment
    back, and `limited` shows the form again."""
    with limiter.limit(_comment_limit):
        pass


def _station_choices(consultation):
    return [SelectChoice("", _("Not sure / none"))] + [SelectChoice(code, name)
                                                        for code, name in stations.offered(consultation)]


@bp.route("/drafts/<int:draft_id>/comment", methods=["GET", "POST"])
# An address already past its limit is refused before any work (this only tests the count);
# _count_accepted_comment counts.
@limiter.limit(_comment_limit, methods=["POST"], deduct_when=_never)
@private
def comment(draft_id: int):
    now = utcnow()
    draft, consultation = published_draft(draft_id, now)
    if not permissions.can_comment(None, consultation, now):
        return _closed(draft, consultation)
    form = _comment_form(consultation)
    if form.validate_on_submit():
        _refuse_bots(form)
        with refusal() as refused:
            saved = comments.submit(consultation, comments.CommentInput(
                text=form.text.data, article=form.article.data or None, suggestion=form.suggestion.data or "",
                reason=form.reason.data or "", identity=Identity(form.identity.data),
                station_code=form.station.data or None, channel=Channel.ONLINE, name=form.name.data or "",
                phone=form.phone.data or "", consent=form.consent.data,
            ), now=now)
            _count_accepted_comment()
            # The receipt is shown only once the boundary has committed the comment. The thanks ride
            # on the address, not in the session: a client that never follows the redirect (a script,
            # a kiosk that resets) would otherwise pile up unread messages in its cookie.
            return redirect(url_for("public.receipt", code=saved.receipt_code, sent=1))
        (form.station if refused.code == "unknown_station" else form.article).errors.append(refused.message)
    return _form_page(draft, consultation, form)


def _refuse_bots(form) -> None:
    if form.website.data:
        current_app.logger.info("comment refused: honeypot filled")
        abort(400)


def _closed(draft, consultation):
    back = (url_for("public.draft", draft_id=draft.id) if draft is not None
            else url_for("public.consultation", consultation_id=consultation.id))
    return render_template("public/comment_closed.html", consultation=consultation, back_url=back), (
        403 if request.method == "POST" else 200)


def _comment_form(consultation) -> CommentForm:
    # ?station=CODE: the QR code of a station's poster chose it (a code not offered selects nothing).
    form = CommentForm(article=request.args.get("article", ""), station=request.args.get("station", ""))
    form.station.choices = _station_choices(consultation)
    if consultation.kind == ConsultationKind.EVALUATION:
        form.for_evaluation()
    return form


@bp.route("/consultations/<int:consultation_id>", methods=["GET", "POST"])
@limiter.limit(_comment_limit, methods=["POST"], deduct_when=_never)
@private
def consultation(consultation_id: int):
    """A consultation's own page. One on a text is read on its draft's page; a call for proposals is
    its title, its introduction and the proposal form."""
    now = utcnow()
    shown = consultations.shown_consultation(consultation_id, now)
    if shown is None:
        abort(404)
    if shown.has_text:
        return redirect(url_for("public.draft", draft_id=shown.version.draft_id))
    if request.method == "POST" and not permissions.can_comment(None, shown, now):
        return _closed(None, shown)
    form = _proposal_form(shown)
    if form.validate_on_submit():
        _refuse_bots(form)
        with refusal() as refused:
            saved = comments.submit(shown, comments.CommentInput(
                title=form.title.data, text=form.text.data, content=form.content.data or "",
                identity=Identity(form.identity.data), station_code=form.station.data or None,
                channel=Channel.ONLINE, name=form.name.data or "", phone=form.phone.data or "",
                consent=form.consent.data,
            ), now=now)
            _count_accepted_comment()
            return redirect(url_for("public.receipt", code=saved.receipt_code, sent=1))
        (form.station if refused.code == "unknown_station" else form.title).errors.append(refused.message)
    return _proposal_page(shown, form, now)


def _proposal_form(consultation) -> ProposalForm:
    form = ProposalForm(station=request.args.get("station", ""))
    form.station.choices = _station_choices(consultation)
    return form


def _proposal_page(consultation, form, now, status: int = 200):
    return render_template(
        "public/proposal.html", consultation=consultation, form=form,
        is_open=permissions.can_comment(None, consultation, now),
        days_left=consultations.days_left(consultation, now, current_app.config["BABEL_DEFAULT_TIMEZONE"]),
    ), status


def _form_page(draft, consultation, form, status: int = 200):
    target = comments.target_preview(consultation, form.article.data)
    keep_in_page_url(article=form.article.data)
    back = url_for("public.draft", draft_id=draft.id)
    if target is not None:
        part = reader.part_of(consultation.version_id, target.article)
        back = url_for("public.draft", draft_id=draft.id, part=part) + "#" + reader.anchor_for(target.article)
    return render_template("public/comment.html", draft=draft, consultation=consultation, form=form, target=target,
                           article_labels=reader.article_labels(consultation.version_id), back_url=back,
                           fields_key=_fields_key(consultation, form, target)), status


def sent_from_this_site() -> bool:
    """A browser names the page a form was sent from; another site's page gets no form filled in
    with what it sent. Clients that name none (kiosks, scripts) are not browsers tricked into it."""
    sender = request.headers.get("Origin") or request.referrer
    return sender is None or urlsplit(sender).netloc == request.host


def _form_again(error, message: str):
    """The comment form once more, holding everything the resident typed, with a fresh token and a
    word on why it was not sent; other requests get the error's own page."""
    if (request.endpoint not in ("public.comment", "public.consultation") or request.method != "POST"
            or not sent_from_this_site()):
        return errors.page_for(error)
    now = utcnow()
    if request.endpoint == "public.consultation":
        return _proposal_again(request.view_args["consultation_id"], now, error, message)
    draft, consultation = published_draft(request.view_args["draft_id"], now)
    if not permissions.can_comment(None, consultation, now):
        return _closed(draft, consultation)
    form = _comment_form(consultation)
    form.form_errors.append(message)
    return _form_page(draft, consultation, form, error.code)


def _proposal_again(consultation_id: int, now, error, message: str):
    shown = consultations.shown_consultation(consultation_id, now)
    if shown is None or shown.has_text:
        return errors.page_for(error)
    if not permissions.can_comment(None, shown, now):
        return _closed(None, shown)
    form = _proposal_form(shown)
    form.form_errors.append(message)
    return _proposal_page(shown, form, now, error.code)


@bp.errorhandler(CSRFError)
def expired(error: CSRFError):
    """A form whose token has gone (the browser was restarted, the tab left open for hours)."""
    return _form_again(error, _("This form had expired, so your comment was not sent yet. Everything you "
                                "wrote is still here: check it and send it once more."))


@bp.errorhandler(RateLimitExceeded)
def limited(error: RateLimitExceeded):
    return _form_again(error, _("Many comments were sent from your connection in the last minutes, so this one "
                                "was not received yet. Everything you wrote is still here: wait a minute and "
                                "send it again."))


def _fields_key(consultation, form, target) -> str | None:
    """The fragment cache key of the form's fields: everything they are rendered from. None when
    they hold a resident's input or errors, or name no article of the draft (keys anyone could
    invent would only crowd the cache)."""
    if request.method != "GET" or (form.article.data and target is None):
        return None
    inputs = [select_locale(), consultation.kind.value, reader.version_index(consultation.version_id).stamp,
              form.article.data or "",
              [(choice.value, choice.label) for choice in form.station.choices]]
    return hashlib.sha256(json.dumps(inputs, ensure_ascii=False).encode()).hexdigest()


@bp.route("/drafts/<int:draft_id>/results")
def results(draft_id: int):
    """What the consultation led to: how many took part, what was reported, what was adopted."""
    draft, consultation = published_draft(draft_id, utcnow())
    return render_template("public/results.html", draft=draft, results=figures.public_results(consultation))


@bp.route("/receipts")
def receipt_lookup():
    typed = request.args.get("code", "")
    error = None
    if typed:
        comment = receipts.find(typed)
        if comment is not None:
            return redirect(url_for("public.receipt", code=comment.receipt_code))
        error = _("No comment has this receipt code. Check the code on your receipt and try again.")
    closed = [s for s in consultations.list_public(utcnow()) if not s.is_open and s.draft is not None]
    return render_template("public/receipt_lookup.html", typed=typed, error=error, closed=closed)


@bp.route("/receipts/<code>")
@private
def receipt(code: str):
    comment = receipts.find(code)
    if comment is None:
        abort(404)
    if comment.receipt_code != code:
        return redirect(url_for("public.receipt", code=comment.receipt_code))
    return render_template(
        "public/receipt.html",
        comment=comment,
        just_sent=request.args.get("sent") == "1",
        code=receipts.display_code(comment.receipt_code),
        stages=receipts.history(comment),
        left_out_labels=labels.LEFT_OUT,
        withheld=receipts.is_withheld(comment),
        referral=referrals.for_receipt(comment.id, local_today()),
        certified=(receipts.outcome(comment) or receipts.Stage("", False, None)).outcome in receipts.CERTIFIED,
    )


@bp.route("/receipts/<code>/certificate")
@private
def certificate(code: str):
    """A print-ready certificate of adoption (采纳证明) for a comment whose opinion was adopted."""
    comment = receipts.find(code)
    if comment is None:
        abort(404)
    outcome = receipts.outcome(comment)
    if outcome is None or outcome.outcome not in receipts.CERTIFIED:
        abort(404)
    return render_template("public/certificate.html", comment=comment, outcome=outcome,
                           code=receipts.display_code(comment.receipt_code),
                           contact_point=current_app.config["CONTACT_POINT_NAME"])
