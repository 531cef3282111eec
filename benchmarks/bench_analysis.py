"""Benchmark of the comment analysis against a plain TF-IDF + k-means baseline.

usage: python benchmarks/bench_analysis.py [--law LAW.txt] [--n 100000] [--articles 50] [--million]
                                           [--no-baseline]

Prints two tables. Speed: segmentation alone (comments/s), then the whole analysis on N
synthetic comments with tokens precomputed (they are stored when a comment is saved), each run in
a fresh process so that its peak memory (ru_maxrss) is its own, with the form letters it found scored
pair by pair against the generator's truth (gen_comments.letter_pairs); `--million` adds 1,000,000
comments. Quality: the engine and the baseline on the labeled sets (../shared's sample when
present, and tests/analysis/fixtures), scored with ../shared/tools/score_analysis.py's metrics.
Generated comments and their tokens are cached under benchmarks/out/.
"""

import argparse
import contextlib
import hashlib
import importlib.util
import io
import json
import math
import multiprocessing
import re
import resource
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np
from sklearn.cluster import MiniBatchKMeans
from sklearn.feature_extraction.text import TfidfVectorizer

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import gen_comments  # noqa: E402

from legislink.analysis import AnalysisOptions, Comment, Segmenter, analyze, to_json  # noqa: E402
from legislink.analysis.__main__ import load_articles  # noqa: E402
from legislink.analysis.text import letters_and_digits, normalize  # noqa: E402
from legislink.lawtext.numerals import cn_to_int  # noqa: E402

SHARED = ROOT.parent / "shared"
OUT = ROOT / "benchmarks" / "out"
FIXTURES = ROOT / "tests" / "analysis" / "fixtures"
LABELED = [
    (SHARED / "laws" / "jiating_jiaoyu_cujin_fa_2021.txt", SHARED / "samples" / "jiating_jiaoyu_comments.jsonl"),
    *((FIXTURES / law if "/" in law else SHARED / "laws" / law, FIXTURES / labels)
      for labels, law in json.loads((FIXTURES / "sets.json").read_text(encoding="utf-8")).items()),
]
_SEGMENTER: Segmenter | None = None


def _tokens(text: str) -> list[str]:
    global _SEGMENTER  # one segmenter per worker process
    if _SEGMENTER is None:
        _SEGMENTER = Segmenter(OUT / "jieba")
    return _SEGMENTER.tokens(text)


def synthetic(law: Path, n: int, articles: int) -> Path:
    """N generated comments with their tokens, cached as JSON lines (named by the generator's source too: a
    changed generator is a new load)."""
    made_by = hashlib.sha256(Path(gen_comments.__file__).read_bytes()).hexdigest()[:8]
    path = OUT / f"{law.stem}_{n}_{articles}_{made_by}.jsonl"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    _, parsed = load_articles(law.read_text(encoding="utf-8"))
    rows = list(gen_comments.generate(parsed[:articles], n, seed=1))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        tokens = pool.map(_tokens, [r["text"] for r in rows], chunksize=500)
    with path.open("w", encoding="utf-8") as f:
        for row, toks in zip(rows, tokens, strict=True):
            f.write(json.dumps({"id": row["id"], "text": row["text"], "tokens": toks, "truth": row["truth"]},
                               ensure_ascii=False) + "\n")
    return path


def _load(path: Path) -> list[Comment]:
    comments = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            comments.append(Comment(id=row["id"], text=row["text"], tokens=tuple(row["tokens"])))
    return comments


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _children_peak_mb() -> float:
    """The peak of the largest process the run forked (the engine's second process: analysis/engine.py), counting
    the pages it still shares with this one."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _run_engine(law: Path, data: Path, articles: int, queue: multiprocessing.Queue) -> None:
    title, parsed = load_articles(law.read_text(encoding="utf-8"))
    comments = _load(data)
    segmenter = Segmenter(OUT / "jieba")
    start = time.perf_counter()
    result = analyze(parsed[:articles], comments, options=AnalysisOptions(title=title), segmenter=segmenter)
    seconds = time.perf_counter() - start
    peak, second = _peak_mb(), _children_peak_mb()
    with data.open(encoding="utf-8") as f:
        truth = {row["id"]: row["truth"] for row in map(json.loads, f)}
    pairs = gen_comments.letter_pairs(truth, [g.members for g in result.duplicate_groups])
    queue.put((seconds, peak, second, len(result.groups), len(result.duplicate_groups), pairs))


def _run_baseline(law: Path, data: Path, articles: int, queue: multiprocessing.Queue) -> None:
    _, parsed = load_articles(law.read_text(encoding="utf-8"))
    comments = _load(data)
    start = time.perf_counter()
    result = baseline(parsed[:articles], comments, with_duplicates=False)
    seconds = time.perf_counter() - start
    queue.put((seconds, _peak_mb(), _children_peak_mb(), len({c["group"] for c in result["comments"]}), 0, None))


def isolated(target, *args) -> tuple:
    """Run `target` in a fresh process; its time, its peak memory and that of the process it forked, groups,
    duplicate groups and their pair precision and recall against the generator's truth (None if not scored)."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    process = ctx.Process(target=target, args=(*args, queue))
    process.start()
    outcome = queue.get()
    process.join()
    return outcome


_EXPLICIT = re.compile(r"第([零〇一二两三四五六七八九十百千0-9]+)[条條]")


def baseline(articles, comments, *, with_duplicates: bool = True) -> dict:
    """The plain script: explicit-reference regex, TF-IDF similarity, 3-gram Jaccard, k-means."""
    docs = [" ".join(c.tokens) for c in comments]
    vectorizer = TfidfVectorizer(analyzer=str.split)
    matrix = vectorizer.fit_transform(docs + [" ".join(_tokens(a.text)) for a in articles])
    comment_rows, article_rows = matrix[:len(docs)], matrix[len(docs):]
    similarity = (comment_rows @ article_rows.T).toarray()
    labels = {a.number: a.label for a in articles}
    attributed = []
    for c, row in zip(comments, similarity, strict=True):
        m = _EXPLICIT.search(normalize(c.text))
        number = cn_to_int(m.group(1)) if m else None
        if number in labels:
            attributed.append(labels[number])
        else:
            attributed.append(articles[int(row.argmax())].label if row.max() > 0.1 else None)
    groups = _kmeans_groups(comment_rows, attributed)
    duplicates = _jaccard_duplicates(comments) if with_duplicates else {}
    return {"comments": [
        {"id": c.id, "article": attributed[i], "group": groups[i], "duplicate_group": duplicates.get(i),
         "offtopic": len(letters_and_digits(normalize(c.text))) < 6, "keywords": []}
        for i, c in enumerate(comments)]}


def _kmeans_groups(rows, attributed) -> list[str]:
    by_article = defaultdict(list)
    for i, a in enumerate(attributed):
        by_article[a].append(i)
    groups = [""] * len(attributed)
    for article, idx in by_article.items():
        k = max(1, min(len(idx), math.ceil(len(idx) / 8)))
        model = MiniBatchKMeans(n_clusters=k, random_state=0, n_init=1)
        labels = model.fit_predict(rows[idx]) if k > 1 else [0] * len(idx)
        for i, label in zip(idx, labels, strict=True):
            groups[i] = f"{article}:{label}"
    return groups


def _jaccard_duplicates(comments) -> dict[int, str]:
    texts = (letters_and_digits(normalize(c.text)) for c in comments)
    shingles = [{s[k:k + 3] for k in range(len(s) - 2)} for s in texts]
    parent = list(range(len(comments)))
    for i, j in combinations(range(len(comments)), 2):
        a, b = shingles[i], shingles[j]
        if a and b and len(a & b) / len(a | b) >= 0.5:
            parent[j] = parent[i] = min(parent[i], parent[j])
    sizes = np.bincount(parent)
    return {i: f"d{p}" for i, p in enumerate(parent) if sizes[p] > 1}


def _score_module():
    path = SHARED / "tools" / "score_analysis.py"
    spec = importlib.util.spec_from_file_location("score_analysis", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def quality(score) -> list[tuple[str, str, dict]]:
    rows = []
    segmenter = Segmenter(OUT / "jieba")
    for law, labels_path in LABELED:
        if not (law.exists() and labels_path.exists()):
            continue
        labels = [json.loads(line) for line in labels_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        comments = [Comment(id=x["id"], text=x["text"], tokens=tuple(segmenter.tokens(x["text"]))) for x in labels]
        title, articles = load_articles(law.read_text(encoding="utf-8"))
        results = {"engine": to_json(analyze(articles, comments, options=AnalysisOptions(title=title),
                                             segmenter=segmenter)),
                   "baseline": baseline(articles, comments)}
        for name, result in results.items():
            rows.append((labels_path.stem, name, _metrics(score, labels, result)))
    return rows


def _metrics(score, labels, result) -> dict:
    tmp = OUT / "result.json"
    tmp.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    labels_tmp = OUT / "labels.jsonl"
    labels_tmp.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in labels), encoding="utf-8")
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        score.main(["score", str(labels_tmp), str(tmp), "--json"])
    return json.loads(buffer.getvalue())


def segmentation_speed(data: Path, sample: int = 5000) -> float:
    texts = [json.loads(line)["text"] for line in data.read_text(encoding="utf-8").splitlines()[:sample]]
    segmenter = Segmenter(OUT / "jieba")
    segmenter.tokens("预热")
    start = time.perf_counter()
    for t in texts:
        segmenter.tokens(t)
    return len(texts) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--law", type=Path, default=SHARED / "laws" / "dianzishangwu_2018.txt")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--million", action="store_true", help="also analyse 1,000,000 comments")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)
    sizes = [args.n] + ([1_000_000] if args.million else [])
    print("| run | comments | seconds | comments/s | peak MB | second process peak MB | opinion groups "
          "| form-letter groups | form-letter pairs P / R (generated truth) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for n in sizes:
        data = synthetic(args.law, n, args.articles)
        if n == sizes[0]:
            print(f"| segmentation (jieba, 1 core) | 5000 | | {segmentation_speed(data):,.0f} | | | | | |")
        runs = [("engine", _run_engine)] + ([] if args.no_baseline else [("baseline tf-idf + k-means", _run_baseline)])
        for name, target in runs:
            seconds, peak, second, groups, dups, pairs = isolated(target, args.law, data, args.articles)
            scored = f"{pairs[0]:.4f} / {pairs[1]:.4f}" if pairs else ""
            print(f"| {name} | {n:,} | {seconds:.1f} | {n / seconds:,.0f} | {peak:,.0f} | {second:,.0f} | {groups:,} "
                  f"| {dups:,} | {scored} |", flush=True)
    if (SHARED / "tools" / "score_analysis.py").exists():
        keys = ["attribution_explicit", "attribution_implicit", "offtopic_precision", "offtopic_recall",
                "duplicate_precision", "duplicate_f1", "grouping_ari"]
        print()
        print("| labeled set | method | " + " | ".join(keys) + " |")
        print("|---|---|" + "---:|" * len(keys))
        for set_name, method, metrics in quality(_score_module()):
            print(f"| {set_name} | {method} | " + " | ".join(str(metrics.get(k)) for k in keys) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
