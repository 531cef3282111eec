"""A real server (`legislink serve`, gunicorn) on a demo instance, driven by Debian's Chromium."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .helpers import DATA, DEMO_CONSULTATION, DESKTOP, sign_in, success

BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("LEGISLINK_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
STAFF_PASSWORD = "Lianluo-zhan-2024"
# Accounts beside the staff one, made with the CLI so they need no password change at first sign-in.
EXTRA_ACCOUNTS = (("e2e-reviewer", "reviewer", "Shenhe-fagongwei-2024"), ("e2e-admin", "admin", "Guanli-xitong-2024"))
# The contact point's own staff (no station): they run the analysis, which regroups every station's comments.
OFFICE = ("e2e-office", "Lianxidian-bangong-2024")
ACCOUNTS = {"staff": ("e2e", STAFF_PASSWORD), "office": OFFICE,
            **{role: (name, password) for name, role, password in EXTRA_ACCOUNTS}}
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
def instance_env(tmp_path_factory) -> dict[str, str]:
    """The environment of every `legislink` command the browser tests run: one instance, rate limits off."""
    instance = tmp_path_factory.mktemp("e2e-instance")
    env = {**os.environ, "LEGISLINK_INSTANCE_PATH": str(instance), "LEGISLINK_RATELIMIT_ENABLED": "0"}
    env.pop("LEGISLINK_DATABASE_URL", None)
    return env


@pytest.fixture(scope="session")
def live_server(instance_env):
    """The site with the demo data, a staff account `e2e` with a known password, rate limits off;
    also a reviewer and an administrator (ACCOUNTS)."""
    env = instance_env
    instance = Path(env["LEGISLINK_INSTANCE_PATH"])
    run = {"env": env, "check": True, "capture_output": True, "text": True}
    subprocess.run([BIN / "legislink", "init", "--demo"], **run)
    subprocess.run([BIN / "legislink", "users", "create", "e2e", "--role", "staff", "--station", "CC01",
                    "--password-stdin"], input=STAFF_PASSWORD + "\n", **run)
    _in_one_process(env, *((["users", "create", name, "--role", role, "--password-stdin"], password + "\n")
                           for name, role, password in (*EXTRA_ACCOUNTS, (OFFICE[0], "staff", OFFICE[1]))))
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


# -- the staff journeys: CLI steps on the same instance, signed-in pages ----------------------


# Starting `legislink` costs seconds of imports: several commands share one process.
_RUN_COMMANDS = """
import json, sys
from click.testing import CliRunner
from legislink.cli import main
outputs = []
for args, given in json.load(sys.stdin):
    result = CliRunner().invoke(main, args, input=given, catch_exceptions=False)
    if result.exit_code:
        sys.exit(f"legislink {' '.join(args)} failed: {result.output}")
    outputs.append(result.stdout)
print(json.dumps(outputs))
"""


def _in_one_process(env: dict[str, str], *commands: tuple[list[str], str | None]) -> list[str]:
    """Run `legislink` commands, each (arguments, standard input), one after the other; their outputs."""
    done = subprocess.run([sys.executable, "-c", _RUN_COMMANDS], input=json.dumps(commands), env=env, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture(scope="session")
def cli(instance_env):
    """`cli(args, ...)`: run `legislink` commands on the browser tests' instance; their JSON outputs."""

    def run(*commands: list[str]) -> list:
        return [json.loads(out) for out in _in_one_process(instance_env, *((args, None) for args in commands))]

    return run


@pytest.fixture(scope="session")
def accounts() -> dict[str, tuple[str, str]]:
    """Role -> (user name, password) of the accounts the server was set up with."""
    return ACCOUNTS


@pytest.fixture(scope="session")
def signed_in(browser, live_server, tmp_path_factory):
    """`signed_in(role)`: the cookies of an account of that role, which signed in once through the form."""
    folder = tmp_path_factory.mktemp("e2e-sessions")
    states: dict[str, str] = {}

    def state(role: str) -> str:
        if role not in states:
            context = browser.new_context(locale="zh-CN")
            sign_in(context.new_page(), live_server, *ACCOUNTS[role])
            states[role] = str(folder / f"{role}.json")
            context.storage_state(path=states[role])
            context.close()
        return states[role]

    return state


@pytest.fixture
def open_page(browser, signed_in):
    """`open_page("staff")`, `open_page("reviewer")`, `open_page("admin")` signed in, `open_page()` a
    resident; a desktop screen unless a viewport is given. Like `page`, a console error fails the test."""
    contexts, errors = [], []

    def open_(role: str | None = None, viewport: dict | None = None):
        context = browser.new_context(viewport=viewport or DESKTOP, locale="zh-CN", accept_downloads=True,
                                      storage_state=signed_in(role) if role else None)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert errors == [], f"the pages logged errors: {errors}"


@pytest.fixture(scope="session")
def premoderated(live_server, cli) -> int:
    """A consultation with pre-moderation on a small draft of our own; its id."""
    (stored,) = cli(["drafts", "import", str(DATA / "bike_charging_draft.txt"), "--version-label", "征求意见稿"])
    # From yesterday: open whatever the test machine's time zone; closing after the demo keeps it second in the list.
    today = date.today()
    opens, closes = today - timedelta(days=1), today + timedelta(days=40)
    (opened,) = cli(["consultations", "open", str(stored["version_id"]), "--opens", opens.isoformat(),
                     "--closes", closes.isoformat(), "--premoderation"])
    return opened["consultation_id"]


@pytest.fixture(scope="session")
def demo_reported(browser, live_server, signed_in) -> None:
    """The demo's report (`init --demo` analyses its comments) recorded as sent upward, by staff."""
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", storage_state=signed_in("staff"))
    page = context.new_page()
    page.goto(f"{live_server}/staff/consultations/{DEMO_CONSULTATION}/report/")
    # Another test may have recorded it already: then the page offers no receipt to change.
    if page.get_by_role("button", name="登记为已上报").count():
        page.get_by_label(re.compile("报告已经报送")).check()  # the confirmation the button asks for
        page.get_by_role("button", name="登记为已上报").click()
        expect(success(page)).to_contain_text("已上报")
    else:
        expect(page.locator(".report-sent")).to_contain_text("没有回执需要更改")
    context.close()
