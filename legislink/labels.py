"""Human names of the model's enums, translated; `chinese()` gives the form the reports use."""

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from .models import Adoption, Channel, CommentStatus, Identity

IDENTITY = {
    Identity.RESIDENT: _l("Resident"),
    Identity.TRADER: _l("Self-employed trader"),
    Identity.ENTERPRISE: _l("Enterprise"),
    Identity.ECOMMERCE: _l("E-commerce seller"),
    Identity.LAWYER: _l("Lawyer"),
    Identity.DEPUTY: _l("People's congress deputy"),
    Identity.FOREIGN_MERCHANT: _l("Foreign merchant"),
    Identity.CADRE: _l("Community or village official"),
    Identity.TEACHER: _l("Teacher"),
    Identity.STUDENT: _l("Student"),
    Identity.OTHER: _l("Other"),
}

CHANNEL = {
    Channel.ONLINE: _l("Online"),
    Channel.SYMPOSIUM: _l("Symposium"),
    Channel.LETTER: _l("Letter"),
    Channel.PHONE: _l("Phone call"),
    Channel.VISIT: _l("Home visit"),
    Channel.IMPORT: _l("Imported"),
}

STATUS = {
    CommentStatus.PENDING: _l("Waiting for moderation"),
    CommentStatus.ACCEPTED: _l("Accepted"),
    CommentStatus.SPAM: _l("Spam"),
    CommentStatus.OFFTOPIC: _l("Off-topic"),
}

ADOPTION = {
    Adoption.ADOPTED: _l("Adopted"),
    Adoption.PARTLY: _l("Partly adopted"),
    Adoption.NOT_ADOPTED: _l("Not adopted"),
}


def chinese(labels: dict) -> dict:
    """The same labels in Chinese whatever the interface language: reports and imports use them."""
    return in_language(labels, "zh")


def in_language(labels: dict, locale: str) -> dict:
    """The labels in one language, whatever the interface's (or outside any request)."""
    with force_locale(locale):
        return {key: str(value) for key, value in labels.items()}
