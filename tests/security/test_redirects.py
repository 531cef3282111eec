"""No open redirect through `next=`: whatever URL is generated, a sign-in (or a visit to the
sign-in page when already signed in) ends on a path of this site."""

from urllib.parse import urlencode, urlsplit

from hypothesis import example, given, settings
from hypothesis import strategies as st

from ..builders import PASSWORD
from ..conftest import post_form
from .hostile import FUZZ

PREFIXES = ("", "/", "//", "///", "/\\", "\\\\", "\\/", "http:", "https:", "http://", "https://", "//\t/", "/\t/",
            "/\n/", "javascript:", "data:text/html,", " //", "\x00//", "/%2F", "/%5C", "%2F%2F", "/.//", "ftp://",
            "HTTPS://", "\u3002//", "／／")
HOSTS = ("evil.example", "evil.example:443", "user@evil.example", "127.0.0.1", "[::1]", "evil。example", "localhost")
next_urls = st.one_of(
    st.text(max_size=40),
    st.tuples(st.sampled_from(PREFIXES), st.sampled_from(HOSTS), st.text(max_size=10)).map("".join),
    st.lists(st.sampled_from(PREFIXES + HOSTS), max_size=5).map("".join),
)


def assert_stays_on_site(location: str) -> None:
    # Browsers drop tabs and line breaks from URLs and read a backslash as a slash.
    seen = location.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/").lstrip()
    parts = urlsplit(seen)
    assert not parts.scheme, location
    assert not parts.netloc, location
    assert seen.startswith("/"), location
    assert not seen.startswith("//"), location


@FUZZ
@given(target=next_urls)
@example(target="//evil.example")
@example(target="/\t/evil.example")
@example(target="https://evil.example")
@example(target="/\n/\uff0f")  # found by hypothesis: urlsplit drops the newline, then NFKC makes ／ a slash
def test_a_signed_in_visit_to_login_never_leaves_the_site(staff, target):
    response = staff.get("/login?" + urlencode({"next": target}))
    assert response.status_code == 302
    assert_stays_on_site(response.headers["Location"])


@settings(FUZZ, max_examples=10)  # each example hashes a password
@given(target=next_urls)
def test_signing_in_never_leaves_the_site(app, world, target):
    client = app.test_client()
    response = post_form(client, "/login?" + urlencode({"next": target}), {"username": "wang", "password": PASSWORD})
    assert response.status_code == 302
    assert_stays_on_site(response.headers["Location"])
