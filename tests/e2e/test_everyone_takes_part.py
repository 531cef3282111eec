"""Issue 19 in a real browser: large text, no typed comment lost, errors announced, the phone's
table of contents, links named apart, fields that say what they hold, the language of parts,
opt-in shortcuts with undo, and a report table the keyboard can scroll."""

import re
import subprocess

import pytest
from playwright.sync_api import Page, expect

from .conftest import BIN, _free_port, _wait_for
from .helpers import DEMO_CONSULTATION, DEMO_DRAFT

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
FORM = f"/drafts/{DEMO_DRAFT}/comment?article=第十四条"
TYPED = "电话卡被暂停前应当先通知经营户，并给出申辩的时间。"

# The smallest computed font size of any text a person can see on the page.
SMALLEST_TEXT = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let smallest = Infinity;
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || !element.getClientRects().length) continue;
    if (element.closest(".visually-hidden, .honeypot, [hidden], details:not([open]) > :not(summary)")) continue;
    smallest = Math.min(smallest, parseFloat(getComputedStyle(element).fontSize));
  }
  return smallest;
}"""


def size(page: Page, selector: str) -> float:
    return page.locator(selector).first.evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)")


def box(page: Page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


# 1. Large text -------------------------------------------------------------------------------

def test_the_large_text_switch_enlarges_text_spacing_and_targets_and_keeps_what_was_typed(live_server, open_page):
    page = open_page(viewport=PHONE)
    page.goto(live_server + FORM)
    page.locator("#text").fill(TYPED)
    assert size(page, "body") == 16
    switch = page.get_by_role("link", name="大字模式")
    # The switch tells the server in the background; the choice is remembered once it has answered.
    with page.expect_response(lambda response: response.request.method == "HEAD"):
        switch.click()

    expect(page.locator("html")).to_have_class("large-text")
    expect(page.locator("#text")).to_have_value(TYPED)  # switched in place: nothing typed is lost
    for selector in ("body", "label[for=text]", "#text", ".quoted-provision p", ".field .hint", ".site-footer"):
        assert size(page, selector) >= 20, selector
    assert page.evaluate(SMALLEST_TEXT) >= 20
    body = page.locator("body").evaluate("(e) => getComputedStyle(e).lineHeight")
    assert float(body.removesuffix("px")) >= 1.5 * 20
    for target in (".lang-switch a", ".text-size-switch"):
        assert box(page, target)["height"] >= 44, target
        assert box(page, target)["width"] >= 44, target

    page.goto(f"{live_server}/drafts/{DEMO_DRAFT}")  # remembered from page to page
    expect(page.locator("html")).to_have_class("large-text")
    line_gap = page.locator(".paragraph > p").first.evaluate(
        "(p) => parseFloat(getComputedStyle(p).lineHeight) - parseFloat(getComputedStyle(p).fontSize)")
    paragraph_gap = page.locator(".paragraph > p").first.evaluate("(p) => parseFloat(getComputedStyle(p).marginBottom)")
    assert paragraph_gap > line_gap
    assert box(page, ".comment-link")["height"] >= 44
    with page.expect_response(lambda response: response.request.method == "HEAD"):
        page.get_by_role("link", name="标准字号").click()
    expect(page.locator("html")).not_to_have_class("large-text")
    page.reload()
    assert size(page, "body") == 16


def test_the_browsers_own_text_size_is_followed(live_server, browser):
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 24, "fixed": 24}})
    page.goto(live_server + FORM)
    for selector in ("label[for=text]", "#text", ".quoted-provision p:not(.small)", "h1"):
        assert size(page, selector) >= 24, selector
    assert size(page, ".field .hint") < size(page, "label[for=text]")  # hints no longer outgrow labels
    context.close()


# 2. No typed comment lost --------------------------------------------------------------------

def test_a_comment_survives_a_session_that_has_gone(live_server, browser):
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server + FORM)
    page.locator("#text").fill(TYPED)
    page.locator("#name").fill("王阿姨")
    context.clear_cookies()  # the browser was restarted: the session and its token are gone
    page.get_by_role("button", name="提交意见").click()

    expect(page.locator(".error-summary")).to_contain_text("页面已经过期")
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator("#text")).to_have_value(TYPED)
    expect(page.locator("#name")).to_have_value("王阿姨")
    page.get_by_role("button", name="提交意见").click()
    expect(page.locator(".flash-success")).to_contain_text("您的意见已经收到")
    context.close()


@pytest.fixture(scope="module")
def limited_server(live_server, instance_env):
    """The same site and database served once more with a limit of one comment a minute per address."""
    env = {**instance_env, "LEGISLINK_RATELIMIT_ENABLED": "1", "LEGISLINK_COMMENT_RATE_LIMIT": "1 per minute"}
    port = _free_port()
    server = subprocess.Popen([BIN / "legislink", "serve", "--port", str(port), "--workers", "1"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/healthz")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_comment_survives_the_limit_and_failed_attempts_do_not_count(limited_server, browser):
    # Not open_page: Chromium logs the 429 answer as a console error, which open_page refuses.
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto(limited_server + FORM)
    page.locator("#text").fill("太短")
    page.get_by_role("button", name="提交意见").click()
    expect(page.locator(".error-summary")).to_be_visible()
    page.locator("#text").fill("应当先通知再暂停，这是第一条被接受的意见。")
    page.get_by_role("button", name="提交意见").click()  # the failed attempt did not use up the limit
    expect(page.locator(".flash-success")).to_be_visible()

    page.goto(limited_server + FORM)
    page.locator("#text").fill(TYPED)
    page.get_by_role("button", name="提交意见").click()
    expect(page.locator(".error-summary")).to_contain_text("这条意见还没有收到")
    expect(page.locator("body")).not_to_contain_text("已经收到")
    expect(page.locator("#text")).to_have_value(TYPED)
    expect(page.get_by_role("button", name="提交意见")).to_be_visible()
    context.close()


# 3. Errors announced -------------------------------------------------------------------------

def test_focus_lands_on_the_error_summary_whose_links_lead_to_the_fields(live_server, open_page):
    page = open_page(viewport=PHONE)
    page.goto(live_server + FORM)
    page.locator("#text").fill("太短")
    page.locator("#phone").fill("12345")
    page.get_by_role("button", name="提交意见").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile("^错误："))
    top = box(page, ".error-summary")["y"]
    assert 0 <= top < PHONE["height"] - 60  # the first error is in view on a phone
    expect(summary.get_by_role("link")).to_have_count(2)
    summary.get_by_role("link").filter(has_text="电话号码").click()
    expect(page.locator("#phone")).to_be_focused()
    label = box(page, "label[for=phone]")
    assert 0 <= label["y"] < PHONE["height"]


# 4. The phone's table of contents -------------------------------------------------------------

@pytest.mark.parametrize("textsize", ["standard", "large"])
def test_a_chapter_chosen_on_a_phone_is_not_hidden_under_the_contents(live_server, open_page, textsize):
    page = open_page(viewport=PHONE)
    page.goto(f"{live_server}/drafts/{DEMO_DRAFT}?textsize={textsize}")
    page.get_by_text("目录", exact=True).click()
    page.locator(".toc").get_by_role("link", name=re.compile("^第三章")).click()
    heading = page.locator(":target > h2")
    expect(heading).to_contain_text("第三章")
    bar = box(page, ".toc")
    assert box(page, ":target > h2")["y"] >= bar["y"] + bar["height"]

    page.get_by_text("目录", exact=True).click()
    chapter = page.locator(".toc li").filter(has=page.get_by_role("link", name=re.compile("^第三章")))
    chapter.locator(".toc-articles > summary").first.click()
    first_article = chapter.locator(".toc-articles a").first
    label = first_article.inner_text()
    first_article.click()
    expect(page.locator(":target .article-label")).to_contain_text(label)
    bar = box(page, ".toc")
    assert box(page, ":target .article-label")["y"] >= bar["y"] + bar["height"]


# 5–7. Names, fields and languages -------------------------------------------------------------

def test_links_are_named_apart_fields_say_what_they_hold_and_parts_their_language(live_server, open_page):
    page = open_page(viewport=PHONE)
    page.goto(f"{live_server}/drafts/{DEMO_DRAFT}")
    expect(page.get_by_role("link", name="对本条提意见 第十四条", exact=True)).to_have_count(1)
    names = page.locator(".comment-link").evaluate_all("(links) => links.map((a) => a.textContent.trim())")
    assert len(names) > 30
    assert len(set(names)) == len(names)

    page.goto(live_server + FORM)
    phone = page.locator("#phone")
    assert [phone.get_attribute(a) for a in ("type", "inputmode", "autocomplete")] == ["tel", "tel", "tel"]
    assert page.locator("#name").get_attribute("autocomplete") == "name"

    page.goto(f"{live_server}/drafts/{DEMO_DRAFT}?lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".draft-text")).to_have_attribute("lang", "zh-Hans")
    page.goto(f"{live_server}{FORM}&lang=en")
    expect(page.locator(".quoted-provision")).to_have_attribute("lang", "zh-Hans")


# 8. Opt-in shortcuts and undo ------------------------------------------------------------------

def test_a_stray_key_marks_nothing_and_a_spam_mark_is_undone(live_server, open_page, premoderated):
    resident = open_page(viewport=PHONE)
    resident.goto(live_server + "/")
    listed = resident.get_by_role("listitem").filter(has_text="电动自行车停放充电")
    listed.get_by_role("link", name="阅读并提意见").click()
    resident.locator("#a2").get_by_role("link", name=re.compile("^对本条提意见")).click()
    resident.get_by_label("您的意见").fill("充电桩的收费标准应当公示，防止乱收费。")
    resident.get_by_role("button", name="提交意见").click()
    expect(resident.locator(".flash-success")).to_be_visible()

    page = open_page("staff")
    page.goto(f"{live_server}/staff/consultations/{premoderated}/review")
    expect(page.locator(".review-text")).to_contain_text("充电桩的收费标准")
    page.keyboard.press("s")  # shortcuts are off: nothing happens
    page.wait_for_timeout(300)
    expect(page.locator(".review-text")).to_contain_text("充电桩的收费标准")
    expect(page.locator(".undo-bar")).to_have_count(0)

    page.get_by_label("使用单键快捷键").check()
    page.keyboard.press("s")
    expect(page.locator(".undo-bar")).to_contain_text("已标为垃圾信息")
    page.locator(".undo-bar").get_by_role("button", name="撤销").click()
    expect(page.locator(".flash-success")).to_contain_text("已撤销")
    expect(page.locator(".review-text")).to_contain_text("充电桩的收费标准")
    page.reload()
    expect(page.get_by_label("使用单键快捷键")).to_be_checked()  # remembered once turned on
    page.keyboard.press("a")  # leave the queue as it was found: nothing pending
    expect(page.locator(".undo-bar")).to_contain_text("已受理")


# 9. The report table -------------------------------------------------------------------------

def test_the_report_table_is_a_named_region_the_keyboard_scrolls(live_server, open_page):
    page = open_page("staff", viewport=PHONE)
    page.goto(f"{live_server}/staff/consultations/{DEMO_CONSULTATION}/report/")
    region = page.get_by_role("region", name="上报意见一览（与工作簿一致）")
    expect(region).to_be_visible()
    assert region.evaluate("(e) => e.scrollWidth > e.clientWidth")  # it does scroll on a phone
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.table-wrap[role=region]')"):
            break
    expect(region).to_be_focused()
    for _ in range(20):
        page.keyboard.press("ArrowRight")
        if region.evaluate("(e) => e.scrollLeft") > 0:
            break
    assert region.evaluate("(e) => e.scrollLeft") > 0
