"""What the staff journeys share: the demo's names, signing in, and the checks a person would notice."""

import re
from io import BytesIO
from pathlib import Path

import openpyxl
from playwright.sync_api import Download, Page, expect

DATA = Path(__file__).parent / "data"
DEMO_TITLE = "示例市国际商贸城市场服务条例（草案征求意见稿）"
# `legislink init --demo` stores the demo draft and its consultation before anything else.
DEMO_DRAFT = 1
DEMO_CONSULTATION = 1
RECEIPT_CODE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}")
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 360, "height": 740}
# How long a test waits for a run the server does while the person waits (an analysis, adoption
# proposals): seconds on an idle machine, past the 10 s default on a loaded CI machine (seen twice).
LONG_RUN_MS = 60_000

_UNLABELLED_FIELDS = """() => Array.from(document.querySelectorAll("input, select, textarea"))
  .filter((el) => el.type !== "hidden")
  .filter((el) => {
    const named = (el.getAttribute("aria-label") || "").trim()
      || Array.from(el.labels || []).some((label) => label.textContent.trim())
      || (el.getAttribute("aria-labelledby") || "").split(/\\s+/).some((id) => {
        const label = id && document.getElementById(id);
        return label && label.textContent.trim();
      });
    return !named;
  })
  .map((el) => `${el.tagName.toLowerCase()}#${el.id || ""}[name=${el.name || ""}]`)"""


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    """Through the sign-in form, as a person does; ends on the workspace home."""
    page.goto(base + "/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("h1")).to_have_text("工作台")


def success(page: Page):
    return page.locator(".flash-success")


def sideways_scroll(page: Page) -> int:
    """How many pixels the page scrolls sideways; a page that fits gives 0 or less."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def unlabelled_fields(page: Page) -> list[str]:
    """Every visible-kind form field without a label, aria-label or aria-labelledby that says something."""
    return page.evaluate(_UNLABELLED_FIELDS)


def workbook(download: Download) -> openpyxl.Workbook:
    """The downloaded .xlsx (Playwright keeps it under a name without the extension openpyxl wants)."""
    assert download.suggested_filename.endswith(".xlsx"), download.suggested_filename
    return openpyxl.load_workbook(BytesIO(Path(download.path()).read_bytes()))


def xlsx_bytes(book: openpyxl.Workbook) -> bytes:
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def matching_count(page: Page) -> int:
    """The moderation queue's 「共 N 条符合条件」."""
    text = page.locator(".bulk-bar strong").inner_text()
    return int(re.search(r"\d+", text.replace(",", "")).group())
