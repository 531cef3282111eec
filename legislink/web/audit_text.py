"""The audit log in sentences: one table from an event's action code to what a person would say.

The code stays what is stored and filtered on; the page shows the sentence (the code only for an
action this table does not know yet).
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..models import Role

ROLE_LABELS = {Role.ADMIN: _l("Administrator"), Role.STAFF: _l("Liaison staff"), Role.REVIEWER: _l("Reviewer")}

SENTENCES = {
    "login": _l("%(who)s signed in."),
    "logout": _l("%(who)s signed out."),
    "login.failed": _l("A sign-in as %(who)s failed: wrong password or unknown user."),
    "login.locked": _l("The account %(who)s was locked after repeated failed sign-ins."),
    "user.create": _l("%(who)s created the account %(username)s (%(role)s)."),
    "user.password_changed": _l("%(who)s changed their password."),
    "user.enable": _l("%(who)s enabled account no. %(ids)s."),
    "user.disable": _l("%(who)s disabled account no. %(ids)s."),
    "user.unlock": _l("%(who)s unlocked account no. %(ids)s after failed sign-ins."),
    "station.create": _l("%(who)s created the liaison station %(name)s (%(code)s)."),
    "personal_data.export": _l("%(who)s exported the personal data given with %(num)s comments."),
    "personal_data.erase": _l("%(who)s erased the personal data given with %(num)s comments."),
    "draft.create": _l("%(who)s created the draft %(title)s."),
    "version.import": _l("%(who)s imported a version of a draft."),
    "consultation.open": _l("%(who)s opened a consultation window."),
    "comment.record": _l("%(who)s recorded a comment collected offline."),
    "comment.import": _l("%(who)s imported %(rows)s comments from the file %(file)s."),
    "comment.translate": _l("%(who)s translated a comment written in another language."),
    "comment.reattribute": _l("%(who)s changed the article of a comment from %(from)s to %(to)s."),
    "comment.confirm_article": _l("%(who)s confirmed the article the analysis gave a comment: %(to)s."),
    "moderation.accept": _l("%(who)s accepted comments for processing: %(num)s."),
    "moderation.spam": _l("%(who)s set comments aside as spam: %(num)s."),
    "moderation.offtopic": _l("%(who)s set comments aside as off-topic: %(num)s."),
    "moderation.restore": _l("%(who)s brought back comments that had been set aside: %(num)s."),
    "moderation.undo": _l("%(who)s undid a moderation step on comments: %(num)s."),
    "analysis.start": _l("%(who)s started the analysis of the comments."),
    "opinion.summary": _l("%(who)s wrote the summary of an opinion group."),
    "opinion.merge": _l("%(who)s merged opinion groups: %(num)s."),
    "opinion.split": _l("%(who)s made a new opinion group of comments: %(num)s."),
    "opinion.move": _l("%(who)s moved a comment to another opinion group."),
    "report.export": _l("%(who)s downloaded the upward report."),
    "report.mark_reported": _l("%(who)s recorded the report as sent upward (%(comments)s comments)."),
    "adoption.suggest": _l("%(who)s asked for adoption proposals against a later version."),
    "adoption.mark": _l("%(who)s recorded whether an opinion was adopted."),
    "adoption.split": _l("%(who)s split a reported opinion by what the final text did with its comments' asks."),
    "adoption.contacts": _l("%(who)s downloaded the contact list of commenters: %(num)s."),
    "figures.export": _l("%(who)s downloaded the yearly figures from %(from)s to %(to)s."),
    "requests.export": _l("%(who)s downloaded the requests sent to departments (%(requests)s of them)."),
    "consultation.standing": _l("The standing 民情直通 form was opened by its first request."),
    "department.create": _l("%(who)s added the department %(name)s."),
    "department.rename": _l("%(who)s changed the name or contact of department no. %(ids)s."),
    "department.retire": _l("%(who)s retired the department %(name)s."),
    "department.restore": _l("%(who)s brought back the department %(name)s."),
    "referral.create": _l("%(who)s sent comment no. %(ids)s to %(department)s, due %(due_on)s."),
    "referral.start": _l("%(who)s recorded that comment no. %(ids)s is being handled."),
    "referral.reply": _l("%(who)s recorded the department's reply to comment no. %(ids)s (%(replied_on)s)."),
}


_ARTICLE_MOVES = ("comment.reattribute", "comment.confirm_article")


class _Blank(dict):
    """Placeholders an older event lacks read as nothing, never as an error."""

    def __missing__(self, key):
        return ""


def sentence(event) -> str:
    """What happened, in the interface's language."""
    template = SENTENCES.get(event.action)
    if template is None:
        return event.action
    detail = event.detail or {}
    # A failed sign-in has no account behind it, only the name that was typed.
    typed = detail.get("username") if event.action == "login.failed" else None
    who = event.username or typed or _("the system")
    params = _Blank({key: str(value) for key, value in detail.items()})
    if detail.get("role") in set(Role):
        params["role"] = str(ROLE_LABELS[Role(detail["role"])])
    params.update(who=who, num=len(event.object_ids or ()), ids=", ".join(map(str, (event.object_ids or ())[:5])))
    if event.action in _ARTICLE_MOVES:
        # An article left empty is the whole draft.
        params.update({key: _("the whole draft") for key in ("from", "to") if key in detail and not detail[key]})
    said = str(template) % params
    if detail.get("reason"):
        said += " " + _("Reason: %(reason)s", reason=detail["reason"])
    return said
