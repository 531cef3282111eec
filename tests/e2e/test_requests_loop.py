"""Requests beyond legislation in the browser: a resident writes to the standing 民情直通 form on a phone
and gets a receipt; staff refer it to a department and record the reply; the receipt shows both, and
never who did it. Screenshots of the new pages at 390 and 1366 px, in Chinese and English."""

import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .helpers import RECEIPT_CODE, sideways_scroll, success

pytestmark = pytest.mark.e2e

REQUEST = "幸福路和工人路口的红绿灯坏了一个星期，早晚高峰很危险，请尽快修好。"


def test_a_request_goes_from_the_direct_line_to_a_department_and_its_reply_back(live_server, page, open_page):
    page.goto(live_server + "/")
    page.get_by_role("link", name="反映民情").click()
    expect(page.locator("h1")).to_have_text("民情直通")
    assert sideways_scroll(page) <= 0
    page.get_by_label("需要解决什么问题？在哪里？").fill(REQUEST)
    page.get_by_label("所属联络站（选填）").select_option(value="CC01")
    page.get_by_role("button", name="提交反映").click()
    expect(success(page)).to_be_visible()
    code = page.locator(".receipt-code .code").inner_text()
    assert RECEIPT_CODE.fullmatch(code)
    expect(page.locator(".facts")).to_contain_text("民情直通")
    expect(page.locator(".referral-receipt")).to_have_count(0)
    expect(page.locator(".timeline li")).to_have_count(1)  # received; no legislative steps for a request
    receipt_url = page.url.split("?")[0]

    staff = open_page("staff")
    staff.goto(live_server + "/staff/requests/")
    staff.get_by_role("link", name="“民情直通”收到的来信").click()
    staff.locator("tr").filter(has_text=REQUEST).get_by_role("link", name="转办").click()
    expect(staff.locator("h1")).to_contain_text("民情事项")
    staff.locator("#department").select_option(label="市公安局交通警察大队")
    staff.locator("#due_on").fill((date.today() + timedelta(days=10)).isoformat())
    staff.get_by_role("button", name="转办", exact=True).click()
    expect(success(staff)).to_contain_text("已转办给“市公安局交通警察大队”")

    page.goto(receipt_url)
    expect(page.locator(".referral-department")).to_have_text("市公安局交通警察大队")
    expect(page.locator(".referral-receipt")).to_contain_text("等待承办单位办理")

    staff.get_by_role("button", name="标为办理中").click()
    expect(success(staff)).to_contain_text("已标为办理中")
    staff.locator("summary").filter(has_text="登记答复").click()
    staff.get_by_label("承办单位的答复").fill("信号灯已于当天更换控制器，恢复正常。")
    staff.get_by_role("button", name="保存答复").click()
    expect(success(staff)).to_contain_text("答复已登记")

    page.goto(receipt_url)
    expect(page.locator(".referral-reply")).to_have_text("信号灯已于当天更换控制器，恢复正常。")
    body = page.locator("body").inner_text()
    assert "e2e" not in re.findall(r"[a-z0-9-]+", body)  # the staff account's name is nowhere
    assert "稠城联络站工作人员" not in body
    assert sideways_scroll(page) <= 0


def test_overdue_requests_lead_the_workspace(live_server, open_page):
    staff = open_page("office")
    staff.goto(live_server + "/staff/")
    staff.locator(".overdue-requests a").click()
    expect(staff.locator("ul.requests li").first).to_have_class(re.compile("overdue"))
    expect(staff.locator("ul.requests li").first).to_contain_text("逾期")


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_new_pages_fit_and_are_pictured(live_server, open_page, width, lang, tmp_path):
    # Screenshots go to LEGISLINK_SCREENSHOTS when it is set (to look at them), else to the test's folder.
    SHOTS = Path(os.environ.get("LEGISLINK_SCREENSHOTS") or tmp_path)  # noqa: N806
    SHOTS.mkdir(parents=True, exist_ok=True)
    viewport = {"width": width, "height": 900}
    pages = {"admin": ["/admin/departments/"], "office": ["/staff/requests/", "/staff/"], None: ["/requests/new"]}
    for role, paths in pages.items():
        tab = open_page(role, viewport)
        for path in paths:
            tab.goto(f"{live_server}{path}?lang={lang}")
            assert sideways_scroll(tab) <= 0, (path, width, lang)
            name = path.strip("/").replace("/", "-") or "home"
            tab.screenshot(path=str(SHOTS / f"{name}-{role or 'public'}-{lang}-{width}.png"), full_page=True)
        if role == "office":
            tab.goto(f"{live_server}/staff/requests/?lang={lang}")
            with tab.expect_navigation():  # measured once the comment's page has loaded, not while it loads
                tab.locator("ul.requests li a.code-small").first.click()
            assert sideways_scroll(tab) <= 0, ("comment", width, lang)
            tab.screenshot(path=str(SHOTS / f"request-comment-{lang}-{width}.png"), full_page=True)
            code = tab.locator("h1").inner_text().split()[-1]
            public = open_page(None, viewport)
            public.goto(f"{live_server}/receipts/{code}?lang={lang}")
            expect(public.locator(".referral-receipt")).to_be_visible()
            assert sideways_scroll(public) <= 0, ("receipt", width, lang)
            public.screenshot(path=str(SHOTS / f"receipt-{lang}-{width}.png"), full_page=True)
