"""Pages whose size once grew with the data (issue 16, point 5): the opinions page of one article with
many comments, and the error page of an import file with a problem in many cells.

    python benchmarks/bench_bounded_pages.py [--comments 50000] [--bad-rows 20000]

Prints each page's size and time on a fresh SQLite database in a temporary folder."""

import argparse
import os
import sys
import tempfile
import time
from datetime import timedelta
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["LEGISLINK_INSTANCE_PATH"] = tempfile.mkdtemp()

from openpyxl import Workbook  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from legislink import create_app  # noqa: E402
from legislink.extensions import db  # noqa: E402
from legislink.models import Comment, CommentStatus, OpinionGroup, Role, utcnow  # noqa: E402
from legislink.reports import IMPORT_HEADERS  # noqa: E402
from legislink.services.receipts import new_code  # noqa: E402
from tests.builders import PASSWORD, article, make_consultation, make_user  # noqa: E402

GROUPS = 20


def _app():
    folder = os.environ["LEGISLINK_INSTANCE_PATH"]
    return create_app({"SECRET_KEY": "bench", "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
                       "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "IMPORT_MAX_ROWS": 100_000})


def _comments(consultation, count: int) -> None:
    """`count` accepted comments on 第二条 in 20 groups; every fifth a copy of one form letter."""
    target = article(consultation.version, 2)
    groups = [OpinionGroup(consultation_id=consultation.id, key=f"g{k}", provision_id=target.id, keywords=["租金"])
              for k in range(GROUPS)]
    db.session.add_all(groups)
    db.session.flush()
    now = utcnow()
    letter, own = "同一封信：租金上限应当保留。", "第{}个意见：租金上限应当保留，涨租应当提前通知。"
    rows = [{"consultation_id": consultation.id, "receipt_code": new_code(), "provision_id": target.id,
             "text": letter if n % 5 == 0 else own.format(n),
             "status": CommentStatus.ACCEPTED, "group_id": groups[n % GROUPS].id,
             "duplicate_key": "d-1" if n % 5 == 0 else None, "submitted_at": now - timedelta(seconds=n)}
            for n in range(count)]
    for start in range(0, count, 5000):
        db.session.execute(insert(Comment), rows[start:start + 5000])


def _bad_workbook(rows: int) -> bytes:
    """`rows` rows with five problems each (article, text, identity, phone, date)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("意见录入")
    sheet.append(list(IMPORT_HEADERS))
    bad = {"条款": "第九百条", "联系电话": "12345", "收集日期": "明天", "身份": "外星人", "提出人": "某人"}
    for _ in range(rows):
        sheet.append([bad.get(header) for header in IMPORT_HEADERS])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _timed(client, method: str, url: str, **kwargs):
    started = time.perf_counter()
    response = client.open(url, method=method, **kwargs)
    return response, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument("--bad-rows", type=int, default=20_000)
    args = parser.parse_args()
    app = _app()
    with app.app_context():
        db.create_all()
        consultation = make_consultation()
        _comments(consultation, args.comments)
        make_user(Role.STAFF, username="bench", station=None)
        db.session.commit()
        base = f"/staff/consultations/{consultation.id}"
    client = app.test_client()
    client.post("/login", data={"username": "bench", "password": PASSWORD})
    client.get(f"{base}/opinions/?article=第二条")  # warm the caches
    response, seconds = _timed(client, "GET", f"{base}/opinions/?article=第二条")
    print(f"opinions page, {args.comments:,} comments on one article: {len(response.data) / 1e6:.2f} MB, "
          f"{seconds:.2f} s")
    data = _bad_workbook(args.bad_rows)
    for want in ("import", "problems"):
        response, seconds = _timed(client, "POST", f"{base}/import/", content_type="multipart/form-data",
                                   data={"file": (BytesIO(data), "bad.xlsx"), "want": want})
        print(f"import {want}, {args.bad_rows:,} bad rows ({len(data) / 1e6:.2f} MB file): {response.mimetype}, "
              f"{len(response.data) / 1e6:.2f} MB, {seconds:.1f} s")


if __name__ == "__main__":
    main()
