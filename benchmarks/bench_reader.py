"""The Civil Code (1,260 articles) stored and read: import time into SQLite, then page weight and
server time of the draft reader (one chapter per page), the comment form and the API.

    python benchmarks/bench_reader.py [--law ../shared/laws/minfadian_2020.txt] [--runs 5]
"""

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

from legislink import create_app
from legislink.extensions import db
from legislink.models import Consultation, utcnow
from legislink.services import drafts, reader

ROOT = Path(__file__).resolve().parents[1]


def timed(client, url: str, runs: int) -> tuple[float, int, int]:
    """Median server time in ms, body bytes, gzip bytes."""
    times, body = [], b""
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        body = response.data
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), len(body), len(gzip.compress(body))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--law", default=str(ROOT.parent / "shared" / "laws" / "minfadian_2020.txt"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    text = Path(args.law).read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "SECRET_KEY": "bench",
                          "JIEBA_CACHE_DIR": tmp})
        with app.app_context():
            db.create_all()
            started = time.perf_counter()
            version = drafts.import_text(text, title="民法典（基准）")
            db.session.commit()
            imported = time.perf_counter() - started
            now = utcnow()
            db.session.add(Consultation(version=version, opens_at=now - timedelta(days=1),
                                        closes_at=now + timedelta(days=30)))
            db.session.commit()
            draft_id, articles = version.draft_id, version.article_count
            chapters = len(reader.reader_page(version.id, 0).parts)
        client = app.test_client()
        rows = [
            ("reader, first chapter", f"/drafts/{draft_id}"),
            ("reader, chapter 40", f"/drafts/{draft_id}?part=40"),
            ("comment form on 第六百三十一条", f"/drafts/{draft_id}/comment?article={quote('第六百三十一条')}"),
            ("API: whole structure", f"/api/v1/drafts/{draft_id}"),
        ]
        print(f"{articles} articles stored in {imported:.2f} s (parse + insert into SQLite); "
              f"the reader has {chapters} chapter pages")
        print(f"{'page':<34}{'server ms':>10}{'KB':>8}{'gzip KB':>9}")
        for name, url in rows:
            ms, size, packed = timed(client, url, args.runs)
            print(f"{name:<34}{ms:>10.1f}{size / 1024:>8.1f}{packed / 1024:>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
