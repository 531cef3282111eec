"""Backups are consistent copies, and a restore brings back every row of every table."""

import threading

import pytest
from sqlalchemy import func, select, text

from legislink.cli import main
from legislink.extensions import db
from legislink.models import Comment, CommentEvent, CommentEventKind, Consultation, utcnow
from legislink.services import backup
from legislink.services.comments import CommentInput, submit
from legislink.services.demo import load_demo


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    rows = {}
    for table in db.metadata.sorted_tables:
        order = [c for c in table.primary_key.columns]
        rows[table.name] = [tuple(r) for r in db.session.execute(select(table).order_by(*order))]
    return rows


@pytest.fixture
def demo_app(app):
    with app.app_context():
        from flask_migrate import stamp

        load_demo(utcnow())
        db.session.commit()
        stamp()
    return app


def test_backup_then_restore_gives_back_every_row(demo_app, tmp_path):
    runner = demo_app.test_cli_runner()
    target = tmp_path / "backup.db"
    with demo_app.app_context():
        before = snapshot()
    result = runner.invoke(main, ["backup", str(target)])
    assert result.exit_code == 0, result.output
    with demo_app.app_context():
        db.session.execute(Comment.__table__.delete())
        db.session.execute(text("DELETE FROM comment_events"))
        db.session.commit()
        assert db.session.scalar(select(Comment.id)) is None
    result = runner.invoke(main, ["restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    with demo_app.app_context():
        db.session.expire_all()
        after = snapshot()
    assert after == before
    assert sum(len(rows) for rows in after.values()) > 500


def test_backup_refuses_to_overwrite(demo_app, tmp_path):
    target = tmp_path / "exists.db"
    target.write_bytes(b"keep me")
    result = demo_app.test_cli_runner().invoke(main, ["backup", str(target)])
    assert result.exit_code != 0
    assert target.read_bytes() == b"keep me"


def test_restore_refuses_a_file_that_is_not_a_backup(demo_app, tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not a database at all")
    with demo_app.app_context():
        before = snapshot()
    result = demo_app.test_cli_runner().invoke(main, ["restore", str(bogus), "--yes"])
    assert result.exit_code != 0
    assert "bogus.db is not a LegisLink backup." in result.output
    with demo_app.app_context():
        assert snapshot() == before


def _cut_short(data: bytes) -> bytes:
    return data[:len(data) // 2]


def _header_only(data: bytes) -> bytes:
    return data[:120]


def _scrambled_inside(data: bytes) -> bytes:
    """As long as the original, with its first pages after the header overwritten."""
    return data[:100] + b"\xff" * 8000 + data[8100:]


@pytest.mark.parametrize("damage", [_cut_short, _header_only, _scrambled_inside])
def test_restoring_a_damaged_backup_says_so_and_changes_nothing(demo_app, backend, tmp_path, damage):
    whole = tmp_path / "whole.db"
    assert demo_app.test_cli_runner().invoke(main, ["backup", str(whole)]).exit_code == 0
    cut = tmp_path / "cut.db"
    cut.write_bytes(damage(whole.read_bytes()))
    with demo_app.app_context():
        before = snapshot()
    result = demo_app.test_cli_runner().invoke(main, ["restore", str(cut), "--yes"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    if backend == "sqlite":
        assert f"{cut} is damaged or cut short" in result.output
    else:
        # pg_restore reads the archive itself and says what is wrong with it, in one transaction.
        assert result.output.startswith("Error: pg_restore: error:")
    with demo_app.app_context():
        assert snapshot() == before


def test_a_backup_taken_while_the_site_writes_is_consistent(demo_app, tmp_path):
    """Comments are written with their history event in one transaction: a consistent copy
    never holds one without the other, however the writes interleave with the copy."""
    stop = threading.Event()

    def writer():
        with demo_app.app_context():
            consultation = db.session.scalar(select(Consultation))
            while not stop.is_set():
                submit(consultation, CommentInput(text="备份期间写入的意见内容"), now=utcnow())
                db.session.commit()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        with demo_app.app_context():
            backup.backup(demo_app.config["DATABASE_URL"], tmp_path / "live.db")
    finally:
        stop.set()
        thread.join()
    result = demo_app.test_cli_runner().invoke(main, ["restore", str(tmp_path / "live.db"), "--yes"])
    assert result.exit_code == 0, result.output
    with demo_app.app_context():
        comments = db.session.scalar(select(func.count(Comment.id)))
        received = db.session.scalar(select(func.count(func.distinct(CommentEvent.comment_id))).where(
            CommentEvent.kind == CommentEventKind.RECEIVED))
    assert comments == received
    assert comments > 200
