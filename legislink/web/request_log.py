"""One JSON line per request, without personal data.

The route pattern is logged instead of the path (a path can hold a receipt code), the query
string never (it can hold a phone number), and the client address only as a keyed hash
that changes every day: enough to see one client hammering the site, not to identify anyone.
"""

import hashlib
import hmac
import json
import logging
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, current_app, g, request
from flask_login import current_user

logger = logging.getLogger("legislink.request")


def _client_tag() -> str:
    day = datetime.now(UTC).strftime("%Y-%m-%d").encode()
    key = current_app.config["SECRET_KEY"]
    key = key.encode() if isinstance(key, str) else key
    return hmac.new(key + day, (request.remote_addr or "").encode(), hashlib.sha256).hexdigest()[:12]


def _start() -> None:
    g.request_started = time.perf_counter()
    g.request_id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex


def _finish(response):
    started = g.get("request_started")
    if started is None:
        return response
    record = {
        "event": "request",
        "id": g.request_id,
        "method": request.method,
        "route": request.url_rule.rule if request.url_rule else None,
        "endpoint": request.endpoint,
        "status": response.status_code,
        "ms": round((time.perf_counter() - started) * 1000, 1),
        "bytes": response.calculate_content_length(),
        "client": _client_tag(),
        "user": current_user.id if current_user.is_authenticated else None,
    }
    response.headers.setdefault("X-Request-ID", g.request_id)
    logger.info(json.dumps(record, ensure_ascii=False))
    return response


def init_app(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_finish)
    if not logger.handlers and not app.testing:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
