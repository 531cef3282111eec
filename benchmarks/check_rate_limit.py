"""Bounded check: one client bursting over the comment limit gets 429s while another client
still reads pages and has its comment accepted promptly.

Starts `legislink serve` (gunicorn, 2 workers) on a fresh demo instance with rate limiting on
(COMMENT_RATE_LIMIT="10 per minute"), behind one simulated proxy (LEGISLINK_PROXY_COUNT=1) so
that X-Forwarded-For tells the two clients apart, as ProxyFix does for a real nginx. The
burster sends many comments from 8 threads at once; meanwhile the neighbour reads the list,
the draft and the form and sends a few comments. Runs once with the limiter's default
in-process storage and, with --redis, once with Redis shared by the workers.

    python benchmarks/check_rate_limit.py [--burst 60] [--redis redis://127.0.0.1:6379/15]

With in-process storage each gunicorn worker counts on its own, so one address may get up to
workers x limit comments through; with Redis exactly the limit. Either way the burster must
be refused (429), and the neighbour must get every page (200) and every comment (302), each
within --max-ms.
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

from bench_comments import BIN, TOKEN_RE, exchange, free_port, wait_up

LIMIT = 10
WORKERS = 2


class Client:
    """One address: its own cookie jar per thread, its answers and their latencies."""

    def __init__(self, port: int, address: str, form_path: str):
        self.port, self.address, self.form_path = port, address, form_path
        self.lock = threading.Lock()
        self.statuses: list[tuple[str, int]] = []
        self.latencies: list[float] = []

    def _request(self, conn, method, path, cookie="", body=None):
        headers = {"X-Forwarded-For": self.address, **({"Cookie": cookie} if cookie else {})}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        response, raw = exchange(conn, method, path, body=body, headers=headers)
        with self.lock:
            self.latencies.append(time.perf_counter() - started)
            self.statuses.append((method, response.status))
        return response, raw

    def read(self, path: str) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        self._request(conn, "GET", path)
        conn.close()

    def comment(self, n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        response, raw = self._request(conn, "GET", self.form_path)
        cookie = (response.getheader("Set-Cookie") or "").split(";")[0]
        conn.close()
        token = TOKEN_RE.search(raw.decode()).group(1)
        body = urllib.parse.urlencode({"csrf_token": token, "article": "", "identity": "resident", "station": "",
                                       "text": f"建议写明摊位租金的调整程序，第{n}份意见。"})
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        self._request(conn, "POST", self.form_path, cookie=cookie, body=body)
        conn.close()

    def count(self, method: str, status: int) -> int:
        return sum(1 for m, s in self.statuses if m == method and s == status)


def _burst(client: Client, total: int, threads: int) -> None:
    numbers = iter(range(total))
    lock = threading.Lock()

    def work():
        while True:
            with lock:
                n = next(numbers, None)
            if n is None:
                return
            client.comment(n)

    pool = [threading.Thread(target=work) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()


def _neighbour(client: Client, draft_id: str, rounds: int) -> None:
    for n in range(rounds):
        client.read("/")
        client.read(f"/drafts/{draft_id}")
        client.comment(1000 + n)


def _draft_id(port: int) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    _, raw = exchange(conn, "GET", "/api/v1/consultations")
    conn.close()
    return str(json.loads(raw)[0]["draft_id"])


def run(storage: str, args, instance: Path, env: dict) -> dict:
    env = {**env, "LEGISLINK_RATELIMIT_STORAGE_URI": storage,
           "LEGISLINK_RATELIMIT_KEY_PREFIX": f"check-{uuid.uuid4().hex[:8]}"}
    port = free_port()
    with open(instance / f"serve-{'redis' if storage.startswith('redis') else 'memory'}.log", "w") as log:
        server = subprocess.Popen([BIN / "legislink", "serve", "--port", str(port), "--workers", str(WORKERS)],
                                  env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_up(port, "/healthz")
            draft_id = _draft_id(port)
            form_path = f"/drafts/{draft_id}/comment"
            suffix = uuid.uuid4().int % 200 + 20
            burster = Client(port, f"203.0.113.{suffix}", form_path)
            neighbour = Client(port, f"198.51.100.{suffix}", form_path)
            started = time.monotonic()
            flood = threading.Thread(target=_burst, args=(burster, args.burst, 8))
            flood.start()
            _neighbour(neighbour, draft_id, args.rounds)
            flood.join()
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
    return {"storage": "redis" if storage.startswith("redis") else "memory", "burster": burster,
            "neighbour": neighbour, "seconds": elapsed}


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000


def check(result: dict, args) -> list[str]:
    burster, neighbour = result["burster"], result["neighbour"]
    allowed = LIMIT * (WORKERS if result["storage"] == "memory" else 1)
    problems = []
    if burster.count("POST", 429) == 0:
        problems.append("the burster was never refused")
    if burster.count("POST", 302) > allowed:
        problems.append(f"the burster got {burster.count('POST', 302)} comments through, more than {allowed}")
    if neighbour.count("GET", 200) != 3 * args.rounds or neighbour.count("POST", 302) != args.rounds:
        problems.append(f"the neighbour was refused: {neighbour.statuses}")
    if max(neighbour.latencies) * 1000 > args.max_ms:
        problems.append(f"the neighbour waited {max(neighbour.latencies) * 1000:.0f} ms (limit {args.max_ms} ms)")
    return [f"{result['storage']}: {p}" for p in problems]


def print_table(results: list[dict]) -> None:
    print(f"comment rate limit {LIMIT} per minute per address, {WORKERS} gunicorn workers, behind one proxy")
    print(f"{'storage':<8}{'client':<11}{'requests':>9}{'POST 302':>9}{'POST 429':>9}{'other':>7}"
          f"{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}")
    for result in results:
        for name in ("burster", "neighbour"):
            c = result[name]
            other = len(c.statuses) - c.count("POST", 302) - c.count("POST", 429) - c.count("GET", 200)
            print(f"{result['storage']:<8}{name:<11}{len(c.statuses):>9}{c.count('POST', 302):>9}"
                  f"{c.count('POST', 429):>9}{other:>7}{statistics.median(c.latencies) * 1000:>8.0f}"
                  f"{_ms(c.latencies, 0.95):>8.0f}{max(c.latencies) * 1000:>8.0f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--burst", type=int, default=60, help="comments the burster tries to send")
    parser.add_argument("--rounds", type=int, default=3, help="list + draft + comment rounds of the neighbour")
    parser.add_argument("--max-ms", type=float, default=2000, help="slowest answer the neighbour may get")
    parser.add_argument("--redis", default=None, help="also run with this Redis as the limiter's storage")
    args = parser.parse_args()
    instance = Path(tempfile.mkdtemp(prefix="check-rate-limit-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEGISLINK_")}
    env.update({"LEGISLINK_INSTANCE_PATH": str(instance), "LEGISLINK_RATELIMIT_ENABLED": "1",
                "LEGISLINK_COMMENT_RATE_LIMIT": f"{LIMIT} per minute", "LEGISLINK_PROXY_COUNT": "1"})
    try:
        subprocess.run([BIN / "legislink", "init", "--demo"], env=env, check=True, capture_output=True)
        results = [run("memory://", args, instance, env)]
        if args.redis:
            results.append(run(args.redis, args, instance, env))
    finally:
        shutil.rmtree(instance, ignore_errors=True)
    print_table(results)
    problems = [p for result in results for p in check(result, args)]
    for problem in problems:
        print(f"FAILED {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
