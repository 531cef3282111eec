"""Issue 17 point 10: "还剩 N 天" counts calendar days where the contact point is."""

from datetime import UTC, datetime

import pytest

from legislink.models import Consultation
from legislink.services.consultations import days_left

# Closes at midnight Shanghai time starting 6 December: the last day is 5 December there.
CLOSES = datetime(2026, 12, 5, 16, 0, tzinfo=UTC)


def _open_until(closes: datetime) -> Consultation:
    return Consultation(opens_at=datetime(2026, 11, 1, tzinfo=UTC), closes_at=closes)


@pytest.mark.parametrize(("now", "expected"), [
    # 23:30 on 4 December in Shanghai (15:30 UTC): tomorrow is the last day, one day left, though
    # fewer than 24 hours remain.
    (datetime(2026, 12, 4, 15, 30, tzinfo=UTC), 1),
    # 07:30 on 5 December in Shanghai, still 4 December in UTC: the last day has come.
    (datetime(2026, 12, 4, 23, 30, tzinfo=UTC), 0),
    (datetime(2026, 12, 1, 2, 0, tzinfo=UTC), 4),
])
def test_days_left_are_calendar_days_in_the_contact_points_zone(now, expected):
    assert days_left(_open_until(CLOSES), now, "Asia/Shanghai") == expected


def test_a_closed_window_has_no_days_left():
    assert days_left(_open_until(CLOSES), CLOSES, "Asia/Shanghai") is None


def test_a_window_closing_in_the_evening_counts_tomorrow_as_a_day_left():
    # Closes at 18:00 on 5 December in Shanghai; at 20:00 the evening before, 22 hours remain, and
    # a resident reads "1 day left", not "0 days left".
    closes = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
    assert days_left(_open_until(closes), datetime(2026, 12, 4, 12, 0, tzinfo=UTC), "Asia/Shanghai") == 1
