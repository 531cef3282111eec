"""A resident on a phone: list, draft, comment in Chinese and in English, receipt, lookup."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_a_resident_comments_on_an_article_and_looks_up_the_receipt(live_server, page):
    page.goto(live_server + "/")
    expect(page.locator("h1")).to_have_text("正在征求意见")
    page.get_by_role("link", name="阅读并提意见").first.click()
    expect(page.locator("#a14")).to_contain_text("电话卡")

    # The table of contents is folded on a phone and leads to a chapter.
    page.get_by_text("目录", exact=True).click()
    page.get_by_role("link", name=re.compile("第三章")).click()
    expect(page).to_have_url(re.compile(r"#h\d+$"))

    page.locator("#a14").get_by_role("link", name="对本条提意见").click()
    expect(page.locator("h1")).to_have_text("对第十四条的意见")
    page.get_by_label("您的意见").fill("电话卡被暂停服务前应当先通知经营者，给出说明的时间。")
    page.get_by_label("您的身份").select_option(label="个体工商户")
    page.get_by_role("button", name="提交意见").click()

    expect(page.locator(".flash-success")).to_contain_text("您的意见已经收到")
    code = page.locator(".receipt-code .code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    expect(page.locator(".facts")).to_contain_text("第十四条")

    page.goto(live_server + "/receipts")
    page.get_by_label("回执编号").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="查询").click()
    expect(page.locator(".comment-body")).to_contain_text("电话卡被暂停服务前")
    expect(page.locator(".timeline li.done")).to_have_count(1)


def test_a_foreign_merchant_comments_in_english(live_server, page):
    page.goto(live_server + "/?lang=en")
    expect(page.locator("h1")).to_have_text("Open for your views")
    page.get_by_role("link", name="Read and comment").first.click()
    page.locator("#a18").get_by_role("link", name="Comment on this article").click()
    comment = page.get_by_role("textbox", name="Your comment", exact=True)
    comment.fill("Please publish the guides in Arabic and Russian too.")
    page.get_by_label("You are").select_option(label="Foreign merchant")
    page.get_by_label("Mobile number (optional, never published)").fill("+971501234567")
    page.get_by_label("The liaison station may contact me").check()
    page.get_by_role("button", name="Send my comment").click()
    expect(page.locator(".flash-success")).to_contain_text("Your comment has been received")
    expect(page.locator("body")).not_to_contain_text("971501234567")


def test_errors_are_shown_next_to_the_field_and_the_text_is_kept(live_server, page):
    page.goto(live_server + "/drafts/1/comment?article=第八条")
    page.get_by_label("您的意见").fill("太短")
    page.get_by_label("手机号码（选填，不会公开）").fill("12345")
    page.get_by_role("button", name="提交意见").click()
    expect(page.locator("#text-error")).to_be_visible()
    expect(page.locator("#phone-error")).to_contain_text("电话号码")
    expect(page.get_by_label("您的意见")).to_have_value("太短")


def test_the_form_can_be_used_with_the_keyboard_alone(live_server, page):
    page.goto(live_server + "/drafts/1/comment?article=第十条")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.get_by_label("您的意见").focus()
    page.keyboard.type("营业时间调整应当提前三十日公告。")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    page.keyboard.press("Enter")
    expect(page.locator(".flash-success")).to_be_visible()


def test_pages_fit_a_360_pixel_screen(live_server, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in ("/", "/drafts/1", "/drafts/1/comment?article=第七条", "/receipts"):
        page.goto(live_server + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    context.close()
