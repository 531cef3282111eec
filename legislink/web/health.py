"""GET /healthz: 200 when the database (and Redis, when configured) answer, 503 otherwise."""

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db, limiter

bp = Blueprint("health", __name__)


def _database_ok() -> bool:
    # A connection of its own: a failed probe leaves the request's unit of work untouched.
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        current_app.logger.exception("health check: database unreachable")
        return False
    return True


def _redis_ok(url: str) -> bool:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        with client:
            return bool(client.ping())
    except redis.RedisError:
        current_app.logger.exception("health check: redis unreachable")
        return False


@bp.route("/healthz")
@limiter.exempt
def healthz():
    checks = {"database": _database_ok()}
    if current_app.config["REDIS_URL"]:
        checks["redis"] = _redis_ok(current_app.config["REDIS_URL"])
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"}
    body.update({name: "ok" if ok else "unavailable" for name, ok in checks.items()})
    return jsonify(body), 200 if healthy else 503
