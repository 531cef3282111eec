"""Reviewers close the loop: the final text beside the consulted one, a proposed mark per reported
opinion with its evidence, and the mark they confirm.

Opening the page reads what was stored; proposals are computed by a run the POST of its form
starts (`services.jobs`): inline when small, else in the background while the page shows progress."""

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select

from .. import permissions
from ..extensions import db
from ..lawtext import DiffSpan, char_diff
from ..models import Adoption, Consultation, DraftVersion, OpinionGroup, RunKind, utcnow
from ..services import adoption, jobs
from .boundary import execute_after_commit, refusal
from .fields import page_number, row_id
from .filters import paragraph_label
from .guards import require

bp = Blueprint("review", __name__, url_prefix="/review/consultations/<int:consultation_id>")

FILTER_LABELS = {"unmarked": _l("Not yet marked"), "adopted": _l("Proposed: adopted"),
                 "partly": _l("Proposed: partly adopted"), "not_adopted": _l("Proposed: not adopted"),
                 "all": _l("All")}

# One line of reason per code of the proposal's evidence; params fill the sentence.
REASONS = {
    "kept": _l("The final text keeps the provision, as the opinion asked."),
    "removed_against": _l("The opinion asked to keep the provision; the final text removed it."),
    "kept_little": _l("The opinion asked to keep the provision; %(final_article)s of the final text keeps little "
                      "of what it named."),
    # changed: what the ask wanted kept and the final text changed (a quoted wording, a figure, 可以→应当).
    "changed_against": _l("The opinion asked to keep the provision as it was; %(final_article)s of the final text "
                          "changes it: %(changed)s."),
    # added: the first words the final text adds to the wording the opinion asked to keep word for word.
    "kept_with_addition": _l("The opinion asked to keep the wording as it was; %(final_article)s of the final text "
                             "keeps it and adds “%(added)s”."),
    "deleted_as_asked": _l("The final text deletes what the opinion asked to delete."),
    "added_as_asked": _l("The final text adds “%(added)s”, as the opinion asked."),
    "rewritten_as_asked": _l("The final text is worded as the opinion's suggestion asks."),
    # changed: what the diff of the article shows, such as 可以→应当, 千分之三→千分之一 or 二小时.
    "changed_as_asked": _l("As the opinion asked, %(final_article)s of the final text changes: %(changed)s."),
    # got: the final article that moves that way; made/asked: counts of asks, or shares such as 60% / 100%.
    "partly_general": _l("The opinion asked for %(asked)s; %(got)s of the final text moves that way in general "
                         "terms, without it."),
    "partly_figure": _l("The opinion asked for %(asked)s; %(final_article)s of the final text writes %(got)s "
                        "instead, in the same direction."),
    "partly_softer": _l("%(final_article)s of the final text takes up what the opinion asks, but as “%(got)s” "
                        "(an encouragement or a permission), not as a duty."),
    "figure_against": _l("The opinion asked for %(asked)s; %(final_article)s of the final text writes %(got)s, "
                         "the other way."),
    "partly_eased": _l("The opinion asked to remove a condition; %(final_article)s of the final text keeps it, "
                       "eased to %(got)s."),
    "partly_some": _l("Part of what the opinion asks for is in the final text (%(made)s of %(asked)s)."),
    # final_article: where the provision stands in the final text; chapter: the name of its new chapter.
    "merged_as_asked": _l("As the opinion asked, the final text merges the provision with another: %(final_article)s."),
    "split_as_asked": _l("As the opinion asked, the final text splits the provision; part of it is now "
                         "%(final_article)s."),
    "moved_as_asked": _l("As the opinion asked, the provision moves to another chapter: %(final_article)s, "
                         "in “%(chapter)s”."),
    "structure_unchanged": _l("The opinion asked to merge, split or move the provision; the final text does not."),
    "unchanged": _l("What the opinion asks about is unchanged in the final text."),
    "not_found": _l("What the opinion asks for is not found in the final text."),
    "whole_draft_found": _l("An opinion on the whole draft: what it asks for is in %(final_article)s of the final "
                            "text."),
}
UNKNOWN_REASON = _l("Compare the two wordings to judge this proposal.")


def _legacy_reason(evidence: dict) -> dict | None:
    """Evidence stored before proposals carried a reason code: the nearest code, when there is one."""
    if evidence.get("change") == "same":
        return {"code": "unchanged", "params": {}}
    if evidence.get("change") == "deleted" and evidence.get("asked_deletion"):
        return {"code": "deleted_as_asked", "params": {}}
    if evidence.get("mode") == "rewrite" and evidence.get("edits_asked"):
        return {"code": "partly_some", "params": {"made": evidence.get("edits_made", 0),
                                                  "asked": evidence["edits_asked"]}}
    if evidence.get("mode") == "addition" and evidence.get("new_words_made"):
        return {"code": "added_as_asked", "params": {"added": evidence["new_words_made"]}}
    return None


def reason_sentence(evidence: dict) -> str:
    """The proposal's reason in plain words, in the reader's language."""
    reason = evidence.get("reason") if isinstance(evidence.get("reason"), dict) else _legacy_reason(evidence)
    template = REASONS.get((reason or {}).get("code"))
    if template is None:
        return str(UNKNOWN_REASON)
    params = {key: "、".join(map(str, value)) if isinstance(value, list | tuple) else value
              for key, value in (reason.get("params") or {}).items()}
    try:
        return str(template) % params
    except (KeyError, ValueError, TypeError):
        return str(UNKNOWN_REASON)


@dataclass(frozen=True)
class Card:
    """One reported opinion as the reviewer reads it."""

    group: OpinionGroup
    article: str | None
    final_article: str | None
    consulted: list[DiffSpan]  # the consulted wording, what the final text dropped marked
    final: list[DiffSpan]  # the final wording, what it added marked
    final_text: str
    reason: str
    # When the comments of one opinion ask things the final text treated differently: each outcome
    # proposed for some of its members, with their number, commonest first (empty when they agree).
    split: list[tuple[Adoption, int]]
    # When a split by proposal made it: the reported opinion it was taken out of, or those taken out of it.
    split_from: int | None = None
    split_into: tuple[int, ...] = ()
    # For a proposal of 未采纳: other changed provisions of the final text most like the opinion, (label, wording
    # with what the revision added marked), where it may have been taken up in other words
    # (analysis.adoption.elsewhere); for one found in another article, what the article commented on became first.
    elsewhere: tuple[tuple[str, list[DiffSpan]], ...] = ()
    # For a proposal found in another article than the one commented on: that one's label, listed first in
    # `elsewhere` with what became of it.
    elsewhere_from: str | None = None
    # How proposals of its kind fared on the revisions held out for measuring, when enough were measured.
    reliability: adoption.Reliability | None = None


def _split(evidence: dict) -> list[tuple[Adoption, int]]:
    known = {a.value for a in Adoption}
    counts = {Adoption(o): n for o, n in (evidence.get("members") or {}).items() if n and o in known}
    return sorted(counts.items(), key=lambda item: -item[1]) if len(counts) > 1 else []


def _card(group: OpinionGroup) -> Card:
    evidence = group.adoption_evidence or {}
    listed = [e for e in evidence.get("elsewhere") or () if isinstance(e, dict) and e.get("label") and e.get("text")]
    consulted, final = evidence.get("consulted") or "", evidence.get("final") or ""
    spans = char_diff(consulted, final) if consulted and final else []
    article = group.provision.label + paragraph_label(group.paragraph) if group.provision is not None else None
    return Card(group, article, evidence.get("final_article"),
                [s for s in spans if s.op != "added"] or ([DiffSpan("same", consulted)] if consulted else []),
                [s for s in spans if s.op != "removed"] or ([DiffSpan("same", final)] if final else []),
                final, reason_sentence(evidence) if group.proposed_adoption is not None else "",
                _split(evidence) if group.proposed_adoption is not None else [],
                evidence.get("split_from"), tuple(evidence.get("split_into") or ()),
                tuple((e["label"], _added(e.get("consulted") or "", e["text"])) for e in listed),
                next((e["label"] for e in listed if e.get("commented")), None),
                adoption.proposal_reliability(evidence) if group.proposed_adoption is not None else None)


def _added(consulted: str, final: str) -> list[DiffSpan]:
    """The final wording with what it added to the consulted one marked; a new article is added whole."""
    if not consulted:
        return [DiffSpan("added", final)]
    return [s for s in char_diff(consulted, final) if s.op != "removed"] or [DiffSpan("same", final)]


def _later_versions(consultation: Consultation) -> list[DraftVersion]:
    return list(db.session.scalars(select(DraftVersion).where(
        DraftVersion.draft_id == consultation.version.draft_id, DraftVersion.id != consultation.version_id)
        .order_by(DraftVersion.position)))


def _show(value: str | None) -> str:
    return value if value in adoption.FILTERS else "unmarked"


@bp.route("/adoption")
@require(permissions.can_mark_adoption)
def adoption_page(consultation_id: int):
    consultation = db.get_or_404(Consultation, consultation_id)
    versions = _later_versions(consultation)
    show = _show(request.args.get("show"))
    listing = adoption.review_list(consultation, show, page=request.args.get("page", 1, type=page_number),
                                   at=request.args.get("at", type=row_id))
    against = next((v for v in versions if v.id == listing.proposed_against), None)
    now = utcnow()
    return render_template("review/adoption.html", consultation=consultation, versions=versions, show=show,
                           listing=listing, against=against, run=jobs.active_run(consultation, now, RunKind.ADOPTION),
                           last_run=jobs.latest_run(consultation, RunKind.ADOPTION),
                           # Marks are judged against a later version: none yet, nothing to mark.
                           cards=[_card(g) for g in listing.groups] if versions else [],
                           outcomes=list(Adoption), filters=FILTER_LABELS)


@bp.route("/adoption/propose", methods=["POST"])
@require(permissions.can_mark_adoption)
def propose(consultation_id: int):
    consultation = db.get_or_404(Consultation, consultation_id)
    with refusal() as refused:
        run, background = jobs.start_adoption(
            consultation, request.form.get("to", type=row_id) or 0, now=utcnow(), actor=current_user,
            background_threshold=current_app.config["ADOPTION_BACKGROUND_THRESHOLD"])
        execute_after_commit(
            run.id, background,
            queued=_("Marks are being proposed in the background; this page shows when they are ready."),
            done=_proposed_sentence)
    if refused:
        flash(refused.message, "error")
    return redirect(url_for("review.adoption_page", consultation_id=consultation.id))


def _proposed_sentence(done) -> str:
    """What the reviewer is told when a proposal run ends: how many opinions, and how many of them a
    split by proposal took out of another."""
    sentence = _("Proposed a mark for %(num)s reported opinions. Nothing is marked until you confirm it.",
                 num=done.summary.get("proposed", 0))
    if split := done.summary.get("split", 0):
        sentence += " " + ngettext("%(num)s of them was taken out of an opinion whose comments the final text "
                                   "treated differently.", "%(num)s of them were taken out of opinions whose "
                                   "comments the final text treated differently.", split)
    return sentence


@bp.route("/adoption/<int:group_id>/split", methods=["POST"])
@require(permissions.can_mark_adoption)
def split(consultation_id: int, group_id: int):
    consultation = db.get_or_404(Consultation, consultation_id)
    show = _show(request.form.get("show"))
    with refusal() as refused:
        groups = adoption.split_by_proposal(consultation, group_id, actor=current_user)
        flash(_("Split into %(num)s opinions, one for each proposed mark; mark each of them.", num=len(groups)),
              "success")
    if refused:
        flash(refused.message, "error")
    return redirect(url_for("review.adoption_page", consultation_id=consultation.id, show=show, at=group_id)
                    + f"#g{group_id}")


@bp.route("/adoption/<int:group_id>", methods=["POST"])
@require(permissions.can_mark_adoption)
def mark(consultation_id: int, group_id: int):
    consultation = db.get_or_404(Consultation, consultation_id)
    try:
        outcome = Adoption(request.form.get("outcome", ""))
    except ValueError:
        abort(400)
    show = _show(request.form.get("show"))
    with refusal() as refused:
        told = adoption.mark(consultation, group_id, outcome, note=request.form.get("note", "")[:2000],
                             final_text=request.form.get("final_text", "")[:10000],
                             final_version_id=request.form.get("to", type=row_id), now=utcnow(), actor=current_user)
        flash(_("Marked. %(num)s commenters see it on their receipts.", num=told), "success")
    if refused:
        flash(refused.message, "error")
        return redirect(url_for("review.adoption_page", consultation_id=consultation.id, show=show, at=group_id)
                        + f"#g{group_id}")
    following = adoption.next_to_mark(consultation, show, group_id)
    if following is None:
        flash(_("Every opinion in this list is marked."), "success")
        return redirect(url_for("review.adoption_page", consultation_id=consultation.id, show=show))
    return redirect(url_for("review.adoption_page", consultation_id=consultation.id, show=show, at=following)
                    + f"#g{following}")
