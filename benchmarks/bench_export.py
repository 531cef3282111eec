"""Export and import at volume: prints a table of time, peak memory and file size.

    .venv/bin/python benchmarks/bench_export.py [--comments 100000] [--groups 800] [--import-rows 10000]

Each variant runs in its own child process; its peak RSS is read from os.wait4's rusage,
so variants do not share memory. The detail rows come from a generator, as the site
passes rows from a database cursor. Variants:

  source        only drawing the synthetic rows from their generator: the share of the
                report's time that a database cursor would take instead
  report        write_report (all four sheets; 意见明细 rows streamed as sheet XML), with
                openpyxl writing the rest through lxml, its default when lxml is installed
  report-et     the same with OPENPYXL_LXML=False (et_xmlfile; lxml writes CJK as entities)
  openpyxl      only the 意见明细 rows, appended to an openpyxl write-only sheet: the way
                write_report first wrote them, before they were streamed
  pandas        only the 意见明细 rows, through pandas.DataFrame.to_excel (openpyxl engine)
  import        read_import + validation of an import file of --import-rows rows
"""

from __future__ import annotations

import argparse
import heapq
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime, timedelta
from functools import cache
from itertools import accumulate
from pathlib import Path

import jieba

from legislink.lawtext.numerals import int_to_cn
from legislink.reports import (
    IMPORT_HEADERS,
    ArticleCount,
    ArticleRef,
    DetailRow,
    ImportChoices,
    ReportEntry,
    ReportHeader,
    StatsData,
    parse_article,
    read_import,
    write_report,
)

SEED = 20240501
ARTICLES = 80
IDENTITIES = ["居民", "个体工商户", "企业", "律师", "人大代表", "外籍商人"]
STATIONS = [f"{name}联络站" for name in (
    "稠城街道", "北苑街道", "稠江街道", "江东街道", "后宅街道", "城西街道", "廿三里街道", "福田街道", "佛堂镇",
    "赤岸镇", "义亭镇", "上溪镇", "苏溪镇", "大陈镇", "国际商贸城", "陆港", "高校", "律师协会", "外商之家",
    "市场监管", "人大代表")]
CHANNELS = ["网上", "座谈会", "信件", "电话", "导入"]
_OPENERS = ["建议", "我认为", "希望", "另外，", "同时，", "因此，", "但是，", "作为经营户，", "从实践看，"]


@cache
def _vocabulary(size: int = 60_000) -> tuple[list[str], list[int]]:
    """jieba's most frequent Chinese words with cumulative weights: text with a real word mix."""
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as dictionary:
        entries = (line.split()[:2] for line in dictionary)
        top = heapq.nlargest(size, ((int(frequency), word) for word, frequency in entries
                                    if all("\u4e00" <= ch <= "\u9fff" for ch in word)))
    return [word for _, word in top], list(accumulate(frequency for frequency, _ in top))


def comment_text(rng: random.Random) -> str:
    """A resident's comment of 50–300 characters: sentences on an article, words drawn by frequency."""
    words, weights = _vocabulary()
    target = rng.randint(50, 300)
    parts: list[str] = []
    size = 0
    while size < target:
        body = "".join(rng.choices(words, cum_weights=weights, k=rng.randint(6, 14)))
        sentence = f"{rng.choice(_OPENERS)}第{int_to_cn(rng.randint(1, ARTICLES))}条{body}{rng.choice('，。；')}"
        parts.append(sentence)
        size += len(sentence)
    return "".join(parts)[:target]


def _unique_text(rng: random.Random, pool: list[str]) -> str:
    """A fresh 50–300 character comment from two pooled ones: cheap, and no two rows alike."""
    return (pool[rng.randrange(len(pool))] + pool[rng.randrange(len(pool))])[: rng.randint(50, 300)]


@cache
def _texts() -> tuple[list[str], list[str]]:
    """Comments to draw from, and 20 form letters; made once, before anything is timed."""
    rng = random.Random(SEED)
    return [comment_text(rng) for _ in range(5_000)], [comment_text(rng) for _ in range(20)]


def synthetic_details(comments: int, groups: int):
    """The same comments on every call: 90 % on an article, 15 % form-letter copies, 35 % with a suggestion."""
    rng = random.Random(SEED)
    pool, letters = _texts()
    start = datetime(2024, 5, 1, 8, 0)
    for n in range(comments):
        group = rng.randrange(groups)
        copy = rng.random() < 0.15
        yield DetailRow(
            receipt=f"YW24{n:08d}",
            article_label=None if group < groups // 10 else f"第{int_to_cn(group % ARTICLES + 1)}条",
            text=letters[group % 20] if copy else _unique_text(rng, pool),
            suggestion=pool[(n * 7) % 5_000][:60] if rng.random() < 0.35 else "",
            reason=pool[(n * 13) % 5_000][:80] if rng.random() < 0.25 else "",
            identity=IDENTITIES[rng.randrange(len(IDENTITIES))],
            station=STATIONS[rng.randrange(len(STATIONS))],
            channel=CHANNELS[rng.randrange(len(CHANNELS))],
            submitted_at=start + timedelta(minutes=rng.randrange(30 * 24 * 60)),
            group=f"g{group}",
            duplicate_group=f"d{group % 20}" if copy else None,
            status="已上报",
        )


def report_inputs(comments: int, groups: int):
    """Header, opinion groups and statistics, counted in one pass as the database would."""
    sizes, copies = Counter(), Counter()
    identities, stations = {}, {}
    stats = {"station": Counter(), "identity": Counter(), "channel": Counter(), "day": Counter(),
             "article": Counter()}
    for row in synthetic_details(comments, groups):
        sizes[row.group] += 1
        copies[row.group] += row.duplicate_group is not None
        identities.setdefault(row.group, Counter())[row.identity] += 1
        stations.setdefault(row.group, Counter())[row.station] += 1
        for key, value in (("station", row.station), ("identity", row.identity), ("channel", row.channel),
                           ("day", row.submitted_at.date()), ("article", row.article_label)):
            stats[key][value] += 1
    entries = [
        ReportEntry(
            article_label=None if g < groups // 10 else f"第{int_to_cn(g % ARTICLES + 1)}条",
            article_order=g % ARTICLES + 1, original_text="第一款 经营者应当遵守法律法规，诚实守信。",
            summary=f"关于第{g}组意见的归纳：建议进一步明确经营者的义务和主管部门的职责。",
            identity_counts=identities[f"g{g}"], station_counts=stations[f"g{g}"],
            count=sizes[f"g{g}"], duplicate_count=copies[f"g{g}"], group=f"g{g}",
        )
        for g in range(groups) if sizes[f"g{g}"]
    ]
    header = ReportHeader(
        draft_title="义乌市市场经营者权益保护条例（草案）", contact_point="义乌市人大常委会基层立法联系点",
        opens=date(2024, 5, 1), closes=date(2024, 5, 31), report_date=date(2024, 6, 5),
        participants=comments, comments_received=comments, contact_name="王晓", contact_phone="0579-85123456",
    )
    statistics = StatsData(
        by_station=stats["station"], by_identity=stats["identity"], by_channel=stats["channel"],
        by_day=stats["day"],
        by_article=[ArticleCount(label=label, order=parse_article(label).number if label else 0, count=count)
                    for label, count in stats["article"].items()],
    )
    return header, entries, statistics


def timed(work) -> dict:
    """Wall and CPU seconds of `work`, with whatever facts it returns."""
    started, cpu = time.perf_counter(), time.process_time()
    extra = work() or {}
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, **extra}


def run_source(args) -> dict:
    _texts()
    return timed(lambda: {"rows": sum(1 for _ in synthetic_details(args.comments, args.groups))})


def run_report(args) -> dict:
    header, entries, stats = report_inputs(args.comments, args.groups)
    details = synthetic_details(args.comments, args.groups)
    return timed(lambda: {"sheets": write_report(args.out, header, entries, details, stats)})


def run_pandas(args) -> dict:
    import pandas as pd

    from legislink.reports.rows import DETAIL_HEADERS, build_detail_rows

    _texts()

    def work():
        rows = build_detail_rows(synthetic_details(args.comments, args.groups))
        next(rows)
        frame = pd.DataFrame([row.values for row in rows], columns=list(DETAIL_HEADERS))
        frame.to_excel(args.out, sheet_name="意见明细", index=False, engine="openpyxl")

    return timed(work)


def run_openpyxl(args) -> dict:
    from openpyxl import Workbook

    from legislink.reports.rows import build_detail_rows

    _texts()

    def work():
        workbook = Workbook(write_only=True)
        ws = workbook.create_sheet("意见明细")
        for row in build_detail_rows(synthetic_details(args.comments, args.groups)):
            ws.append([value if value != "" else None for value in row.values])
        workbook.save(args.out)

    return timed(work)


def import_choices() -> ImportChoices:
    return ImportChoices(identities=IDENTITIES, stations={f"S{n:02d}": s for n, s in enumerate(STATIONS)},
                         channels=CHANNELS)


def write_import_file(path: str, rows: int) -> None:
    """An import file as Excel saves one (shared strings, dates as date cells)."""
    from openpyxl import Workbook

    rng = random.Random(SEED)
    workbook = Workbook()
    ws = workbook.active
    ws.title = "意见录入"
    ws.append(list(IMPORT_HEADERS))
    for n in range(rows):
        ws.append([
            f"第{int_to_cn(rng.randint(1, ARTICLES))}条" if n % 3 else str(rng.randint(1, ARTICLES)),
            comment_text(rng), "", "", f"提出人{n}", rng.choice(IDENTITIES), rng.choice(STATIONS),
            f"138{rng.randrange(10**8):08d}", rng.choice(CHANNELS), datetime(2024, 5, 1 + n % 28),
        ])
    workbook.save(path)


def run_import(args) -> dict:
    data = Path(args.out).read_bytes()
    targets = {ArticleRef(n) for n in range(1, ARTICLES + 1)}
    return timed(lambda: {"rows": len(read_import(
        data, choices=import_choices(), article_exists=targets, max_rows=args.import_rows,
    ))})


CHILDREN = {
    "source": run_source, "report": run_report, "report-et": run_report, "openpyxl": run_openpyxl,
    "pandas": run_pandas, "import": run_import,
}


def run_child(variant: str, args, out: str) -> dict:
    """Run one variant in a fresh interpreter; peak RSS comes from that child's own rusage."""
    env = dict(os.environ, OPENPYXL_LXML="False" if variant == "report-et" else "True")
    command = [sys.executable, __file__, "--child", variant, "--out", out, "--comments", str(args.comments),
               "--groups", str(args.groups), "--import-rows", str(args.import_rows)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, env=env)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{variant} failed with exit code {child.returncode}")
    result = json.loads(output)
    result["peak_mb"] = usage.ru_maxrss / 1024
    result["file_mb"] = os.path.getsize(out) / 1e6 if os.path.exists(out) else 0.0
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--groups", type=int, default=800)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--variants", default="source,report,report-et,openpyxl,pandas,import")
    parser.add_argument("--child", choices=sorted(CHILDREN))
    parser.add_argument("--out")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(CHILDREN[args.child](args)))
        return
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'variant':<12} {'rows':>8} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} {'file MB':>8}", flush=True)
        for variant in args.variants.split(","):
            out = os.path.join(folder, f"{variant}.xlsx")
            rows = args.import_rows if variant == "import" else args.comments
            if variant == "import":
                write_import_file(out, rows)
            result = run_child(variant, args, out)
            print(f"{variant:<12} {rows:>8} {result['seconds']:>7.1f} {result['cpu']:>7.1f} "
                  f"{result['peak_mb']:>8.0f} {result['file_mb']:>8.1f}", flush=True)


if __name__ == "__main__":
    main()
