"""Human names of the model's enums, translated; `chinese()` gives the form the reports use."""

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from .models import Adoption, Channel, CommentStatus, ConsultationKind, Identity

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

# What is consulted, and where it stands in the making of a law (立法前 / 立法中 / 立法后).
KIND = {
    ConsultationKind.DRAFT: _l("Draft for comment"),
    ConsultationKind.PROPOSAL: _l("Call for legislative proposals"),
    ConsultationKind.EVALUATION: _l("Evaluation of a law in force"),
    ConsultationKind.STANDING: _l("Residents' requests"),
}
STAGE = {
    ConsultationKind.DRAFT: _l("During legislation"),
    ConsultationKind.PROPOSAL: _l("Before legislation"),
    ConsultationKind.EVALUATION: _l("After legislation"),
    ConsultationKind.STANDING: _l("Beyond legislation"),
}


def chinese(labels: dict) -> dict:
    """The same labels in Chinese whatever the interface language: reports and imports use them."""
    return in_language(labels, "zh")


def in_language(labels: dict, locale: str) -> dict:
    """The labels in one language, whatever the interface's (or outside any request)."""
    with force_locale(locale):
        return {key: str(value) for key, value in labels.items()}


# Why a comment is not in the report that went upward, as its receipt tells the resident
# (services/receipts.left_out_reason).
LEFT_OUT = {
    "spam": _l("It was set aside as advertising or spam."),
    "ad": _l("It was set aside as advertising: it did not comment on the draft."),
    "abuse": _l("It was set aside because it contained insults or abuse."),
    "unrelated": _l("It was set aside because it was not about this draft."),
    "other_law": _l("It was set aside because it was about another law, not this draft."),
    "empty": _l("It agreed with the draft without proposing a change, so there was nothing to pass on."),
    "unchecked": _l("It was still waiting to be checked by staff when the report was sent."),
    "not_chosen": _l("It was read, but its point was not among the opinions the report passed on."),
}
