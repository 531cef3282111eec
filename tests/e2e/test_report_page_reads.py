"""The report page laid out for reading (issue 17.4), in a real browser: 意见来源 wide enough to read,
long opinions clamped with 显示全部, and 登记为已上报 first, with its count, refusing to go unconfirmed."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import DEMO_CONSULTATION, sideways_scroll

pytestmark = pytest.mark.e2e

REPORT = f"/staff/consultations/{DEMO_CONSULTATION}/report/"


def test_the_report_reads_as_a_table_and_asks_before_changing_receipts(live_server, open_page):
    page = open_page("staff", viewport={"width": 1366, "height": 900})
    # Runs before the files that record the demo's report (test_reviewer_adoption, test_staff_report); adding
    # and grouping a comment of its own here would change the opinion groups those files count.
    page.goto(live_server + REPORT)
    source = page.locator(".report-preview thead th", has_text="意见来源")
    assert source.bounding_box()["width"] >= 180
    action = page.get_by_role("button", name="登记为已上报")
    assert action.bounding_box()["y"] < page.locator(".report-preview").bounding_box()["y"]
    expect(page.locator(".report-sent")).to_contain_text(re.compile(r"\d+ 条意见的回执将显示“已上报”"))

    for row in page.locator(".report-preview tbody tr").all()[:40]:
        # The opinion and its suggested wording are clamped to six lines until 显示全部; an open translation form
        # (a foreign-language opinion not yet translated) adds its own height below them.
        assert row.locator(".clamp-box").evaluate(
            "box => box.getBoundingClientRect().height <= 6 * 1.6 * parseFloat(getComputedStyle(box).fontSize) + 1")
        form = row.locator("details.translation[open] form")
        beside = form.bounding_box()["height"] if form.count() else 0
        assert row.bounding_box()["height"] - beside < 260

    action.click()  # not confirmed: the browser holds the form back, nothing is recorded
    expect(page.locator(".flash-success")).to_have_count(0)
    assert page.url == live_server + REPORT


def test_on_a_phone_only_the_table_scrolls_sideways_and_long_opinions_are_clamped(live_server, open_page):
    page = open_page("staff", viewport={"width": 390, "height": 844})
    page.goto(live_server + REPORT)
    assert sideways_scroll(page) <= 0
    expect(page.locator(".report-sent")).to_be_visible()
    # In the narrow opinion column long text is clamped until asked for all of it.
    show_all = page.locator(".show-all:visible").first
    expect(show_all).to_have_text("显示全部")
    cell = page.locator("#" + show_all.get_attribute("aria-controls"))
    before = cell.bounding_box()["height"]
    show_all.click()
    expect(show_all).to_have_attribute("aria-expanded", "true")
    expect(show_all).to_have_text("收起")
    assert cell.bounding_box()["height"] > before
