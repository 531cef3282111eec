"""Consistent online backups and restores: SQLite's backup API, pg_dump/pg_restore for PostgreSQL."""

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from . import ServiceError

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise ServiceError("backup_in_memory")
    return Path(url.database)


def _libpq_url(url: URL) -> str:
    """pg_dump speaks libpq: postgresql://… without the +psycopg driver name."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _schema_args(url: URL) -> list[str]:
    """A database shared by several schemas (options=-csearch_path=X): dump only the app's."""
    options = url.query.get("options", "")
    options = options if isinstance(options, str) else " ".join(options)
    for part in options.split():
        if part.startswith("-csearch_path="):
            return ["--schema", part.split("=", 1)[1].split(",")[0]]
    return []


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ServiceError("pg_tool_missing", tool=name)
    return found


def backup(database_url: str, target: Path) -> Path:
    """Copy the live database to `target` while the site keeps running."""
    url = make_url(database_url)
    target = Path(target)
    if target.exists():
        raise ServiceError("backup_exists", path=str(target))
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(_sqlite_path(url))
        copy = sqlite3.connect(target)
        try:
            # The backup API copies a consistent snapshot page by page, writers or not.
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target
    if url.get_backend_name() == "postgresql":
        # The program is found on PATH by name and gets no shell: arguments are never interpreted.
        subprocess.run([_tool("pg_dump"), "--format=custom", "--no-owner", *_schema_args(url),  # noqa: S603
                        "--file", str(target), _libpq_url(url)], check=True, capture_output=True)
        return target
    raise ServiceError("backup_unsupported", backend=url.get_backend_name())


def _check_backup(source: Path, header: bytes) -> None:
    if not source.is_file():
        raise ServiceError("backup_missing", path=str(source))
    with source.open("rb") as f:
        if f.read(len(header)) != header:
            raise ServiceError("backup_wrong_kind", path=str(source))


def _damaged(source: Path, detail: str) -> ServiceError:
    return ServiceError("backup_damaged", f"{source} is damaged or cut short ({detail}); nothing was changed.",
                        path=str(source), detail=detail)


def _declared_size(source: Path) -> int:
    """The size the file's header says it has: page size (bytes 16-17, 1 meaning 65536) times page count
    (bytes 28-31). A copy cut short is smaller."""
    with source.open("rb") as f:
        header = f.read(100)
    if len(header) < 100:
        return 100
    page_size = int.from_bytes(header[16:18], "big")
    return (65536 if page_size == 1 else page_size) * int.from_bytes(header[28:32], "big")


def _check_sqlite_backup(source: Path) -> None:
    _check_backup(source, SQLITE_HEADER)
    if source.stat().st_size < _declared_size(source):
        raise _damaged(source, f"{source.stat().st_size} of {_declared_size(source)} bytes")
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as probe:
            tables = {row[0] for row in probe.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            integrity = probe.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise _damaged(source, str(error)) from error
    if "alembic_version" not in tables or "comments" not in tables:
        raise ServiceError("backup_wrong_kind", path=str(source))
    if integrity != "ok":
        raise _damaged(source, integrity)


def restore(database_url: str, source: Path) -> None:
    """Replace the database's content with a backup made by `backup`."""
    url = make_url(database_url)
    source = Path(source)
    if url.get_backend_name() == "sqlite":
        _check_sqlite_backup(source)
        backup_db = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        live = sqlite3.connect(_sqlite_path(url))
        try:
            backup_db.backup(live)
        finally:
            live.close()
            backup_db.close()
        return
    if url.get_backend_name() == "postgresql":
        _check_backup(source, PG_DUMP_HEADER)
        subprocess.run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",  # noqa: S603
                        "--dbname", _libpq_url(url), str(source)], check=True, capture_output=True)
        return
    raise ServiceError("backup_unsupported", backend=url.get_backend_name())
