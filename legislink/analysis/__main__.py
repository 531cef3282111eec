"""python -m legislink.analysis LAW.txt COMMENTS.jsonl --json: the analysis without a database.

Reads only `id` and `text` (and stored `tokens`, if present) of each JSON line: any other field,
such as a labeled `article`, is deliberately ignored.
"""

import argparse
import json
import sys
from pathlib import Path

from legislink.analysis.engine import analyze, to_json
from legislink.analysis.model import AnalysisOptions, Article, Comment
from legislink.lawtext import parse_text


def load_articles(law_text: str) -> tuple[str, list[Article]]:
    """The draft's title and articles, from the project's parser."""
    parsed = parse_text(law_text)
    articles = [
        Article(label=a.label, number=a.number, sub=a.sub or 0, caption=a.caption or "",
                path=tuple(a.path), paragraphs=tuple(a.text.splitlines()))
        for a in parsed.articles if not getattr(a, "deleted", False)
    ]
    return parsed.title, articles


def load_comments(lines: list[str]) -> list[Comment]:
    comments = []
    for line in lines:
        if not line.strip():
            continue
        row = json.loads(line)
        tokens = row.get("tokens")
        comments.append(Comment(id=str(row["id"]), text=str(row["text"]),
                                tokens=tuple(tokens) if isinstance(tokens, list) else None))
    return comments


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m legislink.analysis", description=__doc__.splitlines()[0])
    parser.add_argument("law", type=Path)
    parser.add_argument("comments", type=Path)
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = parser.parse_args(argv)
    title, articles = load_articles(args.law.read_text(encoding="utf-8"))
    comments = load_comments(args.comments.read_text(encoding="utf-8").splitlines())
    result = analyze(articles, comments, options=AnalysisOptions(title=title))
    if args.json:
        json.dump(to_json(result), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for g in result.groups:
            print(f"{g.article or g.chapter or '总体'}\t{g.size}\t{' '.join(g.keywords)}\t{g.representative}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
