"""pyproject.toml declares what the code imports, no more and no less, each with an upper bound."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

# Declared but never imported by name, each for a reason pyproject.toml also gives.
RUNTIME_UNIMPORTED = {"psycopg", "defusedxml", "tzdata"}
TEST_UNIMPORTED = {"pytest-cov", "pytest-xdist", "ruff", "build", "uv"}
# Calendar-versioned data: every newer year is wanted.
UNBOUNDED = {"tzdata"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _name(requirement: str) -> str:
    return _canonical(re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement).group())


def _declared(requirements: list[str]) -> set[str]:
    return {_name(r) for r in requirements}


def _imported(*folders: str) -> set[str]:
    """The distributions that provide the third-party modules imported under these folders."""
    local = {p.stem for folder in folders for p in (ROOT / folder).rglob("*.py")} | {"legislink", "tests"}
    modules = set()
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules.add(node.module.split(".")[0])
    third_party = modules - set(sys.stdlib_module_names) - local - {"__future__"}
    providers = packages_distributions()
    missing = sorted(m for m in third_party if m not in providers)
    assert not missing, f"no installed distribution provides {missing}"
    return {_canonical(dist) for module in third_party for dist in providers[module]}


def test_the_package_declares_exactly_what_it_imports():
    declared = _declared(PROJECT["dependencies"])
    imported = _imported("legislink")
    assert imported - declared == set(), "imported but not declared in [project] dependencies"
    assert declared - imported - RUNTIME_UNIMPORTED == set(), "declared but never imported: remove it"


def test_the_test_extra_declares_what_tests_and_benchmarks_import_beyond_the_package():
    runtime = _declared(PROJECT["dependencies"])
    declared = _declared(PROJECT["optional-dependencies"]["test"])
    imported = _imported("tests", "benchmarks") - runtime
    assert imported - declared == set(), "imported by tests or benchmarks but not declared in the test extra"
    assert declared - imported - TEST_UNIMPORTED == set(), "declared in the test extra but never imported"


@pytest.mark.parametrize("requirement", [r for r in PROJECT["dependencies"] + PROJECT["optional-dependencies"]["test"]
                                         if _name(r) not in UNBOUNDED])
def test_every_dependency_stops_before_the_next_major_release(requirement):
    assert re.search(r">=[^,]+,\s*<", requirement), f"{requirement}: give a lower and an upper bound (>=x,<y)"
