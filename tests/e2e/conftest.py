"""A real server (`legislink serve`, gunicorn) on a demo instance, driven by Debian's Chromium."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("LEGISLINK_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
STAFF_PASSWORD = "Lianluo-zhan-2024"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not come up")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The site with the demo data, a staff account `e2e` with a known password, rate limits off."""
    instance = tmp_path_factory.mktemp("e2e-instance")
    env = {**os.environ, "LEGISLINK_INSTANCE_PATH": str(instance), "LEGISLINK_RATELIMIT_ENABLED": "0"}
    env.pop("LEGISLINK_DATABASE_URL", None)
    run = {"env": env, "check": True, "capture_output": True, "text": True}
    subprocess.run([BIN / "legislink", "init", "--demo"], **run)
    subprocess.run([BIN / "legislink", "users", "create", "e2e", "--role", "staff", "--station", "CC01",
                    "--password-stdin"], input=STAFF_PASSWORD + "\n", **run)
    port = _free_port()
    log = (instance / "server.log").open("w")
    server = subprocess.Popen([BIN / "legislink", "serve", "--port", str(port), "--workers", "1"],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base + "/healthz")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("LEGISLINK_SKIP_BROWSER") == "1":
            pytest.skip("LEGISLINK_SKIP_BROWSER=1 and no Chromium: browser tests NOT run")
        pytest.fail(f"Chromium not found at {CHROMIUM}: `apt-get install chromium` (make test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()
    assert errors == [], f"the page logged errors: {errors}"
