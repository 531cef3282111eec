"""Issue 17 points 6, 7 and 10 in a real browser, at phone width: charts a phone can read, and the
tools a contact point expects."""

import pytest
from playwright.sync_api import expect

from .helpers import DEMO_CONSULTATION, DEMO_DRAFT, sideways_scroll

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}

_CHART_TEXT = """() => Array.from(document.querySelectorAll(".bar-label, .bar-value, .column-ticks span, .column-peak"))
  .map((el) => ({text: el.textContent, size: parseFloat(getComputedStyle(el).fontSize),
                 cut: el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().left < 0}))"""
_CHARTS_WITHOUT_TABLE = """() => Array.from(document.querySelectorAll(".bar-chart, .column-chart"))
  .filter((chart) => !(chart.nextElementSibling && chart.nextElementSibling.matches(".chart-table")
                       && chart.nextElementSibling.querySelectorAll("tbody tr").length)).length"""


def test_dashboard_charts_read_on_a_phone(live_server, open_page):
    page = open_page("staff", PHONE)
    page.goto(f"{live_server}/staff/consultations/{DEMO_CONSULTATION}/")
    texts = page.evaluate(_CHART_TEXT)
    assert len(texts) > 10
    assert [t for t in texts if t["size"] < 12] == []
    assert [t for t in texts if t["cut"]] == []
    assert page.evaluate(_CHARTS_WITHOUT_TABLE) == 0
    expect(page.locator(".chart-table").first).to_be_visible()
    assert sideways_scroll(page) <= 0


def test_a_stations_poster_qr_code_leads_to_the_form_with_the_station_chosen(live_server, open_page):
    page = open_page(None, PHONE)
    page.goto(f"{live_server}/drafts/{DEMO_DRAFT}/poster?station=CC01")
    qr = page.locator(".poster-qr svg.qr")
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] >= 250  # a phone reads it from a stall's counter
    assert sideways_scroll(page) <= 0
    target = page.locator(".poster-url").inner_text()
    assert target.endswith(f"/drafts/{DEMO_DRAFT}?station=CC01")
    page.goto(target.replace("http://localhost", live_server))
    page.locator("a.comment-link").first.click()
    expect(page.locator("select#station")).to_have_value("CC01")


def test_the_report_and_the_yearly_figures_fit_a_phone(live_server, open_page):
    page = open_page("staff", PHONE)
    page.goto(f"{live_server}/staff/consultations/{DEMO_CONSULTATION}/report/")
    assert sideways_scroll(page) <= 0
    page.goto(f"{live_server}/staff/figures/")
    assert sideways_scroll(page) <= 0
