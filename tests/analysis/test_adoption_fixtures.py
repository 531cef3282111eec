"""The labeled adoption sets under fixtures/adoption hold together: both texts parse, every label
names articles that exist, and every passage its evidence quotes is in one of the two texts."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from legislink.lawtext import parse_text, to_json

SETS = Path(__file__).parent / "fixtures" / "adoption"
SET_NAMES = sorted(p.name for p in SETS.iterdir() if (p / "comments.jsonl").exists())
VERDICT = {"adopted": "采纳", "partly": "部分采纳", "not": "未采纳"}


def _texts(folder: Path, shared: Path, tmp_path: Path) -> tuple[str, str]:
    if (folder / "build_final.py").exists():
        final = tmp_path / "final.txt"
        subprocess.run([sys.executable, str(folder / "build_final.py"), str(final), "--shared", str(shared)],
                       check=True, capture_output=True)
        source = json.loads((folder / "edits.json").read_text(encoding="utf-8"))["source"]
        return (shared / "laws" / source).read_text(encoding="utf-8"), final.read_text(encoding="utf-8")
    return ((folder / "consulted.txt").read_text(encoding="utf-8"),
            (folder / "final.txt").read_text(encoding="utf-8"))


def _articles(text: str) -> dict[int, str]:
    parsed = to_json(parse_text(text))
    assert parsed["warnings"] == []
    numbers = [a["number"] for a in parsed["articles"]]
    assert numbers == list(range(1, len(numbers) + 1))
    return {a["number"]: "".join(a["paragraphs"]) for a in parsed["articles"]}


@pytest.mark.parametrize("name", SET_NAMES)
def test_labels_point_at_real_articles_and_quote_both_texts(name, shared_dir, tmp_path):
    folder = SETS / name
    consulted, final = (_articles(t) for t in _texts(folder, shared_dir, tmp_path))
    both = "".join(consulted.values()) + "".join(final.values())
    rows = [json.loads(line) for line in (folder / "comments.jsonl").read_text(encoding="utf-8").splitlines()]
    assert 60 <= len(rows) <= 100
    assert len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        assert row["outcome"] in VERDICT, row["id"]
        assert row["article"] is None or row["article"] in consulted, row["id"]
        assert all(n in final for n in row["final_articles"]), row["id"]
        assert row["evidence"].rstrip("。").endswith(VERDICT[row["outcome"]]), row["id"]
        if row["outcome"] == "adopted":
            assert not row["evidence"].rstrip("。").endswith(("部分采纳", "未采纳")), row["id"]
        quotes = re.findall(r"“([^”]+)”", row["evidence"])
        assert quotes, row["id"]
        missing = [q for q in quotes if q not in both]
        assert missing == [], row["id"]
