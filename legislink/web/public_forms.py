"""The resident's comment form. Field names are an interface: kiosks post them (DESIGN.md)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectField, StringField, TelField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from .. import labels
from ..models import Identity
from .fields import PhoneNumber, clean_text

TEXT_MIN, TEXT_MAX = 5, 5000


class TextLength:
    """A comment's length, checked by the server only. WTForms' Length would also put `maxlength` on
    the box, and a browser then cuts a pasted text at the limit without a word; here the whole text
    comes back with its length and the limit, and a counter (site.js) shows both while typing."""

    def __init__(self, min_: int = 0, max_: int = TEXT_MAX):
        self.min, self.max = min_, max_

    def __call__(self, form, field):
        length = len(field.data or "")
        if length > self.max:
            raise ValidationError(_l(
                "This is %(count)s characters long, over the limit of %(max)s. Nothing has been cut: everything you "
                "wrote is still here. Shorten it, or send the rest as another comment.",
                count=f"{length:,}", max=f"{self.max:,}"))
        if length < self.min:
            raise ValidationError(_l("Your comment must be between %(min)d and %(max)d characters long.",
                                     min=self.min, max=self.max))


# Shared by every form that takes a comment, online or recorded by staff.
TEXT_VALIDATORS = [DataRequired(message=_l("Please write your comment.")), TextLength(TEXT_MIN, TEXT_MAX)]
OPTIONAL_TEXT = [Optional(), TextLength(0, TEXT_MAX)]
# A box whose length site.js counts as it is typed (the field macro adds the counter).
COUNTED = {"data-count-max": TEXT_MAX}


# The fields are declared before those they share (who sends), so each form lists them in page
# order: WTForms orders fields by when they were declared.
class _CommentFields(FlaskForm):
    article = StringField(_l("Which article is your comment about?"), filters=[clean_text],
                          validators=[Optional(), Length(max=40)], render_kw={"list": "article-options"})
    text = TextAreaField(_l("Your comment"), filters=[clean_text], validators=TEXT_VALIDATORS, render_kw=COUNTED)
    suggestion = TextAreaField(_l("Suggested wording (optional)"), filters=[clean_text], validators=OPTIONAL_TEXT,
                               render_kw=COUNTED)
    reason = TextAreaField(_l("Reason (optional)"), filters=[clean_text], validators=OPTIONAL_TEXT,
                           render_kw=COUNTED)


PROPOSAL_TITLE_MAX = 200


class _ProposalFields(FlaskForm):
    title = StringField(_l("Name of the proposed law or regulation"), filters=[clean_text],
                        validators=[DataRequired(message=_l("Name the law or regulation you propose.")),
                                    Length(max=PROPOSAL_TITLE_MAX)])
    text = TextAreaField(_l("Why it is needed"), filters=[clean_text], validators=[
        DataRequired(message=_l("Say why this law or regulation is needed.")), TextLength(TEXT_MIN, TEXT_MAX)],
        render_kw=COUNTED)
    content = TextAreaField(_l("What it should contain (optional)"), filters=[clean_text],
                            validators=OPTIONAL_TEXT, render_kw=COUNTED)


class ResidentFields(FlaskForm):
    """Who sends, shared by every public form: identity, station, contact details and consent."""

    identity = SelectField(_l("You are"), choices=[SelectChoice(i.value, labels.IDENTITY[i]) for i in Identity],
                           default=Identity.RESIDENT.value)
    station = SelectField(_l("Your liaison station (optional)"), validators=[Optional()])
    # Said what they hold (WCAG 1.3.5), so browsers fill them in and phones offer a dial pad.
    name = StringField(_l("Name (optional, never published)"), filters=[clean_text],
                       validators=[Optional(), Length(max=50)], render_kw={"autocomplete": "name"})
    phone = TelField(_l("Mobile number (optional, never published)"), filters=[clean_text],
                     validators=[Optional(), Length(max=32), PhoneNumber()],
                     render_kw={"autocomplete": "tel", "inputmode": "tel"})
    consent = BooleanField(_l("The liaison station may contact me about this comment and tell me its outcome."))
    # A field people never see: bots fill every field they find.
    website = StringField("website", filters=[clean_text])

    def validate_consent(self, field):
        if field.data and not self.phone.data:
            raise ValidationError(_l("Leave a mobile number so that we can contact you, or untick this box."))


class CommentForm(_CommentFields, ResidentFields):
    def for_evaluation(self) -> None:
        """A law in force is evaluated: the same fields ask for problems in practice and improvements."""
        # A problem and an improvement say why already: the reason box is not offered (a kiosk that
        # still posts one has it kept, as on a draft).
        self.text.label.text = _l("Problems in practice")
        self.suggestion.label.text = _l("Suggestions for improvement (optional)")


class ProposalForm(_ProposalFields, ResidentFields):
    """A proposal for a law or regulation to make or revise (立项建议)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent.label.text = _l("The liaison station may contact me about this proposal and tell me what "
                                     "became of it.")
