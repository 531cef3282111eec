"""Template filters: dates in the contact point's time zone, comment targets as labels, the language
of a part of a page."""

from datetime import date, datetime, timedelta

from flask import Flask, current_app, request, url_for
from flask_babel import format_date, format_datetime, get_timezone
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from .. import labels
from ..analysis.text import language_tag
from ..lawtext.numerals import int_to_cn
from ..models import ConsultationKind
from .i18n import html_lang


def deadline(closes_at) -> str:
    """A window closing at midnight ends on the previous day: show that day."""
    return format_date(closes_at - timedelta(seconds=1), "long")


def local_today() -> date:
    """Today where the contact point is (BABEL_DEFAULT_TIMEZONE), not where the server runs."""
    return datetime.now(get_timezone()).date()


def date_long(value) -> str:
    """A moment as its day where the contact point is, written in full: 2026年12月4日 / December 4, 2026."""
    return format_date(value, "long") if value else ""


def datetime_local(value) -> str:
    return format_datetime(value, "medium") if value else ""


def paragraph_label(number: int | None) -> str:
    return f"第{int_to_cn(number)}款" if number else ""


def target_label(comment) -> str:
    """第十二条第二款, 第三章, the whole draft (or law), or the law a proposal asks for."""
    if comment.provision is None:
        if comment.title:
            return comment.title
        kind = comment.consultation.kind
        return _("The whole law") if kind == ConsultationKind.EVALUATION else _("The whole draft")
    return comment.provision.label + paragraph_label(comment.paragraph)


def lang_attr(tag: str) -> Markup:
    """` lang="…"` on a part of the page in another language than the page (WCAG 3.1.2): the law text
    in the English interface, an English comment in the Chinese one. Nothing when they agree."""
    return Markup(' lang="{}"').format(tag) if tag != html_lang() else Markup("")


def lang_of(text: str | None) -> Markup:
    """lang_attr for a text written by someone: a comment, a draft's title."""
    return lang_attr(language_tag(text or ""))


def consultation_url(consultation) -> str:
    """Where the public reads a consultation: its draft's page when it has a text, else its own page."""
    if consultation.has_text:
        return url_for("public.draft", draft_id=consultation.version.draft_id)
    return url_for("public.consultation", consultation_id=consultation.id)


def has_endpoint(name: str) -> bool:
    return name in current_app.view_functions


def may_open(name: str) -> bool:
    """The endpoint exists and its guard (guards.require) lets the signed-in user in: links that would
    only be refused are not shown."""
    view = current_app.view_functions.get(name)
    permission = getattr(view, "permission", None)
    return view is not None and (permission is None or permission(current_user))


STAFF_PREFIXES = ("/staff", "/admin", "/review")
STAFF_ENDPOINTS = {"auth.change_password"}


def staff_page() -> bool:
    """A page for staff only (workspace, administration, review): no residents' footer there."""
    return request.path.startswith(STAFF_PREFIXES) or request.endpoint in STAFF_ENDPOINTS


# Punctuation that closes a Chinese sentence or clause: full-width, it carries its own spacing.
_FULL_WIDTH_CLOSE = frozenset("。！？；：，、）》」』")


def sentences(parts) -> Markup:
    """Sentences as one run of text, joined as each language sets them: a space after one that ends in
    Western punctuation (English), none after a full-width mark (Chinese sets no space between sentences).
    Markup stays markup; plain text is escaped."""
    joined, ends = Markup(""), None  # `ends`: the last character of the text joined so far
    for part in parts:
        text = part.striptags() if isinstance(part, Markup) else str(part)
        if text and ends is not None and ends not in _FULL_WIDTH_CLOSE:
            joined += " "
        joined += part
        ends = text[-1] if text else ends
    return joined


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        has_endpoint=has_endpoint, may_open=may_open, staff_page=staff_page,
        status_labels=labels.STATUS, channel_labels=labels.CHANNEL,
        identity_labels=labels.IDENTITY, adoption_labels=labels.ADOPTION, lang_attr=lang_attr,
        consultation_kinds=labels.KIND, stage_labels=labels.STAGE, consultation_url=consultation_url,
    )
    app.add_template_filter(lang_of)
    app.add_template_filter(deadline)
    app.add_template_filter(datetime_local)
    app.add_template_filter(date_long)
    app.add_template_filter(target_label)
    app.add_template_filter(paragraph_label)
    app.add_template_filter(sentences)
