"""Simplified Chinese by default, English on request, and a complete catalogue."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "legislink" / "translations" / "zh" / "LC_MESSAGES"


def test_pages_are_in_simplified_chinese_by_default(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="zh-Hans">' in html
    assert "<h1>正在征求意见</h1>" in html


def test_lang_en_switches_to_english_and_is_remembered(client):
    html = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Open for your views" in html
    again = client.get("/").get_data(as_text=True)
    assert "Open for your views" in again
    back = client.get("/receipts?lang=zh").get_data(as_text=True)
    assert "回执查询" in back
    assert "正在征求意见" in client.get("/").get_data(as_text=True)


def test_an_unknown_language_falls_back_to_chinese(client):
    assert '<html lang="zh-Hans">' in client.get("/?lang=xx").get_data(as_text=True)


def test_the_language_switch_keeps_the_page(client):
    html = client.get("/receipts").get_data(as_text=True)
    assert 'href="/receipts?lang=en"' in html


def _read(path: Path) -> dict:
    """A .po or .pot file's messages by id (a plural's by its singular)."""
    with path.open("rb") as f:
        return {m.id if isinstance(m.id, str) else m.id[0]: m for m in read_po(f) if m.id}


@pytest.fixture(scope="module")
def messages_in_the_code(tmp_path_factory) -> set[str]:
    """The message ids the code and templates use, extracted once for the tests below."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run(
        # Babel skips folders starting with "_" unless told otherwise: templates/_macros holds strings too.
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l",
         "--ignore-dirs", ".*", "--no-location", "-o", str(pot), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    return set(_read(pot))


def test_every_message_in_the_code_has_a_chinese_translation(messages_in_the_code):
    po = _read(CATALOGUE / "messages.po")
    missing = sorted(k for k in messages_in_the_code if k not in po or not po[k].string or po[k].fuzzy)
    assert missing == []


def test_the_committed_template_holds_every_message_in_the_code(messages_in_the_code):
    # A translator starting another language begins from messages.pot (`make catalog` rewrites it).
    template = _read(CATALOGUE.parent.parent / "messages.pot")
    assert sorted(messages_in_the_code - set(template)) == []


def test_the_compiled_catalogue_matches_its_source():
    def entries(catalog):
        def key(value):
            return value if isinstance(value, str) else tuple(value)

        return {key(m.id): key(m.string) for m in catalog if m.id and not m.fuzzy}

    with (CATALOGUE / "messages.po").open("rb") as f:
        po = entries(read_po(f))
    with (CATALOGUE / "messages.mo").open("rb") as f:
        mo = entries(read_mo(f))
    assert mo == po
