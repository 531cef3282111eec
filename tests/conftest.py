"""Fixtures: an app on a fresh database per test, on SQLite and, when
LEGISLINK_TEST_DATABASE_URL is set, on PostgreSQL too."""

import os
import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from legislink import create_app
from legislink.extensions import db

from .builders import PASSWORD

PG_URL = os.environ.get("LEGISLINK_TEST_DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CSRF_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


class FreshContextClient(FlaskClient):
    """Each request gets its own application context, as in production.

    Without this, a test holding an app context would share `g` (and so the signed-in
    user and the database session) between all its requests.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


# Each run works in a schema of its own, so two runs against one database (CI and a developer,
# or two developers) never truncate each other's tables.
PG_SCHEMA = f"legislink_test_{os.getpid()}"


def pg_base_url() -> str:
    """psycopg 3 is the installed driver; accept plain postgresql:// URLs too."""
    if PG_URL.startswith("postgresql://"):
        return "postgresql+psycopg://" + PG_URL[len("postgresql://"):]
    return PG_URL


def pg_url() -> str:
    separator = "&" if "?" in pg_base_url() else "?"
    return f"{pg_base_url()}{separator}options=-csearch_path%3D{PG_SCHEMA}"


# With pytest-xdist (`make test` runs `-n auto --dist loadgroup`), tests that share state outside
# their own database stay on one worker, in file order: the browser tests share one live server
# and its instance, and the Redis tests share one queue.
SERIAL_GROUPS = {"e2e": "browser"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        folder = Path(str(item.fspath)).parent.name
        if folder in SERIAL_GROUPS:
            item.add_marker(pytest.mark.xdist_group(SERIAL_GROUPS[folder]))
        elif "redis" in item.name:
            item.add_marker(pytest.mark.xdist_group("redis"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present beside the project")
    return SHARED


@pytest.fixture(scope="session")
def jieba_cache(tmp_path_factory) -> str:
    """One dictionary cache for the whole run: every app shares one loaded Segmenter."""
    return str(tmp_path_factory.mktemp("jieba"))


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def _pg_schema():
    """Create the PostgreSQL tables once per run, from a clean slate."""
    from legislink import models  # noqa: F401  (registers the tables)

    admin = create_engine(pg_base_url())
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {PG_SCHEMA}"))
    engine = create_engine(pg_url())
    with engine.begin() as connection:
        db.metadata.create_all(connection)
    engine.dispose()
    yield
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
    admin.dispose()


def _truncate_pg() -> None:
    names = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
    db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    db.session.commit()


@pytest.fixture
def make_app(backend, tmp_path, monkeypatch, request, jieba_cache):
    """Build apps on this test's database; extra config as keyword arguments."""
    monkeypatch.setenv("LEGISLINK_INSTANCE_PATH", str(tmp_path / "instance"))
    # The developer's own LEGISLINK_* settings must not leak into the tests' apps.
    keep = {"LEGISLINK_INSTANCE_PATH"}
    for name in list(os.environ):
        if name.startswith("LEGISLINK_") and not name.startswith("LEGISLINK_TEST_") and name not in keep:
            monkeypatch.delenv(name)
    if backend == "postgresql":
        request.getfixturevalue("_pg_schema")
        url = pg_url()
    else:
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
    created = []

    def factory(**overrides):
        config = {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": url,
            "RATELIMIT_ENABLED": False,
            "SQLITE_SYNCHRONOUS": "OFF",
            "JIEBA_CACHE_DIR": jieba_cache,
            **overrides,
        }
        app = create_app(config)
        app.test_client_class = FreshContextClient
        with app.app_context():
            if not created:
                if backend == "postgresql":
                    _truncate_pg()
                else:
                    db.create_all()
            created.append(app)
        return app

    yield factory
    for app in created:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def csrf_token(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no csrf_token in the page"
    return match.group(1) or match.group(2)


def post_form(client, url: str, data: dict, *, form_url: str | None = None, **kwargs):
    """GET the form page for its CSRF token, then POST like a browser would."""
    page = client.get(form_url or url)
    token = csrf_token(page.get_data(as_text=True))
    return client.post(url, data={**data, "csrf_token": token}, **kwargs)


def sign_in(client, username: str = "wang", *, lang: str | None = None):
    """Sign `username` in with the builders' password (in `lang` when given); returns the client."""
    if lang:
        client.get(f"/login?lang={lang}")
    assert post_form(client, "/login", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def rq_burst(app, connection) -> None:
    """Run every job on LegisLink's queue with an RQ worker in this process, inside `app`, then stop.
    The worker does not subscribe to RQ's command channel: its listener thread blocks for 60 s when
    a burst worker closes it, and no test sends a command."""
    from rq import SimpleWorker

    from legislink import worker

    class BurstWorker(SimpleWorker):
        def subscribe(self):
            pass

    worker.worker_app = app
    try:
        BurstWorker([worker.QUEUE_NAME], connection=connection).work(burst=True)
    finally:
        worker.worker_app = None
