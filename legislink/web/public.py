"""What residents see: the consultations, and what became of their comment."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..models import Draft, utcnow
from ..services import consultations, reader, receipts

bp = Blueprint("public", __name__)


@bp.route("/")
def index():
    return render_template("public/index.html", summaries=consultations.list_public(utcnow()))


@bp.route("/drafts/<int:draft_id>")
def draft(draft_id: int):
    draft = db.get_or_404(Draft, draft_id)
    now = utcnow()
    consultation = reader.current_consultation(draft.id, now)
    if consultation is None:
        abort(404)
    return render_template(
        "public/draft.html",
        draft=draft,
        consultation=consultation,
        version=consultation.version,
        tree=reader.version_tree(consultation.version_id),
        counts=reader.comment_counts(consultation.id),
        is_open=consultation.is_open(now),
        days_left=consultations.days_left(consultation, now),
    )


@bp.route("/receipts")
def receipt_lookup():
    typed = request.args.get("code", "")
    error = None
    if typed:
        comment = receipts.find(typed)
        if comment is not None:
            return redirect(url_for("public.receipt", code=comment.receipt_code))
        error = _("No comment has this receipt code. Check the code on your receipt and try again.")
    return render_template("public/receipt_lookup.html", typed=typed, error=error)


@bp.route("/receipts/<code>")
def receipt(code: str):
    comment = receipts.find(code)
    if comment is None:
        abort(404)
    if comment.receipt_code != code:
        return redirect(url_for("public.receipt", code=comment.receipt_code))
    return render_template(
        "public/receipt.html",
        comment=comment,
        code=receipts.display_code(comment.receipt_code),
        stages=receipts.history(comment),
        withheld=receipts.is_withheld(comment),
    )
