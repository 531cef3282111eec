"""The staff pages on a 360-px phone and with the keyboard alone: nothing scrolls sideways, every
field has a label, focus is always visible, and a comment can be recorded without a mouse."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from .helpers import (
    DATA,
    DEMO_CONSULTATION,
    DEMO_DRAFT,
    NARROW,
    RECEIPT_CODE,
    sideways_scroll,
    unlabelled_fields,
)

pytestmark = pytest.mark.e2e

CONSULTATION = f"/staff/consultations/{DEMO_CONSULTATION}"
PAGES = {
    "staff": ["/staff/", "/staff/drafts/", "/staff/drafts/new", f"/staff/drafts/{DEMO_DRAFT}",
              f"/staff/drafts/{DEMO_DRAFT}/versions/1", f"/staff/drafts/{DEMO_DRAFT}/versions/1/consultation",
              f"{CONSULTATION}/", f"{CONSULTATION}/comments", f"{CONSULTATION}/comments?status=accepted&text=摊位",
              f"{CONSULTATION}/review?status=accepted", f"{CONSULTATION}/offline", f"{CONSULTATION}/import/",
              f"{CONSULTATION}/opinions/?article=第八条", f"{CONSULTATION}/opinions/guesses", f"{CONSULTATION}/report/",
              "/staff/figures/",
              "/account/password"],
    "reviewer": ["/staff/", f"/review/consultations/{DEMO_CONSULTATION}/adoption", f"{CONSULTATION}/report/",
                 f"/staff/drafts/{DEMO_DRAFT}/versions/new"],
    "admin": ["/admin/audit", "/admin/users", "/admin/stations", "/admin/personal-data"],
}
# A date field's own parts (day, month, year, calendar button) show Chromium's focus highlight instead.
FOCUS_VISIBLE = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return element.type === "date"
    || (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
}"""


def _problems(page: Page, path: str) -> list[str]:
    found = []
    if (overflow := sideways_scroll(page)) > 0:
        found.append(f"{path} scrolls sideways by {overflow}px")
    if fields := unlabelled_fields(page):
        found.append(f"{path} has fields without a label: {fields}")
    return found


@pytest.mark.parametrize("role", sorted(PAGES))
def test_staff_pages_fit_a_360_pixel_screen_and_label_every_field(live_server, open_page, role):
    page = open_page(role, viewport=NARROW)
    problems = []
    for path in PAGES[role]:
        response = page.goto(live_server + path)
        assert response.status == 200, f"{path} answered {response.status}"
        problems += _problems(page, path)
    assert problems == []


def test_the_draft_preview_fits_a_360_pixel_screen(live_server, open_page):
    page = open_page("staff", viewport=NARROW)
    page.goto(live_server + "/staff/drafts/new")
    page.get_by_label("或粘贴文本").fill((DATA / "community_garden_draft.txt").read_text("utf-8"))
    page.get_by_role("button", name="预览").click()
    expect(page.locator("h1")).to_have_text("核对解析结果")
    assert _problems(page, "the preview") == []
    page.get_by_role("button", name="取消").click()
    expect(page.locator(".flash-info")).to_contain_text("未保存任何内容")


def _tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element is focused, checking on the way that focus can always be seen."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_VISIBLE), f"no visible focus on {page.evaluate('document.activeElement.outerHTML')}"
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_an_offline_comment_is_recorded_with_the_keyboard_alone(live_server, open_page):
    page = open_page("staff", viewport=NARROW)
    page.goto(f"{live_server}{CONSULTATION}/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    _tab_to(page, "nav.tabs a[href$='/offline']")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("录入线下收集的意见")

    _tab_to(page, "#channel")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("收集方式")).to_have_value("letter")
    # The date starts at today where the contact point is; the up arrow moves its first part (the
    # browser's order of day, month and year) and the down arrow brings it back.
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()
    expect(page.get_by_label("收集日期")).to_have_value(today)
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowUp")
    expect(page.get_by_label("收集日期")).not_to_have_value(today)
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("收集日期")).to_have_value(today)
    _tab_to(page, "#collector")
    page.keyboard.type("信息员小陈")
    _tab_to(page, "#article")
    page.keyboard.type("第二十五条")
    _tab_to(page, "#text")
    page.keyboard.type("来信反映：通道两侧堆货越来越多，消防车根本进不来，希望条例规定得再严一些。")
    _tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("意见回执")
    expect(page.locator(".facts")).to_contain_text("第二十五条")
    expect(page.locator(".facts")).to_contain_text("信件")
    assert RECEIPT_CODE.fullmatch(page.locator(".facts .code").inner_text())
