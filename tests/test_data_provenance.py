"""Every data file says where its entries come from: each file of a data or fixtures folder is
named in that folder's README.md, which says where it comes from and how to regenerate it."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _data_folders() -> list[Path]:
    roots = {p for base in ("legislink", "tests") for name in ("data", "fixtures")
             for p in (ROOT / base).rglob(name) if p.is_dir() and "__pycache__" not in p.parts}
    # a set of its own below a data folder (fixtures/adoption/grow_half) answers for its files too
    below = {p for root in roots for p in root.rglob("*") if p.is_dir() and "__pycache__" not in p.parts
             and any(f.is_file() for f in p.iterdir())}
    return sorted(roots | below)


@pytest.mark.parametrize("folder", _data_folders(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_data_file_is_described_where_it_lies(folder):
    readme = folder / "README.md"
    described = readme.read_text(encoding="utf-8") if readme.exists() else ""
    files = [p for p in folder.iterdir() if p.is_file() and p.name != "README.md"]
    undescribed = [p.name for p in files if p.name not in described]
    assert files, f"{folder} holds no data file"
    assert undescribed == [], f"say in {readme.relative_to(ROOT)} where these come from"
