"""Bounded check that the comment load benchmark runs on PostgreSQL with two app processes.

Creates a database of its own to point the benchmark at (which in turn works in a database of
its own on that server, so no shared test database is ever touched), runs

    bench_comments.py --database postgresql --workers 2 --clients C --seconds S

under a time limit, prints its table, and fails unless it finished in time, accepted comments,
and stored exactly one row per accepted response. The database is dropped afterwards.

    python benchmarks/check_bench_postgres.py [--seconds 5] [--clients 8] [--timeout 240]
                                              [--postgres-url postgresql://postgres@127.0.0.1:5432/test]
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

HERE = Path(__file__).resolve().parent


def _engine(url: str):
    return sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")


def _database_url(url: str, name: str) -> str:
    return sa.engine.make_url(url).set(database=name).render_as_string(hide_password=False)


def _run_bench(args, url: str) -> tuple[int, str, float]:
    cmd = [sys.executable, str(HERE / "bench_comments.py"), "--database", "postgresql", "--workers", "2",
           "--clients", str(args.clients), "--seconds", str(args.seconds), "--postgres-url", url, "--json"]
    started = time.monotonic()
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        out, err = process.communicate(timeout=args.timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return -1, f"timed out after {args.timeout} s", time.monotonic() - started
    sys.stderr.write(err[-2000:] if process.returncode else "")
    return process.returncode, out, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=240, help="fail when the benchmark takes longer")
    parser.add_argument("--postgres-url", default=os.environ.get("LEGISLINK_TEST_DATABASE_URL",
                                                                "postgresql://postgres@127.0.0.1:5432/test"))
    args = parser.parse_args()
    name = f"legislink_bench_{os.getpid()}"
    admin = _engine(args.postgres_url)
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        status, out, elapsed = _run_bench(args, _database_url(args.postgres_url, name))
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    if status != 0:
        print(f"FAILED: bench_comments.py exited {status}: {out.strip()[-500:]}", file=sys.stderr)
        return 1
    report = json.loads(out.strip().splitlines()[-1])
    ours, bare = report["legislink"], report["bare_flask"]
    print(f"bench_comments.py --database postgresql --workers 2: {args.clients} clients x {args.seconds:g} s, "
          f"finished in {elapsed:.0f} s (limit {args.timeout:g} s)")
    print(f"{'server':<12}{'accepted/s':>12}{'p50 ms':>9}{'p95 ms':>9}{'accepted':>10}{'other':>7}{'rows':>7}")
    for label, r in (("legislink", ours), ("bare flask", bare)):
        print(f"{label:<12}{r['per_s']:>12.1f}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['accepted']:>10}"
              f"{r['other']:>7}{r['rows']:>7}")
    problems = []
    if ours["accepted"] == 0:
        problems.append("no comment was accepted")
    if ours["rows"] != ours["accepted"]:
        problems.append(f"{ours['rows']} rows for {ours['accepted']} accepted responses")
    if ours["other"]:
        problems.append(f"{ours['other']} responses were neither accepted nor expected")
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
