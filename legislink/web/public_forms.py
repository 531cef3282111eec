"""The resident's comment form. Field names are an interface: kiosks post them (DESIGN.md)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectChoice, SelectField, StringField, TelField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from .. import labels
from ..models import Identity
from .fields import PhoneNumber, clean_text

TEXT_MIN, TEXT_MAX = 5, 5000
# Shared by every form that takes a comment, online or recorded by staff.
TEXT_VALIDATORS = [
    DataRequired(message=_l("Please write your comment.")),
    Length(min=TEXT_MIN, max=TEXT_MAX, message=_l("Your comment must be between %(min)d and %(max)d characters long.")),
]
OPTIONAL_TEXT = [Optional(), Length(max=TEXT_MAX)]


class CommentForm(FlaskForm):
    article = StringField(_l("Which article is your comment about?"), filters=[clean_text],
                          validators=[Optional(), Length(max=40)], render_kw={"list": "article-options"})
    text = TextAreaField(_l("Your comment"), filters=[clean_text], validators=TEXT_VALIDATORS)
    suggestion = TextAreaField(_l("Suggested wording (optional)"), filters=[clean_text], validators=OPTIONAL_TEXT)
    reason = TextAreaField(_l("Reason (optional)"), filters=[clean_text], validators=OPTIONAL_TEXT)
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
