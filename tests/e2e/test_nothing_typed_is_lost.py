"""Issue 17, journeys 1 and 5 in a real browser, on a phone and a desktop: a 20,000-character paste is
counted and comes back whole with the server's word on its length; after a form error, switching
language shows the same form in the other language with everything typed still in it."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import DEMO_DRAFT

pytestmark = pytest.mark.e2e

SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
FORM = f"/drafts/{DEMO_DRAFT}/comment?article=第十四条"
PASTED = "经营户的电话卡被暂停前应当先收到书面通知和申辩的机会。" * 750  # 20,250 characters


@pytest.mark.parametrize("screen", SCREENS)
def test_a_long_paste_is_counted_and_comes_back_whole(live_server, open_page, screen):
    page = open_page(viewport=SCREENS[screen])
    page.goto(live_server + FORM)
    box = page.locator("#text")
    assert box.get_attribute("maxlength") is None
    box.fill(PASTED)
    assert len(box.input_value()) == len(PASTED)  # the browser cut nothing
    count = page.locator("#text-count")
    expect(count).to_be_visible()
    expect(count).to_contain_text("超出 5,000 字上限 15,250 字")

    page.get_by_role("button", name="提交意见").click()
    expect(page.locator(".error-summary")).to_contain_text("20,250")
    expect(page.locator("#text-error")).to_contain_text("没有删减任何内容")
    assert page.locator("#text").input_value() == PASTED

    page.locator("#text").fill(PASTED[:4000])
    expect(count).to_contain_text("已写 4,000 字，上限 5,000 字")
    page.get_by_role("button", name="提交意见").click()
    expect(page).to_have_url(re.compile(r"/receipts/"))


def test_a_paste_too_long_for_the_server_to_read_is_not_sent_and_stays_in_the_box(live_server, open_page):
    """Past the server's form size (1 MB as sent, about 116,000 Chinese characters) the server could
    only answer 413 and the text would be lost: the browser keeps the form and says how far over it is."""
    page = open_page(viewport=SCREENS["phone"])
    page.goto(live_server + FORM)
    huge = PASTED * 7  # 141,750 characters, about 1.2 MB percent-encoded
    page.locator("#text").fill(huge)
    requests = []
    page.on("request", lambda r: requests.append(r) if r.method == "POST" else None)
    page.get_by_role("button", name="提交意见").click()
    expect(page.locator("#text-count")).to_contain_text("超出 5,000 字上限 136,750 字")
    expect(page.locator("#text")).to_be_focused()
    assert page.locator("#text").input_value() == huge
    assert requests == []  # nothing was sent
    assert "/receipts/" not in page.url


@pytest.mark.parametrize("screen", SCREENS)
def test_switching_language_after_a_form_error_keeps_the_form_and_the_text(live_server, open_page, screen):
    typed = "电话卡被暂停前应当先通知经营户。"
    page = open_page(viewport=SCREENS[screen])
    page.goto(live_server + FORM)
    page.locator("#text").fill(typed)
    page.locator("#name").fill("王阿姨")
    page.locator("#phone").fill("12345")  # not a phone number: the form comes back
    # …loaded, script and all, before the language is switched (what is typed rides along through it).
    with page.expect_navigation():
        page.get_by_role("button", name="提交意见").click()
    expect(page.locator("#phone-error")).to_be_visible()

    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text("Your comment on")
    expect(page.locator("h1")).to_contain_text("第十四条")
    expect(page.locator("#text")).to_have_value(typed)
    expect(page.locator("#name")).to_have_value("王阿姨")
    expect(page.locator("#article")).to_have_value("第十四条")

    page.get_by_role("link", name="中文").click()  # and back, before sending anything
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator("#text")).to_have_value(typed)
