"""Migrations go up and down on both databases and match the models."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from legislink.extensions import db

from .conftest import pg_url


@pytest.fixture
def empty_app(make_app, backend, tmp_path):
    url = pg_url() if backend == "postgresql" else f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
    app = make_app(DATABASE_URL=url)
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
    yield app
    if backend == "postgresql":
        # Leave PostgreSQL as the other tests expect it: every table present.
        with app.app_context():
            db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
            db.session.commit()
            db.create_all()


def test_upgrade_creates_every_table_and_matches_the_models(empty_app):
    with empty_app.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {t.name for t in db.metadata.sorted_tables} <= tables
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert diff == []


def test_downgrade_removes_everything_and_upgrade_works_again(empty_app):
    with empty_app.app_context():
        upgrade()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert "comments" in inspect(db.engine).get_table_names()
