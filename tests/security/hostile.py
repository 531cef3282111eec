"""What an attacker or a careless paste sends, and what every answer to it must respect."""

import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "{{ 7*7 }}{% raw %}",
    "'; DROP TABLE comments; --",
    "' OR '1'='1",
    "1; SELECT pg_sleep(5)",
    "\\x00\\u0000%00",
    "=HYPERLINK(\"http://evil.example\")",
    "\u202e\u2066txt.exe\u2069",  # right-to-left override and isolates
    "\u200f\u200e\u061c",  # right-to-left and left-to-right marks
    "\ufeff\u200b\u2028\u2029",
    "ｆｕｌｌ　ｗｉｄｔｈ　１２３",
    "𠀀𪚥🙂👨‍👩‍👧",
    "\uffff\ufffe\U0010ffff",
)
CONTROLS = ("\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\x9f", "\r", "\r\n", "\t")
HUGE = ("很" * 5_001, "a" * 100_000, "\x00" * 10_000, "第一条" * 20)

piece = st.one_of(st.text(max_size=30), st.sampled_from(PAYLOADS), st.sampled_from(CONTROLS))
hostile_text = st.lists(piece, max_size=6).map("".join)
# Often long enough to be accepted, so that what is stored gets checked too.
comment_text = st.one_of(hostile_text, hostile_text.map(lambda s: "这一条应当写得更清楚：" + s),
                         st.sampled_from(HUGE))


def maybe(valid: list[str]):
    """A valid value, or anything at all."""
    return st.one_of(st.sampled_from(valid), hostile_text)


# Each example is a few requests against a real database: slow by unit-test standards, and the
# fixtures are shared by the examples on purpose (the state they build up is part of the test).
FUZZ = settings(max_examples=30, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# C0 controls other than tab and newline, DEL and C1 controls: never stored, never rendered from storage.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# In a page, a carriage return is the textarea widget's own line break.
PAGE_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
URL_ATTRIBUTES = {"href", "src", "action", "formaction"}


class _MarkupCheck(HTMLParser):
    """Collects what only injected markup could have put in the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag == "script":
            self.in_script = True
            if "src" not in names:
                self.found.append("<script> without src")
        self.found += [f"<{tag} {name}=...>" for name in names if name.startswith("on")]
        self.found += [f"<{tag} {name}={value}>" for name, value in attrs
                       if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:")]

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.found.append("a script body")


def assert_no_injected_markup(html: str) -> None:
    """Whatever was sent, the page holds no script body, no event handler, no javascript: URL."""
    check = _MarkupCheck()
    check.feed(html)
    check.close()
    assert check.found == [], f"markup that only an injection could have put there: {check.found}"


def assert_no_control_chars(html: str) -> None:
    assert not PAGE_CONTROL_CHARS.search(html), "a control character reached the page"
