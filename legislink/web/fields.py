"""Field filters and validators shared by the forms."""

import re
from datetime import date

import phonenumbers
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter
from wtforms.validators import ValidationError

# The largest row id the databases hold (PostgreSQL INTEGER): a larger number in a link or a form
# names no row, and must not reach a query that would overflow on it.
MAX_ROW_ID = 2**31 - 1
# Dates a form or a link may name: wide enough for every law and consultation, narrow enough that a
# day's bounds (midnight in the contact point's time zone, the next day) never leave datetime's range.
EARLIEST_DATE, LATEST_DATE = date(1900, 1, 1), date(2999, 12, 31)


class RowIdConverter(IntegerConverter):
    """`<int:…>` in every route: 0 to MAX_ROW_ID, anything larger is a 404 like any unknown id."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ROW_ID)
        super().__init__(map, *args, **kwargs)


def row_id(value) -> int:
    """`type=` for request.args and request.form: a row id, or ValueError (werkzeug then gives the
    default, and getlist leaves the value out)."""
    number = int(value)
    if not 0 < number <= MAX_ROW_ID:
        raise ValueError(value)
    return number


def page_number(value) -> int:
    """`type=` for a page number: at least 1; past the last page the service shows the last one."""
    return min(max(int(value), 1), MAX_ROW_ID)


def date_in_range(value: date | None) -> bool:
    return value is None or EARLIEST_DATE <= value <= LATEST_DATE


class DateInRange:
    """A DateField validator: no date before EARLIEST_DATE or after LATEST_DATE."""

    message = _l("Give a date between 1900 and 2999.")

    def __call__(self, form, field):
        if not date_in_range(field.data):
            raise ValidationError(self.message)

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
