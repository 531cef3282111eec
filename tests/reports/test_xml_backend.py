"""The package writes Chinese as UTF-8, not as numeric entities, when it is imported before openpyxl."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

SCRIPT = """
import sys
import legislink.reports
from openpyxl import Workbook
workbook = Workbook(write_only=True)
workbook.create_sheet("s").append(["意见"])
workbook.save(sys.argv[1])
"""


def _written_sheet(tmp_path: Path, env: dict) -> str:
    path = tmp_path / "out.xlsx"
    subprocess.run([sys.executable, "-c", SCRIPT, str(path)], check=True, env=env, timeout=60)
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_importing_the_package_first_writes_chinese_as_utf8(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "OPENPYXL_LXML"}
    assert "<t>意见</t>" in _written_sheet(tmp_path, env)


def test_an_explicit_environment_choice_still_wins(tmp_path):
    env = dict(os.environ, OPENPYXL_LXML="True")
    assert "&#24847;&#35265;" in _written_sheet(tmp_path, env)
