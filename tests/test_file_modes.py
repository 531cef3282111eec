"""What the command line writes holds names and phone numbers: the SQLite database (and so the WAL and
shared-memory files SQLite gives the database's own mode), backups and exports are readable by the
account that runs the site only (mode 0600), whatever the umask of the shell that ran the command."""

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

LEGISLINK = Path(sys.executable).with_name("legislink")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run(instance: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEGISLINK_")}
    env["LEGISLINK_INSTANCE_PATH"] = str(instance)
    done = subprocess.run([str(LEGISLINK), *args], env=env, capture_output=True, text=True, timeout=300,  # noqa: S603
                          preexec_fn=lambda: os.umask(0o022), check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def instance(tmp_path_factory) -> Path:
    instance = tmp_path_factory.mktemp("modes") / "instance"
    run(instance, "init", "--demo")
    return instance


def test_the_database_is_private(instance):
    assert mode(instance / "legislink.sqlite3") == 0o600
    assert mode(instance) == 0o700


def test_the_write_ahead_log_and_shared_memory_files_are_private(instance):
    database = instance / "legislink.sqlite3"
    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("UPDATE stations SET name = name")
        connection.commit()
        for suffix in ("-wal", "-shm"):
            assert mode(database.with_name(database.name + suffix)) == 0o600, suffix
    finally:
        connection.close()


def test_backups_and_exports_are_private(instance, tmp_path):
    run(instance, "backup", str(tmp_path / "copy.sqlite3"))
    run(instance, "export", "1", "--with-contact", "-o", str(tmp_path / "report.xlsx"))
    assert mode(tmp_path / "copy.sqlite3") == 0o600
    assert mode(tmp_path / "report.xlsx") == 0o600
