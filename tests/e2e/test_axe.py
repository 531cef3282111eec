"""axe-core (tests/e2e/package.json, installed by `make axe`) on every public page and the staff
pages, at phone and desktop width, in Chinese and English, and the public pages with large text:
no serious or critical violation."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .helpers import DEMO_CONSULTATION, DEMO_DRAFT

pytestmark = pytest.mark.e2e

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
CONSULTATION = f"/staff/consultations/{DEMO_CONSULTATION}"
PUBLIC = ["/", f"/drafts/{DEMO_DRAFT}", f"/drafts/{DEMO_DRAFT}/comment?article=第十四条",
          f"/drafts/{DEMO_DRAFT}/comment", f"/drafts/{DEMO_DRAFT}/results", "/receipts", "/receipts?code=XXXX",
          "/login", f"/drafts/{DEMO_DRAFT}/poster?station=CC01"]
SIGNED_IN = {"staff": ["/staff/", f"{CONSULTATION}/", f"{CONSULTATION}/comments",
                       f"{CONSULTATION}/review?status=accepted",
                       f"{CONSULTATION}/offline", f"{CONSULTATION}/opinions/?article=第八条",
                       f"{CONSULTATION}/opinions/guesses", f"{CONSULTATION}/report/",
                       "/staff/figures/", f"/staff/drafts/{DEMO_DRAFT}"],
             "reviewer": [f"/review/consultations/{DEMO_CONSULTATION}/adoption"],
             "admin": ["/admin/audit", "/admin/users"]}
# Only what blocks or seriously hinders someone fails the build; the rest is for a person to weigh.
RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" "))}));
}"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed at {AXE}: run `make axe` (npm ci in tests/e2e)")
    return AXE.read_text("utf-8")


def violations(page: Page, axe_source: str, url: str) -> list[dict]:
    page.goto(url)
    page.evaluate(axe_source)
    return [{"page": url, **found} for found in page.evaluate(RUN)]


def _with_errors_then_sent(page: Page, base: str, axe_source: str) -> list[dict]:
    """The comment form sent back with its errors listed, then the receipt once it is sent."""
    page.goto(f"{base}/drafts/{DEMO_DRAFT}/comment?article=第十四条")
    page.locator("#text").fill("太短")
    page.locator("#phone").fill("12345")
    page.locator("form.comment-form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    page.evaluate(axe_source)
    found = [{"page": "the comment form with errors", **found} for found in page.evaluate(RUN)]
    page.locator("#text").fill("电话卡暂停服务前应当提前通知经营户。")
    page.locator("#phone").fill("")
    page.locator("form.comment-form button[type=submit]").click()
    expect(page.locator(".receipt-code")).to_be_visible()
    page.evaluate(axe_source)
    return found + [{"page": "the receipt", **found} for found in page.evaluate(RUN)]


def with_lang(url: str, lang: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}lang={lang}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_public_pages_have_no_serious_violation(live_server, open_page, axe_source, width, lang):
    page = open_page(viewport=WIDTHS[width])
    found = [v for path in PUBLIC for v in violations(page, axe_source, with_lang(live_server + path, lang))]
    found += _with_errors_then_sent(page, live_server, axe_source)
    assert found == [], json.dumps(found, ensure_ascii=False, indent=1)


def test_public_pages_with_large_text_have_no_serious_violation(live_server, open_page, axe_source):
    page = open_page(viewport=WIDTHS["phone"])
    page.goto(f"{live_server}/?textsize=large")
    found = [v for path in PUBLIC[:4] for v in violations(page, axe_source, live_server + path)]
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
    assert found == [], json.dumps(found, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_staff_pages_have_no_serious_violation(live_server, open_page, axe_source, width, lang):
    found = []
    for role, paths in SIGNED_IN.items():
        page = open_page(role, viewport=WIDTHS[width])
        page.goto(with_lang(f"{live_server}/staff/", lang))  # the language is remembered from here on
        found += [v for path in paths for v in violations(page, axe_source, live_server + path)]
    assert found == [], json.dumps(found, ensure_ascii=False, indent=1)
