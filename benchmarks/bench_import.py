"""Time `legislink comments import` end to end: 10,000 template rows validated, segmented and stored.

    python benchmarks/bench_import.py [--rows 10000] [--database-url URL]

--database-url must name a database of the benchmark's own: its tables are created and dropped.
"""

import argparse
import random
import resource
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook

from legislink import create_app
from legislink.extensions import db
from legislink.models import Consultation, utcnow
from legislink.reports import IMPORT_HEADERS
from legislink.services import imports
from legislink.services.demo import load_demo

PHRASES = ["租金调整应当提前告知经营者", "营业时间的变化要听取商户意见", "电话卡暂停服务前应当通知",
           "网络平台冻结资金应当说明理由", "涉外服务站周末也要开放", "检查应当合并进行减少打扰",
           "消费纠纷处理期限要分情况", "处罚要与违法情节相当"]


def template_file(rows: int, rng: random.Random) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("意见录入")
    sheet.append(list(IMPORT_HEADERS))
    for n in range(rows):
        text = "，".join(rng.sample(PHRASES, 3)) + f"。（第{n}份）"
        sheet.append([f"第{rng.randint(1, 32)}条", text, "", "", "", "个体工商户", "CC01", "", "座谈会",
                      "2024-05-01"])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    rng = random.Random(7)  # noqa: S311 - synthetic data
    data = template_file(args.rows, rng)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "JIEBA_CACHE_DIR": tmp,
                          "IMPORT_MAX_ROWS": args.rows})
        with app.app_context():
            db.drop_all()
            db.create_all()
            load_demo(utcnow())
            db.session.commit()
            consultation = db.session.scalar(db.select(Consultation))
            imports.segmenter().tokens("预热")
            started = time.perf_counter()
            count = imports.import_comments(consultation, data, now=utcnow(), max_rows=args.rows,
                                            max_bytes=len(data), source_name="bench.xlsx")
            db.session.commit()
            elapsed = time.perf_counter() - started
            if args.database_url:
                db.drop_all()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'rows':>8}{'file KB':>9}{'seconds':>9}{'rows/s':>9}{'peak MB':>9}")
    print(f"{count:>8}{len(data) // 1024:>9}{elapsed:>9.2f}{count / elapsed:>9.0f}{peak:>9.0f}")
    return 0 if count == args.rows else 1


if __name__ == "__main__":
    sys.exit(main())
