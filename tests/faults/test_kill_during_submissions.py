"""Nothing acknowledged is lost. Residents send comments to a real server (gunicorn, 2
workers) while the whole server is killed with SIGKILL; then every receipt that was shown
is in the database, every stored comment is whole, and no more comments were stored
without a receipt than requests were in flight at the kill."""

import http.client
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

import pytest
from sqlalchemy import text

from .live import Server, create_instance, drop_instance, wait_for_connections_to_end

pytestmark = pytest.mark.slow

TOKEN_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
CLIENTS = 8
ACKNOWLEDGED_BEFORE_KILL = 40
RECEIPT = re.compile(r"^/receipts/([A-Z0-9]+)$")


@dataclass
class Ledger:
    """What the clients saw, kept under one lock so that the kill can freeze it."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)
    acknowledged: list[str] = field(default_factory=list)
    in_flight: int = 0
    refused: list[int] = field(default_factory=list)


def _exchange(conn, method, path, **kwargs):
    conn.request(method, path, **kwargs)
    response = conn.getresponse()
    body = response.read()
    return response, body


def _post_one(server, ledger: Ledger, form_path: str, n: int) -> None:
    """One resident: the form for its CSRF token, then the POST, on a fresh connection."""
    conn = server.connection()
    try:
        response, body = _exchange(conn, "GET", form_path)
        cookie = (response.getheader("Set-Cookie") or "").split(";")[0]
        token = TOKEN_RE.search(body.decode()).group(1)
        form = urllib.parse.urlencode({"csrf_token": token, "article": "", "identity": "resident", "station": "",
                                       "text": f"建议把摊位租金的涨幅上限写进条例，这是第{n}份意见。"})
        with ledger.lock:
            if ledger.stop.is_set():
                return
            ledger.in_flight += 1
        response, _ = _exchange(conn, "POST", form_path, body=form, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
        location = urllib.parse.urlsplit(response.getheader("Location") or "").path
        with ledger.lock:
            ledger.in_flight -= 1
            found = RECEIPT.match(location) if response.status == 302 else None
            if found:
                ledger.acknowledged.append(found.group(1))
            else:
                ledger.refused.append(response.status)
    finally:
        conn.close()


def _resident(server, ledger: Ledger, form_path: str, first: int) -> None:
    n = first
    while not ledger.stop.is_set():
        n += CLIENTS
        try:
            _post_one(server, ledger, form_path, n)
        except (OSError, http.client.HTTPException):
            return  # the server is gone; this request, if it was a POST, stays counted in flight


def _demo_form_path(server) -> str:
    conn = server.connection()
    response, body = _exchange(conn, "GET", "/api/v1/consultations")
    conn.close()
    assert response.status == 200
    draft_id = re.search(rb'"draft_id":\s*(\d+)', body).group(1).decode()
    return f"/drafts/{draft_id}/comment"


def _kill_under_load(server) -> tuple[list[str], int, list[int]]:
    ledger = Ledger()
    form_path = _demo_form_path(server)
    threads = [threading.Thread(target=_resident, args=(server, ledger, form_path, i)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while True:
        # Holding the lock freezes the ledger: no POST starts and no answer is counted until the
        # server is dead. The kill waits for a moment with a POST under way (the form's GET is
        # most of each resident's time; a kill between POSTs would prove nothing), or the deadline.
        with ledger.lock:
            enough = len(ledger.acknowledged) >= ACKNOWLEDGED_BEFORE_KILL and ledger.in_flight > 0
            if enough or time.monotonic() > deadline:
                ledger.stop.set()
                server.kill()
                in_flight = ledger.in_flight
                acknowledged = list(ledger.acknowledged)
                break
        time.sleep(0.001)
    for thread in threads:
        thread.join(timeout=30)
    return acknowledged, in_flight, list(ledger.refused)


def _stored(engine) -> tuple[set[str], int]:
    """The receipt codes stored, and how many comments lack their RECEIVED event."""
    with engine.connect() as connection:
        codes = set(connection.execute(text("SELECT receipt_code FROM comments")).scalars())
        half_written = connection.execute(text(
            "SELECT count(*) FROM comments c WHERE NOT EXISTS (SELECT 1 FROM comment_events e "
            "WHERE e.comment_id = c.id AND e.kind = 'received')")).scalar()
        if engine.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    return codes, half_written


def test_every_acknowledged_comment_survives_a_sigkill_of_the_whole_server(backend, tmp_path, jieba_cache):
    instance = create_instance(tmp_path / "instance", backend, jieba_cache, RATELIMIT_ENABLED="0")
    engine = instance.engine()
    try:
        before, _ = _stored(engine)
        server = Server(instance, workers=2)
        try:
            server.wait_up()
            acknowledged, in_flight, refused = _kill_under_load(server)
        finally:
            server.stop()
        wait_for_connections_to_end(instance)
        stored, half_written = _stored(engine)
    finally:
        engine.dispose()
        drop_instance(instance)
    new = stored - before
    assert len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL, server.logged()
    assert refused == [], "every POST before the kill was accepted"
    assert set(acknowledged) <= new, "a receipt was shown for a comment that is not in the database"
    assert half_written == 0, "a comment was stored without its RECEIVED event"
    assert 0 <= len(new) - len(acknowledged) <= in_flight
    assert in_flight >= 1, "the kill landed with no request in flight: the test proved nothing"
