"""Field filters and validators shared by the forms."""

import re

import phonenumbers
from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

# C0 controls other than tab and newline, DEL, C1 controls and lone surrogates: never stored.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(value):
    """Plain text as typed, without control characters; line ends normalised."""
    if value is None:
        return value
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def normalise_phone(value: str, region: str = "CN") -> str | None:
    """E.164 for a valid number (Chinese numbers without +86, foreign ones with +), else None."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class PhoneNumber:
    """A mobile or fixed number, Chinese by default; rewritten to E.164 when valid."""

    message = _l("This is not a valid phone number. Chinese numbers need 11 digits; foreign ones start with +.")

    def __call__(self, form, field):
        if not field.data:
            return
        normalised = normalise_phone(field.data)
        if normalised is None:
            raise ValidationError(self.message)
        field.data = normalised
