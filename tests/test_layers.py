"""The rules of the layers, read from the code itself: one place ends a unit of work, views leave
refusals to the request boundary, and services take their settings as arguments."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "legislink"


def _modules(*parts: str) -> list[Path]:
    return sorted(p for p in PACKAGE.joinpath(*parts).rglob("*.py") if "migrations" not in p.parts)


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"


def _calls_to(path: Path, names: set[str]) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [_where(path, node) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in names
            and ast.unparse(node.func.value) == "db.session"]


BOUNDARIES = {PACKAGE / "unit_of_work.py", PACKAGE / "web" / "boundary.py"}


def test_only_the_unit_of_work_commits_or_rolls_back():
    found = [where for path in _modules() if path not in BOUNDARIES
             for where in _calls_to(path, {"commit", "rollback"})]
    assert found == [], "end the unit of work in legislink/unit_of_work.py (web: boundary, CLI: command_unit)"


def test_views_leave_refusals_to_the_request_boundary():
    caught = []
    for path in _modules("web"):
        if path.name == "boundary.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and node.type is not None and any(
                    name in ast.unparse(node.type) for name in ("ServiceError", "ReportsError", "ImportRejected")):
                caught.append(_where(path, node))
    assert caught == [], "catch a refusal with `with boundary.refusal() as refused:`"


@pytest.mark.parametrize("part", ["services", "lawtext", "analysis", "reports"])
def test_services_and_domain_modules_take_their_settings_as_arguments(part):
    reads = [_where(path, node) for path in _modules(part)
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Name) and node.id == "current_app"]
    assert reads == [], "let the face (view, command, worker) pass the setting in"
