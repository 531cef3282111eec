"""A real `legislink serve` (gunicorn) on a fresh instance, in a process group of its own so
that it can be killed whole, workers included."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

from ..conftest import pg_base_url

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Instance:
    """An initialised instance: its environment, its database URL and, for PostgreSQL, its schema."""

    path: Path
    env: dict
    database_url: str
    schema: str | None = None
    application_name: str | None = None

    def engine(self):
        if self.schema is None:
            return create_engine(self.database_url)
        return create_engine(f"{pg_base_url()}{_separator()}options=-csearch_path%3D{self.schema}")


def _separator() -> str:
    return "&" if "?" in pg_base_url() else "?"


def _clean_environ() -> dict:
    """The developer's own LEGISLINK_* settings must not reach the server under test."""
    return {k: v for k, v in os.environ.items() if not k.startswith("LEGISLINK_") or k.startswith("LEGISLINK_TEST_")}


def create_instance(path: Path, backend: str, jieba_cache: str, **settings: str) -> Instance:
    """`legislink init --demo` on a temporary instance; PostgreSQL gets a schema of its own."""
    env = {**_clean_environ(), "LEGISLINK_INSTANCE_PATH": str(path), "LEGISLINK_JIEBA_CACHE_DIR": jieba_cache,
           **{f"LEGISLINK_{k}": v for k, v in settings.items()}}
    instance = Instance(path, env, f"sqlite:///{path / 'legislink.sqlite3'}")
    if backend == "postgresql":
        instance.schema = f"legislink_live_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        instance.application_name = instance.schema
        admin = create_engine(pg_base_url())
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {instance.schema}"))
        admin.dispose()
        instance.database_url = (f"{pg_base_url()}{_separator()}options=-csearch_path%3D{instance.schema}"
                                 f"&application_name={instance.application_name}")
        env["LEGISLINK_DATABASE_URL"] = instance.database_url
    subprocess.run([BIN / "legislink", "init", "--demo"], env=env, check=True, capture_output=True)
    return instance


def drop_instance(instance: Instance) -> None:
    if instance.schema is None:
        return
    admin = create_engine(pg_base_url())
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {instance.schema} CASCADE"))
    admin.dispose()


def wait_for_connections_to_end(instance: Instance, seconds: float = 15) -> None:
    """PostgreSQL finishes what a killed client's backend was doing; wait until every one has gone."""
    if instance.application_name is None:
        return
    admin = create_engine(pg_base_url())
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            with admin.connect() as connection:
                left = connection.execute(text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :n"),
                                          {"n": instance.application_name}).scalar()
            if not left:
                return
            time.sleep(0.1)
    finally:
        admin.dispose()
    raise RuntimeError("the killed server's database connections did not end")


class Server:
    """`legislink serve` on a free port; `kill()` sends SIGKILL to its whole process group."""

    def __init__(self, instance: Instance, workers: int = 2, threads: int = 4):
        self.port = free_port()
        self.log = (instance.path / "serve.log").open("w")
        self.process = subprocess.Popen(
            [BIN / "legislink", "serve", "--port", str(self.port), "--workers", str(workers),
             "--threads", str(threads)],
            env=instance.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def connection(self, timeout: float = 10) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def wait_up(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.logged()}")
            try:
                conn = self.connection(timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    conn.close()
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"the server did not come up: {self.logged()}")

    def logged(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-2000:]

    def kill(self) -> None:
        """SIGKILL to the master and every worker at once: no graceful shutdown, no cleanup."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=20)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    def group_alive(self) -> bool:
        try:
            os.killpg(self.process.pid, 0)
        except ProcessLookupError:
            return False
        return True
