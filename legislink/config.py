"""Configuration: defaults in code, then instance/config.py, then LEGISLINK_* variables.

Every key of `Defaults` can be set from the environment as `LEGISLINK_<KEY>`; values are
read as JSON when they parse as JSON (numbers, true/false, lists) and as text otherwise,
and `0`/`1` also work for booleans.
"""

import json
import os
from collections.abc import Mapping
from typing import Any

ENV_PREFIX = "LEGISLINK_"


class Defaults:
    SECRET_KEY = None  # set by `legislink init` in instance/config.py
    DATABASE_URL = None  # None means sqlite:///<instance>/legislink.sqlite3
    REDIS_URL = None
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {}
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLITE_SYNCHRONOUS = "FULL"

    # The contact point that signs the upward report.
    CONTACT_POINT_NAME = "基层立法联系点"
    CONTACT_NAME = ""
    CONTACT_PHONE = ""

    BABEL_DEFAULT_LOCALE = "zh"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    LANGUAGES = ["zh", "en"]

    # A comment form is small; uploads (drafts, Excel imports) are the large bodies.
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 1024 * 1024

    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    COMMENT_RATE_LIMIT = "10 per minute;60 per hour"
    LOGIN_RATE_LIMIT = "10 per minute"

    # Login lockout after repeated failures.
    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCKOUT_MINUTES = 15
    PASSWORD_MIN_LENGTH = 10

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # Cookies are Secure anyway on requests that came over HTTPS (with PROXY_COUNT, as the proxy
    # says); set this true when the proxy terminates TLS without sending X-Forwarded-Proto.
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PREFERRED_URL_SCHEME = "http"
    # Number of reverse proxies (nginx) in front of the app whose X-Forwarded-* to trust.
    PROXY_COUNT = 0

    WTF_CSRF_TIME_LIMIT = 8 * 3600
    # A signed-in session left unused this long is over; the next request asks to sign in again.
    SESSION_IDLE_MINUTES = 60

    # Rendered fragments of the comment form, in each worker process. Every key holds all that
    # the fragment is rendered from, so an entry is never stale; the bounds only cap memory.
    CACHE_TYPE = "SimpleCache"
    CACHE_THRESHOLD = 500
    CACHE_DEFAULT_TIMEOUT = 3600

    # jieba's dictionary cache; None means <instance>/jieba-cache.
    JIEBA_CACHE_DIR = None
    # Analysis: runs over this many comments go to a background job.
    ANALYSIS_BACKGROUND_THRESHOLD = 20_000
    # Adoption proposals: runs judging more reported comments than this (about 4 ms each) go to a
    # background job too.
    ADOPTION_BACKGROUND_THRESHOLD = 1_000
    # Excel limits: rows per detail sheet (Excel's own maximum, header included).
    EXPORT_MAX_ROWS_PER_SHEET = 1_048_576
    IMPORT_MAX_ROWS = 50_000
    # None: as much as IMPORT_MAX_ROWS rows of ordinary comments take (reports.ImportLimits.for_rows).
    IMPORT_MAX_BYTES = None


def _parse_env_value(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def environment_overrides(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The LEGISLINK_* variables as configuration keys (LEGISLINK_INSTANCE_PATH excluded)."""
    environ = os.environ if environ is None else environ
    overrides = {}
    for name, raw in environ.items():
        if not name.startswith(ENV_PREFIX) or name == ENV_PREFIX + "INSTANCE_PATH":
            continue
        overrides[name[len(ENV_PREFIX):]] = _parse_env_value(raw)
    return overrides


def sqlite_url(instance_path: str) -> str:
    return "sqlite:///" + os.path.join(instance_path, "legislink.sqlite3")


def database_options(url: str) -> dict[str, Any]:
    """Engine options per backend: SQLite waits for the writer instead of failing at once."""
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 30}}
    return {"pool_pre_ping": True}
