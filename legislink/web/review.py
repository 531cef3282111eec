"""Reviewers close the loop: the final text beside the consulted one, a proposed mark per reported
opinion with its evidence, and the mark they confirm."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import permissions
from ..extensions import db
from ..lawtext import char_diff
from ..models import Adoption, Consultation, DraftVersion, utcnow
from ..services import adoption
from .boundary import refusal
from .guards import require

bp = Blueprint("review", __name__, url_prefix="/review/consultations/<int:consultation_id>")


def _later_versions(consultation: Consultation) -> list[DraftVersion]:
    return list(db.session.scalars(select(DraftVersion).where(
        DraftVersion.draft_id == consultation.version.draft_id, DraftVersion.id != consultation.version_id)
        .order_by(DraftVersion.position)))


@bp.route("/adoption")
@require(permissions.can_mark_adoption)
def adoption_page(consultation_id: int):
    consultation = db.get_or_404(Consultation, consultation_id)
    versions = _later_versions(consultation)
    chosen = request.args.get("to", type=int) or (versions[-1].id if versions else None)
    suggestions, error = [], None
    if chosen is not None:
        with refusal() as refused:
            suggestions = adoption.suggest(consultation, chosen, actor=current_user)
        error = refused.message or None
    rows = [(s, char_diff(s.old_text, s.final_text) if s.old_text and s.final_text else []) for s in suggestions]
    marked = [s.group for s in suggestions if s.group.adoption is not None]
    return render_template("review/adoption.html", consultation=consultation, versions=versions, chosen=chosen,
                           rows=rows, error=error, marked=marked, outcomes=list(Adoption))


@bp.route("/adoption/<int:group_id>", methods=["POST"])
@require(permissions.can_mark_adoption)
def mark(consultation_id: int, group_id: int):
    consultation = db.get_or_404(Consultation, consultation_id)
    try:
        outcome = Adoption(request.form.get("outcome", ""))
    except ValueError:
        abort(400)
    final_version = request.form.get("to", type=int)
    with refusal() as refused:
        told = adoption.mark(consultation, group_id, outcome, note=request.form.get("note", "")[:2000],
                             final_text=request.form.get("final_text", "")[:10000], final_version_id=final_version,
                             now=utcnow(), actor=current_user)
        flash(_("Marked. %(num)s commenters see it on their receipts.", num=told), "success")
    if refused:
        flash(refused.message, "error")
    return redirect(url_for("review.adoption_page", consultation_id=consultation.id, to=final_version)
                    + f"#g{group_id}")
