"""Load on the comment form: N concurrent clients, each a GET (for the CSRF token) then a POST.

Runs `legislink serve` (gunicorn) on a fresh instance with the demo draft, rate limiting off,
and in the same run a bare Flask app that inserts the same row, for the ratio. Afterwards
counts the rows: exactly one per accepted response. Loopback only; bounded in time.

    python benchmarks/bench_comments.py [--clients 16] [--seconds 60] [--database sqlite|postgresql]
"""

import argparse
import http.client
import json
import multiprocessing
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TOKEN_RE = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
ARTICLE = urllib.parse.quote("第八条")

BARE_APP = '''
import os, secrets, sqlalchemy as sa
from flask import Flask, request, redirect, session
url = os.environ["BARE_DB"]
engine = sa.create_engine(url, connect_args={"timeout": 30} if "sqlite" in url else {})
if engine.dialect.name == "sqlite":
    @sa.event.listens_for(engine, "connect")
    def _pragmas(conn, _):
        conn.execute("PRAGMA journal_mode=WAL"); conn.execute("PRAGMA synchronous=FULL")
meta = sa.MetaData()
rows = sa.Table("bare_comments", meta, sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("receipt_code", sa.String(20), unique=True), sa.Column("text", sa.Text),
                sa.Column("identity", sa.String(20)), sa.Column("article", sa.String(40)))
# Imported once, before the workers fork (--preload): two workers creating the table at the
# same moment made one fail to boot on PostgreSQL. No connection may cross the fork.
meta.create_all(engine)
engine.dispose()
app = Flask(__name__)
app.secret_key = "bench"
@app.get("/form")
def form():
    session["t"] = secrets.token_hex(16)
    return f'<input name="csrf_token" type="hidden" value="{session["t"]}">'
@app.post("/form")
def post():
    if request.form.get("csrf_token") != session.get("t"):
        return "bad", 400
    code = secrets.token_hex(6)
    with engine.begin() as c:
        c.execute(rows.insert().values(receipt_code=code, text=request.form["text"],
                                       identity=request.form["identity"], article=request.form["article"]))
    return redirect("/r/" + code)
'''


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(port: int, path: str) -> None:
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def exchange(conn, method, path, **kwargs):
    """One request; a server that says `Connection: close` (gunicorn's sync workers) gets a new socket next time."""
    conn.request(method, path, **kwargs)
    response = conn.getresponse()
    body = response.read()
    if (response.getheader("Connection") or "").lower() == "close":
        conn.close()
    return response, body


def one_resident(conn, form_path, post_path, cookie, text):
    """GET the form, POST a comment; returns (accepted, cookie)."""
    response, raw = exchange(conn, "GET", form_path, headers={"Cookie": cookie} if cookie else {})
    cookie = (response.getheader("Set-Cookie") or cookie).split(";")[0] or cookie
    token = TOKEN_RE.search(raw.decode()).group(1)
    form = urllib.parse.urlencode({"csrf_token": token, "article": "第八条", "identity": "trader",
                                   "text": text, "station": ""})
    response, _ = exchange(conn, "POST", post_path, body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    return response.status == 302, cookie


def client_loop(port, form_path, post_path, deadline, out, text):
    """One simulated resident after another on one connection; a dropped connection is
    counted as a failure ("other") and reopened."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    cookie = ""
    accepted = other = 0
    latencies = []
    n = 0
    while time.monotonic() < deadline:
        n += 1
        started = time.perf_counter()
        try:
            ok, cookie = one_resident(conn, form_path, post_path, cookie, f"{text} 第{n}次")
        except (OSError, http.client.HTTPException):
            conn.close()
            ok = False
        latencies.append(time.perf_counter() - started)
        accepted += ok
        other += not ok
        if not ok:
            time.sleep(0.05)  # a server that has gone away is not hammered at full speed
    out.put((accepted, other, latencies))


def worker_process(port, form_path, post_path, deadline, threads, out, text):
    pool = [threading.Thread(target=client_loop, args=(port, form_path, post_path, deadline, out, text))
            for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()


def drive(port, form_path, post_path, clients, seconds):
    processes = min(4, clients)
    per = [clients // processes + (i < clients % processes) for i in range(processes)]
    out = multiprocessing.Queue()
    deadline = time.monotonic() + seconds
    text = "摊位租金年年涨，建议条例保留涨幅上限，并写明开办者违反规定的法律责任。"
    procs = [multiprocessing.Process(target=worker_process, args=(port, form_path, post_path, deadline, n, out, text))
             for n in per if n]
    started = time.monotonic()
    for p in procs:
        p.start()
    results = [out.get() for _ in range(clients)]
    for p in procs:
        p.join()
    elapsed = time.monotonic() - started
    accepted = sum(r[0] for r in results)
    other = sum(r[1] for r in results)
    latencies = sorted(x for r in results for x in r[2])
    p95 = latencies[int(len(latencies) * 0.95)] if latencies else float("nan")
    return {"accepted": accepted, "other": other, "per_s": accepted / elapsed,
            "p50_ms": statistics.median(latencies) * 1000, "p95_ms": p95 * 1000}


def count_rows(env, sql) -> int:
    code = ("from legislink import create_app; from legislink.extensions import db; from sqlalchemy import text\n"
            f"app = create_app()\nwith app.app_context(): print(db.session.execute(text({sql!r})).scalar())")
    return int(subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True,
                              text=True).stdout.strip())


def start(cmd, env, log):
    return subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)


def run_legislink(args, instance, env):
    subprocess.run([BIN / "legislink", "init", "--demo"], env=env, check=True, capture_output=True)
    before = count_rows(env, "SELECT count(*) FROM comments")
    port = free_port()
    with open(instance / "serve.log", "w") as log:
        server = start([BIN / "legislink", "serve", "--port", str(port), "--workers", str(args.workers),
                        "--threads", str(args.threads)], env, log)
        try:
            wait_up(port, "/healthz")
            result = drive(port, f"/drafts/1/comment?article={ARTICLE}", "/drafts/1/comment", args.clients,
                           args.seconds)
        finally:
            server.terminate()
            server.wait()
    result["rows"] = count_rows(env, "SELECT count(*) FROM comments") - before
    return result


def run_bare(args, instance, env):
    app_dir = instance / "bare"
    app_dir.mkdir()
    (app_dir / "bare_app.py").write_text(BARE_APP)
    db_url = env.get("LEGISLINK_DATABASE_URL") or f"sqlite:///{instance}/bare.sqlite3"
    bare_env = {**env, "BARE_DB": db_url.replace("postgresql://", "postgresql+psycopg://"), "PYTHONPATH": str(app_dir)}
    port = free_port()
    with open(instance / "bare.log", "w") as log:
        server = start([BIN / "gunicorn", "--preload", "--workers", str(args.workers), "--threads", str(args.threads),
                        "--worker-class", "gthread" if args.threads > 1 else "sync",
                        "--bind", f"127.0.0.1:{port}", "bare_app:app"], bare_env, log)
        try:
            wait_up(port, "/form")
            result = drive(port, "/form", "/form", args.clients, args.seconds)
        finally:
            server.terminate()
            server.wait()
    result["rows"] = count_rows({**env, "LEGISLINK_DATABASE_URL": db_url}, "SELECT count(*) FROM bare_comments")
    return result


def own_database(server_url: str, name: str, create: bool) -> str:
    """Create (or drop) a database of the run's own on the server, so no shared database is touched."""
    code = ("import sqlalchemy as sa, sys\n"
            "e = sa.create_engine(sys.argv[1], isolation_level='AUTOCOMMIT')\n"
            "with e.connect() as c:\n"
            f"    c.execute(sa.text('DROP DATABASE IF EXISTS {name} WITH (FORCE)'))\n"
            + (f"    c.execute(sa.text('CREATE DATABASE {name}'))\n" if create else ""))
    url = server_url.replace("postgresql://", "postgresql+psycopg://")
    subprocess.run([sys.executable, "-c", code, url], check=True)
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2, help="app processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per app process (1: sync workers)")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--postgres-url", default=os.environ.get("LEGISLINK_TEST_DATABASE_URL",
                                                                "postgresql://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    instance = Path(tempfile.mkdtemp(prefix="bench-comments-"))
    env = {**os.environ, "LEGISLINK_INSTANCE_PATH": str(instance), "LEGISLINK_RATELIMIT_ENABLED": "0"}
    env.pop("LEGISLINK_DATABASE_URL", None)
    database = f"legislink_bench_{os.getpid()}"
    if args.database == "postgresql":
        env["LEGISLINK_DATABASE_URL"] = own_database(args.postgres_url, database, create=True)
    try:
        ours = run_legislink(args, instance, env)
        bare = run_bare(args, instance, env)
    finally:
        if args.database == "postgresql":
            own_database(args.postgres_url, database, create=False)
        shutil.rmtree(instance, ignore_errors=True)
    report = {"database": args.database, "clients": args.clients, "seconds": args.seconds, "workers": args.workers,
              "legislink": ours, "bare_flask": bare, "ratio": ours["per_s"] / bare["per_s"]}
    if args.json:
        print(json.dumps(report))
    else:
        print(f"comment load: {args.clients} clients x {args.seconds:.0f} s, {args.workers} app processes "
              f"x {args.threads} threads, {args.database}")
        print(f"{'server':<12}{'accepted/s':>12}{'p50 ms':>9}{'p95 ms':>9}{'accepted':>10}{'other':>7}{'rows':>7}")
        for name, r in (("legislink", ours), ("bare flask", bare)):
            print(f"{name:<12}{r['per_s']:>12.1f}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['accepted']:>10}"
                  f"{r['other']:>7}{r['rows']:>7}")
        print(f"ratio legislink / bare: {report['ratio']:.2f}")
    ok = ours["rows"] == ours["accepted"] and bare["rows"] == bare["accepted"]
    if not ok:
        print("MISMATCH: rows differ from accepted responses", file=sys.stderr)
    if ours["other"] or bare["other"]:
        print("FAILED REQUESTS: some pairs were refused, dropped or answered with an error",
              file=sys.stderr)
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
