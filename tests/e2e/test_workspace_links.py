"""Every link the workspace shows a staff member, reviewer or administrator opens for them: no tab or
shortcut leads to a refusal."""

from urllib.parse import urljoin

import pytest

from .helpers import DEMO_CONSULTATION

pytestmark = pytest.mark.e2e

WORKSPACE = ("/staff", "/review", "/admin")
LINKS = """() => Array.from(document.querySelectorAll("main a[href]"), (a) => a.getAttribute("href"))"""


@pytest.mark.parametrize("role", ["staff", "reviewer", "admin"])
def test_every_workspace_link_a_person_sees_opens_for_them(live_server, open_page, role):
    page = open_page(role)
    page.goto(f"{live_server}/staff/consultations/{DEMO_CONSULTATION}/")
    tabs = page.locator("nav.tabs a")
    tab_urls = [urljoin(page.url, href) for href in tabs.evaluate_all("(links) => links.map((a) => a.href)")]
    assert tab_urls, "the consultation has no tabs"
    seen, refused = set(), []
    for tab in tab_urls:
        if (status := page.goto(tab).status) >= 400:
            refused.append(f"the tab {tab.removeprefix(live_server)} ({status})")
            continue
        for href in page.evaluate(LINKS):
            url = urljoin(page.url, href).split("#")[0]
            if url in seen or not url.startswith(tuple(live_server + prefix for prefix in WORKSPACE)):
                continue
            seen.add(url)
            status = page.request.get(url, max_redirects=0).status
            if status >= 400:
                refused.append(f"{url.removeprefix(live_server)} ({status}) on {tab.removeprefix(live_server)}")
    assert refused == []
