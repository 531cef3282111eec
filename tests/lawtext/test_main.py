"""`python -m legislink.lawtext FILE` prints the drafts-parse JSON, or a clear error."""

import json
import subprocess
import sys

from legislink.lawtext.__main__ import main
from tests.lawtext.helpers import FIXTURES


def test_module_prints_the_parse_json_of_a_file():
    path = FIXTURES / "volunteer_regulation_draft.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "legislink.lawtext", str(path)], capture_output=True, check=True, timeout=60
    )
    data = json.loads(proc.stdout.decode("utf-8"))
    assert data["title"] == "青山市社区志愿服务促进条例（草案征求意见稿）"
    assert [a["label"] for a in data["articles"]][-2:] == ["第十二条", "第十三条"]


def test_unreadable_file_exits_with_the_error_code_and_no_traceback(tmp_path, capsys):
    path = tmp_path / "draft.docx"
    path.write_bytes(b"this is not a word document")
    assert main([str(path), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "invalid_docx" in captured.err
    assert "Traceback" not in captured.err


def test_text_without_articles_exits_with_no_articles(tmp_path, capsys):
    path = tmp_path / "draft.txt"
    path.write_text("一段没有条文的文字。", encoding="utf-8")
    assert main([str(path)]) == 1
    assert "no_articles" in capsys.readouterr().err


def test_missing_file_exits_with_2(tmp_path, capsys):
    assert main([str(tmp_path / "absent.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err
